//! One mission card: the sheet laid out like the association's own, its
//! seats, team and history, applying, and the pilots' tools.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::missions::api::{
    answer_application, apply_mission, get_mission, post_progress, set_mission_status,
};
use crate::missions::model::MissionDraft;
use crate::missions::model::MissionStatus;
use crate::missions::model::{ApplicationStatus, MissionCard, MissionEvent, PersonRef};
use crate::missions::pages::people::{Conversation, PeopleLinks, StaffTools};
use crate::missions::texts::MissionTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::feedback::{on_result, CodeBadge, ErrorNote, Loaded, Table};
use crate::platform::ui::form::{submit_to, submit_with, ActionButton, LabelledText, SubmitButton};

/// One card, laid out like the association's own (the CADRAGE table).
#[component]
pub fn MissionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let mission = LocalResource::new(move || get_mission(params.with(|p| p.get("id").unwrap_or_default())));
    let reload = move || mission.refetch();
    view! {
        <p class="no-print">
            <A href="/missions">{move || i18n.tr::<MissionTexts>().back_to_missions}</A>
        </p>
        <Loaded resource=mission render={move |card: MissionCard| view! { <MissionView card reload /> }} />
    }
}

#[component]
pub(super) fn MissionView(
    card: MissionCard,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let edit_href = format!("/missions/{}/modifier", card.id);
    let can_edit = card.can_edit;
    let open = card.status.is_open();
    let already = !card.applications.is_empty() || card.is_pilot;
    let draft = card.draft();
    let (pilots, referent, status) = (card.pilots.clone(), card.board_referent.clone(), card.status);
    let series = card.series.clone();
    view! {
        <article class="mission-print">
            <MissionSheet draft series pilots referent status />
            <p class="no-print actions">
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        let _ = window().print();
                    }
                >
                    {move || i18n.tr::<MissionTexts>().print}
                </button>
                {can_edit
                    .then(|| {
                        view! {
                            " "
                            <A href=edit_href attr:class="button primary">
                                {move || i18n.tr::<MissionTexts>().edit}
                            </A>
                        }
                    })}
            </p>
            <Seats card=card.clone() />
            <Team card=card.clone() />
            {(!card.deliverables_done.is_empty())
                .then(|| {
                    view! {
                        <h2>{move || i18n.tr::<MissionTexts>().deliverables_done}</h2>
                        <p class="multiline">{card.deliverables_done.clone()}</p>
                    }
                })}
            {card.is_pilot.then(|| view! { <PilotTools card=card.clone() reload /> })}
            {card.can_staff.then(|| view! { <StaffTools card=card.clone() reload /> })}
            {card.in_conversation.then(|| view! { <Conversation id=card.id.clone() /> })}
            {(open && !already).then(|| view! { <ApplyForm card=card.clone() reload /> })}
            <History card=card.clone() />
        </article>
    }
}

/// The CADRAGE table, from the card's fields (also the form's live preview).
#[component]
pub fn MissionSheet(
    draft: MissionDraft,
    /// The series the card is filed under, shown above its title.
    series: String,
    pilots: Vec<PersonRef>,
    referent: PersonRef,
    status: MissionStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    let or_tbd = move |people: Vec<PersonRef>| {
        if people.iter().all(|p| p.name.trim().is_empty()) {
            view! { {move || i18n.tr::<MissionTexts>().to_be_named} }.into_any()
        } else {
            view! { <PeopleLinks people /> }.into_any()
        }
    };
    let kind = draft.kind.clone();
    let tsp = draft.tsp_referent.clone();
    view! {
        <div class="card mission-card">
            {(!series.is_empty()).then(|| view! { <p class="series">{series}</p> })}
            <h1>{draft.title.clone()}</h1> <p>
                <CodeBadge code=status />
            </p> <div class="table-wrap">
                <table>
                    <tbody>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_kind}</th>
                            <td>{move || i18n.label(&kind)}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_pilots}</th>
                            <td>{or_tbd(pilots)}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_board_referent}</th>
                            <td>{or_tbd(vec![referent])}</td>
                        </tr>
                        {(!tsp.is_empty())
                            .then(|| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {move || i18n.tr::<MissionTexts>().mission_tsp_referent}
                                        </th>
                                        <td class="multiline">{tsp.clone()}</td>
                                    </tr>
                                }
                            })}
                        <tr>
                            <th colspan="2" class="framing-head">
                                {move || i18n.tr::<MissionTexts>().mission_framing}
                            </th>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_what}</th>
                            <td class="multiline">{draft.what}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_when}</th>
                            <td class="multiline">{draft.when}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_deliverables}</th>
                            <td class="multiline">{draft.deliverables}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_how_many}</th>
                            <td class="multiline">{draft.how_many}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The roles wanted, with their places taken.
#[component]
pub(super) fn Seats(card: MissionCard) -> impl IntoView {
    let i18n = use_i18n();
    if card.roles.is_empty() {
        return ().into_any();
    }
    view! {
        <h2>{move || i18n.tr::<MissionTexts>().roles}</h2>
        <Table
            class="seats"
            columns=vec![
                i18n.text::<MissionTexts>(|t| t.role),
                i18n.text::<MissionTexts>(|t| t.places),
                i18n.text::<MissionTexts>(|t| t.skills),
                i18n.text::<MissionTexts>(|t| t.commitment),
            ]
        >
            {card
                .roles
                .into_iter()
                .map(|s| {
                    let (role, commitment) = (s.role.role.clone(), s.role.commitment.clone());
                    let left = s.role.places.saturating_sub(s.taken);
                    view! {
                        <tr>
                            <td>{move || i18n.label(&role)}</td>
                            <td>
                                {format!("{}/{} ", s.taken, s.role.places)}
                                <span class="muted">
                                    {move || (i18n.tr::<MissionTexts>().places_left)(left)}
                                </span>
                            </td>
                            <td>{s.role.skills.join(", ")}</td>
                            <td>{move || i18n.label(&commitment)}" " {s.role.duration.clone()}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
    .into_any()
}

#[component]
pub(super) fn Team(card: MissionCard) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{move || i18n.tr::<MissionTexts>().team}</h2>
        {if card.team.is_empty() {
            view! { <p class="empty">{move || i18n.tr::<MissionTexts>().team_empty}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list team">
                    {card
                        .team
                        .into_iter()
                        .map(|m| {
                            let role = m.role.clone();
                            view! {
                                <li>
                                    <A href=format!("/annuaire/{}", m.user_id)>{m.name}</A>
                                    " — "
                                    {move || i18n.label(&role)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {(!card.needs.is_empty())
            .then(|| {
                view! {
                    <h2>{move || i18n.tr::<MissionTexts>().needs}</h2>
                    <ul class="plain-list">
                        {card.needs.into_iter().map(|n| view! { <li>{n.title}</li> }).collect_view()}
                    </ul>
                }
            })}
    }
}

#[component]
pub(super) fn History(card: MissionCard) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="history no-print">
            <h2>{move || i18n.tr::<MissionTexts>().history}</h2>
            <HistoryList events=card.history inline=false />
        </section>
    }
}

/// A card's history, oldest first: when, what and who, then the text
/// (below each entry, or on its line when `inline`).
#[component]
pub(super) fn HistoryList(events: Vec<MissionEvent>, inline: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="plain-list">
            {events
                .into_iter()
                .map(|e| {
                    let kind = e.kind;
                    let text = if inline {
                        view! {
                            " "
                            {e.text}
                        }
                            .into_any()
                    } else {
                        (!e.text.is_empty()).then(|| view! { <p class="multiline">{e.text}</p> }).into_any()
                    };
                    view! {
                        <li>
                            <time>{e.at.get(0..10).unwrap_or_default().to_string()}</time>
                            " "
                            <strong>{move || i18n.label(kind.code())}</strong>
                            " — "
                            {e.by}
                            {text}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
pub(super) fn ApplyForm(
    card: MissionCard,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let roles: Vec<String> = card
        .roles
        .iter()
        .filter(|s| s.taken < s.role.places)
        .map(|s| s.role.role.clone())
        .collect();
    if roles.is_empty() {
        return ().into_any();
    }
    let role = RwSignal::new(roles[0].clone());
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let id = card.id.clone();
    let send = Action::new_local(move |_: &()| {
        apply_mission(id.clone(), role.get_untracked(), message.get_untracked())
    });
    on_result(send, error, move |()| reload());
    view! {
        <section class="card no-print">
            <h2>{move || i18n.tr::<MissionTexts>().apply_title}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <form class="stack" on:submit=submit_to(send)>
                <div>
                    <label for="apply-role">{move || i18n.tr::<MissionTexts>().role}</label>
                    <select id="apply-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {roles
                            .into_iter()
                            .map(|r| {
                                let code = r.clone();
                                view! { <option value=r>{move || i18n.label(&code)}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <LabelledText
                        id="apply-message"
                        label={i18n.text::<MissionTexts>(|t| t.apply_message)}
                        value=message
                    />
                </div>
                <SubmitButton text={i18n.text::<MissionTexts>(|t| t.apply)} />
            </form>
        </section>
    }
    .into_any()
}

/// What the pilots do on their card: answer applications, post news, move it on.
#[component]
pub(super) fn PilotTools(
    card: MissionCard,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let answer =
        Action::new_local(move |(id, accept): &(String, bool)| answer_application(id.clone(), *accept));
    on_result(answer, error, move |()| reload());
    let news = RwSignal::new(String::new());
    let id = card.id.clone();
    let post = Action::new_local(move |_: &()| post_progress(id.clone(), news.get_untracked()));
    on_result(post, error, move |()| reload());
    let done_text = RwSignal::new(String::new());
    let (id, version) = (card.id.clone(), card.version);
    let status = Action::new_local(move |to: &String| {
        set_mission_status(id.clone(), version, to.clone(), done_text.get_untracked())
    });
    on_result(status, error, move |()| reload());
    let pending: Vec<_> = card
        .applications
        .iter()
        .filter(|a| a.status == ApplicationStatus::Pending)
        .cloned()
        .collect();
    let running = card.status.is_open() || card.status == MissionStatus::Completed;
    let current = card.status;
    view! {
        <section class="card no-print pilot-tools">
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            {(!pending.is_empty())
                .then(|| {
                    view! {
                        <h2>{move || i18n.tr::<MissionTexts>().applications}</h2>
                        <ul class="plain-list applications">
                            {pending
                                .into_iter()
                                .map(|a| {
                                    let role = a.role.clone();
                                    view! {
                                        <li>
                                            <strong>{a.name}</strong>
                                            " — "
                                            {move || i18n.label(&role)}
                                            {(!a.message.is_empty())
                                                .then(|| {
                                                    view! { <p class="multiline">{a.message.clone()}</p> }
                                                })}
                                            <ActionButton
                                                action=answer
                                                class="primary"
                                                input={(a.id.clone(), true)}
                                            >
                                                {move || i18n.tr::<MissionTexts>().accept}
                                            </ActionButton>
                                            " "
                                            <ActionButton
                                                action=answer
                                                class="secondary"
                                                input={(a.id.clone(), false)}
                                            >
                                                {move || i18n.tr::<MissionTexts>().decline}
                                            </ActionButton>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {running
                .then(|| {
                    view! {
                        <h2>{move || i18n.tr::<MissionTexts>().progress_title}</h2>
                        <form class="stack" on:submit=submit_to(post)>
                            <textarea
                                aria-label={move || i18n.tr::<MissionTexts>().progress_title}
                                bind:value=news
                            ></textarea>
                            <SubmitButton
                                class="secondary"
                                text={i18n.text::<MissionTexts>(|t| t.progress_post)}
                            />
                        </form>
                    }
                })}
            {(current == MissionStatus::Approved)
                .then(|| {
                    view! {
                        <ActionButton action=status class="primary" input={"active".to_string()}>
                            {move || i18n.tr::<MissionTexts>().start}
                        </ActionButton>
                    }
                })}
            {(current == MissionStatus::Active)
                .then(|| {
                    view! {
                        <form class="stack" on:submit=submit_with(status, || "completed".to_string())>
                            <LabelledText
                                id="done-text"
                                label={i18n.text::<MissionTexts>(|t| t.deliverables_done)}
                                value=done_text
                            />
                            <SubmitButton text={i18n.text::<MissionTexts>(|t| t.complete_mission)} />
                        </form>
                    }
                })}
        </section>
    }
}
