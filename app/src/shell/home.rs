use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::directory::api::profiles::profile_completion;
use crate::directory::model::Completion;
use crate::directory::texts::DirTexts;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::session::use_session;
use crate::shell::texts::ShellTexts;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user = move || session.user();
    let greeting =
        move || (i18n.tr::<ShellTexts>().home_greeting)(&user().map(|u| u.display_name).unwrap_or_default());
    let roles = move || {
        user()
            .map(|u| {
                u.roles
                    .iter()
                    .map(|r| i18n.label(r.code()))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    view! {
        <h1>{greeting}</h1>
        <p class="intro">{move || i18n.tr::<ShellTexts>().home_intro}</p>
        <p class="muted">{move || i18n.tr::<ShellTexts>().your_roles} " : " {roles}</p>
        <ProfileNudge />
        <div class="grid">
            <Tile
                href="/annuaire"
                title={i18n.text::<ShellTexts>(|t| t.nav_directory)}
                text=|t| t.home_directory
            />
            <Tile href="/besoins" title={i18n.text::<ShellTexts>(|t| t.nav_needs)} text=|t| t.home_needs />
            <Tile
                href="/missions"
                title={i18n.text::<ShellTexts>(|t| t.nav_missions)}
                text=|t| t.home_missions
            />
            <Tile
                href="/support"
                title={i18n.text::<CommonTexts>(|t| t.nav_support)}
                text=|t| t.home_support
            />
        </div>
    }
}

#[component]
fn Tile(
    href: &'static str,
    title: Signal<&'static str>,
    text: fn(&ShellTexts) -> &'static str,
) -> impl IntoView {
    let text = use_i18n().text(text);
    view! {
        <A href=href attr:class="card tile">
            <h2>{title}</h2>
            <p class="muted">{text}</p>
        </A>
    }
}

/// Until the profile is complete: how far it is and what is missing, with
/// the way to the profile (members rarely open their profile on their own).
#[component]
fn ProfileNudge() -> impl IntoView {
    let i18n = use_i18n();
    // A plain signal filled once, not a resource: this page is in the first
    // load, where a resource's machinery costs about 10 KB.
    let completion = RwSignal::new(None::<Completion>);
    spawn_local(async move {
        if let Ok(c) = profile_completion().await {
            completion.set(Some(c));
        }
    });
    move || {
        let c = completion.get()?;
        if c.missing.is_empty() {
            return None;
        }
        let fields = move || {
            c.missing
                .iter()
                .map(|f| i18n.tr::<DirTexts>().field(f))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(view! {
            <section class="card completeness" aria-labelledby="nudge-title">
                <h2 id="nudge-title">{move || (i18n.tr::<DirTexts>().completeness)(c.percent)}</h2>
                <progress max="100" value=c.percent.to_string() aria-labelledby="nudge-title"></progress>
                <p>{move || i18n.tr::<DirTexts>().nudge} " " {fields}</p>
                <p>
                    <A href="/profil" attr:class="button primary">
                        {move || i18n.tr::<ShellTexts>().complete_profile}
                    </A>
                </p>
            </section>
        })
    }
}
