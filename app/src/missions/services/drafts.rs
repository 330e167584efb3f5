//! Pilots' drafts: checked, saved with their version, submitted to the board.

use serde_json::json;

use super::cards::{check_version, load_for, stale, CardRow, Refusal};
use super::notify::notify;
use crate::accounts::model::{CurrentUser, Role};
use crate::directory::model::REGIONS;
use crate::missions::model::MissionKind;
use crate::missions::model::*;
use crate::notifications::model::NotificationKind;
use crate::notifications::services::holders_of;
use crate::platform::db::{check_key, check_refusals, first, Db, Failed};
use crate::platform::error::{check_code, check_text, validated, AppError, FieldError};
use crate::platform::outbox::Outbound;
use crate::platform::said::said;
use crate::platform::said::Both;

/// Field checks for a save (completeness is only asked at submission).
pub(super) async fn check_draft(db: &Db, d: &MissionDraft) -> Result<(), AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    check_text(&mut errors, "title", &d.title, false, 200);
    check_code(&mut errors, "kind", &d.kind, MissionKind::CODES);
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

pub(super) fn invalid(field: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: "invalid".into(),
        message: said("Cette valeur n'est pas valable.", "This value is not valid."),
    }
}

/// The draft's fields as bound parameters of an UPDATE or CREATE.
pub(super) fn draft_json(d: &MissionDraft) -> serde_json::Value {
    json!({
        "title": d.title.trim(), "kind": d.kind, "tsp_referent": d.tsp_referent, "what": d.what,
        "timing": d.when, "deliverables": d.deliverables, "staffing": d.how_many,
        "region": d.region, "domains": d.domains, "needs": d.needs, "roles": d.roles,
    })
}

pub(super) const SET_DRAFT: &str =
    "title = $d.title, kind = $d.kind, tsp_referent = $d.tsp_referent, what = $d.what,
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
                 CREATE mission_event SET mission = $m[0].id, by = type::record('user', $me), kind = 'created';
                 RETURN record::id($m[0].id);"
            ))
            .bind(("d", draft_json(draft)))
            .bind(("me", user.id.clone()))
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
pub(super) async fn transition(
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
    let resp = db
        .query(format!(
            "BEGIN;
             LET $v = (UPDATE type::record('mission', $id) SET status = $to, version += 1, updated_at = time::now(){extra_set}
                 WHERE version = $version AND status = $from RETURN VALUE version);
             IF $v = [] {{ THROW 'stale' }};
             CREATE mission_event SET mission = type::record('mission', $id), by = type::record('user', $me),
                 kind = $to, text = $text, snapshot = $snapshot;
             RETURN $v[0];
             COMMIT;"
        ))
        .bind(("id", card.id.clone()))
        .bind(("to", to.to_string()))
        .bind(("from", card.status.code()))
        .bind(("version", version))
        .bind(("me", user.id.clone()))
        .bind(("text", text.to_string()))
        .bind(("snapshot", snapshot))
        .bind(("proposer", card.proposer.clone()))
        .await?;
    let mut resp = match check_refusals(resp, Refusal::from_code) {
        Ok(resp) => resp,
        Err(Failed::Refused(_)) => return Err(stale(card.version)),
        Err(Failed::Db(err)) => {
            tracing::error!(error = %err, "mission transition failed");
            return Err(AppError::Internal);
        }
    };
    let v: Option<i64> = resp.take(4)?;
    v.ok_or(AppError::Internal)
}

/// Puts a complete card in the board's queue.
pub async fn submit(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    version: i64,
) -> Result<Saved, AppError> {
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
                    message: said(
                        "À remplir avant de soumettre la fiche au CA.",
                        "To fill in before submitting the card to the board.",
                    ),
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
    let board = holders_of(db, Role::Board).await?;
    notify(
        db,
        out,
        NotificationKind::Review,
        &board,
        Some(user),
        Both::new(
            format!("propose une fiche mission à examiner : « {} »", card.title),
            format!("proposes a mission card to review: “{}”", card.title),
        ),
        "/missions/revue".into(),
    )
    .await?;
    Ok(Saved {
        id: id.to_string(),
        version,
    })
}
