//! `/annuaire`: search as you type, facet filters with counts, cards or a
//! table, sorting, pages, exports. The whole state lives in the URL so that
//! a search can be shared and bookmarked.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::accounts::model::Role;
use crate::directory::api::profiles::search_directory;
use crate::directory::model::{
    initials, DirectoryCard, DirectoryQuery, DirectoryResult, ExportFormat, Facet, DIRECTORY_SORTS,
};
use crate::directory::texts::DirTexts;
use crate::platform::i18n::use_i18n;
use crate::platform::session::use_session;
use crate::platform::ui::feedback::{Loaded, Table};
use crate::platform::ui::nav::ToggleButton;
use crate::platform::ui::pager::Pager;
use crate::platform::url::{use_replace_url, with_query};

fn query_from(map: &ParamsMap) -> DirectoryQuery {
    DirectoryQuery::from_params(map.into_iter().map(|(name, value)| (name.as_ref(), value)))
}

fn url_of(q: &DirectoryQuery, table: bool) -> String {
    let mut params = q.to_params();
    if table {
        params.push("vue=tableau".into());
    }
    with_query("/annuaire", &params)
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(query_from));
    let table = Memo::new(move |_| params.with(|p| p.get("vue").as_deref() == Some("tableau")));
    let replace_url = use_replace_url();
    let go = StoredValue::new(move |q: DirectoryQuery, table: bool| replace_url(&url_of(&q, table)));
    // Any change of the search starts again from its first page.
    let change = move |f: &dyn Fn(&mut DirectoryQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        q.page = 1;
        go.with_value(|go| go(q, table.get_untracked()));
    };
    let results = LocalResource::new(move || search_directory(query.get()));
    // On a phone the facets wait behind a button, so that members come first;
    // kept here, the choice survives each new search.
    let facets_open = RwSignal::new(false);

    // The board follows the roll-out from here (administrators from "Comptes" too).
    let session = use_session();
    let oversees = move || {
        session
            .user()
            .is_some_and(|u| u.has(Role::Board) || u.has(Role::Admin))
    };
    view! {
        <h1>{move || i18n.tr::<DirTexts>().title}</h1>
        <Show when=oversees>
            <p>
                <a href="/annuaire/activation">
                    {move || i18n.tr::<crate::accounts::texts::AccountTexts>().activation_link}
                </a>
            </p>
        </Show>
        <form class="filters directory-bar" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="grow">
                <label for="directory-q">{move || i18n.tr::<DirTexts>().search}</label>
                <input
                    id="directory-q"
                    type="search"
                    autocomplete="off"
                    placeholder={move || i18n.tr::<DirTexts>().search_placeholder}
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        change(&|q| q.text = text.clone());
                    }
                />
            </div>
            <div>
                <label for="directory-sort">{move || i18n.tr::<DirTexts>().sort}</label>
                <select
                    id="directory-sort"
                    on:change=move |ev| {
                        let sort = event_target_value(&ev);
                        change(&|q| q.sort = sort.clone());
                    }
                >
                    {DIRECTORY_SORTS
                        .iter()
                        .map(|s| {
                            view! {
                                <option
                                    value=*s
                                    selected=move || {
                                        query.with(|q| q.sort == *s || (q.sort.is_empty() && *s == "name"))
                                    }
                                >
                                    {move || i18n.tr::<DirTexts>().value("sort", s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="view-switch" role="group">
                <button
                    type="button"
                    class="secondary"
                    aria-pressed=move || (!table.get()).to_string()
                    on:click=move |_| go.with_value(|go| go(query.get_untracked(), false))
                >
                    {move || i18n.tr::<DirTexts>().view_cards}
                </button>
                <button
                    type="button"
                    class="secondary"
                    aria-pressed=move || table.get().to_string()
                    on:click=move |_| go.with_value(|go| go(query.get_untracked(), true))
                >
                    {move || i18n.tr::<DirTexts>().view_table}
                </button>
            </div>
        </form>
        <Loaded
            resource=results
            render={move |found: DirectoryResult| {
                let pages = found.page_count();
                let current = found.page;
                let filtered = query.with_untracked(|q| q.is_filtered());
                let empty = i18n
                    .text::<DirTexts>(if filtered { |t| t.empty_filtered } else { |t| t.empty_none });
                let facets = found.facets.clone();
                let items = StoredValue::new(found.items.clone());
                // `items` is stored: the view switch changes the URL but not the search (no new request).
                view! {
                    <div class="directory">
                        <ToggleButton
                            class="secondary facets-toggle"
                            controls="directory-facets"
                            open=facets_open
                        >
                            {move || (i18n.tr::<DirTexts>().filters_count)(query.with(|q| q.facet_count()))}
                        </ToggleButton>
                        <aside
                            id="directory-facets"
                            class="facets"
                            class:open=move || facets_open.get()
                            aria-label={move || i18n.tr::<DirTexts>().filters}
                        >
                            <h2>{move || i18n.tr::<DirTexts>().filters}</h2>
                            <Show when=move || filtered>
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| change(&|q| *q = DirectoryQuery::default())
                                >
                                    {move || i18n.tr::<DirTexts>().clear}
                                </button>
                            </Show>
                            {facets
                                .into_iter()
                                .filter(|f| !f.values.is_empty())
                                .map(|facet| view! { <FacetBox facet on_toggle=change /> })
                                .collect_view()}
                        </aside>
                        <section class="results">
                            <p class="muted" aria-live="polite" id="directory-count">
                                {move || (i18n.tr::<DirTexts>().results)(found.total)}
                            </p>
                            <ExportLinks query reserved=found.export_reserved />
                            {move || {
                                let members = items.get_value();
                                if members.is_empty() {
                                    view! { <p class="empty">{empty}</p> }.into_any()
                                } else if table.get() {
                                    view! { <MemberTable members /> }.into_any()
                                } else {
                                    view! { <MemberCards members /> }.into_any()
                                }
                            }}
                            <Pager
                                current
                                pages
                                go=Callback::new(move |page| {
                                    let mut q = query.get_untracked();
                                    q.page = page;
                                    go.with_value(|go| go(q, table.get_untracked()));
                                })
                            />
                        </section>
                    </div>
                }
            }}
        />
    }
}

/// One filter: its values with how many members of the selection have each.
#[component]
fn FacetBox<F>(facet: Facet, on_toggle: F) -> impl IntoView
where
    F: Fn(&dyn Fn(&mut DirectoryQuery)) + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let name = facet.name.clone();
    let label_name = name.clone();
    let data_name = name.clone();
    // Long lists show their first values; the rest on demand.
    let expanded = RwSignal::new(false);
    let long = facet.values.len() > 8;
    let values = StoredValue::new(facet.values);
    view! {
        <fieldset class="facet" data-facet=data_name>
            <legend>{move || i18n.tr::<DirTexts>().field(&label_name)}</legend>
            {move || {
                let shown = if expanded.get() || !long { usize::MAX } else { 8 };
                values
                    .get_value()
                    .into_iter()
                    .enumerate()
                    .filter(|(i, v)| *i < shown || v.selected)
                    .map(|(_, v)| {
                        let facet = name.clone();
                        let value = v.value.clone();
                        let label_facet = facet.clone();
                        let label_value = value.clone();
                        view! {
                            <label class="facet-value">
                                <input
                                    type="checkbox"
                                    checked=v.selected
                                    on:change=move |_| {
                                        let (facet, value) = (facet.clone(), value.clone());
                                        on_toggle(&move |q: &mut DirectoryQuery| toggle(q, &facet, &value));
                                    }
                                />
                                <span>{move || i18n.tr::<DirTexts>().value(&label_facet, &label_value)}</span>
                                <span class="count">{v.count}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
            <Show when=move || long && !expanded.get()>
                <button type="button" class="link" on:click=move |_| expanded.set(true)>
                    {move || i18n.tr::<DirTexts>().more_values}
                </button>
            </Show>
        </fieldset>
    }
}

fn toggle(q: &mut DirectoryQuery, facet: &str, value: &str) {
    if facet == "open" {
        q.open = !q.open;
    } else if let Some(list) = q.selected_mut(facet) {
        if let Some(at) = list.iter().position(|v| v == value) {
            list.remove(at);
        } else {
            list.push(value.to_string());
        }
    }
}

/// The whole selection as a file: plain links, so that the browser
/// downloads the server's stream itself (no file held in the page).
#[component]
fn ExportLinks(query: Memo<DirectoryQuery>, reserved: bool) -> impl IntoView {
    let i18n = use_i18n();
    // The server would refuse it: say so rather than offer a failing download.
    if reserved && !query.with_untracked(DirectoryQuery::is_filtered) {
        return view! { <p class="muted exports">{move || i18n.tr::<DirTexts>().export_reserved}</p> }
            .into_any();
    }
    let link = move |format: ExportFormat| {
        view! {
            <a class="button secondary" download href=move || query.with(|q| format.url(q, i18n.lang.get()))>
                {move || (i18n.tr::<DirTexts>().export_label)(format)}
            </a>
        }
    };
    view! {
        <div class="exports">
            {ExportFormat::ALL.map(link)} <p class="muted">{move || i18n.tr::<DirTexts>().export_hint}</p>
        </div>
    }
    .into_any()
}

#[component]
fn MemberCards(members: Vec<DirectoryCard>) -> impl IntoView {
    view! {
        <ul class="grid plain-list">
            {members
                .into_iter()
                .map(|m| {
                    view! {
                        <li>
                            <MemberSummary member=m />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Region and local group (and country abroad), as one line.
pub fn place_of(m: &DirectoryCard) -> String {
    [m.region.clone(), m.country.clone(), m.local_group.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A member's photo, or their initials when there is none to show.
#[component]
pub fn Avatar(
    name: String,
    photo: Option<String>,
    #[prop(default = "")] size: &'static str,
) -> impl IntoView {
    let class = format!("avatar {size}");
    match photo {
        Some(src) => view! { <img class=class src=src alt="" loading="lazy" /> }.into_any(),
        None => view! {
            <span class=class aria-hidden="true">
                {initials(&name)}
            </span>
        }
        .into_any(),
    }
}

#[component]
fn MemberSummary(member: DirectoryCard) -> impl IntoView {
    let i18n = use_i18n();
    let place = place_of(&member);
    let href = format!("/annuaire/{}", member.id);
    let years = member.seniority_years;
    let open = member.open_to_missions == Some(true);
    view! {
        <article class="card member-card">
            <Avatar name=member.display_name.clone() photo=member.photo.clone() />
            <h3>
                <a href=href>{member.display_name}</a>
            </h3>
            {member.pronouns.map(|p| view! { <p class="muted">{p}</p> })}
            <p class="muted">{member.profession}</p>
            <p>{place}</p>
            {years.map(|y| view! { <p class="muted">{move || (i18n.tr::<DirTexts>().years)(y)}</p> })}
            <Show when=move || open>
                <p class="badge open">{move || i18n.tr::<DirTexts>().open_badge}</p>
            </Show>
            <ul class="tags">
                {member.skills.into_iter().map(|s| view! { <li class="tag">{s}</li> }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
fn MemberTable(members: Vec<DirectoryCard>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Table
            class="directory-table"
            columns=vec![
                i18n.text::<DirTexts>(|t| t.col_name),
                i18n.text::<DirTexts>(|t| t.col_place),
                i18n.text::<DirTexts>(|t| t.col_profession),
                i18n.text::<DirTexts>(|t| t.col_seniority),
                i18n.text::<DirTexts>(|t| t.col_availability),
            ]
        >
            {members
                .into_iter()
                .map(|m| {
                    let place = place_of(&m);
                    let href = format!("/annuaire/{}", m.id);
                    let years = m.seniority_years;
                    let hours = m.hours_per_month;
                    view! {
                        <tr>
                            <td class="with-avatar">
                                <Avatar name=m.display_name.clone() photo=m.photo.clone() size="small" />
                                <a href=href>{m.display_name}</a>
                            </td>
                            <td>{place}</td>
                            <td>{m.profession}</td>
                            <td>{move || years.map(|y| (i18n.tr::<DirTexts>().years)(y))}</td>
                            <td>{move || hours.map(|h| (i18n.tr::<DirTexts>().hours)(h))}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_keeps_the_whole_search() {
        let q = DirectoryQuery {
            text: "data".into(),
            region: vec!["Bretagne".into(), "Corse".into()],
            open: true,
            sort: "recent".into(),
            page: 2,
            ..DirectoryQuery::default()
        };
        let url = url_of(&q, true);
        assert_eq!(
            url,
            "/annuaire?q=data&region=Bretagne&region=Corse&open=1&tri=recent&page=2&vue=tableau"
        );
        let mut map = ParamsMap::new();
        for pair in url.split_once('?').unwrap().1.split('&') {
            let (k, v) = pair.split_once('=').unwrap();
            map.insert(k.to_string(), v.to_string());
        }
        assert_eq!(query_from(&map), q);
    }
}
