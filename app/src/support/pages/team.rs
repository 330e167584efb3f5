//! The support team's pages: the queue (overdue first), the dashboard with
//! its SVG charts (drawn here, no chart library), and the settings
//! (categories and referents, targets, notification deliveries).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::notifications::live::use_live;
use crate::platform::codes::Urgency;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::ui::feedback::{
    on_result, CodeBadge, DataTable, DoneNote, ErrorNote, Loaded, LoadedBoth, Table,
};
use crate::platform::ui::form::{CheckBox, CheckField, Field, Fields, SubmitButton, TextField};
use crate::support::api::{
    support_categories, support_category_list, support_deliveries, support_helpers, support_queue,
    support_save_category, support_save_targets, support_stats, support_targets,
};
use crate::support::model::{
    CodeCount, PersonRef, SupportCategory, SupportCategorySettings, SupportDashboard, SupportDelivery,
    SupportQueueItem, SupportTarget, WeekTimes,
};
use crate::support::pages::ask::{category_label, SupportNav};
use crate::support::texts::SupportTexts;

// --------------------------------------------------------------------- queue

#[component]
pub fn QueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let include_done = RwSignal::new(false);
    let live = use_live();
    let queue = LocalResource::new(move || {
        live.support.track();
        support_queue(include_done.get())
    });
    let categories = LocalResource::new(support_categories);
    view! {
        <SupportNav />
        <h1>{move || i18n.tr::<SupportTexts>().queue_title}</h1>
        <p class="intro">{move || i18n.tr::<SupportTexts>().queue_intro}</p>
        <CheckField
            id="include-done"
            label={i18n.text::<SupportTexts>(|t| t.include_done)}
            value=include_done
        />
        <LoadedBoth
            first=categories
            second=queue
            render={move |categories: Vec<SupportCategory>, items: Vec<SupportQueueItem>| {
                view! { <QueueTable items categories /> }
            }}
        />
    }
}

#[component]
fn QueueTable(items: Vec<SupportQueueItem>, categories: Vec<SupportCategory>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<SupportTexts>().queue_empty}</p> }.into_any();
    }
    view! {
        <DataTable
            headers=|t| {
                vec![
                    t.col_number,
                    t.support_subject,
                    t.support_category,
                    t.support_urgency,
                    t.col_status,
                    t.col_when,
                ]
            }
            empty=|t| t.support_none
            is_empty=false
        >
            {items
                .into_iter()
                .map(|r| {
                    let categories = categories.clone();
                    let class = if r.overdue { "overdue" } else { "" };
                    let href = format!("/support/demandes/{}", r.number);
                    let assignee = r.assignee_name.clone();
                    view! {
                        <tr class=class>
                            <td>{r.number}</td>
                            <td>
                                <A href=href>{r.subject}</A>
                                <br />
                                <span class="muted">
                                    {r.requester_name} {assignee.map(|a| format!(" → {a}"))}
                                </span>
                            </td>
                            <td>{move || category_label(&categories, &r.category, i18n.lang.get())}</td>
                            <td>
                                <CodeBadge code=r.urgency />
                            </td>
                            <td>
                                <CodeBadge code=r.status />
                                {r
                                    .overdue
                                    .then(|| {
                                        view! {
                                            " "
                                            <span class="badge overdue">
                                                {move || i18n.tr::<SupportTexts>().overdue}
                                            </span>
                                        }
                                    })}
                            </td>
                            <td>{r.created_at.get(0..10).unwrap_or_default().to_string()}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
    .into_any()
}

// ----------------------------------------------------------------- dashboard

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let stats = LocalResource::new(support_stats);
    let categories = LocalResource::new(support_categories);
    view! {
        <SupportNav />
        <h1>{move || i18n.tr::<SupportTexts>().dashboard_title}</h1>
        <LoadedBoth
            first=categories
            second=stats
            render={move |categories: Vec<SupportCategory>, stats: SupportDashboard| {
                view! { <Charts stats categories /> }
            }}
        />
    }
}

#[component]
fn Charts(stats: SupportDashboard, categories: Vec<SupportCategory>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="charts">
            <figure class="card chart">
                <figcaption>{move || i18n.tr::<SupportTexts>().chart_queues}</figcaption>
                <BarChart
                    rows=stats.queues.clone()
                    label={move |code: &str| category_label(&categories, code, i18n.lang.get())}
                />
            </figure>
            <figure class="card chart">
                <figcaption>{move || i18n.tr::<SupportTexts>().chart_status}</figcaption>
                <BarChart
                    rows=stats.by_status.clone()
                    label={move |code: &str| i18n.label(code).to_string()}
                />
            </figure>
            <figure class="card chart">
                <figcaption>{move || i18n.tr::<SupportTexts>().chart_age}</figcaption>
                <BarChart rows=stats.by_age.clone() label={move |code: &str| i18n.label(code).to_string()} />
            </figure>
            <figure class="card chart wide">
                <figcaption>{move || i18n.tr::<SupportTexts>().chart_times}</figcaption>
                <TimesChart weeks=stats.weeks.clone() />
                <p class="help">{move || i18n.tr::<SupportTexts>().chart_times_help}</p>
            </figure>
        </div>
    }
}

/// Horizontal bars, one per code, with the overdue part in red.
#[component]
fn BarChart<L>(rows: Vec<CodeCount>, label: L) -> impl IntoView
where
    L: Fn(&str) -> String + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    const ROW: f64 = 28.0;
    const LEFT: f64 = 170.0;
    const WIDTH: f64 = 460.0;
    let max = rows.iter().map(|r| r.count).max().unwrap_or(0).max(1) as f64;
    let height = ROW * rows.len() as f64 + 8.0;
    let has_overdue = rows.iter().any(|r| r.overdue > 0);
    view! {
        <svg
            class="bar-chart"
            role="img"
            viewBox=format!("0 0 {} {height}", LEFT + WIDTH + 40.0)
            width="100%"
        >
            {rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    let y = 4.0 + i as f64 * ROW;
                    let w = WIDTH * r.count as f64 / max;
                    let late = WIDTH * r.overdue as f64 / max;
                    let code = r.code.clone();
                    let label = label.clone();
                    view! {
                        <g>
                            <text class="axis-label" x=LEFT - 8.0 y=y + ROW / 2.0 + 4.0 text-anchor="end">
                                {move || label(&code)}
                            </text>
                            <rect class="bar" x=LEFT y=y + 4.0 width=w height=ROW - 10.0></rect>
                            <rect class="bar late" x=LEFT y=y + 4.0 width=late height=ROW - 10.0></rect>
                            <text class="value" x=LEFT + w + 6.0 y=y + ROW / 2.0 + 4.0>
                                {r.count}
                            </text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
        {has_overdue
            .then(|| {
                view! {
                    <p class="legend">
                        <span class="swatch late"></span>
                        {move || i18n.tr::<SupportTexts>().legend_overdue}
                    </p>
                }
            })}
    }
}

/// Two series of weekly medians (first response, resolution) as bars side by side.
#[component]
fn TimesChart(weeks: Vec<WeekTimes>) -> impl IntoView {
    let i18n = use_i18n();
    const HEIGHT: f64 = 180.0;
    const COL: f64 = 80.0;
    const LEFT: f64 = 40.0;
    let max = weeks
        .iter()
        .flat_map(|w| [w.first_response_hours, w.resolution_hours])
        .flatten()
        .fold(1.0_f64, f64::max);
    let bar = move |value: Option<f64>| value.map_or(0.0, |v| HEIGHT * v / max);
    let width = LEFT + COL * weeks.len() as f64;
    view! {
        <svg class="times-chart" role="img" viewBox=format!("0 0 {width} {}", HEIGHT + 40.0) width="100%">
            <line class="axis" x1=LEFT y1=HEIGHT + 10.0 x2=width y2=HEIGHT + 10.0></line>
            <text class="axis-label" x=LEFT - 4.0 y=14.0 text-anchor="end">
                {format!("{max:.0}")}
            </text>
            <text class="axis-label" x=LEFT - 4.0 y=HEIGHT + 10.0 text-anchor="end">
                "0"
            </text>
            {weeks
                .into_iter()
                .enumerate()
                .map(|(i, w)| {
                    let x = LEFT + i as f64 * COL + 10.0;
                    let first = bar(w.first_response_hours);
                    let resolution = bar(w.resolution_hours);
                    let title = format!(
                        "{} · {} · {} / {}",
                        w.week,
                        w.created,
                        w.first_response_hours.map_or("—".into(), |h| format!("{h:.1}")),
                        w.resolution_hours.map_or("—".into(), |h| format!("{h:.1}")),
                    );
                    view! {
                        <g>
                            <title>{title}</title>
                            <rect
                                class="bar first"
                                x=x
                                y=HEIGHT + 10.0 - first
                                width=24.0
                                height=first
                            ></rect>
                            <rect
                                class="bar resolution"
                                x=x + 28.0
                                y=HEIGHT + 10.0 - resolution
                                width=24.0
                                height=resolution
                            ></rect>
                            <text class="axis-label" x=x + 26.0 y=HEIGHT + 28.0 text-anchor="middle">
                                {w.week.get(5..).unwrap_or_default().to_string()}
                            </text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
        <p class="legend">
            <span class="swatch first"></span>
            {move || i18n.tr::<SupportTexts>().legend_first_response}
            " "
            <span class="swatch resolution"></span>
            {move || i18n.tr::<SupportTexts>().legend_resolution}
        </p>
    }
}

// ------------------------------------------------------------------ settings

#[component]
pub fn SupportSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let categories = LocalResource::new(support_category_list);
    let helpers = LocalResource::new(support_helpers);
    let targets = LocalResource::new(support_targets);
    let deliveries = LocalResource::new(support_deliveries);
    view! {
        <SupportNav />
        <h1>{move || i18n.tr::<SupportTexts>().settings_title}</h1>
        <h2>{move || i18n.tr::<SupportTexts>().categories}</h2>
        <LoadedBoth
            first=helpers
            second=categories
            render={move |helpers: Vec<PersonRef>, list: Vec<SupportCategorySettings>| {
                view! { <CategoryEditors list helpers on_saved=move || categories.refetch() /> }
            }}
        />
        <h2>{move || i18n.tr::<SupportTexts>().targets}</h2>
        <p class="help">{move || i18n.tr::<SupportTexts>().targets_help}</p>
        <Loaded resource=targets render={move |list: Vec<SupportTarget>| view! { <TargetsForm list /> }} />
        <h2>{move || i18n.tr::<SupportTexts>().deliveries}</h2>
        <Loaded
            resource=deliveries
            render={move |list: Vec<SupportDelivery>| view! { <DeliveriesTable list /> }}
        />
    }
}

#[component]
fn CategoryEditors(
    list: Vec<SupportCategorySettings>,
    helpers: Vec<PersonRef>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let blank = SupportCategorySettings {
        code: String::new(),
        label_fr: String::new(),
        label_en: String::new(),
        active: true,
        position: list.len() as i64 + 1,
        referents: Vec::new(),
        webhook_url: None,
    };
    view! {
        <div class="category-editors">
            {list
                .into_iter()
                .map(|c| view! { <CategoryForm current=c helpers=helpers.clone() on_saved /> })
                .collect_view()} <CategoryForm current=blank helpers=helpers.clone() on_saved />
        </div>
    }
}

#[component]
fn CategoryForm(
    current: SupportCategorySettings,
    helpers: Vec<PersonRef>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_new = current.code.is_empty();
    let code = RwSignal::new(current.code.clone());
    let label_fr = RwSignal::new(current.label_fr.clone());
    let label_en = RwSignal::new(current.label_en.clone());
    let active = RwSignal::new(current.active);
    let position = RwSignal::new(current.position.to_string());
    let webhook = RwSignal::new(current.webhook_url.clone().unwrap_or_default());
    let referents = RwSignal::new(current.referents.iter().map(|r| r.id.clone()).collect::<Vec<_>>());
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |_: &()| {
        support_save_category(
            code.get_untracked().trim().to_string(),
            label_fr.get_untracked(),
            label_en.get_untracked(),
            active.get_untracked(),
            position.get_untracked().trim().parse().unwrap_or(-1),
            referents.get_untracked(),
            Some(webhook.get_untracked()),
        )
    });
    on_result(save, error, move |()| {
        saved.set(true);
        if is_new {
            on_saved();
        }
    });
    let id = if is_new {
        "new".to_string()
    } else {
        current.code.clone()
    };
    let title = current.label_fr.clone();
    let label = move |key| i18n.text::<SupportTexts>(key);
    view! {
        <form
            class="stack card category-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                saved.set(false);
                save.dispatch(());
            }
        >
            <h3>
                {move || {
                    if is_new { i18n.tr::<SupportTexts>().new_category.to_string() } else { title.clone() }
                }}
            </h3>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            {is_new
                .then(|| {
                    view! { <TextField name="code" label=label(|t| t.code) value=code error /> }
                })}
            <Fields
                error
                fields=vec![
                    Field::text("label_fr", label(|t| t.label_fr), label_fr),
                    Field::text("label_en", label(|t| t.label_en), label_en),
                    Field::number("position", label(|t| t.position), position),
                    Field::text("webhook_url", label(|t| t.webhook), webhook).kind("url"),
                ]
            />
            <p class="help">{move || i18n.tr::<SupportTexts>().webhook_help}</p>
            <fieldset>
                <legend>{move || i18n.tr::<SupportTexts>().referents}</legend>
                {helpers
                    .iter()
                    .map(|h| {
                        let hid = h.id.clone();
                        let hid2 = h.id.clone();
                        let name = h.display_name.clone();
                        view! {
                            <CheckBox
                                id=format!("ref-{id}-{}", h.id)
                                checked=Signal::derive(move || referents.with(|r| r.contains(&hid)))
                                on_toggle=move |on| {
                                    referents
                                        .update(|r| {
                                            r.retain(|x| *x != hid2);
                                            if on {
                                                r.push(hid2.clone());
                                            }
                                        })
                                }
                            >
                                {name}
                            </CheckBox>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <CheckField
                id=format!("active-{}", current.code)
                label={i18n.text::<SupportTexts>(|t| t.active)}
                value=active
            />
            <SubmitButton text={i18n.text::<CommonTexts>(|t| t.save)} pending=save.pending() />
            <DoneNote shown=saved text={i18n.text::<CommonTexts>(|t| t.saved)} />
        </form>
    }
}

#[component]
fn TargetsForm(list: Vec<SupportTarget>) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<(Urgency, RwSignal<String>, RwSignal<String>)> = list
        .into_iter()
        .map(|t| {
            (
                t.urgency,
                RwSignal::new(t.first_response_hours.to_string()),
                RwSignal::new(t.resolution_hours.to_string()),
            )
        })
        .collect();
    let for_save = rows.clone();
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |_: &()| {
        let targets = for_save
            .iter()
            .map(|(urgency, first, resolution)| SupportTarget {
                urgency: *urgency,
                first_response_hours: first.get_untracked().trim().parse().unwrap_or(0),
                resolution_hours: resolution.get_untracked().trim().parse().unwrap_or(0),
            })
            .collect();
        support_save_targets(targets)
    });
    on_result(save, error, move |()| {
        saved.set(true);
    });
    view! {
        <form
            class="card"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                saved.set(false);
                save.dispatch(());
            }
        >
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.tr::<CommonTexts>().support_urgency}</th>
                        <th scope="col">{move || i18n.tr::<SupportTexts>().target_first}</th>
                        <th scope="col">{move || i18n.tr::<SupportTexts>().target_resolution}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(urgency, first, resolution)| {
                            let code = urgency;
                            view! {
                                <tr>
                                    <th scope="row">{move || i18n.label(code.code())}</th>
                                    <td>
                                        <input
                                            type="number"
                                            min="1"
                                            aria-label=format!("{urgency} first")
                                            bind:value=first
                                        />
                                    </td>
                                    <td>
                                        <input
                                            type="number"
                                            min="1"
                                            aria-label=format!("{urgency} resolution")
                                            bind:value=resolution
                                        />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <SubmitButton text={i18n.text::<CommonTexts>(|t| t.save)} />
            <DoneNote shown=saved text={i18n.text::<CommonTexts>(|t| t.saved)} />
        </form>
    }
}

#[component]
fn DeliveriesTable(list: Vec<SupportDelivery>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<SupportTexts>().deliveries_empty}</p> }
            .into_any();
    }
    view! {
        <Table columns=vec![
            i18n.text::<CommonTexts>(|t| t.col_number),
            i18n.text::<SupportTexts>(|t| t.col_channel),
            i18n.text::<SupportTexts>(|t| t.col_target),
            i18n.text::<SupportTexts>(|t| t.col_attempts),
            i18n.text::<SupportTexts>(|t| t.col_result),
        ]>
            {list
                .into_iter()
                .map(|d| {
                    let channel = d.channel;
                    let result = move || {
                        let s = i18n.tr::<SupportTexts>();
                        if d.delivered_at.is_some() {
                            s.delivered.to_string()
                        } else if d.gave_up {
                            format!("{} — {}", s.gave_up, d.last_error)
                        } else {
                            format!("{} — {}", s.pending, d.last_error)
                        }
                    };
                    view! {
                        <tr>
                            <td>{d.number}</td>
                            <td>{move || i18n.label(channel.code())}</td>
                            <td class="break">{d.target.clone()}</td>
                            <td>{d.attempts}</td>
                            <td>{result}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
    .into_any()
}
