//! The people around a card: the board names and removes its pilots (picked
//! from the directory) and archives it; board and pilots talk in the card's
//! conversation, which follows new messages live.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::directory::api::members::search_members;
use crate::directory::model::MemberCard;
use crate::missions::api::{
    card_conversation, name_pilot, post_card_message, remove_pilot, set_mission_status,
};
use crate::missions::model::{CardMessage, MissionCard, MissionStatus, PersonRef};
use crate::missions::texts::MissionTexts;
use crate::notifications::live::use_live;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::page::Page;
use crate::platform::ui::feedback::{on_result, ErrorNote, Loaded};
use crate::platform::ui::form::{submit_to, ActionButton, LabelledText, SubmitButton};

/// Names, each a link to the member's page when they have one.
#[component]
pub fn PeopleLinks(people: Vec<PersonRef>) -> impl IntoView {
    people
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let name = match p.id {
                Some(id) => view! { <A href=format!("/annuaire/{id}")>{p.name}</A> }.into_any(),
                None => p.name.into_any(),
            };
            view! {
                {(i > 0).then_some(", ")}
                {name}
            }
        })
        .collect_view()
}

/// The board's tools on a card: its pilots (remove one, name another from
/// the directory) and archiving.
#[component]
pub(super) fn StaffTools(
    card: MissionCard,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let id = card.id.clone();
    let name = Action::new_local(move |(who, role): &(String, &'static str)| {
        name_pilot(id.clone(), who.clone(), role.to_string())
    });
    on_result(name, error, move |()| reload());
    let id = card.id.clone();
    let remove = Action::new_local(move |who: &String| remove_pilot(id.clone(), who.clone()));
    on_result(remove, error, move |()| reload());
    let (id, version) = (card.id.clone(), card.version);
    let archive = Action::new_local(move |_: &()| {
        set_mission_status(id.clone(), version, "archived".into(), String::new())
    });
    on_result(archive, error, move |()| reload());
    let named: Vec<PersonRef> = card.pilots.into_iter().filter(|p| p.id.is_some()).collect();
    let can_archive = matches!(
        card.status,
        MissionStatus::Approved | MissionStatus::Active | MissionStatus::Completed | MissionStatus::Rejected
    );
    let search = RwSignal::new(String::new());
    let asked = RwSignal::new(None::<String>);
    let found = LocalResource::new(move || {
        let text = asked.get();
        async move {
            match text {
                Some(text) => search_members(Some(text), None, Some(1)).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="card no-print staff-tools" aria-labelledby="staff-title">
            <h2 id="staff-title">{move || i18n.tr::<MissionTexts>().staff_title}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            {if named.is_empty() {
                view! { <p class="empty">{move || i18n.tr::<MissionTexts>().staff_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {named
                            .into_iter()
                            .map(|p| {
                                let who = p.id.clone().unwrap_or_default();
                                let label = p.name.clone();
                                view! {
                                    <li>
                                        <PeopleLinks people=vec![p] />
                                        " "
                                        <ActionButton action=remove class="secondary" input=who>
                                            {move || (i18n.tr::<MissionTexts>().remove_pilot)(&label)}
                                        </ActionButton>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p class="muted">{move || i18n.tr::<MissionTexts>().staff_note}</p>
            <form
                class="inline"
                role="search"
                on:submit=move |ev| {
                    ev.prevent_default();
                    asked.set(Some(search.get_untracked()));
                }
            >
                <label for="staff-search">{move || i18n.tr::<MissionTexts>().staff_search}</label>
                <input id="staff-search" type="search" bind:value=search />
                <SubmitButton class="secondary" text={i18n.text::<MissionTexts>(|t| t.staff_find)} />
            </form>
            <Loaded
                resource=found
                render={move |page: Option<Page<MemberCard>>| {
                    page.map(|page| {
                        if page.items.is_empty() {
                            return view! {
                                <p class="empty">{move || i18n.tr::<MissionTexts>().staff_no_match}</p>
                            }
                                .into_any();
                        }
                        view! {
                            <ul class="plain-list staff-found">
                                {page
                                    .items
                                    .into_iter()
                                    .map(|m| {
                                        view! {
                                            <li>
                                                <strong>{m.display_name}</strong>
                                                " "
                                                <span class="muted">{m.region.unwrap_or_default()}</span>
                                                " "
                                                <ActionButton
                                                    action=name
                                                    class="primary"
                                                    input={(m.id.clone(), "pilot")}
                                                >
                                                    {move || i18n.tr::<MissionTexts>().name_pilot}
                                                </ActionButton>
                                                " "
                                                <ActionButton
                                                    action=name
                                                    class="secondary"
                                                    input={(m.id.clone(), "copilot")}
                                                >
                                                    {move || i18n.tr::<MissionTexts>().name_copilot}
                                                </ActionButton>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    })
                }}
            />
            {can_archive
                .then(|| {
                    view! {
                        <p>
                            <ActionButton action=archive class="secondary">
                                {move || i18n.tr::<MissionTexts>().archive}
                            </ActionButton>
                        </p>
                    }
                })}
        </section>
    }
}

/// The card's board–pilots conversation, fetched again when a message
/// arrives (live); what is being typed stays put meanwhile.
#[component]
pub fn Conversation(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let key = id.clone();
    // Moves only on an event that may concern this card: the review page's
    // other conversations stay as they are.
    let card = id.clone();
    let heard = Memo::new(move |before: Option<&u64>| {
        live.missions.with(|ping| match before {
            Some(&count) if !ping.concerns(&card) => count,
            _ => ping.count,
        })
    });
    let entries = LocalResource::new(move || {
        heard.track();
        card_conversation(key.clone())
    });
    // Keyed by the card: the review page shows several conversations.
    let (section, title, field) = (
        format!("conversation-{id}"),
        format!("conversation-title-{id}"),
        format!("conversation-text-{id}"),
    );
    let labelled_by = title.clone();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let send = Action::new_local(move |_: &()| post_card_message(id.clone(), text.get_untracked()));
    on_result(send, error, move |()| {
        text.set(String::new());
        entries.refetch();
    });
    view! {
        <section id=section class="card no-print conversation" aria-labelledby=labelled_by>
            <h2 id=title>{move || i18n.tr::<MissionTexts>().conversation}</h2>
            <p class="muted">{move || i18n.tr::<MissionTexts>().conversation_note}</p>
            <Loaded resource=entries render={move |entries: Vec<CardMessage>| view! { <Thread entries /> }} />
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <form class="stack" on:submit=submit_to(send)>
                <LabelledText id=field label={i18n.text::<MissionTexts>(|t| t.your_message)} value=text />
                <SubmitButton text={i18n.text::<MissionTexts>(|t| t.send_message)} />
            </form>
        </section>
    }
}

#[component]
fn Thread(entries: Vec<CardMessage>) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<MissionTexts>().conversation_empty}</p> }
            .into_any();
    }
    view! {
        <ol class="thread plain-list">
            {entries
                .into_iter()
                .map(|e| {
                    let side = e.from_board;
                    let decision = e.decision;
                    view! {
                        <li class="thread-item" class:event=decision.is_some()>
                            <p class="thread-meta">
                                <time>{e.at.get(0..10).unwrap_or_default().to_string()}</time>
                                " — "
                                <strong>{e.by}</strong>
                                " ("
                                {move || {
                                    let t = i18n.tr::<MissionTexts>();
                                    if side { t.conversation_board } else { t.conversation_pilots }
                                }}
                                ")"
                                {decision
                                    .map(|kind| {
                                        view! {
                                            " · "
                                            {move || i18n.label(kind.code())}
                                        }
                                    })}
                            </p>
                            <p class="message-body">{e.text}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
