use leptos::prelude::*;

use crate::api::support::{create_support_request, my_support_requests};
use crate::components::feedback::{CodeBadge, DataTable, ErrorNote, Loaded};
use crate::components::form::{CodeSelect, TextField};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::models::{SupportRequestSummary, SUPPORT_CATEGORIES, SUPPORT_URGENCIES};

#[component]
pub fn SupportPage() -> impl IntoView {
    let i18n = use_i18n();
    let mine = LocalResource::new(my_support_requests);
    view! {
        <h1>{move || i18n.t().support_title}</h1>
        <p class="intro">{move || i18n.t().support_intro}</p>
        <RequestForm on_created=move || mine.refetch() />
        <h2>{move || i18n.t().support_mine}</h2>
        <Loaded resource=mine render={move |requests: Vec<SupportRequestSummary>| view! { <MyRequests requests /> }} />
    }
}

#[component]
fn RequestForm(on_created: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let category = RwSignal::new(SUPPORT_CATEGORIES[2].to_string());
    let urgency = RwSignal::new("normal".to_string());
    let subject = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let created = RwSignal::new(None::<u64>);
    let send = Action::new_local(move |_: &()| {
        create_support_request(
            category.get_untracked(),
            urgency.get_untracked(),
            subject.get_untracked(),
            description.get_untracked(),
        )
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(number)) => {
            created.set(Some(number));
            error.set(None);
            subject.set(String::new());
            description.set(String::new());
            on_created();
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        created.set(None);
        send.dispatch(());
    };
    view! {
        {move || created.get().map(|n| view! { <div class="alert success" role="status">{move || (i18n.t().support_created)(n)}</div> })}
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <form class="stack card" on:submit=submit novalidate>
            <CodeSelect name="category" label=Signal::derive(move || i18n.t().support_category) codes=&SUPPORT_CATEGORIES value=category error />
            <CodeSelect name="urgency" label=Signal::derive(move || i18n.t().support_urgency) codes=&SUPPORT_URGENCIES value=urgency error />
            <TextField name="subject" required=true label=Signal::derive(move || i18n.t().support_subject) value=subject error />
            <TextField name="description" required=true multiline=true label=Signal::derive(move || i18n.t().support_description) value=description error />
            <button type="submit" class="primary" disabled=move || send.pending().get()>
                {move || if send.pending().get() { i18n.t().support_sending } else { i18n.t().support_submit }}
            </button>
        </form>
    }
}

#[component]
fn MyRequests(requests: Vec<SupportRequestSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let is_empty = requests.is_empty();
    view! {
        <DataTable headers=|t| vec![t.col_number, t.support_subject, t.support_category, t.col_status] empty=|t| t.support_none is_empty>
            {requests
                        .into_iter()
                        .map(|r| {
                            let category = r.category.clone();
                            view! {
                                <tr>
                                    <td>{r.number}</td>
                                    <td>{r.subject}</td>
                                    <td>{move || (i18n.t().label)(&category)}</td>
                                    <td><CodeBadge code=r.status /></td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
    }
}
