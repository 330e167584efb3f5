//! One need: its facts, support, consistency flags, discussion, history,
//! and the status moves the signed-in account may make.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::accounts::model::Role;
use crate::needs::api::register::{
    change_need_status, comment_need, get_need, list_needs, merge_need, need_categories, support_need,
};
use crate::needs::model::{ConsistencyFlag, NeedDetail, NeedEvent, NeedStatus};
use crate::needs::pages::register::{category_label, loaded, NeedRefList, NeedsNav};
use crate::needs::texts::NeedsTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::session::use_session;
use crate::platform::ui::feedback::{on_result, CodeBadge, ErrorNote, Loaded};
use crate::platform::ui::form::{submit_to, ActionButton, SubmitButton};

#[component]
pub fn NeedPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let detail = LocalResource::new(move || get_need(id()));
    let reload = move || detail.refetch();
    view! {
        <p>
            <A href="/besoins">{move || i18n.tr::<NeedsTexts>().back}</A>
        </p>
        <Loaded resource=detail render={move |d: NeedDetail| view! { <NeedSheet detail=d reload /> }} />
    }
}

#[component]
fn NeedSheet(detail: NeedDetail, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let n = detail.need.clone();
    let categories = LocalResource::new(need_categories);
    let category = n.category.clone();
    let (origin, urgency) = (n.origin, n.urgency);
    let fact = |label: String, value: String| {
        view! {
            <dt>{label}</dt>
            <dd>{value}</dd>
        }
    };
    view! {
        <h1>{n.title.clone()}</h1>
        <NeedsNav />
        <p>
            <CodeBadge code=n.priority />
            " "
            <CodeBadge code=n.status />
            {detail
                .can_edit
                .then(|| {
                    view! {
                        " "
                        <A href=format!(
                            "/besoins/{}/modifier",
                            n.id,
                        )>{move || i18n.tr::<NeedsTexts>().edit}</A>
                    }
                })}
        </p>
        {detail
            .merged_into
            .clone()
            .map(|m| {
                view! {
                    <div class="alert" role="status">
                        {move || i18n.tr::<NeedsTexts>().merged_into}
                        " "
                        <A href=format!("/besoins/{}", m.id)>{m.title.clone()}</A>
                    </div>
                }
            })}
        <div class="need-layout">
            <section class="card">
                <p class="need-description">{detail.description.clone()}</p>
                <dl class="facts">
                    {move || fact(
                        i18n.tr::<NeedsTexts>().origin.into(),
                        format!("{} — {}", i18n.label(origin.code()), n.origin_name),
                    )}
                    {move || fact(
                        i18n.tr::<NeedsTexts>().category.into(),
                        category_label(&loaded(categories), &category, i18n.lang.get()),
                    )}
                    {move || fact(i18n.tr::<NeedsTexts>().urgency.into(), i18n.label(urgency.code()).into())}
                    {move || fact(i18n.tr::<NeedsTexts>().people.into(), n.people_affected.to_string())}
                    {move || fact(i18n.tr::<NeedsTexts>().current_tool.into(), n.current_tool.clone())}
                    {move || fact(i18n.tr::<NeedsTexts>().gap.into(), n.gap.clone())}
                    {move || fact(i18n.tr::<NeedsTexts>().raised_by.into(), detail.raised_by.clone())}
                </dl>
            </section>
            <aside class="stack-gap">
                <SupportBox
                    id=n.id.clone()
                    count=n.support_count
                    mine=detail.supported_by_me
                    disabled=detail.merged_into.is_some()
                />
                <Flags flags=detail.flags.clone() />
                <StatusBox id=n.id.clone() targets=detail.transitions.clone() reload />
                <MergeBox id=n.id.clone() merged=detail.merged_into.is_some() reload />
            </aside>
        </div>
        <Show when={
            let empty = detail.merged_from.is_empty();
            move || !empty
        }>
            <h2>{move || i18n.tr::<NeedsTexts>().merged_from}</h2>
            <NeedRefList needs=detail.merged_from.clone() />
        </Show>
        <h2>{move || i18n.tr::<NeedsTexts>().solutions}</h2>
        {if detail.solutions.is_empty() {
            view! { <p class="muted">{move || i18n.tr::<NeedsTexts>().no_solutions}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list need-refs">
                    {detail
                        .solutions
                        .iter()
                        .cloned()
                        .map(|s| {
                            view! {
                                <li>
                                    <A href="/besoins/architecture">{s.title}</A>
                                    " "
                                    <CodeBadge code=s.status />
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <Comments id=detail.need.id.clone() comments=detail.comments.clone() reload />
        <History events=detail.history.clone() />
    }
}

/// One support per member: the button adds it or withdraws it.
#[component]
fn SupportBox(id: String, count: u64, mine: bool, disabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    let count = RwSignal::new(count);
    let mine = RwSignal::new(mine);
    let error = RwSignal::new(None::<AppError>);
    let toggle = Action::new_local(move |support: &bool| support_need(id.clone(), *support));
    on_result(toggle, error, move |n| {
        count.set(n);
        mine.update(|m| *m = !*m);
    });
    view! {
        <section class="card support-box">
            <p class="support-count" aria-live="polite">
                {move || (i18n.tr::<NeedsTexts>().supports)(count.get())}
            </p>
            <button
                type="button"
                class=move || if mine.get() { "secondary" } else { "primary" }
                disabled=move || disabled || toggle.pending().get()
                aria-pressed=move || mine.get().to_string()
                on:click=move |_| {
                    toggle.dispatch(!mine.get_untracked());
                }
            >
                {move || {
                    if mine.get() {
                        i18n.tr::<NeedsTexts>().withdraw
                    } else {
                        i18n.tr::<NeedsTexts>().support
                    }
                }}
            </button>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
        </section>
    }
}

/// Tools that the adopted architecture does not back, with what it offers.
#[component]
pub fn Flags(flags: Vec<ConsistencyFlag>) -> impl IntoView {
    let i18n = use_i18n();
    let ok = flags.is_empty();
    view! {
        <section class="card flags" class:flagged=!ok>
            <h2>{move || i18n.tr::<NeedsTexts>().flags}</h2>
            <Show when=move || ok>
                <p class="muted">{move || i18n.tr::<NeedsTexts>().no_flags}</p>
            </Show>
            <ul class="plain-list">
                {flags
                    .into_iter()
                    .map(|f| {
                        let problem = f.problem;
                        let suggestions = f.suggestions.join(", ");
                        let has = !suggestions.is_empty();
                        view! {
                            <li class="flag">
                                <strong>{f.tool}</strong>
                                " : "
                                {move || i18n.label(problem.code())}
                                <Show when=move || has>
                                    <br />
                                    <span class="muted">
                                        {move || i18n.tr::<NeedsTexts>().suggestions} " "
                                        {suggestions.clone()}
                                    </span>
                                </Show>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The status moves the caller may make (empty: nothing shown).
#[component]
fn StatusBox(
    id: String,
    targets: Vec<NeedStatus>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    if targets.is_empty() {
        return ().into_any();
    }
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let change = Action::new_local(move |to: &NeedStatus| {
        change_need_status(id.clone(), to.code().to_string(), note.get_untracked())
    });
    on_result(change, error, move |()| reload());
    view! {
        <section class="card status-box">
            <h2>{move || i18n.tr::<NeedsTexts>().change_status}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <label for="status-note">{move || i18n.tr::<NeedsTexts>().note}</label>
            <textarea id="status-note" bind:value=note></textarea>
            <div class="button-row">
                {targets
                    .into_iter()
                    .map(|to| {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                disabled=move || change.pending().get()
                                on:click=move |_| {
                                    change.dispatch(to);
                                }
                            >
                                "→ "
                                {move || i18n.label(to.code())}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
    .into_any()
}

/// Administrators merge a duplicate into the need that replaces it.
#[component]
fn MergeBox(id: String, merged: bool, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    if merged || !session.user().is_some_and(|u| u.has(Role::Admin)) {
        return ().into_any();
    }
    let others = LocalResource::new(move || list_needs(None));
    let into = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let own = id.clone();
    let merge = Action::new_local(move |_: &()| merge_need(id.clone(), into.get_untracked()));
    on_result(merge, error, move |()| reload());
    view! {
        <section class="card merge-box">
            <h2>{move || i18n.tr::<NeedsTexts>().merge}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <label for="merge-into">{move || i18n.tr::<NeedsTexts>().merge_target}</label>
            <select id="merge-into" on:change=move |ev| into.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || {
                    let own = own.clone();
                    others
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(move |n| n.id != own)
                        .map(|n| view! { <option value=n.id>{n.title}</option> })
                        .collect_view()
                }}
            </select>
            <ActionButton
                action=merge
                class="secondary"
                disabled={Signal::derive(move || into.get().is_empty() || merge.pending().get())}
            >
                {move || i18n.tr::<NeedsTexts>().merge}
            </ActionButton>
        </section>
    }
    .into_any()
}

#[component]
fn Comments(
    id: String,
    comments: Vec<crate::needs::model::NeedComment>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let send = Action::new_local(move |_: &()| comment_need(id.clone(), body.get_untracked()));
    on_result(send, error, move |()| {
        body.set(String::new());
        reload();
    });
    let empty = comments.is_empty();
    view! {
        <h2>{move || i18n.tr::<NeedsTexts>().comments}</h2>
        <Show when=move || empty>
            <p class="muted">{move || i18n.tr::<NeedsTexts>().no_comments}</p>
        </Show>
        <ul class="plain-list comments">
            {comments
                .into_iter()
                .map(|c| {
                    view! {
                        <li class="card comment">
                            <p class="muted">
                                {c.author_name} " · " {c.at.get(0..10).unwrap_or_default().to_string()}
                            </p>
                            <p>{c.body}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <form class="stack" on:submit=submit_to(send)>
            <label for="comment-body">{move || i18n.tr::<NeedsTexts>().comment_add}</label>
            <textarea id="comment-body" bind:value=body></textarea>
            <SubmitButton text={i18n.text::<NeedsTexts>(|t| t.comment_send)} pending=send.pending() />
        </form>
    }
}

#[component]
fn History(events: Vec<NeedEvent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{move || i18n.tr::<NeedsTexts>().history}</h2>
        <ol class="history">
            {events
                .into_iter()
                .map(|e| {
                    let action = e.action;
                    let to = e.to_status.clone();
                    let has_to = !to.is_empty();
                    view! {
                        <li>
                            <span class="muted">{e.at.get(0..16).unwrap_or_default().replace('T', " ")}</span>
                            " · "
                            {e.actor_name}
                            " · "
                            {move || (i18n.tr::<NeedsTexts>().action)(action)}
                            <Show when=move || has_to>" → " <CodeBadge code=to.clone() /></Show>
                            {(!e.note.is_empty()).then(|| view! { <q>{e.note.clone()}</q> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
