//! The notification centre's page and the header's bell.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::notifications::api::{
    list_notifications, my_notification_prefs, open_notification, read_all, save_notification_prefs,
    unread_count,
};
use crate::notifications::live::use_live;
use crate::notifications::model::{
    Delivery, KindChoice, NotificationItem, NotificationKind, NotificationList, NotificationPrefs,
};
use crate::notifications::texts::NotificationTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::{use_i18n, CommonTexts};
use crate::platform::ui::feedback::{on_result, DoneNote, ErrorNote, Loaded};
use crate::platform::ui::form::{submit_to, ActionButton};
use crate::platform::ui::pager::Pager;

/// The bell: a link to the centre with the unread count, fetched again
/// when the live channel says so. Kept small: it is in the first load.
#[component]
pub fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let count = RwSignal::new(0u64);
    Effect::new(move |_| {
        live.notifications.track();
        spawn_local(async move {
            // On failure the last count stays: the next change fetches again.
            if let Ok(n) = unread_count().await {
                count.set(n);
            }
        });
    });
    view! {
        <A
            href="/notifications"
            attr:class="bell"
            attr:aria-label=move || (i18n.tr::<CommonTexts>().bell)(count.get())
        >
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24">
                <path
                    fill="currentColor"
                    d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
                />
            </svg>
            {move || {
                let n = count.get();
                (n > 0)
                    .then(|| {
                        view! {
                            <span class="count" aria-hidden="true">
                                {n}
                            </span>
                        }
                    })
            }}
        </A>
    }
}

/// The member's notifications, newest first, and their choices.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        live.notifications.track();
        // Written by the server in the language asked for.
        i18n.lang.track();
        list_notifications(Some(page.get()))
    });
    view! {
        <h1>{move || i18n.tr::<NotificationTexts>().title}</h1>
        <section class="card stack" aria-label={move || i18n.tr::<NotificationTexts>().title}>
            <Loaded
                resource=list
                render=move |list: NotificationList| view! { <NotificationListView list page /> }
            />
        </section>
        <NotificationChoices />
    }
}

#[component]
fn NotificationListView(list: NotificationList, page: RwSignal<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let error = RwSignal::new(None::<AppError>);
    let mark_all = Action::new_local(|_: &()| read_all());
    on_result(mark_all, error, move |()| live.notifications.update(|n| *n += 1));
    let unread = list.unread;
    let (current, pages) = (list.page.page, list.page.page_count());
    if list.page.items.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<NotificationTexts>().none}</p> }.into_any();
    }
    view! {
        <div class="notifications-tools">
            <p role="status">{move || (i18n.tr::<NotificationTexts>().unread)(unread)}</p>
            <Show when=move || { unread > 0 }>
                <ActionButton action=mark_all class="secondary">
                    {move || i18n.tr::<NotificationTexts>().mark_all}
                </ActionButton>
            </Show>
        </div>
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <ul class="plain-list notifications">
            {list.page.items.into_iter().map(|item| view! { <NotificationRow item /> }).collect_view()}
        </ul>
        <Pager current pages go=Callback::new(move |p| page.set(p)) />
    }
    .into_any()
}

/// One notification: opening it marks it read.
#[component]
fn NotificationRow(item: NotificationItem) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let id = item.id.clone();
    let read = item.read;
    let opened = move |_| {
        if !read {
            let id = id.clone();
            // The page changes at once; the bell follows when this lands.
            spawn_local(async move {
                if open_notification(id).await.is_ok() {
                    live.notifications.update(|n| *n += 1);
                }
            });
        }
    };
    view! {
        <li class:unread=!read>
            <time datetime=item.at.clone()>{item.at.get(0..10).unwrap_or_default().to_string()}</time>
            " "
            <A href=item.link on:click=opened>
                {item.text}
            </A>
            {(!read)
                .then(|| {
                    view! { <span class="badge">{move || i18n.tr::<NotificationTexts>().new_badge}</span> }
                })}
        </li>
    }
}

/// How each kind reaches the member: a group of three choices per kind.
#[component]
fn NotificationChoices() -> impl IntoView {
    let i18n = use_i18n();
    let prefs = LocalResource::new(my_notification_prefs);
    view! {
        <section class="card stack" aria-labelledby="prefs-title">
            <h2 id="prefs-title">{move || i18n.tr::<NotificationTexts>().prefs_title}</h2>
            <p class="muted">{move || i18n.tr::<NotificationTexts>().prefs_intro}</p>
            <Loaded resource=prefs render=move |prefs: NotificationPrefs| view! { <ChoicesForm prefs /> } />
        </section>
    }
}

#[component]
fn ChoicesForm(prefs: NotificationPrefs) -> impl IntoView {
    let i18n = use_i18n();
    let choices = RwSignal::new(prefs.choices.clone());
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |_: &()| {
        save_notification_prefs(NotificationPrefs {
            choices: choices.get_untracked(),
        })
    });
    on_result(save, error, move |()| saved.set(true));
    let choose = move |index: usize, delivery: Delivery| {
        saved.set(false);
        choices.update(|c| c[index].delivery = delivery);
    };
    view! {
        <form class="stack" on:submit=submit_to(save)>
            {prefs
                .choices
                .into_iter()
                .enumerate()
                .map(|(index, KindChoice { kind, .. })| {
                    view! {
                        <fieldset class="choice-row">
                            <legend>{move || (i18n.tr::<NotificationTexts>().kind)(kind)}</legend>
                            {Delivery::ALL
                                .iter()
                                .map(|&delivery| {
                                    let id = format!("pref-{kind}-{delivery}");
                                    let label_for = id.clone();
                                    view! {
                                        <label for=label_for class="check">
                                            <input
                                                type="radio"
                                                id=id
                                                name=format!("pref-{kind}")
                                                prop:checked=move || {
                                                    choices.with(|c| c[index].delivery == delivery)
                                                }
                                                on:change=move |_| choose(index, delivery)
                                            />
                                            {move || {
                                                let texts = i18n.tr::<NotificationTexts>();
                                                if kind == NotificationKind::ForYou
                                                    && delivery == Delivery::Portal
                                                {
                                                    texts.for_you_off
                                                } else {
                                                    (texts.delivery)(delivery)
                                                }
                                            }}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    }
                })
                .collect_view()}
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <DoneNote shown=saved text={i18n.text::<NotificationTexts>(|t| t.prefs_saved)} />
            <button type="submit">{move || i18n.tr::<NotificationTexts>().prefs_save}</button>
        </form>
    }
}
