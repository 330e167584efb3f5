use leptos::prelude::*;

use crate::api::needs::list_needs;
use crate::components::feedback::{CodeBadge, Loaded};
use crate::i18n::use_i18n;
use crate::models::NeedSummary;

#[component]
pub fn NeedsPage() -> impl IntoView {
    let i18n = use_i18n();
    let needs = LocalResource::new(list_needs);
    view! {
        <h1>{move || i18n.t().needs_title}</h1>
        <p class="intro">{move || i18n.t().needs_intro}</p>
        <Loaded resource=needs render={move |needs: Vec<NeedSummary>| view! { <NeedsTable needs /> }} />
    }
}

#[component]
fn NeedsTable(needs: Vec<NeedSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if needs.is_empty() {
        return view! { <p class="empty">{move || i18n.t().needs_empty}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().col_title}</th>
                        <th scope="col">{move || i18n.t().col_origin}</th>
                        <th scope="col">{move || i18n.t().col_category}</th>
                        <th scope="col">{move || i18n.t().col_priority}</th>
                        <th scope="col">{move || i18n.t().col_status}</th>
                    </tr>
                </thead>
                <tbody>
                    {needs
                        .into_iter()
                        .map(|n| {
                            let origin = n.origin.clone();
                            let category = n.category.clone();
                            view! {
                                <tr>
                                    <td>{n.title}</td>
                                    <td>{move || (i18n.t().label)(&origin)} " — " {n.origin_name}</td>
                                    <td>{move || (i18n.t().label)(&category)}</td>
                                    <td><CodeBadge code=n.priority /></td>
                                    <td><CodeBadge code=n.status /></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
