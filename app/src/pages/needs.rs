use leptos::prelude::*;

use crate::api::needs::list_needs;
use crate::components::feedback::{CodeBadge, DataTable, Loaded};
use crate::i18n::use_i18n;
use crate::models::needs::NeedItem as NeedSummary;

#[component]
pub fn NeedsPage() -> impl IntoView {
    let i18n = use_i18n();
    let needs = LocalResource::new(|| list_needs(None));
    view! {
        <h1>{move || i18n.t().needs_title}</h1>
        <p class="intro">{move || i18n.t().needs_intro}</p>
        <Loaded resource=needs render={move |needs: Vec<NeedSummary>| view! { <NeedsTable needs /> }} />
    }
}

#[component]
fn NeedsTable(needs: Vec<NeedSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let is_empty = needs.is_empty();
    view! {
        <DataTable headers=|t| vec![t.col_title, t.col_origin, t.col_category, t.col_priority, t.col_status] empty=|t| t.needs_empty is_empty>
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
        </DataTable>
    }
}
