//! `/annuaire/activation`: how far the roll-out went, per region and local
//! group (the board and the administrators): accounts that can sign in, and
//! those whose owner did at least once.

use leptos::prelude::*;

use crate::accounts::api::admin::activation;
use crate::accounts::model::{Activation, ActivationReport};
use crate::accounts::texts::AccountTexts;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::feedback::Loaded;

#[component]
pub fn ActivationPage() -> impl IntoView {
    let i18n = use_i18n();
    let report = LocalResource::new(activation);
    view! {
        <h1>{move || i18n.tr::<AccountTexts>().activation_title}</h1>
        <p class="muted">{move || i18n.tr::<AccountTexts>().activation_help}</p>
        <Loaded resource=report render=|report: ActivationReport| view! { <ActivationTable report /> } />
    }
}

/// The counts of one row: accounts, activated, and the share as a bar.
#[component]
fn Counts(counts: Activation) -> impl IntoView {
    view! {
        <td class="num">{counts.accounts}</td>
        <td class="num">{counts.activated}</td>
        <td>
            <progress max="100" value=counts.percent() aria-hidden="true"></progress>
            " "
            {format!("{} %", counts.percent())}
        </td>
    }
}

#[component]
fn ActivationTable(report: ActivationReport) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.tr::<AccountTexts>();
    let named = move |v: Option<String>, none: fn(&AccountTexts) -> &'static str| {
        v.unwrap_or_else(|| none(i18n.tr::<AccountTexts>()).to_string())
    };
    view! {
        <div class="table-wrap">
            <table class="activation">
                <caption>
                    {move || (t().activation_total)(report.total.activated, report.total.accounts)}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().activation_place}</th>
                        <th scope="col">{move || t().activation_accounts}</th>
                        <th scope="col">{move || t().activation_activated}</th>
                        <th scope="col">{move || t().activation_share}</th>
                    </tr>
                </thead>
                {report
                    .regions
                    .into_iter()
                    .map(|region| {
                        view! {
                            <tbody>
                                <tr class="region">
                                    <th scope="row">{named(region.region, |t| t.activation_no_region)}</th>
                                    <Counts counts=region.counts />
                                </tr>
                                {region
                                    .groups
                                    .into_iter()
                                    .map(|(group, counts)| {
                                        view! {
                                            <tr>
                                                <th scope="row" class="group">
                                                    {named(group, |t| t.activation_no_group)}
                                                </th>
                                                <Counts counts />
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        }
                    })
                    .collect_view()}
            </table>
        </div>
    }
}
