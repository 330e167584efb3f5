//! Sending: the bulk invitation of the Comptes page (plan, confirm, follow
//! to the report) and the messages that gave up, which an administrator
//! sends again (Réglages).

use leptos::prelude::*;

use crate::accounts::api::admin::{
    follow_invitations, given_up_messages, plan_invitations, send_again, send_invitations,
};
use crate::accounts::model::{AccountQuery, InvitationPlan, InvitationProgress};
use crate::accounts::texts::AccountTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::outbox::OutboxItem;
use crate::platform::timer::Timeout;
use crate::platform::ui::feedback::{on_result, ErrorNote, Loaded};
use crate::platform::ui::form::CheckBox;

/// Invites the accounts the page's filters show: a plan to confirm, then
/// the progress until the report.
#[component]
pub fn BulkInvitation(query: RwSignal<AccountQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let again = RwSignal::new(false);
    let plan = RwSignal::new(None::<InvitationPlan>);
    let progress = RwSignal::new(None::<InvitationProgress>);
    let error = RwSignal::new(None::<AppError>);
    let prepare =
        Action::new_local(move |_: &()| plan_invitations(query.get_untracked(), again.get_untracked()));
    let send =
        Action::new_local(move |_: &()| send_invitations(query.get_untracked(), again.get_untracked()));
    let follow = Action::new_local(move |batch: &String| follow_invitations(batch.clone()));
    // The next look at the progress, cancelled with the page.
    let next = StoredValue::new_local(None::<Timeout>);
    let watch = move |now: InvitationProgress| {
        if now.pending > 0 {
            let batch = now.batch.clone();
            next.set_value(Some(Timeout::new(2_000, move || {
                follow.dispatch(batch);
            })));
        }
        progress.set(Some(now));
    };
    on_result(prepare, error, move |p| plan.set(Some(p)));
    on_result(send, error, move |p| {
        plan.set(None);
        watch(p);
    });
    on_result(follow, error, watch);
    // Another filter: the plan no longer says what would be sent.
    Effect::new(move |_| {
        query.track();
        plan.set(None);
    });
    view! {
        <section class="card stack" aria-labelledby="bulk-title">
            <h2 id="bulk-title">{move || i18n.tr::<AccountTexts>().bulk_title}</h2>
            <p class="muted">{move || i18n.tr::<AccountTexts>().bulk_intro}</p>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <CheckBox
                id="bulk-again"
                checked=again
                on_toggle=move |on| {
                    again.set(on);
                    plan.set(None);
                }
            >
                {move || i18n.tr::<AccountTexts>().bulk_again}
            </CheckBox>
            <button
                type="button"
                on:click=move |_| {
                    prepare.dispatch(());
                }
                disabled=move || prepare.pending().get()
            >
                {move || i18n.tr::<AccountTexts>().bulk_prepare}
            </button>
            {move || {
                plan.get()
                    .map(|p| {
                        view! {
                            <PlanNote
                                plan=p
                                on_send=move || {
                                    send.dispatch(());
                                }
                            />
                        }
                    })
            }}
            {move || progress.get().map(|p| view! { <ProgressNote progress=p /> })}
        </section>
    }
}

/// What would be sent, and the button that sends it.
#[component]
fn PlanNote(plan: InvitationPlan, on_send: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let minutes = plan.to_send.div_ceil(u64::from(plan.per_minute.max(1)));
    view! {
        <div class="alert" role="status">
            <p>
                {move || (i18n
                    .tr::<AccountTexts>()
                    .bulk_plan)(plan.matching, plan.recently_invited, plan.to_send)}
            </p>
            <p>{move || (i18n.tr::<AccountTexts>().bulk_pace)(plan.per_minute, minutes)}</p>
            {(plan.to_send > 0)
                .then(|| {
                    view! {
                        <button type="button" class="primary" on:click=move |_| on_send()>
                            {move || (i18n.tr::<AccountTexts>().bulk_send)(plan.to_send)}
                        </button>
                    }
                })}
        </div>
    }
}

/// Where the sending stands; the addresses not reached once it is over.
#[component]
fn ProgressNote(progress: InvitationProgress) -> impl IntoView {
    let i18n = use_i18n();
    let done = progress.pending == 0;
    let counts = (progress.sent, progress.total, progress.failed, progress.pending);
    view! {
        <div class="alert" class:success=done role="status">
            <p>{move || (i18n.tr::<AccountTexts>().bulk_progress)(counts.0, counts.1, counts.2, counts.3)}</p>
            {done.then(|| view! { <p>{move || i18n.tr::<AccountTexts>().bulk_done}</p> })}
        </div>
        {(!progress.failures.is_empty())
            .then(|| {
                view! {
                    <h3>{move || i18n.tr::<AccountTexts>().bulk_failures}</h3>
                    <ul>
                        {progress
                            .failures
                            .into_iter()
                            .map(|f| view! { <li>{f.email}" : "{f.error}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}

/// The messages that gave up, each with a button to send it again.
#[component]
pub fn UndeliveredMessages() -> impl IntoView {
    let i18n = use_i18n();
    let messages = LocalResource::new(given_up_messages);
    let error = RwSignal::new(None::<AppError>);
    let again = Action::new_local(move |id: &String| send_again(id.clone()));
    on_result(again, error, move |()| messages.refetch());
    view! {
        <section class="card stack" aria-labelledby="undelivered-title">
            <h2 id="undelivered-title">{move || i18n.tr::<AccountTexts>().undelivered_title}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <Loaded
                resource=messages
                render={move |items: Vec<OutboxItem>| view! { <UndeliveredList items again /> }}
            />
        </section>
    }
}

#[component]
fn UndeliveredList(items: Vec<OutboxItem>, again: Action<String, Result<(), AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<AccountTexts>().undelivered_none}</p> }
            .into_any();
    }
    view! {
        <ul class="stack">
            {items
                .into_iter()
                .map(|item| {
                    let id = item.id.clone();
                    view! {
                        <li>
                            <strong>{item.target}</strong>
                            " — "
                            {item.subject}
                            " — "
                            <span class="muted">{item.last_error}</span>
                            " "
                            <button
                                type="button"
                                on:click=move |_| {
                                    again.dispatch(id.clone());
                                }
                            >
                                {move || i18n.tr::<AccountTexts>().send_again}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
