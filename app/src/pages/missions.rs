use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::missions::{get_mission, list_missions};
use crate::components::feedback::{CodeBadge, Loaded};
use crate::i18n::use_i18n;
use crate::models::{MissionCard, MissionSummary};

#[component]
pub fn MissionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let missions = LocalResource::new(|| list_missions(None));
    view! {
        <h1>{move || i18n.t().missions_title}</h1>
        <p class="intro">{move || i18n.t().missions_intro}</p>
        <Loaded resource=missions render={move |missions: Vec<MissionSummary>| view! { <MissionList missions /> }} />
    }
}

#[component]
fn MissionList(missions: Vec<MissionSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if missions.is_empty() {
        return view! { <p class="empty">{move || i18n.t().missions_empty}</p> }.into_any();
    }
    view! {
        <ul class="grid plain-list">
            {missions
                .into_iter()
                .map(|m| {
                    let href = format!("/missions/{}", m.id);
                    let kind = m.kind.clone();
                    view! {
                        <li class="card">
                            <h2><A href=href>{m.title}</A></h2>
                            <p class="muted">{move || (i18n.t().label)(&kind)}</p>
                            <CodeBadge code=m.status />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One card, laid out like the association's own (the CADRAGE table).
#[component]
pub fn MissionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let mission = LocalResource::new(move || get_mission(params.with(|p| p.get("id").unwrap_or_default())));
    view! {
        <p class="no-print"><A href="/missions">{move || i18n.t().back_to_missions}</A></p>
        <Loaded resource=mission render={move |card: MissionCard| view! { <MissionSheet card /> }} />
    }
}

#[component]
fn MissionSheet(card: MissionCard) -> impl IntoView {
    let i18n = use_i18n();
    let or_tbd = move |s: String| {
        if s.trim().is_empty() {
            i18n.t().to_be_named.to_string()
        } else {
            s
        }
    };
    let kind = card.kind.clone();
    let (pilots, board, tsp) = (
        card.pilots.clone(),
        card.board_referent.clone(),
        card.tsp_referent.clone(),
    );
    view! {
        <article class="card mission-card">
            <h1>{card.title}</h1>
            <p><CodeBadge code=card.status /></p>
            <div class="table-wrap">
                <table>
                    <tbody>
                        <tr><th scope="row">{move || i18n.t().mission_kind}</th><td>{move || (i18n.t().label)(&kind)}</td></tr>
                        <tr><th scope="row">{move || i18n.t().mission_pilots}</th><td>{move || or_tbd(pilots.clone())}</td></tr>
                        <tr><th scope="row">{move || i18n.t().mission_board_referent}</th><td>{move || or_tbd(board.clone())}</td></tr>
                        {(!tsp.is_empty()).then(|| view! {
                            <tr><th scope="row">{move || i18n.t().mission_tsp_referent}</th><td class="multiline">{tsp.clone()}</td></tr>
                        })}
                        <tr><th colspan="2" class="framing-head">{move || i18n.t().mission_framing}</th></tr>
                        <tr><th scope="row">{move || i18n.t().mission_what}</th><td class="multiline">{card.what}</td></tr>
                        <tr><th scope="row">{move || i18n.t().mission_when}</th><td class="multiline">{card.when}</td></tr>
                        <tr><th scope="row">{move || i18n.t().mission_deliverables}</th><td class="multiline">{card.deliverables}</td></tr>
                        <tr><th scope="row">{move || i18n.t().mission_how_many}</th><td class="multiline">{card.how_many}</td></tr>
                    </tbody>
                </table>
            </div>
        </article>
    }
}
