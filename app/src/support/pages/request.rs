//! One support request: its details, its thread and what the viewer may do
//! (the requester answers or reopens; the team takes, hands over, answers,
//! asks for details, writes internal notes and changes the status).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::notifications::live::use_live;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::feedback::{on_result, CodeBadge, ErrorNote, Loaded, LoadedBoth};
use crate::platform::ui::form::{
    submit_to, submit_with, ActionButton, CheckField, CodeOptions, SubmitButton, TextField,
};
use crate::support::api::{
    support_assign, support_categories, support_helpers, support_reopen, support_reply, support_request,
    support_set_status, support_take,
};
use crate::support::model::{
    MessageKind, PersonRef, RequestStatus, SupportCategory, SupportMessage, SupportRequestDetail,
};
use crate::support::pages::ask::category_label;
use crate::support::texts::SupportTexts;

#[component]
pub fn RequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").and_then(|n| n.parse::<u64>().ok()).unwrap_or(0));
    let live = use_live();
    // Fetched again when the request changes, whoever changed it.
    let request = LocalResource::new(move || {
        live.support.track();
        support_request(number())
    });
    let categories = LocalResource::new(support_categories);
    let reload = move || request.refetch();
    let draft = ReplyDraft {
        body: RwSignal::new(String::new()),
        internal: RwSignal::new(false),
    };
    view! {
        <p class="no-print">
            <A href="/support">{move || i18n.tr::<SupportTexts>().back}</A>
        </p>
        <LoadedBoth
            first=categories
            second=request
            render={move |categories: Vec<SupportCategory>, detail: SupportRequestDetail| {
                view! { <RequestSheet detail categories reload draft /> }
            }}
        />
    }
}

/// The reply being written. It lives above the sheet, which a live update
/// redraws: the text must not be lost, and an internal note must never turn
/// into a public answer because its box was drawn again unticked.
#[derive(Clone, Copy)]
struct ReplyDraft {
    body: RwSignal<String>,
    internal: RwSignal<bool>,
}

#[component]
fn RequestSheet(
    detail: SupportRequestDetail,
    categories: Vec<SupportCategory>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    draft: ReplyDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = detail.number;
    let category = detail.category.clone();
    let article_class = if detail.overdue {
        "card request overdue"
    } else {
        "card request"
    };
    let waiting = !detail.can_handle && detail.status == RequestStatus::Waiting;
    let assignee = detail.assignee.clone().map(|a| a.display_name);
    view! {
        <article class=article_class>
            <h1>{format!("n° {} — {}", detail.number, detail.subject)}</h1>
            <p class="badges">
                <CodeBadge code=detail.status />
                " "
                <CodeBadge code=detail.urgency />
                " "
                <span class="muted">{move || category_label(&categories, &category, i18n.lang.get())}</span>
                {detail
                    .overdue
                    .then(|| {
                        view! {
                            " "
                            <span class="badge overdue">{move || i18n.tr::<SupportTexts>().overdue}</span>
                        }
                    })}
            </p>
            {waiting
                .then(|| {
                    view! {
                        <p class="alert warning" role="status">
                            {move || i18n.tr::<SupportTexts>().waiting_for_you}
                        </p>
                    }
                })}
            <dl class="facts">
                <dt>{move || i18n.tr::<SupportTexts>().requester}</dt>
                <dd>{detail.requester_name.clone()}</dd>
                <dt>{move || i18n.tr::<SupportTexts>().col_opened}</dt>
                <dd>{short_time(&detail.created_at)}</dd>
                <dt>{move || i18n.tr::<SupportTexts>().assignee}</dt>
                <dd>
                    {move || assignee.clone().unwrap_or_else(|| i18n.tr::<SupportTexts>().nobody.to_string())}
                </dd>
                <Fact label={i18n.text::<SupportTexts>(|t| t.tool)} value=given(&detail.tool) />
                <Fact label={i18n.text::<SupportTexts>(|t| t.contact)} value=given(&detail.contact) />
                <Fact
                    label={i18n.text::<SupportTexts>(|t| t.first_response)}
                    value=detail.first_response_at.as_deref().map(short_time)
                />
                <Fact
                    label={i18n.text::<SupportTexts>(|t| t.resolved_on)}
                    value=detail.resolved_at.as_deref().map(short_time)
                />
            </dl>
            <p class="description">{detail.description.clone()}</p>
        </article>
        {detail
            .can_handle
            .then(|| view! { <TeamActions number version=detail.version status=detail.status reload /> })}
        <h2>{move || i18n.tr::<SupportTexts>().thread}</h2>
        <Thread messages=detail.thread.clone() />
        {(detail.status != RequestStatus::Closed || detail.can_handle)
            .then(|| view! { <ReplyForm number team=detail.can_handle reload draft /> })}
        {detail.can_reopen.then(|| view! { <ReopenBox number reload /> })}
    }
}

/// One entry of the request's facts, shown only when it has a `value`.
#[component]
fn Fact(label: Signal<&'static str>, value: Option<String>) -> impl IntoView {
    value.map(|value| {
        view! {
            <dt>{label}</dt>
            <dd>{value}</dd>
        }
    })
}

/// A text field's value, if it was filled.
fn given(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// `2026-11-28T13:46:10.123Z` → `2026-11-28 13:46` (UTC).
fn short_time(at: &str) -> String {
    at.get(0..16).unwrap_or(at).replace('T', " ")
}

#[component]
fn Thread(messages: Vec<SupportMessage>) -> impl IntoView {
    let i18n = use_i18n();
    if messages.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<SupportTexts>().thread_empty}</p> }.into_any();
    }
    view! {
        <ol class="thread plain-list">
            {messages
                .into_iter()
                .map(|m| {
                    let class = format!("thread-item {}", m.kind);
                    let when = short_time(&m.at);
                    let content = if m.kind == MessageKind::Event {
                        let (event, body) = (m.event.clone(), m.body.clone());
                        view! {
                            <p class="muted">
                                {move || {
                                    let s = i18n.tr::<SupportTexts>();
                                    match event.as_str() {
                                        "taken" => (s.event_taken)(&body),
                                        "assigned" => (s.event_assigned)(&body),
                                        "status" => (s.event_status)(i18n.label(&body)),
                                        _ => s.event_reopened.to_string(),
                                    }
                                }}
                            </p>
                        }
                            .into_any()
                    } else {
                        let note = m.kind == MessageKind::Note;
                        view! {
                            {note
                                .then(|| {
                                    view! {
                                        <p class="note-label">
                                            {move || i18n.tr::<SupportTexts>().internal_note}
                                        </p>
                                    }
                                })}
                            <p class="message-body">{m.body}</p>
                        }
                            .into_any()
                    };
                    view! {
                        <li class=class>
                            <p class="thread-meta">
                                <strong>{m.author_name}</strong>
                                " · "
                                {when}
                            </p>
                            {content}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn ReplyForm(
    number: u64,
    team: bool,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    draft: ReplyDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let ReplyDraft { body, internal } = draft;
    let error = RwSignal::new(None::<AppError>);
    let send = Action::new_local(move |status: &Option<String>| {
        support_reply(
            number,
            body.get_untracked(),
            internal.get_untracked(),
            status.clone(),
        )
    });
    on_result(send, error, move |()| {
        body.set(String::new());
        internal.set(false);
        reload();
    });
    view! {
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <form class="stack card" novalidate on:submit=submit_with(send, || None)>
            <TextField
                name="body"
                required=true
                multiline=true
                label={i18n.text::<SupportTexts>(|t| t.your_message)}
                value=body
                error
            />
            {team
                .then(|| {
                    view! {
                        <CheckField
                            id="reply-internal"
                            label={i18n.text::<SupportTexts>(|t| t.as_note)}
                            value=internal
                        />
                    }
                })}
            <div class="actions">
                <SubmitButton text={i18n.text::<SupportTexts>(|t| t.send)} pending=send.pending() />
                {team
                    .then(|| {
                        view! {
                            <ActionButton
                                action=send
                                class="secondary"
                                input={Some("waiting".into())}
                                disabled={Signal::derive(move || send.pending().get() || internal.get())}
                            >
                                {move || i18n.tr::<SupportTexts>().ask_details}
                            </ActionButton>
                        }
                    })}
            </div>
        </form>
    }
}

#[component]
fn TeamActions(
    number: u64,
    /// The version shown: taking or handing over a request changed meanwhile is refused.
    version: i64,
    status: RequestStatus,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let helpers = LocalResource::new(support_helpers);
    let helper = RwSignal::new(String::new());
    let new_status = RwSignal::new(String::from(status));
    let take = Action::new_local(move |_: &()| support_take(number, Some(version)));
    let assign =
        Action::new_local(move |_: &()| support_assign(number, helper.get_untracked(), Some(version)));
    let change = Action::new_local(move |_: &()| support_set_status(number, new_status.get_untracked()));
    on_result(take, error, move |()| reload());
    on_result(assign, error, move |()| reload());
    on_result(change, error, move |()| reload());
    view! {
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <div class="card team-actions">
            <ActionButton action=take class="primary">
                {move || i18n.tr::<SupportTexts>().take}
            </ActionButton>
            <Loaded
                resource=helpers
                render={move |people: Vec<PersonRef>| {
                    view! {
                        <form class="inline" on:submit=submit_to(assign)>
                            <label for="hand-over">{move || i18n.tr::<SupportTexts>().hand_over_to}</label>
                            <select id="hand-over" on:change=move |ev| helper.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {people
                                    .into_iter()
                                    .map(|p| view! { <option value=p.id>{p.display_name}</option> })
                                    .collect_view()}
                            </select>
                            <SubmitButton
                                class="secondary"
                                text={i18n.text::<SupportTexts>(|t| t.hand_over)}
                            />
                        </form>
                    }
                }}
            />
            <form class="inline" on:submit=submit_to(change)>
                <label for="set-status">{move || i18n.tr::<SupportTexts>().change_status}</label>
                <select id="set-status" on:change=move |ev| new_status.set(event_target_value(&ev))>
                    <CodeOptions codes={&RequestStatus::CODES[1..]} current=new_status />
                </select>
                <SubmitButton class="secondary" text={i18n.text::<SupportTexts>(|t| t.apply)} />
            </form>
        </div>
    }
}

#[component]
fn ReopenBox(number: u64, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let reopen = Action::new_local(move |_: &()| support_reopen(number));
    on_result(reopen, error, move |()| reload());
    view! {
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <div class="card">
            <p>{move || i18n.tr::<SupportTexts>().reopen_help}</p>
            <ActionButton action=reopen class="secondary">
                {move || i18n.tr::<SupportTexts>().reopen}
            </ActionButton>
        </div>
    }
}
