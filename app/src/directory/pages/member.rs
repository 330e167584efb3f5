//! `/annuaire/:id`: a member's page, with what they chose to show.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::directory::api::profiles::get_member;
use crate::directory::model::MemberPage;
use crate::directory::pages::search::{place_of, Avatar};
use crate::directory::texts::DirTexts;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::feedback::Loaded;
use crate::platform::ui::markdown::Markdown;

#[component]
pub fn MemberPageView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let page = LocalResource::new(move || get_member(params.with(|p| p.get("id").unwrap_or_default())));
    view! {
        <p>
            <a href="/annuaire">{move || i18n.tr::<DirTexts>().back}</a>
        </p>
        <Loaded resource=page render={move |m: MemberPage| view! { <MemberDetails page=m /> }} />
    }
}

#[component]
fn MemberDetails(page: MemberPage) -> impl IntoView {
    let i18n = use_i18n();
    let card = page.card.clone();
    let place = place_of(&card);
    let since = card.member_since.clone();
    let years = card.seniority_years;
    let has_contact =
        page.email.is_some() || page.chat.is_some() || page.phone.is_some() || !page.links.is_empty();
    let open = card.open_to_missions == Some(true);
    let hours = card.hours_per_month;
    let languages = card.languages.clone();
    let is_self = page.is_self;
    view! {
        <article class="member-page">
            <header class="member-head">
                <Avatar name=card.display_name.clone() photo=card.photo.clone() size="large" />
                <div>
                    <h1>{card.display_name.clone()}</h1>
                    {card.pronouns.clone().map(|p| view! { <p class="muted">{p}</p> })}
                    <p>{card.profession.clone()}</p>
                    <p>{place}</p>
                    {since
                        .map(|d| {
                            view! { <p class="muted">{move || (i18n.tr::<DirTexts>().since)(&d, years)}</p> }
                        })}
                </div>
            </header>
            <Show when=move || is_self>
                <p class="alert info">
                    {move || i18n.tr::<DirTexts>().self_note} " "
                    <a href="/profil">{move || i18n.tr::<DirTexts>().edit_mine}</a>
                </p>
            </Show>
            <div class="grid">
                <section class="card">
                    <h2>{move || i18n.tr::<DirTexts>().contact}</h2>
                    {if has_contact {
                        view! {
                            <ul class="plain-list contact">
                                {page
                                    .email
                                    .clone()
                                    .map(|e| {
                                        let href = format!("mailto:{e}");
                                        view! {
                                            <li>
                                                <a class="button primary" href=href>
                                                    {move || i18n.tr::<DirTexts>().write}
                                                </a>
                                                " "
                                                {e}
                                            </li>
                                        }
                                    })}
                                {page
                                    .chat
                                    .clone()
                                    .map(|c| {
                                        view! {
                                            <li>{move || i18n.tr::<DirTexts>().field("chat")} " : " {c}</li>
                                        }
                                    })}
                                {page
                                    .phone
                                    .clone()
                                    .map(|p| {
                                        let href = format!("tel:{}", p.replace(' ', ""));
                                        view! {
                                            <li>
                                                <a href=href>{p}</a>
                                            </li>
                                        }
                                    })}
                                {page
                                    .links
                                    .iter()
                                    .cloned()
                                    .map(|l| {
                                        let href = l.clone();
                                        view! {
                                            <li>
                                                <a href=href rel="nofollow noopener noreferrer">
                                                    {l}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    } else {
                        view! { <p class="muted">{move || i18n.tr::<DirTexts>().no_contact}</p> }.into_any()
                    }}
                    <Show when=move || open || hours.is_some()>
                        <p>
                            {move || hours.map(|h| (i18n.tr::<DirTexts>().hours)(h))} " "
                            <Show when=move || open>
                                <span class="badge open">{move || i18n.tr::<DirTexts>().open_badge}</span>
                            </Show>
                        </p>
                    </Show>
                    <p class="muted">
                        {move || {
                            languages
                                .iter()
                                .map(|l| i18n.tr::<DirTexts>().value("language", l))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }}
                    </p>
                </section>
                <section class="card">
                    <h2>{move || i18n.tr::<DirTexts>().about}</h2>
                    {page.bio.clone().map(|text| view! { <Markdown text /> })}
                    <p>{card.domains.join(", ")}</p>
                    <ul class="tags">
                        {card
                            .skills
                            .iter()
                            .cloned()
                            .map(|s| view! { <li class="tag">{s}</li> })
                            .collect_view()}
                    </ul>
                </section>
                <section class="card">
                    <h2>{move || i18n.tr::<DirTexts>().missions}</h2>
                    {if page.missions.is_empty() {
                        view! { <p class="muted">{move || i18n.tr::<DirTexts>().no_missions}</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {page
                                    .missions
                                    .iter()
                                    .cloned()
                                    .map(|(id, title)| {
                                        let href = format!("/missions/{id}");
                                        view! {
                                            <li>
                                                <a href=href>{title}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </section>
            </div>
        </article>
    }
}
