//! Open missions (filters, "for you"), the caller's cards, and one card.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::accounts::model::Role;
use crate::directory::api::profiles::my_profile;
use crate::directory::model::REGIONS;
use crate::missions::api::{
    answer_application, apply_mission, get_mission, get_my_missions, list_missions, post_progress,
    set_mission_status,
};
use crate::missions::model::{MissionCard, MissionSummary, MISSION_KINDS};
use crate::missions::model::{MissionDraft, MissionFilter, MissionFit, MyMissions, MISSION_COMMITMENTS};
use crate::missions::texts::MissionTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::session::use_session;
use crate::platform::ui::feedback::{CodeBadge, ErrorNote, Loaded};

#[component]
pub fn MissionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_board = move || session.user().is_some_and(|u| u.has(Role::Board));
    let filter = RwSignal::new(MissionFilter::default());
    let missions = LocalResource::new(move || list_missions(Some(filter.get())));
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
        <Filters filter />
        <Loaded
            resource=missions
            render={move |missions: Vec<MissionSummary>| view! { <MissionList missions /> }}
        />
        <h2>{move || i18n.tr::<MissionTexts>().mine_title}</h2>
        <Loaded resource=mine render={move |mine: MyMissions| view! { <Mine mine /> }} />
    }
}

/// Filters of the list; every change reloads it.
#[component]
fn Filters(filter: RwSignal<MissionFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let set = move |f: fn(&mut MissionFilter, String), value: String| filter.update(|x| f(x, value));
    let some = |v: String| (!v.is_empty()).then_some(v);
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
                    {MISSION_KINDS
                        .iter()
                        .map(|k| {
                            view! { <option value=*k>{move || (i18n.tr::<CommonTexts>().label)(k)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="mission-skill">{move || i18n.tr::<MissionTexts>().skill_filter}</label>
                <input
                    id="mission-skill"
                    type="search"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        filter.update(|f| f.skill = some(v.trim().to_string()))
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
                    {MISSION_COMMITMENTS
                        .iter()
                        .map(|c| {
                            view! { <option value=*c>{move || (i18n.tr::<CommonTexts>().label)(c)}</option> }
                        })
                        .collect_view()}
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
                    {REGIONS.iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.open_only)
                    on:change=move |_| filter.update(|f| f.open_only = !f.open_only)
                />
                {move || i18n.tr::<MissionTexts>().open_only}
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.for_you)
                    on:change=move |_| filter.update(|f| f.for_you = !f.for_you)
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
fn NotOpenNote() -> impl IntoView {
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
fn MissionList(missions: Vec<MissionSummary>) -> impl IntoView {
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
fn MissionTile(m: MissionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/missions/{}", m.id);
    let kind = m.kind.clone();
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
                {move || (i18n.tr::<CommonTexts>().label)(&kind)}" · "
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
fn Mine(mine: MyMissions) -> impl IntoView {
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
                                        {move || (i18n.tr::<CommonTexts>().label)(&role)}
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

/// One card, laid out like the association's own (the CADRAGE table).
#[component]
pub fn MissionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let mission = LocalResource::new(move || get_mission(params.with(|p| p.get("id").unwrap_or_default())));
    let reload = move || mission.refetch();
    view! {
        <p class="no-print">
            <A href="/missions">{move || i18n.tr::<MissionTexts>().back_to_missions}</A>
        </p>
        <Loaded resource=mission render={move |card: MissionCard| view! { <MissionView card reload /> }} />
    }
}

#[component]
fn MissionView(card: MissionCard, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let edit_href = format!("/missions/{}/modifier", card.id);
    let can_edit = card.can_edit;
    let open = matches!(card.status.as_str(), "approved" | "active");
    let already = !card.applications.is_empty() || card.is_pilot;
    let draft = card.draft();
    let (pilots, referent, status) = (
        card.pilots.clone(),
        card.board_referent.clone(),
        card.status.clone(),
    );
    view! {
        <article class="mission-print">
            <MissionSheet draft pilots referent status />
            <p class="no-print actions">
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        let _ = window().print();
                    }
                >
                    {move || i18n.tr::<MissionTexts>().print}
                </button>
                {can_edit
                    .then(|| {
                        view! {
                            " "
                            <A href=edit_href attr:class="button primary">
                                {move || i18n.tr::<MissionTexts>().edit}
                            </A>
                        }
                    })}
            </p>
            <Seats card=card.clone() />
            <Team card=card.clone() />
            {(!card.deliverables_done.is_empty())
                .then(|| {
                    view! {
                        <h2>{move || i18n.tr::<MissionTexts>().deliverables_done}</h2>
                        <p class="multiline">{card.deliverables_done.clone()}</p>
                    }
                })}
            {card.is_pilot.then(|| view! { <PilotTools card=card.clone() reload /> })}
            {(open && !already).then(|| view! { <ApplyForm card=card.clone() reload /> })}
            <History card=card.clone() />
        </article>
    }
}

/// The CADRAGE table, from the card's fields (also the form's live preview).
#[component]
pub fn MissionSheet(draft: MissionDraft, pilots: String, referent: String, status: String) -> impl IntoView {
    let i18n = use_i18n();
    let or_tbd = move |s: String| {
        if s.trim().is_empty() {
            i18n.tr::<MissionTexts>().to_be_named.to_string()
        } else {
            s
        }
    };
    let kind = draft.kind.clone();
    let tsp = draft.tsp_referent.clone();
    view! {
        <div class="card mission-card">
            <h1>{draft.title.clone()}</h1>
            <p>
                <CodeBadge code=status />
            </p>
            <div class="table-wrap">
                <table>
                    <tbody>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_kind}</th>
                            <td>{move || (i18n.tr::<CommonTexts>().label)(&kind)}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_pilots}</th>
                            <td>{move || or_tbd(pilots.clone())}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_board_referent}</th>
                            <td>{move || or_tbd(referent.clone())}</td>
                        </tr>
                        {(!tsp.is_empty())
                            .then(|| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {move || i18n.tr::<MissionTexts>().mission_tsp_referent}
                                        </th>
                                        <td class="multiline">{tsp.clone()}</td>
                                    </tr>
                                }
                            })}
                        <tr>
                            <th colspan="2" class="framing-head">
                                {move || i18n.tr::<MissionTexts>().mission_framing}
                            </th>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_what}</th>
                            <td class="multiline">{draft.what}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_when}</th>
                            <td class="multiline">{draft.when}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_deliverables}</th>
                            <td class="multiline">{draft.deliverables}</td>
                        </tr>
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().mission_how_many}</th>
                            <td class="multiline">{draft.how_many}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The roles wanted, with their places taken.
#[component]
fn Seats(card: MissionCard) -> impl IntoView {
    let i18n = use_i18n();
    if card.roles.is_empty() {
        return ().into_any();
    }
    view! {
        <h2>{move || i18n.tr::<MissionTexts>().roles}</h2>
        <div class="table-wrap">
            <table class="seats">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.tr::<MissionTexts>().role}</th>
                        <th scope="col">{move || i18n.tr::<MissionTexts>().places}</th>
                        <th scope="col">{move || i18n.tr::<MissionTexts>().skills}</th>
                        <th scope="col">{move || i18n.tr::<MissionTexts>().commitment}</th>
                    </tr>
                </thead>
                <tbody>
                    {card
                        .roles
                        .into_iter()
                        .map(|s| {
                            let (role, commitment) = (s.role.role.clone(), s.role.commitment.clone());
                            let left = s.role.places.saturating_sub(s.taken);
                            view! {
                                <tr>
                                    <td>{move || (i18n.tr::<CommonTexts>().label)(&role)}</td>
                                    <td>
                                        {format!("{}/{} ", s.taken, s.role.places)}
                                        <span class="muted">
                                            {move || (i18n.tr::<MissionTexts>().places_left)(left)}
                                        </span>
                                    </td>
                                    <td>{s.role.skills.join(", ")}</td>
                                    <td>
                                        {move || (i18n.tr::<CommonTexts>().label)(&commitment)}" "
                                        {s.role.duration.clone()}
                                    </td>
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

#[component]
fn Team(card: MissionCard) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{move || i18n.tr::<MissionTexts>().team}</h2>
        {if card.team.is_empty() {
            view! { <p class="empty">{move || i18n.tr::<MissionTexts>().team_empty}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list team">
                    {card
                        .team
                        .into_iter()
                        .map(|m| {
                            let role = m.role.clone();
                            view! {
                                <li>{m.name}" — "{move || (i18n.tr::<CommonTexts>().label)(&role)}</li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {(!card.needs.is_empty())
            .then(|| {
                view! {
                    <h2>{move || i18n.tr::<MissionTexts>().needs}</h2>
                    <ul class="plain-list">
                        {card.needs.into_iter().map(|n| view! { <li>{n.title}</li> }).collect_view()}
                    </ul>
                }
            })}
    }
}

#[component]
fn History(card: MissionCard) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="history no-print">
            <h2>{move || i18n.tr::<MissionTexts>().history}</h2>
            <ol class="plain-list">
                {card
                    .history
                    .into_iter()
                    .map(|e| {
                        let kind = e.kind.clone();
                        view! {
                            <li>
                                <time>{e.at.get(0..10).unwrap_or_default().to_string()}</time>
                                " "
                                <strong>{move || (i18n.tr::<CommonTexts>().label)(&kind)}</strong>
                                " — "
                                {e.by}
                                {(!e.text.is_empty())
                                    .then(|| view! { <p class="multiline">{e.text.clone()}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn ApplyForm(card: MissionCard, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let roles: Vec<String> = card
        .roles
        .iter()
        .filter(|s| s.taken < s.role.places)
        .map(|s| s.role.role.clone())
        .collect();
    if roles.is_empty() {
        return ().into_any();
    }
    let role = RwSignal::new(roles[0].clone());
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let id = card.id.clone();
    let send = Action::new_local(move |_: &()| {
        apply_mission(id.clone(), role.get_untracked(), message.get_untracked())
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(())) => reload(),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <section class="card no-print">
            <h2>{move || i18n.tr::<MissionTexts>().apply_title}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <form
                class="stack"
                on:submit=move |ev| {
                    ev.prevent_default();
                    send.dispatch(());
                }
            >
                <div>
                    <label for="apply-role">{move || i18n.tr::<MissionTexts>().role}</label>
                    <select id="apply-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {roles
                            .into_iter()
                            .map(|r| {
                                let code = r.clone();
                                view! {
                                    <option value=r>{move || (i18n.tr::<CommonTexts>().label)(&code)}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <label for="apply-message">{move || i18n.tr::<MissionTexts>().apply_message}</label>
                    <textarea
                        id="apply-message"
                        prop:value=move || message.get()
                        on:input=move |ev| message.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit" class="primary">
                    {move || i18n.tr::<MissionTexts>().apply}
                </button>
            </form>
        </section>
    }
    .into_any()
}

/// What the pilots do on their card: answer applications, post news, move it on.
#[component]
fn PilotTools(card: MissionCard, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let finish = move |r: Result<(), AppError>| match r {
        Ok(()) => reload(),
        Err(e) => error.set(Some(e)),
    };
    let answer =
        Action::new_local(move |(id, accept): &(String, bool)| answer_application(id.clone(), *accept));
    Effect::new(move |_| {
        if let Some(r) = answer.value().get() {
            finish(r)
        }
    });
    let news = RwSignal::new(String::new());
    let id = card.id.clone();
    let post = Action::new_local(move |_: &()| post_progress(id.clone(), news.get_untracked()));
    Effect::new(move |_| {
        if let Some(r) = post.value().get() {
            finish(r)
        }
    });
    let done_text = RwSignal::new(String::new());
    let (id, version) = (card.id.clone(), card.version);
    let status = Action::new_local(move |to: &String| {
        set_mission_status(id.clone(), version, to.clone(), done_text.get_untracked())
    });
    Effect::new(move |_| {
        if let Some(r) = status.value().get() {
            finish(r)
        }
    });
    let pending: Vec<_> = card
        .applications
        .iter()
        .filter(|a| a.status == "pending")
        .cloned()
        .collect();
    let running = matches!(card.status.as_str(), "approved" | "active" | "completed");
    let current = card.status.clone();
    view! {
        <section class="card no-print pilot-tools">
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            {(!pending.is_empty())
                .then(|| {
                    view! {
                        <h2>{move || i18n.tr::<MissionTexts>().applications}</h2>
                        <ul class="plain-list applications">
                            {pending
                                .into_iter()
                                .map(|a| {
                                    let (yes, no) = (a.id.clone(), a.id.clone());
                                    let role = a.role.clone();
                                    view! {
                                        <li>
                                            <strong>{a.name}</strong>
                                            " — "
                                            {move || (i18n.tr::<CommonTexts>().label)(&role)}
                                            {(!a.message.is_empty())
                                                .then(|| {
                                                    view! { <p class="multiline">{a.message.clone()}</p> }
                                                })}
                                            <button
                                                type="button"
                                                class="primary"
                                                on:click=move |_| {
                                                    answer.dispatch((yes.clone(), true));
                                                }
                                            >
                                                {move || i18n.tr::<MissionTexts>().accept}
                                            </button>
                                            " "
                                            <button
                                                type="button"
                                                class="secondary"
                                                on:click=move |_| {
                                                    answer.dispatch((no.clone(), false));
                                                }
                                            >
                                                {move || i18n.tr::<MissionTexts>().decline}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {running
                .then(|| {
                    view! {
                        <h2>{move || i18n.tr::<MissionTexts>().progress_title}</h2>
                        <form
                            class="stack"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                post.dispatch(());
                            }
                        >
                            <textarea
                                aria-label={move || i18n.tr::<MissionTexts>().progress_title}
                                prop:value=move || news.get()
                                on:input=move |ev| news.set(event_target_value(&ev))
                            ></textarea>
                            <button type="submit" class="secondary">
                                {move || i18n.tr::<MissionTexts>().progress_post}
                            </button>
                        </form>
                    }
                })}
            {(current == "approved")
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="primary"
                            on:click=move |_| {
                                status.dispatch("active".to_string());
                            }
                        >
                            {move || i18n.tr::<MissionTexts>().start}
                        </button>
                    }
                })}
            {(current == "active")
                .then(|| {
                    view! {
                        <form
                            class="stack"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                status.dispatch("completed".to_string());
                            }
                        >
                            <label for="done-text">
                                {move || i18n.tr::<MissionTexts>().deliverables_done}
                            </label>
                            <textarea
                                id="done-text"
                                prop:value=move || done_text.get()
                                on:input=move |ev| done_text.set(event_target_value(&ev))
                            ></textarea>
                            <button type="submit" class="primary">
                                {move || i18n.tr::<MissionTexts>().complete_mission}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::i18n::{Lang, Localized};

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
