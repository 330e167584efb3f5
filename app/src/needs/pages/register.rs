//! The needs register (filters in the URL, export) and the form that
//! records a need while showing similar ones.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::needs::api::register::{
    create_need, export_needs, need_categories, needs_register, similar_needs,
};
use crate::needs::model::{ExportFile, ExportFormat, NeedCategory, NeedInput, NeedItem, NeedQuery, NeedRef};
use crate::needs::model::{NeedOrigin, NeedPriority, NeedSort, NeedStatus};
use crate::needs::texts::NeedsTexts;
use crate::platform::codes::Urgency;
use crate::platform::error::AppError;
use crate::platform::i18n::CommonTexts;
use crate::platform::i18n::Localized;
use crate::platform::i18n::{use_i18n, Lang};
use crate::platform::page::Page;
use crate::platform::timer::Timeout;
use crate::platform::ui::feedback::{on_result, CodeBadge, DataTable, ErrorNote, Loaded};
use crate::platform::ui::form::{submit_to, CodeOptions, Field, Fields, SubmitButton};
use crate::platform::ui::pager::Pager;
use crate::platform::url::{encode, use_replace_url, with_query};

/// The category list, loaded once per page.
pub type Categories = LocalResource<Result<Vec<NeedCategory>, AppError>>;

/// The categories once loaded (none before, or on error).
pub fn loaded(categories: Categories) -> Vec<NeedCategory> {
    categories.get().and_then(Result::ok).unwrap_or_default()
}

/// A category's label in `lang` (its code when unknown).
pub fn category_label(categories: &[NeedCategory], code: &str, lang: Lang) -> String {
    categories.iter().find(|c| c.code == code).map_or_else(
        || code.to_string(),
        |c| match lang {
            Lang::Fr => c.label_fr.clone(),
            Lang::En => c.label_en.clone(),
        },
    )
}

/// The language a main texts table belongs to (for fixed `fn` headers).
fn lang_of(t: &crate::platform::i18n::CommonTexts) -> Lang {
    if std::ptr::eq(t, CommonTexts::of(Lang::Fr)) {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// The links between the needs pages.
#[component]
pub fn NeedsNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="needs-nav" aria-label={move || i18n.tr::<NeedsTexts>().architecture}>
            <A href="/besoins">{move || crate::platform::i18n::use_i18n().tr::<NeedsTexts>().needs_title}</A>
            <A href="/besoins/nouveau">{move || i18n.tr::<NeedsTexts>().new_need}</A>
            <A href="/besoins/architecture">{move || i18n.tr::<NeedsTexts>().architecture}</A>
            <A href="/besoins/tableau-de-bord">{move || i18n.tr::<NeedsTexts>().dashboard}</A>
        </nav>
    }
}

/// The URL keys of the register's filters, in order.
const FILTER_KEYS: [&str; 7] = ["q", "status", "origin", "category", "priority", "urgency", "sort"];

#[component]
pub fn NeedsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    let needs_query = move || {
        let opt = |k: &str| Some(param(k)).filter(|v| !v.is_empty());
        NeedQuery {
            text: opt("q"),
            status: opt("status"),
            origin: opt("origin"),
            category: opt("category"),
            priority: opt("priority"),
            urgency: opt("urgency"),
            sort: opt("sort"),
        }
    };
    let replace_url = use_replace_url();
    // Every filter change rewrites the URL, which the list follows.
    let set = move |key: &'static str, value: String| {
        // A new filter starts again from the first page.
        let params: Vec<String> = FILTER_KEYS
            .iter()
            .chain(&["page"])
            .map(|k| {
                (
                    *k,
                    if *k == key {
                        value.clone()
                    } else if *k == "page" {
                        String::new()
                    } else {
                        param(k)
                    },
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .collect();
        replace_url(&with_query("/besoins", &params));
    };
    let set = StoredValue::new(set);
    let categories = LocalResource::new(need_categories);
    let page = move || param("page").parse().unwrap_or(1);
    let needs = LocalResource::new(move || needs_register(Some(needs_query()), Some(page())));
    let select =
        move |key: &'static str, label: fn(&NeedsTexts) -> &'static str, codes: &'static [&'static str]| {
            let id = format!("needs-{key}");
            view! {
                <div>
                    <label for=id.clone()>{move || label(i18n.tr::<NeedsTexts>())}</label>
                    <select id=id on:change=move |ev| set.with_value(|set| set(key, event_target_value(&ev)))>
                        <option value="" selected=move || param(key).is_empty()>
                            {move || i18n.tr::<NeedsTexts>().all}
                        </option>
                        <CodeOptions codes current=Signal::derive(move || param(key)) />
                    </select>
                </div>
            }
        };
    view! {
        <h1>{move || i18n.tr::<NeedsTexts>().needs_title}</h1>
        <p class="intro">{move || i18n.tr::<NeedsTexts>().needs_intro}</p>
        <NeedsNav />
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div>
                <label for="needs-q">{move || i18n.tr::<NeedsTexts>().search}</label>
                <input
                    id="needs-q"
                    type="search"
                    prop:value=move || param("q")
                    on:change=move |ev| set.with_value(|set| set("q", event_target_value(&ev)))
                />
            </div>
            {select("status", |t| t.status, NeedStatus::CODES)}
            {select("origin", |t| t.origin, NeedOrigin::CODES)}
            <div>
                <label for="needs-category">{move || i18n.tr::<NeedsTexts>().category}</label>
                <select
                    id="needs-category"
                    on:change=move |ev| set.with_value(|set| set("category", event_target_value(&ev)))
                >
                    <option value="">{move || i18n.tr::<NeedsTexts>().all}</option>
                    {move || {
                        loaded(categories)
                            .into_iter()
                            .map(|c| {
                                let code = c.code.clone();
                                let selected = move || param("category") == code;
                                let label = move || {
                                    if i18n.lang.get() == Lang::Fr {
                                        c.label_fr.clone()
                                    } else {
                                        c.label_en.clone()
                                    }
                                };
                                view! {
                                    <option value=c.code.clone() selected=selected>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            {select("priority", |t| t.priority, NeedPriority::CODES)}
            {select("urgency", |t| t.urgency, Urgency::CODES)}
            <div>
                <label for="needs-sort">{move || i18n.tr::<NeedsTexts>().sort}</label>
                <select
                    id="needs-sort"
                    on:change=move |ev| set.with_value(|set| set("sort", event_target_value(&ev)))
                >
                    <option value="" selected=move || param("sort").is_empty()>
                        {move || i18n.tr::<NeedsTexts>().sort_priority}
                    </option>
                    <option
                        value=NeedSort::Support.code()
                        selected=move || param("sort") == NeedSort::Support.code()
                    >
                        {move || i18n.tr::<NeedsTexts>().sort_support}
                    </option>
                    <option value=NeedSort::Age.code() selected=move || param("sort") == NeedSort::Age.code()>
                        {move || i18n.tr::<NeedsTexts>().sort_age}
                    </option>
                </select>
            </div>
        </form>
        <Loaded
            resource=needs
            render={move |found: Page<NeedItem>| {
                let (count, current, pages) = (found.total as usize, found.page, found.page_count());
                view! {
                    <p class="muted" aria-live="polite" id="needs-count">
                        {move || (i18n.tr::<NeedsTexts>().count)(count)}
                    </p>
                    <NeedsTable needs=found.items categories />
                    <Pager
                        current
                        pages
                        go=Callback::new(move |page: u64| set.with_value(|set| set("page", page.to_string())))
                    />
                }
            }}
        />
        <ExportBox query=Signal::derive(needs_query) />
    }
}

#[component]
fn NeedsTable(needs: Vec<NeedItem>, categories: Categories) -> impl IntoView {
    let i18n = use_i18n();
    let is_empty = needs.is_empty();
    view! {
        <DataTable
            headers=|t| {
                vec![
                    t.col_title,
                    t.col_category,
                    t.col_priority,
                    t.col_status,
                    NeedsTexts::of(lang_of(t)).col_support,
                ]
            }
            empty=|t| t.needs_empty
            is_empty
        >
            {needs
                .into_iter()
                .map(|n| {
                    let href = format!("/besoins/{}", n.id);
                    let category = n.category.clone();
                    let origin = n.origin;
                    view! {
                        <tr>
                            <td>
                                <A href=href>{n.title}</A>
                                <br />
                                <span class="muted">
                                    {move || i18n.label(origin.code())} " — " {n.origin_name.clone()}
                                </span>
                            </td>
                            <td>{move || category_label(&loaded(categories), &category, i18n.lang.get())}</td>
                            <td>
                                <CodeBadge code=n.priority />
                            </td>
                            <td>
                                <CodeBadge code=n.status />
                            </td>
                            <td class="number">{n.support_count}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

/// A data: URL holding a text file, so that the browser downloads it
/// without another request.
pub fn data_url(file: &ExportFile) -> String {
    format!("data:{};charset=utf-8,{}", file.mime, encode(&file.content))
}

/// Exports the filtered needs as the prioritised specification.
#[component]
fn ExportBox(query: Signal<NeedQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let export = Action::new_local(move |format: &ExportFormat| {
        export_needs(Some(query.get_untracked()), format.code().to_string())
    });
    view! {
        <section class="card export-box">
            <p class="muted">{move || i18n.tr::<NeedsTexts>().export_help}</p>
            <div class="button-row">
                {ExportFormat::ALL
                    .iter()
                    .map(|&format| {
                        let label = move || {
                            let t = i18n.tr::<NeedsTexts>();
                            match format {
                                ExportFormat::Markdown => t.export_markdown,
                                ExportFormat::Csv => t.export_csv,
                            }
                        };
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| {
                                    export.dispatch(format);
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                export
                    .value()
                    .get()
                    .map(|result| match result {
                        Ok(file) => {
                            let name = file.filename.clone();
                            view! {
                                <p>
                                    <a class="download" href=data_url(&file) download=file.filename.clone()>
                                        {move || (i18n.tr::<NeedsTexts>().download)(&name)}
                                    </a>
                                </p>
                                <pre class="export-preview">{file.content}</pre>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNote error /> }.into_any(),
                    })
            }}
        </section>
    }
}

/// Records a need; similar needs show up while the title is typed.
#[component]
pub fn NewNeedPage() -> impl IntoView {
    let i18n = use_i18n();
    let blank = NeedInput {
        origin: NeedOrigin::WorkingGroup.into(),
        category: "other".into(),
        urgency: Urgency::Normal.into(),
        priority: NeedPriority::Should.into(),
        ..NeedInput::default()
    };
    view! {
        <h1>{move || i18n.tr::<NeedsTexts>().new_need}</h1>
        <p class="intro">{move || i18n.tr::<NeedsTexts>().new_need_intro}</p>
        <NeedsNav />
        <NeedForm initial=blank id=None version=0 />
    }
}

/// Edits a need (its author while new or to rework, or an administrator).
#[component]
pub fn EditNeedPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = leptos_router::hooks::use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let detail = LocalResource::new(move || crate::needs::api::register::get_need(id()));
    view! {
        <p>
            <A href=move || format!("/besoins/{}", id())>{move || i18n.tr::<NeedsTexts>().back_to_need}</A>
        </p>
        <h1>{move || i18n.tr::<NeedsTexts>().edit}</h1>
        <Loaded
            resource=detail
            render={move |d: crate::needs::model::NeedDetail| {
                let n = d.need;
                let initial = NeedInput {
                    title: n.title,
                    description: d.description,
                    origin: n.origin.into(),
                    origin_name: n.origin_name,
                    category: n.category,
                    people_affected: n.people_affected,
                    urgency: n.urgency.into(),
                    current_tool: n.current_tool,
                    gap: n.gap,
                    priority: n.priority.into(),
                };
                view! { <NeedForm initial id=Some(n.id) version=d.version /> }
            }}
        />
    }
}

/// The fields of a need, with the similar needs beside them; records a new
/// need (no id) or saves the changes made from `version`, then opens its page.
#[component]
fn NeedForm(initial: NeedInput, id: Option<String>, version: i64) -> impl IntoView {
    let i18n = use_i18n();
    let people_text = if initial.people_affected > 0 {
        initial.people_affected.to_string()
    } else {
        String::new()
    };
    let title = RwSignal::new(initial.title);
    let description = RwSignal::new(initial.description);
    let origin = RwSignal::new(initial.origin);
    let origin_name = RwSignal::new(initial.origin_name);
    let category = RwSignal::new(initial.category);
    let people = RwSignal::new(people_text);
    let urgency = RwSignal::new(initial.urgency);
    let current_tool = RwSignal::new(initial.current_tool);
    let gap = RwSignal::new(initial.gap);
    let priority = RwSignal::new(initial.priority);
    let error = RwSignal::new(None::<AppError>);
    let navigate = use_navigate();
    let categories = LocalResource::new(need_categories);

    // Debounced: the search runs once typing pauses (each keystroke
    // replaces, so cancels, the pending timer).
    let typed = RwSignal::new(String::new());
    let pending = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let text = format!("{} {}", title.get(), current_tool.get());
        pending.set_value(Some(Timeout::new(300, move || typed.set(text))));
    });
    let similar = LocalResource::new(move || similar_needs(typed.get()));

    let send = Action::new_local(move |_: &()| {
        let need = NeedInput {
            title: title.get_untracked(),
            description: description.get_untracked(),
            origin: origin.get_untracked(),
            origin_name: origin_name.get_untracked(),
            category: category.get_untracked(),
            people_affected: people.get_untracked().trim().parse().unwrap_or(0),
            urgency: urgency.get_untracked(),
            current_tool: current_tool.get_untracked(),
            gap: gap.get_untracked(),
            priority: priority.get_untracked(),
        };
        let id = id.clone();
        async move {
            match id {
                Some(id) => crate::needs::api::register::update_need(id.clone(), need, version)
                    .await
                    .map(|()| id),
                None => create_need(need).await,
            }
        }
    });
    on_result(send, error, move |id| {
        navigate(&format!("/besoins/{id}"), Default::default())
    });
    let label = move |f| i18n.text::<NeedsTexts>(f);
    view! {
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <div class="need-form-layout">
            <form class="stack card" on:submit=submit_to(send) novalidate>
                <Fields
                    error
                    fields=vec![
                        Field::text("title", label(|t| t.title), title).required(),
                        Field::multiline("description", label(|t| t.description), description),
                        Field::codes("origin", label(|t| t.origin), NeedOrigin::CODES, origin),
                        Field::text("origin_name", label(|t| t.origin_name), origin_name),
                    ]
                />
                <CategorySelect categories value=category />
                <Fields
                    error
                    fields=vec![
                        Field::number("people_affected", label(|t| t.people), people),
                        Field::codes("urgency", label(|t| t.urgency), Urgency::CODES, urgency),
                        Field::text("current_tool", label(|t| t.current_tool), current_tool),
                        Field::text("gap", label(|t| t.gap), gap),
                        Field::codes("priority", label(|t| t.priority), NeedPriority::CODES, priority),
                    ]
                />
                <SubmitButton text={i18n.text::<NeedsTexts>(|t| t.submit)} pending=send.pending() />
            </form>
            <aside class="card similar" aria-live="polite">
                <h2>{move || i18n.tr::<NeedsTexts>().similar_title}</h2>
                <Loaded
                    resource=similar
                    render={move |found: Vec<NeedRef>| view! { <NeedRefList needs=found /> }}
                />
            </aside>
        </div>
    }
}

/// Needs as links with their status.
#[component]
pub fn NeedRefList(needs: Vec<NeedRef>) -> impl IntoView {
    view! {
        <ul class="plain-list need-refs">
            {needs
                .into_iter()
                .map(|n| {
                    view! {
                        <li>
                            <A href=format!("/besoins/{}", n.id)>{n.title}</A>
                            " "
                            <CodeBadge code=n.status />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The category list (edited by administrators, so loaded, not fixed).
#[component]
pub fn CategorySelect(categories: Categories, value: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div>
            <label for="field-category">{move || i18n.tr::<NeedsTexts>().category}</label>
            <select
                id="field-category"
                name="category"
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    let current = value.get_untracked();
                    loaded(categories)
                        .into_iter()
                        .filter(|c| c.active || c.code == current)
                        .map(|c| {
                            let code = c.code.clone();
                            let label = move || {
                                if i18n.lang.get() == Lang::Fr {
                                    c.label_fr.clone()
                                } else {
                                    c.label_en.clone()
                                }
                            };
                            // Turned-off categories are not offered, except the one
                            // an existing need already has.
                            view! {
                                <option value=code.clone() selected=move || value.get() == code>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
