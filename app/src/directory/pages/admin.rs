//! `/admin/annuaire`: the domains list and the erasure requests (admin).

use leptos::prelude::*;

use crate::accounts::pages::admin::AdminNav;
use crate::directory::api::profiles::{
    add_domain, confirm_deletion, deletion_requests, list_domains, remove_domain,
};
use crate::directory::model::DeletionRequest;
use crate::directory::texts::DirTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::ui::feedback::{on_result, ErrorNote, Loaded};
use crate::platform::ui::form::{ActionButton, SubmitButton};

#[component]
pub fn DirectoryAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    // One request after the other: parallel calls of one session would race on it.
    let lists: Lists =
        LocalResource::new(|| async { Ok((list_domains().await?, deletion_requests().await?)) });
    view! {
        <AdminNav />
        <h2>{move || i18n.tr::<CommonTexts>().admin_title}</h2>
        <p>
            <a class="button secondary" href="/admin/annuaire/import">
                {move || i18n.tr::<DirTexts>().import_link}
            </a>
        </p>
        <div class="grid">
            <DomainsCard lists />
            <ErasuresCard lists />
        </div>
    }
}

/// The domains and the erasure requests, loaded together.
type Lists = LocalResource<Result<(Vec<String>, Vec<DeletionRequest>), AppError>>;

#[component]
fn DomainsCard(lists: Lists) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let change = Action::new_local(move |(add, value): &(bool, String)| {
        let (add, value) = (*add, value.clone());
        async move {
            if add {
                add_domain(value).await
            } else {
                remove_domain(value).await
            }
        }
    });
    on_result(change, error, move |_| {
        name.set(String::new());
        lists.refetch();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        change.dispatch((true, name.get_untracked()));
    };
    view! {
        <section class="card">
            <h2>{move || i18n.tr::<DirTexts>().domains}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <Loaded
                resource=lists
                render={move |(list, _): (Vec<String>, Vec<DeletionRequest>)| {
                    view! {
                        <ul class="plain-list domains">
                            {list
                                .into_iter()
                                .map(|d| {
                                    let value = d.clone();
                                    view! {
                                        <li>
                                            {d} " "
                                            <ActionButton action=change class="link" input={(false, value)}>
                                                {move || i18n.tr::<DirTexts>().remove}
                                            </ActionButton>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                }}
            />
            <form class="stack" on:submit=submit novalidate>
                <label for="domain-name">{move || i18n.tr::<DirTexts>().domain_name}</label>
                <input id="domain-name" type="text" bind:value=name />
                <SubmitButton text={i18n.text::<DirTexts>(|t| t.add)} />
            </form>
        </section>
    }
}

#[component]
fn ErasuresCard(lists: Lists) -> impl IntoView {
    let i18n = use_i18n();
    let erase = Action::new_local(|id: &String| confirm_deletion(id.clone()));
    Effect::new(move |_| {
        if let Some(Ok(())) = erase.value().get() {
            lists.refetch();
        }
    });
    view! {
        <section class="card">
            <h2>{move || i18n.tr::<DirTexts>().erasures}</h2>
            {move || erase.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorNote error /> })}
            <Loaded
                resource=lists
                render={move |(_, list): (Vec<String>, Vec<DeletionRequest>)| {
                    if list.is_empty() {
                        return view! { <p class="muted">{move || i18n.tr::<DirTexts>().erasures_none}</p> }
                            .into_any();
                    }
                    view! {
                        <ul class="plain-list">
                            {list
                                .into_iter()
                                .map(|r| {
                                    let id = r.id.clone();
                                    let confirming = RwSignal::new(false);
                                    view! {
                                        <li>
                                            <strong>{r.display_name}</strong>
                                            " — "
                                            {r.email}
                                            " "
                                            <span class="muted">
                                                {r.requested_at.get(0..10).unwrap_or("").to_string()}
                                            </span>
                                            " "
                                            {move || {
                                                if confirming.get() {
                                                    view! {
                                                        <ActionButton action=erase class="danger" input=id.clone()>
                                                            {move || i18n.tr::<DirTexts>().erase_confirm}
                                                        </ActionButton>
                                                    }
                                                        .into_any()
                                                } else {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="secondary"
                                                            on:click=move |_| confirming.set(true)
                                                        >
                                                            {move || i18n.tr::<DirTexts>().erase}
                                                        </button>
                                                    }
                                                        .into_any()
                                                }
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            />
        </section>
    }
}
