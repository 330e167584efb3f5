//! Mission cards: pilots write them, the board reviews them, members join.
//!
//! Every edit carries the version it read: a save made meanwhile by someone
//! else is a 409, never silently overwritten. The team is the accepted
//! applications (the proposer joins it as pilot on approval), and an accept
//! counts the places inside the transaction that takes one.

use serde::Deserialize;
use serde_json::json;

use super::mail::Mailer;
use super::{check_key, first, rows, Db};
use crate::error::{check_code, check_text, validated, AppError, FieldError};
use crate::models::missions::*;
use crate::models::{CurrentUser, Role, MISSION_KINDS, REGIONS};

#[derive(Debug, Deserialize)]
struct CardRow {
    id: String,
    title: String,
    kind: String,
    status: String,
    version: i64,
    pilots: String,
    board_referent: String,
    tsp_referent: String,
    what: String,
    timing: String,
    deliverables: String,
    staffing: String,
    region: String,
    domains: Vec<String>,
    needs: Vec<String>,
    roles: Vec<MissionRole>,
    deliverables_done: String,
    pilot_ids: Vec<String>,
    pilot_names: Vec<String>,
    proposer: Option<String>,
    referent_name: Option<String>,
    submitted_at: Option<String>,
}

const CARD_FIELDS: &str = "record::id(id) AS id, title, kind, status, version, pilots, board_referent,
    tsp_referent, what, timing, deliverables, staffing, region, domains,
    needs.map(|$n| record::id($n)) AS needs, roles, deliverables_done,
    pilot_users.map(|$u| record::id($u)) AS pilot_ids, pilot_users.*.display_name AS pilot_names,
    IF proposer = NONE { NONE } ELSE { record::id(proposer) } AS proposer,
    referent_user.display_name AS referent_name,
    IF submitted_at = NONE { NONE } ELSE { <string> submitted_at } AS submitted_at";

/// Statuses every member sees; earlier ones stay with the authors and the board.
const PUBLIC_STATUSES: [&str; 3] = ["approved", "active", "completed"];

impl CardRow {
    fn is_pilot(&self, user: &CurrentUser) -> bool {
        self.pilot_ids.contains(&user.id)
    }

    /// A pilot of the card or the member who proposed it.
    fn is_author(&self, user: &CurrentUser) -> bool {
        self.is_pilot(user) || self.proposer.as_deref() == Some(user.id.as_str())
    }

    fn visible_to(&self, user: &CurrentUser) -> bool {
        match self.status.as_str() {
            "draft" => self.is_author(user),
            "submitted" | "changes_requested" | "rejected" | "archived" => {
                self.is_author(user) || user.has(Role::Board)
            }
            _ => true,
        }
    }

    fn can_edit(&self, user: &CurrentUser) -> bool {
        self.is_author(user) && matches!(self.status.as_str(), "draft" | "changes_requested")
    }

    fn draft(&self) -> MissionDraft {
        MissionDraft {
            title: self.title.clone(),
            kind: self.kind.clone(),
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
    fn pilots_text(&self) -> String {
        if self.pilot_names.is_empty() {
            self.pilots.clone()
        } else {
            self.pilot_names.join(", ")
        }
    }

    fn referent_text(&self) -> String {
        self.referent_name
            .clone()
            .unwrap_or_else(|| self.board_referent.clone())
    }

    /// Who hears about the card's decisions: its pilots and its proposer.
    fn authors(&self) -> Vec<String> {
        let mut ids = self.pilot_ids.clone();
        if let Some(p) = &self.proposer {
            if !ids.contains(p) {
                ids.push(p.clone());
            }
        }
        ids
    }
}

/// Every error of a multi-statement query, joined (the statement that threw
/// may not be the first one reported).
fn failure(resp: &mut surrealdb::IndexedResults) -> Option<String> {
    let errors = resp.take_errors();
    if errors.is_empty() {
        return None;
    }
    let mut texts: Vec<(usize, String)> = errors.into_iter().map(|(i, e)| (i, e.to_string())).collect();
    texts.sort();
    Some(texts.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" | "))
}

fn conflict(message: &str) -> AppError {
    AppError::Conflict {
        message: message.to_string(),
    }
}

fn stale(version: i64) -> AppError {
    conflict(&format!(
        "Quelqu'un a enregistré cette fiche entre-temps (version {version}). Rechargez la page pour voir ses changements avant de continuer."
    ))
}

async fn load(db: &Db, id: &str) -> Result<CardRow, AppError> {
    check_key(id)?;
    let mut resp = db
        .query(format!("SELECT {CARD_FIELDS} FROM type::record('mission', $id)"))
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    first(&mut resp, 0)?.ok_or(AppError::NotFound)
}

/// The card as `user` may see it (a hidden card is a 404, like a missing one).
async fn load_for(db: &Db, user: &CurrentUser, id: &str) -> Result<CardRow, AppError> {
    let card = load(db, id).await?;
    if card.visible_to(user) {
        Ok(card)
    } else {
        Err(AppError::NotFound)
    }
}

fn check_version(card: &CardRow, version: i64) -> Result<(), AppError> {
    if card.version == version {
        Ok(())
    } else {
        Err(stale(card.version))
    }
}

// ---------------------------------------------------------------- reading

#[derive(Debug, Deserialize)]
struct Taken {
    mission: String,
    role: String,
    n: u32,
}

/// Accepted applications per mission and role.
async fn taken_places(db: &Db, mission: Option<&str>) -> Result<Vec<Taken>, AppError> {
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

fn seats(card: &CardRow, taken: &[Taken]) -> Vec<RoleSeats> {
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

fn places_left(seats: &[RoleSeats]) -> u32 {
    seats.iter().map(|s| s.role.places.saturating_sub(s.taken)).sum()
}

#[derive(Debug, Default, Deserialize)]
struct Profile {
    region: Option<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    hours_per_month: Option<u32>,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// What `card` and the member have in common, and how much it weighs:
/// a shared skill 3, a shared domain 2, the same region 2 (a mission open
/// everywhere 1), and the availability: 4 when the lightest role fits the
/// member's hours a month, 2 when the member gave no hours, 0 when every
/// role asks for more time than they have.
fn fit(profile: &Profile, card: &CardRow) -> (u32, MissionFit) {
    let wanted: Vec<&String> = card.roles.iter().flat_map(|r| &r.skills).collect();
    let skills: Vec<String> = profile
        .skills
        .iter()
        .filter(|s| wanted.iter().any(|w| same(w, s)))
        .cloned()
        .collect();
    let domains: Vec<String> = profile
        .domains
        .iter()
        .filter(|d| card.domains.iter().any(|w| same(w, d)))
        .cloned()
        .collect();
    let same_region = !card.region.is_empty() && profile.region.as_deref() == Some(card.region.as_str());
    let region = match (same_region, card.region.is_empty()) {
        (true, _) => 2,
        (false, true) => 1,
        _ => 0,
    };
    let lightest = card.roles.iter().map(|r| commitment_hours(&r.commitment)).min();
    let availability = match (profile.hours_per_month, lightest) {
        (None, _) | (_, None) => "unknown",
        (Some(hours), Some(needed)) if hours >= needed => "fits",
        _ => "too_much",
    };
    let time = match availability {
        "fits" => 4,
        "unknown" => 2,
        _ => 0,
    };
    let score = 3 * skills.len() as u32 + 2 * domains.len() as u32 + region + time;
    let fit = MissionFit {
        skills,
        domains,
        same_region,
        availability: availability.to_string(),
    };
    (score, fit)
}

fn summary(card: &CardRow, taken: &[Taken]) -> MissionSummary {
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
        kind: card.kind.clone(),
        status: card.status.clone(),
        board_referent: card.referent_text(),
        region: card.region.clone(),
        skills,
        commitments,
        places_left: places_left(&seats),
        score: 0,
        fit: None,
    }
}

fn matches(filter: &MissionFilter, card: &CardRow, s: &MissionSummary) -> bool {
    let given = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    if let Some(kind) = given(&filter.kind) {
        if card.kind != kind {
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
pub async fn list(
    db: &Db,
    user: &CurrentUser,
    filter: &MissionFilter,
) -> Result<Vec<MissionSummary>, AppError> {
    let mut resp = db
        .query(format!(
            "SELECT {CARD_FIELDS}, created_at FROM mission WHERE status IN $public ORDER BY created_at ASC"
        ))
        .bind(("public", PUBLIC_STATUSES.to_vec()))
        .await?
        .check()?;
    let cards: Vec<CardRow> = rows(&mut resp, 0)?;
    let taken = taken_places(db, None).await?;
    let profile = if filter.for_you {
        profile(db, &user.id).await?
    } else {
        Profile::default()
    };
    let mut out: Vec<MissionSummary> = cards
        .iter()
        .filter_map(|card| {
            let mut s = summary(card, &taken);
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
    Ok(out)
}

async fn profile(db: &Db, user_id: &str) -> Result<Profile, AppError> {
    let mut resp = db
        .query("SELECT region, domains, skills, hours_per_month FROM type::record('user', $id)")
        .bind(("id", user_id.to_string()))
        .await?
        .check()?;
    Ok(first(&mut resp, 0)?.unwrap_or_default())
}

#[derive(Debug, Deserialize)]
struct EventRow {
    at: String,
    by_name: String,
    kind: String,
    text: String,
    snapshot: Option<String>,
}

async fn events(db: &Db, id: &str) -> Result<Vec<EventRow>, AppError> {
    let mut resp = db
        .query(
            "SELECT <string> at AS at, by_name, kind, text, snapshot FROM mission_event
                 WHERE mission = type::record('mission', $id) ORDER BY at ASC",
        )
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    rows(&mut resp, 0)
}

fn history(events: &[EventRow]) -> Vec<MissionEvent> {
    events
        .iter()
        .map(|e| MissionEvent {
            at: e.at.clone(),
            by: e.by_name.clone(),
            kind: e.kind.clone(),
            text: e.text.clone(),
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct ApplicationRow {
    id: String,
    user_id: String,
    name: String,
    role: String,
    message: String,
    status: String,
    created_at: String,
}

impl From<ApplicationRow> for Application {
    fn from(r: ApplicationRow) -> Self {
        Application {
            id: r.id,
            user_id: r.user_id,
            name: r.name,
            role: r.role,
            message: r.message,
            status: r.status,
            created_at: r.created_at,
        }
    }
}

async fn applications(db: &Db, id: &str) -> Result<Vec<ApplicationRow>, AppError> {
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
struct NeedRow {
    id: String,
    title: String,
}

/// One card with its team, history and what `user` may do with it.
pub async fn get(db: &Db, user: &CurrentUser, id: &str) -> Result<MissionCard, AppError> {
    let card = load_for(db, user, id).await?;
    let taken = taken_places(db, Some(id)).await?;
    let events = events(db, id).await?;
    let apps = applications(db, id).await?;
    let mut resp = db
        .query("SELECT record::id(id) AS id, title FROM need WHERE id IN $ids.map(|$n| type::record('need', $n))")
        .bind(("ids", card.needs.clone()))
        .await?
        .check()?;
    let needs: Vec<NeedRow> = rows(&mut resp, 0)?;
    let is_pilot = card.is_pilot(user);
    let team = apps
        .iter()
        .filter(|a| a.status == "accepted")
        .map(|a| TeamMember {
            user_id: a.user_id.clone(),
            name: a.name.clone(),
            role: a.role.clone(),
        })
        .collect();
    let applications = apps
        .into_iter()
        .filter(|a| is_pilot || a.user_id == user.id)
        .map(Application::from)
        .collect();
    Ok(MissionCard {
        id: card.id.clone(),
        title: card.title.clone(),
        kind: card.kind.clone(),
        status: card.status.clone(),
        version: card.version,
        pilots: card.pilots_text(),
        board_referent: card.referent_text(),
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
        can_review: user.has(Role::Board) && !card.is_author(user) && card.status == "submitted",
        is_pilot,
    })
}

// ---------------------------------------------------------------- writing

/// Field checks for a save (completeness is only asked at submission).
async fn check_draft(db: &Db, d: &MissionDraft) -> Result<(), AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    check_text(&mut errors, "title", &d.title, false, 200);
    check_code(&mut errors, "kind", &d.kind, &MISSION_KINDS);
    for (field, value) in [
        ("tsp_referent", &d.tsp_referent),
        ("what", &d.what),
        ("when", &d.when),
        ("deliverables", &d.deliverables),
        ("how_many", &d.how_many),
    ] {
        check_text(&mut errors, field, value, false, TEXT_MAX);
    }
    if !d.region.is_empty() {
        check_code(&mut errors, "region", &d.region, &REGIONS);
    }
    let short_list =
        |items: &[String]| items.len() <= SKILLS_MAX && items.iter().all(|s| s.chars().count() <= 60);
    if !short_list(&d.domains) {
        errors.push(invalid("domains"));
    }
    let roles_ok = d.roles.len() <= MISSION_ROLES.len() * 2
        && d.roles.iter().all(|r| {
            MISSION_ROLES.contains(&r.role.as_str())
                && MISSION_COMMITMENTS.contains(&r.commitment.as_str())
                && (1..=100).contains(&r.places)
                && short_list(&r.skills)
                && r.duration.chars().count() <= 200
        });
    if !roles_ok {
        errors.push(invalid("roles"));
    }
    if d.needs.len() > 50 || d.needs.iter().any(|n| check_key(n).is_err()) {
        errors.push(invalid("needs"));
    } else if !d.needs.is_empty() {
        let mut resp = db
            .query("RETURN $ids.filter(|$n| !record::exists(type::record('need', $n)))")
            .bind(("ids", d.needs.clone()))
            .await?
            .check()?;
        let unknown: Vec<String> = resp.take(0)?;
        if !unknown.is_empty() {
            errors.push(invalid("needs"));
        }
    }
    validated(errors)
}

fn invalid(field: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: "invalid".into(),
        message: "Cette valeur n'est pas valable.".into(),
    }
}

/// The draft's fields as bound parameters of an UPDATE or CREATE.
fn draft_json(d: &MissionDraft) -> serde_json::Value {
    json!({
        "title": d.title.trim(), "kind": d.kind, "tsp_referent": d.tsp_referent, "what": d.what,
        "timing": d.when, "deliverables": d.deliverables, "staffing": d.how_many,
        "region": d.region, "domains": d.domains, "needs": d.needs, "roles": d.roles,
    })
}

const SET_DRAFT: &str = "title = $d.title, kind = $d.kind, tsp_referent = $d.tsp_referent, what = $d.what,
    timing = $d.timing, deliverables = $d.deliverables, staffing = $d.staffing, region = $d.region,
    domains = $d.domains, needs = $d.needs.map(|$n| type::record('need', $n)), roles = $d.roles,
    updated_at = time::now()";

/// Creates a draft (no `id`) or saves the fields of one the caller may edit.
/// The autosave calls this as the pilot types.
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    id: Option<&str>,
    version: i64,
    draft: &MissionDraft,
) -> Result<Saved, AppError> {
    check_draft(db, draft).await?;
    let Some(id) = id else {
        // A pilot is the card's pilot at once; a member becomes it on approval.
        let mut resp = db
            .query(format!(
                "LET $m = (CREATE mission SET {SET_DRAFT}, status = 'draft', version = 1,
                     proposer = type::record('user', $me),
                     pilot_users = IF $pilot {{ [type::record('user', $me)] }} ELSE {{ [] }});
                 CREATE mission_event SET mission = $m[0].id, by = type::record('user', $me), by_name = $name, kind = 'created';
                 RETURN record::id($m[0].id);"
            ))
            .bind(("d", draft_json(draft)))
            .bind(("me", user.id.clone()))
            .bind(("name", user.display_name.clone()))
            .bind(("pilot", user.has(Role::Pilot)))
            .await?
            .check()?;
        let id: Option<String> = resp.take(2)?;
        return Ok(Saved {
            id: id.ok_or(AppError::Internal)?,
            version: 1,
        });
    };
    let card = load_for(db, user, id).await?;
    if !card.can_edit(user) {
        return Err(AppError::Forbidden);
    }
    check_version(&card, version)?;
    let mut resp = db
        .query(format!(
            "UPDATE type::record('mission', $id) SET {SET_DRAFT}, version += 1
                 WHERE version = $version AND status IN ['draft', 'changes_requested'] RETURN VALUE version"
        ))
        .bind(("id", id.to_string()))
        .bind(("version", version))
        .bind(("d", draft_json(draft)))
        .await?
        .check()?;
    let saved: Option<i64> = first(&mut resp, 0)?;
    let version = saved.ok_or_else(|| stale(version))?;
    Ok(Saved {
        id: id.to_string(),
        version,
    })
}

/// Moves a card from `from` statuses to `to`, only if nobody saved it meanwhile;
/// records the event (with a snapshot of the fields when asked). Answers the new version.
#[allow(clippy::too_many_arguments)]
async fn transition(
    db: &Db,
    user: &CurrentUser,
    card: &CardRow,
    version: i64,
    to: &str,
    extra_set: &str,
    text: &str,
    snapshot: bool,
) -> Result<i64, AppError> {
    let snapshot = snapshot.then(|| serde_json::to_string(&card.draft()).unwrap_or_default());
    let mut resp = db
        .query(format!(
            "BEGIN;
             LET $v = (UPDATE type::record('mission', $id) SET status = $to, version += 1, updated_at = time::now(){extra_set}
                 WHERE version = $version AND status = $from RETURN VALUE version);
             IF $v = [] {{ THROW 'stale' }};
             CREATE mission_event SET mission = type::record('mission', $id), by = type::record('user', $me),
                 by_name = $name, kind = $to, text = $text, snapshot = $snapshot;
             RETURN $v[0];
             COMMIT;"
        ))
        .bind(("id", card.id.clone()))
        .bind(("to", to.to_string()))
        .bind(("from", card.status.clone()))
        .bind(("version", version))
        .bind(("me", user.id.clone()))
        .bind(("name", user.display_name.clone()))
        .bind(("text", text.to_string()))
        .bind(("snapshot", snapshot))
        .bind(("proposer", card.proposer.clone()))
        .await?;
    if let Some(err) = failure(&mut resp) {
        return Err(if err.contains("occurred: stale") {
            stale(card.version)
        } else {
            tracing::error!(error = %err, "mission transition failed");
            AppError::Internal
        });
    }
    let v: Option<i64> = resp.take(4)?;
    v.ok_or(AppError::Internal)
}

/// Puts a complete card in the board's queue.
pub async fn submit(db: &Db, user: &CurrentUser, id: &str, version: i64) -> Result<Saved, AppError> {
    let card = load_for(db, user, id).await?;
    if !card.can_edit(user) {
        return Err(AppError::Forbidden);
    }
    check_version(&card, version)?;
    let missing = card.draft().missing();
    if !missing.is_empty() {
        return Err(AppError::Validation {
            fields: missing
                .into_iter()
                .map(|f| FieldError {
                    field: f.into(),
                    code: "required".into(),
                    message: "À remplir avant de soumettre la fiche au CA.".into(),
                })
                .collect(),
        });
    }
    let version = transition(
        db,
        user,
        &card,
        version,
        "submitted",
        ", submitted_at = time::now()",
        "",
        true,
    )
    .await?;
    let board = board_ids(db).await?;
    notify(
        db,
        None,
        &board,
        &format!("Fiche mission à examiner : {}", card.title),
        "/missions/revue",
    )
    .await?;
    Ok(Saved {
        id: id.to_string(),
        version,
    })
}

/// What a decision changed, for the audit log.
pub struct Decided {
    pub title: String,
}

/// A board decision on a submitted card, with its written reason. The board
/// member may not decide on a card they pilot or proposed.
pub async fn decide(
    db: &Db,
    mailer: Option<&Mailer>,
    user: &CurrentUser,
    id: &str,
    version: i64,
    decision: &str,
    reason: &str,
) -> Result<Decided, AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "decision", decision, &MISSION_DECISIONS);
    check_text(&mut errors, "reason", reason, true, TEXT_MAX);
    validated(errors)?;
    let card = load_for(db, user, id).await?;
    if card.is_author(user) {
        return Err(AppError::Forbidden);
    }
    if card.status != "submitted" {
        return Err(conflict("Cette fiche n'attend plus de décision du CA."));
    }
    check_version(&card, version)?;
    // On approval the proposer becomes a pilot of the card and joins its team.
    let extra = if decision == "approved" {
        ", pilot_users = IF $proposer = NONE { pilot_users } ELSE { array::union(pilot_users, [type::record('user', $proposer)]) }"
    } else {
        ""
    };
    transition(db, user, &card, version, decision, extra, reason.trim(), true).await?;
    if decision == "approved" {
        if let Some(proposer) = &card.proposer {
            db.query(
                "LET $m = type::record('mission', $id); LET $u = type::record('user', $p);
                 IF (SELECT VALUE id FROM mission_application WHERE mission = $m AND member = $u AND status = 'accepted') = [] {
                     CREATE mission_application SET mission = $m, member = $u, role = 'pilot', status = 'accepted', answered_by = type::record('user', $me)
                 };",
            )
            .bind(("id", id.to_string()))
            .bind(("p", proposer.clone()))
            .bind(("me", user.id.clone()))
            .await?
            .check()?;
        }
    }
    let verdict = match decision {
        "approved" => "validée",
        "changes_requested" => "à modifier",
        _ => "refusée",
    };
    notify(
        db,
        mailer,
        &card.authors(),
        &format!(
            "Le CA a examiné « {} » : fiche {verdict}. Motif : {}",
            card.title,
            reason.trim()
        ),
        &format!("/missions/{id}"),
    )
    .await?;
    Ok(Decided { title: card.title })
}

async fn add_event(db: &Db, user: &CurrentUser, id: &str, kind: &str, text: &str) -> Result<(), AppError> {
    db.query(
        "CREATE mission_event SET mission = type::record('mission', $id), by = type::record('user', $me),
             by_name = $name, kind = $kind, text = $text",
    )
    .bind(("id", id.to_string()))
    .bind(("me", user.id.clone()))
    .bind(("name", user.display_name.clone()))
    .bind(("kind", kind.to_string()))
    .bind(("text", text.trim().to_string()))
    .await?
    .check()?;
    Ok(())
}

fn required_text(field: &str, text: &str) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_text(&mut errors, field, text, true, TEXT_MAX);
    validated(errors)
}

/// A comment in the card's history, by a board member or one of its authors.
pub async fn comment(db: &Db, user: &CurrentUser, id: &str, text: &str) -> Result<(), AppError> {
    required_text("text", text)?;
    let card = load_for(db, user, id).await?;
    if !(card.is_author(user) || user.has(Role::Board)) {
        return Err(AppError::Forbidden);
    }
    add_event(db, user, id, "comment", text).await?;
    if !card.is_author(user) {
        let message = format!("Nouveau commentaire du CA sur « {} »", card.title);
        notify(db, None, &card.authors(), &message, &format!("/missions/{id}")).await?;
    }
    Ok(())
}

/// A progress update, by a pilot of a running card.
pub async fn progress(db: &Db, user: &CurrentUser, id: &str, text: &str) -> Result<(), AppError> {
    required_text("text", text)?;
    let card = load_for(db, user, id).await?;
    if !card.is_pilot(user) {
        return Err(AppError::Forbidden);
    }
    if !PUBLIC_STATUSES.contains(&card.status.as_str()) {
        return Err(conflict(
            "Les nouvelles se publient une fois la fiche validée par le CA.",
        ));
    }
    add_event(db, user, id, "progress", text).await
}

/// Names a board member referent of the mission, replacing the one named
/// before, or with `None` removes the referent (board and administrators,
/// whatever the card's status). Answers what the audit log records.
pub async fn set_referent(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    referent: Option<&str>,
) -> Result<String, AppError> {
    if !(user.has(Role::Board) || user.has(Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    let card = load(db, id).await?;
    let not_board = || AppError::field("user_id", "invalid", "Choisissez un membre du CA.");
    let name = match referent {
        Some(referent) => {
            check_key(referent).map_err(|_| not_board())?;
            let mut resp = db
                .query("SELECT VALUE display_name FROM type::record('user', $u) WHERE roles CONTAINS 'board' AND active = true")
                .bind(("u", referent.to_string()))
                .await?
                .check()?;
            let name: Option<String> = first(&mut resp, 0)?;
            Some(name.ok_or_else(not_board)?)
        }
        None => None,
    };
    db.query(
        "UPDATE type::record('mission', $id) SET
             referent_user = IF $u = NONE { NONE } ELSE { type::record('user', $u) },
             board_referent = $name ?? '', version += 1",
    )
    .bind(("id", id.to_string()))
    .bind(("u", referent.map(str::to_string)))
    .bind(("name", name.clone()))
    .await?
    .check()?;
    let (kind, text) = match &name {
        Some(name) => ("referent_named", name.clone()),
        None => ("referent_removed", card.referent_text()),
    };
    add_event(db, user, &card.id, kind, &text).await?;
    Ok(match name {
        Some(name) => name,
        None => format!("retiré ({})", card.referent_text()),
    })
}

/// Later steps of an approved card: pilots or the board start it and record
/// its completion (with what was delivered); the board archives.
pub async fn set_status(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    version: i64,
    status: &str,
    deliverables_done: &str,
) -> Result<String, AppError> {
    let card = load_for(db, user, id).await?;
    let steers = card.is_pilot(user) || user.has(Role::Board);
    let allowed = match (card.status.as_str(), status) {
        ("approved", "active") | ("active", "completed") => steers,
        ("approved" | "active" | "completed" | "rejected", "archived") => user.has(Role::Board),
        _ if !steers => false,
        _ => {
            return Err(conflict(
                "Ce changement de statut n'est pas possible depuis le statut actuel.",
            ))
        }
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let mut extra = "";
    if status == "completed" {
        let mut errors = Vec::new();
        check_text(
            &mut errors,
            "deliverables_done",
            deliverables_done,
            true,
            TEXT_MAX,
        );
        validated(errors)?;
        extra = ", deliverables_done = $text";
    }
    check_version(&card, version)?;
    transition(
        db,
        user,
        &card,
        version,
        status,
        extra,
        deliverables_done.trim(),
        false,
    )
    .await?;
    Ok(card.title)
}

// ---------------------------------------------------------------- joining

/// A member's application to a role of an open mission.
pub async fn apply(
    db: &Db,
    mailer: Option<&Mailer>,
    user: &CurrentUser,
    id: &str,
    role: &str,
    message: &str,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "role", role, &MISSION_ROLES);
    check_text(&mut errors, "message", message, false, 2000);
    validated(errors)?;
    let card = load_for(db, user, id).await?;
    if !matches!(card.status.as_str(), "approved" | "active") {
        return Err(conflict("Cette mission n'accueille pas de candidatures."));
    }
    let taken = taken_places(db, Some(id)).await?;
    let Some(seat) = seats(&card, &taken).into_iter().find(|s| s.role.role == role) else {
        return Err(AppError::field(
            "role",
            "invalid",
            "Cette mission ne cherche personne pour ce rôle.",
        ));
    };
    if seat.taken >= seat.role.places {
        return Err(conflict("Plus aucune place pour ce rôle."));
    }
    let mut resp = db
        .query(
            "SELECT VALUE id FROM mission_application WHERE mission = type::record('mission', $id)
                 AND member = type::record('user', $me) AND status IN ['pending', 'accepted']",
        )
        .bind(("id", id.to_string()))
        .bind(("me", user.id.clone()))
        .await?
        .check()?;
    let existing: Vec<serde_json::Value> = resp.take(0)?;
    if card.is_pilot(user) || !existing.is_empty() {
        return Err(conflict(
            "Vous faites déjà partie de cette mission ou y avez déjà candidaté.",
        ));
    }
    db.query(
        "CREATE mission_application SET mission = type::record('mission', $id), member = type::record('user', $me),
             role = $role, message = $message",
    )
    .bind(("id", id.to_string()))
    .bind(("me", user.id.clone()))
    .bind(("role", role.to_string()))
    .bind(("message", message.trim().to_string()))
    .await?
    .check()?;
    let text = format!("{} candidate à « {} »", user.display_name, card.title);
    notify(db, mailer, &card.pilot_ids, &text, &format!("/missions/{id}")).await
}

#[derive(Debug, Deserialize)]
struct PendingRow {
    mission: String,
    member: String,
    role: String,
    status: String,
}

/// What an answer changed, for the audit log.
pub struct Answered {
    pub mission_title: String,
    pub member: String,
}

/// A pilot accepts or declines an application. An accept takes a place in
/// the same transaction that counts them, so two accepts at once cannot
/// fill more places than the card has.
pub async fn answer(
    db: &Db,
    mailer: Option<&Mailer>,
    user: &CurrentUser,
    application: &str,
    accept: bool,
) -> Result<Answered, AppError> {
    check_key(application)?;
    let mut resp = db
        .query(
            "SELECT record::id(mission) AS mission, record::id(member) AS member, role, status
                 FROM type::record('mission_application', $a)",
        )
        .bind(("a", application.to_string()))
        .await?
        .check()?;
    let app: PendingRow = first(&mut resp, 0)?.ok_or(AppError::NotFound)?;
    let card = load_for(db, user, &app.mission).await?;
    if !card.is_pilot(user) {
        return Err(AppError::Forbidden);
    }
    if app.status != "pending" {
        return Err(conflict("Cette candidature a déjà reçu une réponse."));
    }
    let places = card
        .roles
        .iter()
        .filter(|r| r.role == app.role)
        .map(|r| r.places)
        .sum::<u32>();
    let status = if accept { "accepted" } else { "declined" };
    // Both accepts write the mission record (team_version): the database lets
    // only one of two concurrent transactions commit; the other retries and
    // then sees the place taken.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let result = db
            .query(
                "BEGIN;
                 LET $m = type::record('mission', $mission);
                 UPDATE $m SET team_version += 1;
                 LET $taken = count(SELECT id FROM mission_application WHERE mission = $m AND role = $role AND status = 'accepted');
                 IF $accept AND $taken >= $places { THROW 'full' };
                 LET $done = (UPDATE type::record('mission_application', $a) SET status = $status, answered_by = type::record('user', $me)
                     WHERE status = 'pending' RETURN VALUE id);
                 IF $done = [] { THROW 'answered' };
                 IF $accept AND $role IN ['pilot', 'copilot'] {
                     UPDATE $m SET pilot_users = array::union(pilot_users, [type::record('user', $member)])
                 };
                 IF $accept {
                     CREATE mission_event SET mission = $m, by = type::record('user', $me), by_name = $name,
                         kind = 'member_joined', text = (SELECT VALUE display_name FROM ONLY type::record('user', $member))
                 };
                 COMMIT;",
            )
            .bind(("mission", app.mission.clone()))
            .bind(("a", application.to_string()))
            .bind(("role", app.role.clone()))
            .bind(("places", places))
            .bind(("accept", accept))
            .bind(("status", status))
            .bind(("me", user.id.clone()))
            .bind(("name", user.display_name.clone()))
            .bind(("member", app.member.clone()))
            .await;
        let failed = match result {
            Ok(mut resp) => failure(&mut resp),
            Err(err) => Some(err.to_string()),
        };
        let Some(text) = failed else { break };
        if text.contains("occurred: full") {
            return Err(conflict(
                "Plus aucune place pour ce rôle : la candidature reste en attente.",
            ));
        }
        if text.contains("occurred: answered") {
            return Err(conflict("Cette candidature a déjà reçu une réponse."));
        }
        if attempts < 10 && text.contains("can be retried") {
            tokio::time::sleep(std::time::Duration::from_millis(7 * attempts)).await;
            continue;
        }
        tracing::error!(error = %text, "accepting an application failed");
        return Err(AppError::Internal);
    }
    let verdict = if accept { "acceptée" } else { "déclinée" };
    notify(
        db,
        mailer,
        std::slice::from_ref(&app.member),
        &format!("Votre candidature à « {} » a été {verdict}.", card.title),
        &format!("/missions/{}", card.id),
    )
    .await?;
    Ok(Answered {
        mission_title: card.title,
        member: app.member,
    })
}

// ---------------------------------------------------------------- the member's side

#[derive(Debug, Deserialize)]
struct MembershipRow {
    mission_id: String,
    title: String,
    role: String,
    status: String,
}

/// The missions a member belongs to (shown on their profile).
pub async fn memberships(db: &Db, user_id: &str) -> Result<Vec<TeamMembership>, AppError> {
    check_key(user_id)?;
    let mut resp = db
        .query(
            "SELECT record::id(mission) AS mission_id, mission.title AS title, role, mission.status AS status
                 FROM mission_application WHERE member = type::record('user', $u) AND status = 'accepted'
                 AND mission.status IN $public",
        )
        .bind(("u", user_id.to_string()))
        .bind(("public", PUBLIC_STATUSES.to_vec()))
        .await?
        .check()?;
    Ok(rows::<MembershipRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| TeamMembership {
            mission_id: r.mission_id,
            title: r.title,
            role: r.role,
            status: r.status,
        })
        .collect())
}

#[derive(Debug, Deserialize)]
struct NotificationRow {
    at: String,
    text: String,
    link: String,
}

/// The caller's cards, teams and latest notifications.
pub async fn mine(db: &Db, user: &CurrentUser) -> Result<MyMissions, AppError> {
    let mut resp = db
        .query(format!(
            "LET $me = type::record('user', $u);
             SELECT {CARD_FIELDS}, updated_at FROM mission WHERE pilot_users CONTAINS $me OR proposer = $me ORDER BY updated_at DESC;
             SELECT <string> at AS at, text, link FROM notification WHERE user = $me ORDER BY at DESC LIMIT 30;"
        ))
        .bind(("u", user.id.clone()))
        .await?
        .check()?;
    let cards: Vec<CardRow> = rows(&mut resp, 1)?;
    let notifications: Vec<NotificationRow> = rows(&mut resp, 2)?;
    let taken = taken_places(db, None).await?;
    Ok(MyMissions {
        piloted: cards.iter().map(|c| summary(c, &taken)).collect(),
        joined: memberships(db, &user.id).await?,
        notifications: notifications
            .into_iter()
            .map(|n| Notification {
                at: n.at,
                text: n.text,
                link: n.link,
            })
            .collect(),
    })
}

// ---------------------------------------------------------------- the board's side

async fn board_ids(db: &Db) -> Result<Vec<String>, AppError> {
    let mut resp = db
        .query("SELECT VALUE record::id(id) FROM user WHERE roles CONTAINS 'board' AND active = true")
        .await?
        .check()?;
    Ok(resp.take(0)?)
}

#[derive(Debug, Deserialize)]
struct WaitingRow {
    waiting_days: i64,
}

/// The cards waiting for the board, the longest waiting first, each with
/// what changed since the board last decided on it.
pub async fn review_queue(db: &Db, user: &CurrentUser) -> Result<ReviewQueue, AppError> {
    let mut resp = db
        .query(format!(
            "SELECT {CARD_FIELDS} FROM mission WHERE status = 'submitted' ORDER BY submitted_at ASC;
             SELECT (IF submitted_at = NONE {{ 0 }} ELSE {{ duration::days(time::now() - submitted_at) }}) AS waiting_days, submitted_at
                 FROM mission WHERE status = 'submitted' ORDER BY submitted_at ASC;
             SELECT record::id(id) AS id, display_name AS name FROM user WHERE roles CONTAINS 'board' AND active = true ORDER BY name;"
        ))
        .await?
        .check()?;
    let cards: Vec<CardRow> = rows(&mut resp, 0)?;
    let waiting: Vec<WaitingRow> = rows(&mut resp, 1)?;
    let board: Vec<BoardMember> = rows(&mut resp, 2)?;
    let mut items = Vec::new();
    for (card, wait) in cards.iter().zip(waiting) {
        let events = events(db, &card.id).await?;
        let last_review = events
            .iter()
            .rev()
            .filter(|e| MISSION_DECISIONS.contains(&e.kind.as_str()))
            .find_map(|e| e.snapshot.as_deref())
            .and_then(|s| serde_json::from_str::<MissionDraft>(s).ok());
        items.push(ReviewItem {
            id: card.id.clone(),
            title: card.title.clone(),
            kind: card.kind.clone(),
            version: card.version,
            pilots: card.pilots_text(),
            board_referent: card.referent_text(),
            submitted_at: card.submitted_at.clone().unwrap_or_default(),
            waiting_days: wait.waiting_days,
            changes: last_review
                .as_ref()
                .map(|before| card.draft().changes_since(before))
                .unwrap_or_default(),
            first_review: last_review.is_none(),
            history: history(&events),
            own_card: card.is_author(user),
        });
    }
    Ok(ReviewQueue { items, board })
}

// ---------------------------------------------------------------- notifications

/// Leaves a notification in the portal for each of `users`, and mails them
/// too when a mailer is configured.
async fn notify(
    db: &Db,
    mailer: Option<&Mailer>,
    users: &[String],
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    if users.is_empty() {
        return Ok(());
    }
    // Notifications to the same member at the same moment touch the same
    // index entry: the loser of that race simply writes again.
    let mut resp = super::retry_on_conflict(|| async {
        Ok(db.query(
            "FOR $u IN $users { CREATE notification SET user = type::record('user', $u), text = $text, link = $link };
             SELECT VALUE email FROM user WHERE id IN $users.map(|$u| type::record('user', $u)) AND active = true;",
        )
        .bind(("users", users.to_vec()))
        .bind(("text", text.to_string()))
        .bind(("link", link.to_string()))
        .await?
        .check()?)
    })
    .await?;
    if let Some(mailer) = mailer {
        let emails: Vec<String> = resp.take(1)?;
        for email in emails {
            mailer.send(&email, "Portail des Shifters : missions", text).await;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(region: &str, skills: &[&str], domains: &[&str]) -> CardRow {
        CardRow {
            id: "m".into(),
            title: "t".into(),
            kind: "mission_shifter".into(),
            status: "approved".into(),
            version: 1,
            pilots: String::new(),
            board_referent: String::new(),
            tsp_referent: String::new(),
            what: String::new(),
            timing: String::new(),
            deliverables: String::new(),
            staffing: String::new(),
            region: region.into(),
            domains: domains.iter().map(|s| s.to_string()).collect(),
            needs: vec![],
            roles: vec![MissionRole {
                role: "contributor".into(),
                places: 2,
                skills: skills.iter().map(|s| s.to_string()).collect(),
                commitment: "light".into(),
                duration: String::new(),
            }],
            deliverables_done: String::new(),
            pilot_ids: vec![],
            pilot_names: vec![],
            proposer: None,
            referent_name: None,
            submitted_at: None,
        }
    }

    fn score(me: &Profile, card: &CardRow) -> u32 {
        fit(me, card).0
    }

    fn with_commitment(mut card: CardRow, commitment: &str) -> CardRow {
        card.roles[0].commitment = commitment.into();
        card
    }

    #[test]
    fn the_fit_weighs_skills_then_domains_then_region() {
        let me = Profile {
            region: Some("Bretagne".into()),
            domains: vec!["Numérique".into()],
            skills: vec!["Data".into(), "Rédaction".into()],
            hours_per_month: None,
        };
        // No hours given: every mission gets the same 2 for availability.
        let by_skill = score(&me, &card("Occitanie", &["data"], &[]));
        let by_domain = score(&me, &card("Occitanie", &[], &["Numérique"]));
        let by_region = score(&me, &card("Bretagne", &[], &[]));
        let anywhere = score(&me, &card("", &[], &[]));
        // A shared skill outweighs a shared domain, which equals the same region.
        assert_eq!((by_skill, by_domain, by_region, anywhere), (5, 4, 4, 3));
        assert_eq!(score(&me, &card("Occitanie", &["Juridique"], &[])), 2);
        let (_, why) = fit(&me, &card("Bretagne", &["data", "Juridique"], &["numérique"]));
        assert_eq!(why.skills, ["Data"]);
        assert_eq!(why.domains, ["Numérique"]);
        assert!(why.same_region);
        assert_eq!(why.availability, "unknown");
    }

    #[test]
    fn a_mission_that_fits_the_members_hours_ranks_higher() {
        let few = Profile {
            skills: vec!["Data".into()],
            hours_per_month: Some(5),
            ..Profile::default()
        };
        let light = with_commitment(card("", &["Data"], &[]), "light");
        let strong = with_commitment(card("", &["Data"], &[]), "strong");
        assert_eq!(fit(&few, &light).1.availability, "fits");
        assert_eq!(fit(&few, &strong).1.availability, "too_much");
        assert!(score(&few, &light) > score(&few, &strong));
        // With time enough, both fit and score alike.
        let many = Profile {
            hours_per_month: Some(40),
            ..few
        };
        assert_eq!(score(&many, &light), score(&many, &strong));
        // A role at the edge of the band fits: 20 h a month is 5 h a week.
        let edge = Profile {
            hours_per_month: Some(20),
            ..Profile::default()
        };
        assert_eq!(fit(&edge, &strong).1.availability, "fits");
    }

    #[test]
    fn the_lightest_role_decides_the_availability() {
        let me = Profile {
            hours_per_month: Some(8),
            ..Profile::default()
        };
        let mut both = with_commitment(card("", &[], &[]), "strong");
        both.roles.push(MissionRole {
            role: "contributor".into(),
            places: 1,
            skills: vec![],
            commitment: "regular".into(),
            duration: String::new(),
        });
        assert_eq!(fit(&me, &both).1.availability, "fits");
        both.roles.clear();
        assert_eq!(fit(&me, &both).1.availability, "unknown");
    }
}
