//! Mission cards as stored, and what each viewer may read of them: the
//! list with its filters, one card with its team, history and applications.
//!
//! Every edit carries the version it read: a save made meanwhile by someone
//! else is a 409, never silently overwritten.

use serde::Deserialize;

use super::listing::listing;
use super::ranking::{fit, profile, Profile};
use crate::accounts::model::{CurrentUser, Role};
use crate::missions::model::*;
use crate::platform::codes::code_enum;
use crate::platform::db::{check_key, first, rows, Db, Fetch};
use crate::platform::error::AppError;
use crate::platform::page::Page;
use crate::platform::said::said;

#[derive(Debug, Deserialize)]
pub(super) struct CardRow {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) kind: MissionKind,
    pub(super) status: MissionStatus,
    pub(super) version: i64,
    pub(super) pilots: String,
    pub(super) board_referent: String,
    pub(super) tsp_referent: String,
    pub(super) what: String,
    pub(super) timing: String,
    pub(super) deliverables: String,
    pub(super) staffing: String,
    pub(super) region: String,
    pub(super) domains: Vec<String>,
    pub(super) needs: Vec<String>,
    pub(super) roles: Vec<MissionRole>,
    pub(super) deliverables_done: String,
    pub(super) pilot_ids: Vec<String>,
    pub(super) pilot_names: Vec<String>,
    pub(super) proposer: Option<String>,
    pub(super) referent_name: Option<String>,
    pub(super) referent_id: Option<String>,
    pub(super) series: String,
    pub(super) submitted_at: Option<String>,
}

pub(super) const CARD_FIELDS: &str =
    "record::id(id) AS id, title, kind, status, version, pilots, board_referent,
    tsp_referent, what, timing, deliverables, staffing, region, domains,
    needs.map(|$n| record::id($n)) AS needs, roles, deliverables_done,
    pilot_users.map(|$u| record::id($u)) AS pilot_ids, pilot_users.*.display_name AS pilot_names,
    IF proposer = NONE { NONE } ELSE { record::id(proposer) } AS proposer,
    referent_user.display_name AS referent_name,
    IF referent_user = NONE { NONE } ELSE { record::id(referent_user) } AS referent_id, series,
    IF submitted_at = NONE { NONE } ELSE { <string> submitted_at } AS submitted_at";

/// Statuses every member sees; earlier ones stay with the authors and the board.
pub(super) const PUBLIC_STATUSES: [&str; 3] = ["approved", "active", "completed"];

impl CardRow {
    pub(super) fn is_pilot(&self, user: &CurrentUser) -> bool {
        self.pilot_ids.contains(&user.id)
    }

    /// A pilot of the card or the member who proposed it.
    pub(super) fn is_author(&self, user: &CurrentUser) -> bool {
        self.is_pilot(user) || self.proposer.as_deref() == Some(user.id.as_str())
    }

    pub(super) fn visible_to(&self, user: &CurrentUser) -> bool {
        match self.status {
            MissionStatus::Draft => self.is_author(user),
            MissionStatus::Submitted
            | MissionStatus::ChangesRequested
            | MissionStatus::Rejected
            | MissionStatus::Archived => self.is_author(user) || user.has(Role::Board),
            _ => true,
        }
    }

    pub(super) fn can_edit(&self, user: &CurrentUser) -> bool {
        self.is_author(user)
            && matches!(
                self.status,
                MissionStatus::Draft | MissionStatus::ChangesRequested
            )
    }

    pub(super) fn draft(&self) -> MissionDraft {
        MissionDraft {
            title: self.title.clone(),
            kind: self.kind.code().to_string(),
            tsp_referent: self.tsp_referent.clone(),
            what: self.what.clone(),
            when: self.timing.clone(),
            deliverables: self.deliverables.clone(),
            how_many: self.staffing.clone(),
            region: self.region.clone(),
            domains: self.domains.clone(),
            needs: self.needs.clone(),
            roles: self.roles.clone(),
        }
    }

    /// The pilots' names, or the card's own words when nobody is named yet.
    pub(super) fn pilots_text(&self) -> String {
        if self.pilot_names.is_empty() {
            self.pilots.clone()
        } else {
            self.pilot_names.join(", ")
        }
    }

    /// The named pilots with their pages, or the card's own words.
    pub(super) fn pilot_people(&self) -> Vec<PersonRef> {
        if self.pilot_ids.is_empty() {
            let words = self.pilots.trim();
            return (!words.is_empty())
                .then(|| PersonRef {
                    id: None,
                    name: words.to_string(),
                })
                .into_iter()
                .collect();
        }
        self.pilot_ids
            .iter()
            .zip(&self.pilot_names)
            .map(|(id, name)| PersonRef {
                id: Some(id.clone()),
                name: name.clone(),
            })
            .collect()
    }

    /// The board referent's account, or the card's own words.
    pub(super) fn referent(&self) -> PersonRef {
        PersonRef {
            id: self.referent_id.clone(),
            name: self.referent_text(),
        }
    }

    pub(super) fn referent_text(&self) -> String {
        self.referent_name
            .clone()
            .unwrap_or_else(|| self.board_referent.clone())
    }

    /// Who hears about the card's decisions: its pilots and its proposer.
    pub(super) fn authors(&self) -> Vec<String> {
        let mut ids = self.pilot_ids.clone();
        if let Some(p) = &self.proposer {
            if !ids.contains(p) {
                ids.push(p.clone());
            }
        }
        ids
    }
}

code_enum! {
    /// What the mission queries refuse themselves (`THROW 'code'`), so that
    /// of two concurrent answers or saves only one passes.
    pub enum Refusal {
        /// The role has no place left.
        Full,
        /// The application was answered meanwhile.
        Answered,
        /// The card was saved meanwhile.
        Stale,
    }
}

pub(super) fn conflict(message: &str) -> AppError {
    AppError::Conflict {
        message: message.to_string(),
    }
}

/// The display name of the active account `member`, holding `role` when one
/// is asked; otherwise the field error `unknown`, on the picker's `user_id`.
pub(super) async fn account_name(
    db: &Db,
    member: &str,
    role: Option<Role>,
    unknown: (&str, &str),
) -> Result<String, AppError> {
    let unknown = || AppError::field("user_id", "invalid", &said(unknown.0, unknown.1));
    check_key(member).map_err(|_| unknown())?;
    let mut resp = db
        .query(
            "SELECT VALUE display_name FROM type::record('user', $u)
             WHERE active = true AND ($role = NONE OR roles CONTAINS $role)",
        )
        .bind(("u", member.to_string()))
        .bind(("role", role.map(Role::code)))
        .await?
        .check()?;
    first::<String>(&mut resp, 0)?.ok_or_else(unknown)
}

pub(super) fn stale(version: i64) -> AppError {
    conflict(&said(
        format!("Quelqu'un a enregistré cette fiche entre-temps (version {version}). Rechargez la page pour voir ses changements avant de continuer."),
        format!("Someone saved this card in the meantime (version {version}). Reload the page to see their changes before going on."),
    ))
}

pub(super) async fn load(db: &Db, id: &str) -> Result<CardRow, AppError> {
    check_key(id)?;
    let mut resp = db
        .query(format!("SELECT {CARD_FIELDS} FROM type::record('mission', $id)"))
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    first(&mut resp, 0)?.ok_or(AppError::NotFound)
}

/// The card as `user` may see it (a hidden card is a 404, like a missing one).
pub(super) async fn load_for(db: &Db, user: &CurrentUser, id: &str) -> Result<CardRow, AppError> {
    let card = load(db, id).await?;
    if card.visible_to(user) {
        Ok(card)
    } else {
        Err(AppError::NotFound)
    }
}

pub(super) fn check_version(card: &CardRow, version: i64) -> Result<(), AppError> {
    if card.version == version {
        Ok(())
    } else {
        Err(stale(card.version))
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Taken {
    pub(super) mission: String,
    pub(super) role: String,
    pub(super) n: u32,
}

/// Accepted applications per mission and role.
pub(super) async fn taken_places(db: &Db, mission: Option<&str>) -> Result<Vec<Taken>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(mission) AS mission, role, count() AS n FROM mission_application
                 WHERE status = 'accepted' AND ($mission = NONE OR mission = type::record('mission', $mission))
                 GROUP BY mission, role",
        )
        .bind(("mission", mission.map(str::to_string)))
        .await?
        .check()?;
    rows(&mut resp, 0)
}

pub(super) fn seats(card: &CardRow, taken: &[Taken]) -> Vec<RoleSeats> {
    card.roles
        .iter()
        .map(|r| RoleSeats {
            role: r.clone(),
            taken: taken
                .iter()
                .filter(|t| t.mission == card.id && t.role == r.role)
                .map(|t| t.n)
                .sum(),
        })
        .collect()
}

pub(super) fn places_left(seats: &[RoleSeats]) -> u32 {
    seats.iter().map(|s| s.role.places.saturating_sub(s.taken)).sum()
}

pub(super) fn summary(card: &CardRow, taken: &[Taken]) -> MissionSummary {
    let seats = seats(card, taken);
    let mut skills: Vec<String> = Vec::new();
    let mut commitments: Vec<String> = Vec::new();
    for r in &card.roles {
        for s in &r.skills {
            if !skills.contains(s) {
                skills.push(s.clone());
            }
        }
        if !commitments.contains(&r.commitment) {
            commitments.push(r.commitment.clone());
        }
    }
    MissionSummary {
        id: card.id.clone(),
        title: card.title.clone(),
        kind: card.kind,
        status: card.status,
        board_referent: card.referent_text(),
        region: card.region.clone(),
        skills,
        commitments,
        places_left: places_left(&seats),
        score: 0,
        fit: None,
    }
}

pub(super) fn matches(filter: &MissionFilter, card: &CardRow, s: &MissionSummary) -> bool {
    let given = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    if let Some(kind) = given(&filter.kind) {
        if card.kind.code() != kind {
            return false;
        }
    }
    if let Some(skill) = given(&filter.skill) {
        let skill = skill.to_lowercase();
        if !s.skills.iter().any(|x| x.to_lowercase().contains(&skill)) {
            return false;
        }
    }
    if let Some(c) = given(&filter.commitment) {
        if !s.commitments.contains(&c) {
            return false;
        }
    }
    if let Some(region) = given(&filter.region) {
        if !card.region.is_empty() && card.region != region {
            return false;
        }
    }
    !(filter.open_only || filter.for_you) || s.places_left > 0
}

/// The missions open to members (approved, active, completed), filtered;
/// "for you" ranks those with places left by fit with the member's profile
/// (a member not open to missions gets the same ranking; the page says so).
/// Answers page `page` (from 1; past the end, the last) of the ranked list.
pub async fn list(
    db: &Db,
    user: &CurrentUser,
    filter: &MissionFilter,
    page: u64,
) -> Result<Page<MissionSummary>, AppError> {
    let listing = listing(db).await?;
    let profile = if filter.for_you {
        profile(db, &user.id).await?
    } else {
        Profile::default()
    };
    let mut out: Vec<MissionSummary> = listing
        .cards
        .iter()
        .filter_map(|(card, summary)| {
            let mut s = summary.clone();
            if filter.for_you {
                let (score, why) = fit(&profile, card);
                s.score = score;
                s.fit = Some(why);
            }
            matches(filter, card, &s).then_some(s)
        })
        .collect();
    if filter.for_you {
        out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.title.cmp(&b.title)));
    }
    // Ranked first, then paged: page 2 goes on where page 1 stopped.
    Ok(Page::slice(out.into_iter(), page, MISSIONS_PER_PAGE))
}

#[derive(Debug, Deserialize)]
pub(super) struct EventRow {
    pub(super) at: String,
    pub(super) by_name: String,
    pub(super) kind: MissionEventKind,
    pub(super) text: String,
    pub(super) snapshot: Option<String>,
}

pub(super) async fn events(db: &Db, id: &str) -> Result<Vec<EventRow>, AppError> {
    let mut resp = db
        .query(
            "SELECT <string> at AS at, (IF by != NONE THEN by.display_name ELSE by_name END) AS by_name,
                 kind, text, snapshot FROM mission_event
                 WHERE mission = type::record('mission', $id) ORDER BY at ASC",
        )
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    rows(&mut resp, 0)
}

pub(super) fn history(events: &[EventRow]) -> Vec<MissionEvent> {
    events
        .iter()
        .map(|e| MissionEvent {
            at: e.at.clone(),
            by: e.by_name.clone(),
            kind: e.kind,
            text: e.text.clone(),
        })
        .collect()
}

/// The applications to a card, oldest first, read straight into the DTO.
pub(super) async fn applications(db: &Db, id: &str) -> Result<Vec<Application>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, record::id(member) AS user_id, member.display_name AS name,
                    role, message, status, <string> created_at AS created_at
                 FROM mission_application WHERE mission = type::record('mission', $id) ORDER BY created_at ASC",
        )
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    rows(&mut resp, 0)
}

#[derive(Debug, Deserialize)]
pub(super) struct NeedRow {
    pub(super) id: String,
    pub(super) title: String,
}

/// One card with its team, history and what `user` may do with it.
pub async fn get(db: &Db, user: &CurrentUser, id: &str) -> Result<MissionCard, AppError> {
    let card = load_for(db, user, id).await?;
    let taken = taken_places(db, Some(id)).await?;
    let events = events(db, id).await?;
    let apps = applications(db, id).await?;
    let needs: Vec<NeedRow> = db
        .query("SELECT record::id(id) AS id, title FROM need WHERE id IN $ids.map(|$n| type::record('need', $n))")
        .bind(("ids", card.needs.clone()))
        .rows()
        .await?;
    let is_pilot = card.is_pilot(user);
    let team = apps
        .iter()
        .filter(|a| a.status == ApplicationStatus::Accepted)
        .map(|a| TeamMember {
            user_id: a.user_id.clone(),
            name: a.name.clone(),
            role: a.role.clone(),
        })
        .collect();
    let applications = apps
        .into_iter()
        .filter(|a| is_pilot || a.user_id == user.id)
        .collect();
    Ok(MissionCard {
        id: card.id.clone(),
        title: card.title.clone(),
        kind: card.kind,
        status: card.status,
        version: card.version,
        series: card.series.clone(),
        pilots: card.pilot_people(),
        board_referent: card.referent(),
        tsp_referent: card.tsp_referent.clone(),
        what: card.what.clone(),
        when: card.timing.clone(),
        deliverables: card.deliverables.clone(),
        how_many: card.staffing.clone(),
        region: card.region.clone(),
        domains: card.domains.clone(),
        needs: needs
            .into_iter()
            .map(|n| NeedLink {
                id: n.id,
                title: n.title,
            })
            .collect(),
        roles: seats(&card, &taken),
        team,
        history: history(&events),
        applications,
        deliverables_done: card.deliverables_done.clone(),
        can_edit: card.can_edit(user),
        can_review: user.has(Role::Board) && !card.is_author(user) && card.status == MissionStatus::Submitted,
        is_pilot,
        can_staff: user.has(Role::Board) || user.has(Role::Admin),
        in_conversation: card.is_author(user) || user.has(Role::Board),
    })
}
