//! The needs dashboard: bar charts drawn in SVG by the app itself.

use leptos::prelude::*;

use crate::needs::api::register::{need_categories, needs_dashboard_data};
use crate::needs::model::{NeedCategory, NeedsDashboard};
use crate::needs::pages::register::{category_label, NeedsNav};
use crate::needs::texts::NeedsTexts;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::feedback::Loaded;

#[component]
pub fn NeedsDashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || async move {
        Ok::<_, crate::platform::error::AppError>((needs_dashboard_data().await?, need_categories().await?))
    });
    view! {
        <h1>{move || i18n.tr::<NeedsTexts>().dashboard}</h1>
        <p class="intro">{move || i18n.tr::<NeedsTexts>().dashboard_intro}</p>
        <NeedsNav />
        <Loaded
            resource=data
            render={move |(d, cats): (NeedsDashboard, Vec<NeedCategory>)| {
                let coverage = d.clone();
                let categories = move || {
                    let lang = i18n.lang.get();
                    d.by_category
                        .iter()
                        .map(|(c, n)| (category_label(&cats, c, lang), *n))
                        .collect::<Vec<_>>()
                };
                let coded = move |rows: Vec<(&'static str, u64)>| {
                    move || { rows.iter().map(|(c, n)| (i18n.label(c).to_string(), *n)).collect::<Vec<_>>() }
                };
                let status_rows = d.by_status.iter().map(|(s, n)| (s.code(), *n)).collect();
                let origin_rows = d.by_origin.iter().map(|(o, n)| (o.code(), *n)).collect();
                view! {
                    <Coverage covered=coverage.covered total=coverage.total />
                    <div class="charts">
                        <BarChart
                            title={i18n.text::<NeedsTexts>(|t| t.by_status)}
                            rows=Signal::derive(coded(status_rows))
                        />
                        <BarChart
                            title={i18n.text::<NeedsTexts>(|t| t.by_origin)}
                            rows=Signal::derive(coded(origin_rows))
                        />
                        <BarChart
                            title={i18n.text::<NeedsTexts>(|t| t.by_category)}
                            rows=Signal::derive(categories)
                        />
                    </div>
                }
            }}
        />
    }
}

/// The share of open needs the adopted architecture covers, as a gauge.
#[component]
fn Coverage(covered: u64, total: u64) -> impl IntoView {
    let i18n = use_i18n();
    let width = if total == 0 {
        0.0
    } else {
        300.0 * covered as f64 / total as f64
    };
    view! {
        <figure class="card chart coverage">
            <figcaption>{move || (i18n.tr::<NeedsTexts>().coverage)(covered, total)}</figcaption>
            <svg
                viewBox="0 0 300 24"
                width="100%"
                role="img"
                aria-label={move || (i18n.tr::<NeedsTexts>().coverage)(covered, total)}
            >
                <rect x="0" y="0" width="300" height="24" rx="4" class="bar-back" />
                <rect x="0" y="0" width=format!("{width:.1}") height="24" rx="4" class="bar" />
            </svg>
        </figure>
    }
}

const ROW: f64 = 26.0;
const LABEL: f64 = 190.0;
const BARS: f64 = 220.0;

/// Horizontal bars, one per row, with the count at the end of each.
#[component]
fn BarChart(title: Signal<&'static str>, rows: Signal<Vec<(String, u64)>>) -> impl IntoView {
    view! {
        <figure class="card chart">
            <figcaption>{title}</figcaption>
            {move || {
                let rows = rows.get();
                let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
                let height = ROW * rows.len() as f64;
                view! {
                    <svg
                        viewBox=format!("0 0 {} {height}", LABEL + BARS + 40.0)
                        width="100%"
                        role="img"
                        aria-label=title
                    >
                        {rows
                            .into_iter()
                            .enumerate()
                            .map(|(i, (label, n))| {
                                let y = ROW * i as f64;
                                let w = BARS * n as f64 / max;
                                view! {
                                    <g class="bar-row">
                                        <text
                                            x=format!("{:.0}", LABEL - 8.0)
                                            y=format!("{:.1}", y + 17.0)
                                            text-anchor="end"
                                        >
                                            {label.clone()}
                                        </text>
                                        <rect
                                            x=format!("{LABEL}")
                                            y=format!("{:.1}", y + 4.0)
                                            width=format!("{w:.1}")
                                            height="18"
                                            rx="3"
                                            class="bar"
                                        >
                                            <title>{format!("{label} : {n}")}</title>
                                        </rect>
                                        <text
                                            x=format!("{:.1}", LABEL + w + 6.0)
                                            y=format!("{:.1}", y + 17.0)
                                            class="count"
                                        >
                                            {n}
                                        </text>
                                    </g>
                                }
                            })
                            .collect_view()}
                    </svg>
                }
            }}
        </figure>
    }
}
