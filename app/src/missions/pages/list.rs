//! Open missions (filters, "for you") and the caller's own cards.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::accounts::model::Role;
use crate::directory::api::profiles::my_profile;
use crate::directory::model::REGIONS;
use crate::missions::api::{get_my_missions, list_missions};
use crate::missions::model::{MissionFilter, MissionFit, MyMissions, MISSION_COMMITMENTS};
use crate::missions::model::{MissionKind, MissionSummary};
use crate::missions::texts::MissionTexts;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::page::Page;
use crate::platform::session::use_session;
use crate::platform::ui::feedback::{CodeBadge, Loaded};
use crate::platform::ui::form::CodeOptions;
use crate::platform::ui::pager::Pager;
use crate::platform::url::{encode, use_replace_url, with_query};

/// The filters as the address carries them, so that a filtered list can be
/// shared, bookmarked and found again with "back" (the weekly "pour vous"
/// mail links to `?pour-vous=1`).
fn filter_from(q: &ParamsMap) -> MissionFilter {
    let text = |k: &str| q.get(k).filter(|v| !v.is_empty());
    MissionFilter {
        kind: text("type"),
        skill: text("competence"),
        commitment: text("engagement"),
        region: text("region"),
        open_only: q.get("places").is_some(),
        for_you: q.get("pour-vous").is_some(),
    }
}

/// The page of the list the address asks for (`?page=2`; the first without).
fn page_from(q: &ParamsMap) -> u64 {
    q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1)
}

/// The query string of `filter` at page `page` (empty, or starting with
/// `?`; the first page goes without).
fn query_of(filter: &MissionFilter, page: u64) -> String {
    let texts = [
        ("type", &filter.kind),
        ("competence", &filter.skill),
        ("engagement", &filter.commitment),
        ("region", &filter.region),
    ];
    let flags = [("places", filter.open_only), ("pour-vous", filter.for_you)];
    let params: Vec<String> = texts
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .chain(
            flags
                .into_iter()
                .filter(|(_, on)| *on)
                .map(|(k, _)| format!("{k}=1")),
        )
        .chain((page > 1).then(|| format!("page={page}")))
        .collect();
    with_query("", &params)
}

#[component]
pub fn MissionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_board = move || session.user().is_some_and(|u| u.has(Role::Board));
    // The address holds the filters and the page; a change rewrites it and
    // the list follows.
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filter_from));
    let page = Memo::new(move |_| query.with(page_from));
    let replace_url = use_replace_url();
    let go = Callback::new(move |(f, page): (MissionFilter, u64)| {
        replace_url(&format!("/missions{}", query_of(&f, page)))
    });
    // A new filter starts again from the first page.
    let change = Callback::new(move |f: MissionFilter| go.run((f, 1)));
    let missions = LocalResource::new(move || list_missions(Some(filter.get()), Some(page.get())));
    let mine = LocalResource::new(get_my_missions);
    view! {
        <h1>{move || i18n.tr::<MissionTexts>().missions_title}</h1>
        <p class="intro">{move || i18n.tr::<MissionTexts>().missions_intro}</p>
        <p class="actions">
            <A href="/missions/nouvelle" attr:class="button primary">
                {move || i18n.tr::<MissionTexts>().propose}
            </A>
            <Show when=is_board>
                " "<A href="/missions/revue" attr:class="button secondary">
                    {move || i18n.tr::<MissionTexts>().review_link}
                </A>
            </Show>
        </p>
        <Filters filter change />
        <Loaded
            resource=missions
            render={move |found: Page<MissionSummary>| {
                let (current, pages) = (found.page, found.page_count());
                view! {
                    <MissionList missions=found.items />
                    <Pager
                        current
                        pages
                        go=Callback::new(move |page: u64| go.run((filter.get_untracked(), page)))
                    />
                }
            }}
        />
        <h2>{move || i18n.tr::<MissionTexts>().mine_title}</h2>
        <Loaded resource=mine render={move |mine: MyMissions| view! { <Mine mine /> }} />
    }
}

/// Filters of the list; every change reloads it.
#[component]
pub(super) fn Filters(filter: Memo<MissionFilter>, change: Callback<MissionFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let update = move |f: &dyn Fn(&mut MissionFilter)| {
        let mut next = filter.get_untracked();
        f(&mut next);
        change.run(next);
    };
    let set = move |f: fn(&mut MissionFilter, String), value: String| update(&|x| f(x, value.clone()));
    let some = |v: String| (!v.is_empty()).then_some(v);
    let shown =
        move |f: fn(&MissionFilter) -> &Option<String>| filter.with(|x| f(x).clone().unwrap_or_default());
    view! {
        <form
            class="filters mission-filters"
            role="search"
            aria-label={move || i18n.tr::<MissionTexts>().filters}
            on:submit=|ev| ev.prevent_default()
        >
            <div>
                <label for="mission-kind">{move || i18n.tr::<MissionTexts>().mission_kind}</label>
                <select
                    id="mission-kind"
                    on:change=move |ev| set(
                        |f, v| f.kind = (!v.is_empty()).then_some(v),
                        event_target_value(&ev),
                    )
                >
                    <option value="">{move || i18n.tr::<MissionTexts>().all_kinds}</option>
                    <CodeOptions
                        codes=MissionKind::CODES
                        current=Signal::derive(move || shown(|f| &f.kind))
                    />
                </select>
            </div>
            <div>
                <label for="mission-skill">{move || i18n.tr::<MissionTexts>().skill_filter}</label>
                <input
                    id="mission-skill"
                    type="search"
                    prop:value=move || shown(|f| &f.skill)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(&|f| f.skill = some(v.trim().to_string()))
                    }
                />
            </div>
            <div>
                <label for="mission-commitment">{move || i18n.tr::<MissionTexts>().commitment}</label>
                <select
                    id="mission-commitment"
                    on:change=move |ev| set(
                        |f, v| f.commitment = (!v.is_empty()).then_some(v),
                        event_target_value(&ev),
                    )
                >
                    <option value="">{move || i18n.tr::<MissionTexts>().any_commitment}</option>
                    <CodeOptions
                        codes=&MISSION_COMMITMENTS
                        current=Signal::derive(move || shown(|f| &f.commitment))
                    />
                </select>
            </div>
            <div>
                <label for="mission-region">{move || i18n.tr::<CommonTexts>().region}</label>
                <select
                    id="mission-region"
                    on:change=move |ev| set(
                        |f, v| f.region = (!v.is_empty()).then_some(v),
                        event_target_value(&ev),
                    )
                >
                    <option value="">{move || i18n.tr::<MissionTexts>().any_region}</option>
                    {REGIONS
                        .iter()
                        .map(|r| {
                            view! {
                                <option value=*r selected=move || shown(|f| &f.region) == *r>
                                    {*r}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.open_only)
                    on:change=move |_| update(&|f| f.open_only = !f.open_only)
                />
                {move || i18n.tr::<MissionTexts>().open_only}
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.for_you)
                    on:change=move |_| update(&|f| f.for_you = !f.for_you)
                />
                {move || i18n.tr::<MissionTexts>().for_you}
            </label>
        </form>
        <Show when=move || filter.with(|f| f.for_you)>
            <p class="muted">{move || i18n.tr::<MissionTexts>().for_you_note}</p>
            <NotOpenNote />
        </Show>
    }
}

/// A gentle word for a member whose profile says they are not open to
/// missions: the "for you" list stays, only the tone changes.
#[component]
pub(super) fn NotOpenNote() -> impl IntoView {
    let i18n = use_i18n();
    let profile = LocalResource::new(my_profile);
    let closed = move || {
        profile
            .get()
            .is_some_and(|p| p.is_ok_and(|p| !p.open_to_missions))
    };
    view! {
        <Show when=closed>
            <p class="alert info not-open">
                {move || i18n.tr::<MissionTexts>().not_open_note}" "
                <A href="/profil">{move || i18n.tr::<MissionTexts>().edit_profile}</A>
            </p>
        </Show>
    }
}

/// Why a mission is suggested, in a line ("compétences communes : Data ·
/// disponibilité compatible"); empty when nothing is shared.
pub fn fit_reasons(fit: &MissionFit, t: &MissionTexts) -> String {
    let mut parts = Vec::new();
    if !fit.skills.is_empty() {
        parts.push(format!("{} : {}", t.fit_skills, fit.skills.join(", ")));
    }
    if !fit.domains.is_empty() {
        parts.push(format!("{} : {}", t.fit_domains, fit.domains.join(", ")));
    }
    if fit.same_region {
        parts.push(t.fit_region.to_string());
    }
    match fit.availability.as_str() {
        "fits" => parts.push(t.fit_time_ok.to_string()),
        "too_much" => parts.push(t.fit_time_short.to_string()),
        _ => {}
    }
    parts.join(" · ")
}

#[component]
pub(super) fn MissionList(missions: Vec<MissionSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if missions.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<MissionTexts>().missions_empty}</p> }.into_any();
    }
    view! {
        <ul class="grid plain-list">
            {missions.into_iter().map(|m| view! { <MissionTile m /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub(super) fn MissionTile(m: MissionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/missions/{}", m.id);
    let kind = m.kind;
    let region = m.region.clone();
    let places = m.places_left;
    let skills = m.skills.join(", ");
    let fit = m.fit.clone();
    view! {
        <li class="card mission-tile">
            <h2>
                <A href=href>{m.title}</A>
            </h2>
            <p class="muted">
                {move || i18n.label(kind.code())}" · "
                {move || {
                    if region.is_empty() {
                        i18n.tr::<MissionTexts>().everywhere.to_string()
                    } else {
                        region.clone()
                    }
                }}
            </p>
            <p>
                <CodeBadge code=m.status />
                " "
                <span class="places">{move || (i18n.tr::<MissionTexts>().places_left)(places)}</span>
            </p>
            {(!skills.is_empty()).then(|| view! { <p class="skills">{skills}</p> })}
            {fit
                .map(|fit| {
                    view! {
                        <p class="fit">
                            {move || {
                                let why = fit_reasons(&fit, i18n.tr::<MissionTexts>());
                                if why.is_empty() {
                                    String::new()
                                } else {
                                    format!("{} : {why}", i18n.tr::<MissionTexts>().suggested)
                                }
                            }}
                        </p>
                    }
                })}
        </li>
    }
}

/// The caller's cards (drafts included), teams and notifications.
#[component]
pub(super) fn Mine(mine: MyMissions) -> impl IntoView {
    let i18n = use_i18n();
    if mine.piloted.is_empty() && mine.joined.is_empty() && mine.notifications.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<MissionTexts>().mine_empty}</p> }.into_any();
    }
    view! {
        <ul class="plain-list my-cards">
            {mine
                .piloted
                .into_iter()
                .map(|m| {
                    let href = format!("/missions/{}", m.id);
                    view! {
                        <li>
                            <A href=href>{if m.title.is_empty() { "…".to_string() } else { m.title }}</A>
                            " "
                            <CodeBadge code=m.status />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {(!mine.joined.is_empty())
            .then(|| {
                view! {
                    <h3>{move || i18n.tr::<MissionTexts>().teams}</h3>
                    <ul class="plain-list">
                        {mine
                            .joined
                            .into_iter()
                            .map(|t| {
                                let href = format!("/missions/{}", t.mission_id);
                                let role = t.role.clone();
                                view! {
                                    <li>
                                        <A href=href>{t.title}</A>
                                        " — "
                                        {move || i18n.label(&role)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {(!mine.notifications.is_empty())
            .then(|| {
                view! {
                    <h3>{move || i18n.tr::<MissionTexts>().notifications}</h3>
                    <ul class="plain-list notifications">
                        {mine
                            .notifications
                            .into_iter()
                            .map(|n| {
                                view! {
                                    <li>
                                        <time>{n.at.get(0..10).unwrap_or_default().to_string()}</time>
                                        " "
                                        <A href=n.link>{n.text}</A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::i18n::{Lang, Localized};

    #[test]
    fn the_address_keeps_the_filters_and_the_page() {
        let filter = MissionFilter {
            kind: Some("pilotage_shifters".into()),
            for_you: true,
            ..MissionFilter::default()
        };
        let query = query_of(&filter, 2);
        assert_eq!(query, "?type=pilotage_shifters&pour-vous=1&page=2");
        let mut map = ParamsMap::new();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap();
            map.insert(k.to_string(), v.to_string());
        }
        assert_eq!((filter_from(&map), page_from(&map)), (filter.clone(), 2));
        // The first page goes without a number.
        assert_eq!(query_of(&filter, 1), "?type=pilotage_shifters&pour-vous=1");
        assert_eq!(query_of(&MissionFilter::default(), 1), "");
        assert_eq!(page_from(&ParamsMap::new()), 1);
    }

    #[test]
    fn a_suggestion_says_why_in_one_line() {
        let fit = MissionFit {
            skills: vec!["Data".into(), "Rédaction".into()],
            domains: vec![],
            same_region: true,
            availability: "fits".into(),
        };
        assert_eq!(
            fit_reasons(&fit, MissionTexts::of(Lang::Fr)),
            "compétences communes : Data, Rédaction · dans votre région · disponibilité compatible"
        );
        let short = MissionFit {
            domains: vec!["Numérique".into()],
            availability: "too_much".into(),
            ..MissionFit::default()
        };
        assert_eq!(
            fit_reasons(&short, MissionTexts::of(Lang::En)),
            "shared domains : Numérique · asks for more time than you have"
        );
        let nothing = MissionFit {
            availability: "unknown".into(),
            ..MissionFit::default()
        };
        assert_eq!(fit_reasons(&nothing, MissionTexts::of(Lang::Fr)), "");
    }
}
