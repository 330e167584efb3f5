//! The board's side: decisions, comments and progress on a card, the board
//! referent, status changes, and the review queue.

use serde::Deserialize;

use super::cards::{
    account_name, check_version, conflict, events, history, load, load_for, CardRow, CARD_FIELDS,
    PUBLIC_STATUSES,
};
use super::drafts::transition;
use super::notify::notify;
use crate::accounts::model::{CurrentUser, Role};
use crate::missions::model::*;
use crate::notifications::model::NotificationKind;
use crate::platform::db::{rows, Db};
use crate::platform::error::{check_code, check_text, validated, AppError};
use crate::platform::outbox::Outbound;
use crate::platform::page::Page;
use crate::platform::said::said;
use crate::platform::said::Both;

/// What a decision changed, for the audit log.
pub struct Decided {
    pub title: String,
}

/// A board decision on a submitted card, with its written reason. The board
/// member may not decide on a card they pilot or proposed.
pub async fn decide(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    version: i64,
    decision: &str,
    reason: &str,
) -> Result<Decided, AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "decision", decision, MissionDecision::CODES);
    check_text(&mut errors, "reason", reason, true, TEXT_MAX);
    validated(errors)?;
    let decision = MissionDecision::from_code(decision).ok_or(AppError::Internal)?;
    let card = load_for(db, user, id).await?;
    if card.is_author(user) {
        return Err(AppError::Forbidden);
    }
    if card.status != MissionStatus::Submitted {
        return Err(conflict(&said(
            "Cette fiche n'attend plus de décision du CA.",
            "This card no longer waits for a board decision.",
        )));
    }
    check_version(&card, version)?;
    // On approval the proposer becomes a pilot of the card and joins its team.
    let extra = if decision == MissionDecision::Approved {
        ", pilot_users = IF $proposer = NONE { pilot_users } ELSE { array::union(pilot_users, [type::record('user', $proposer)]) }"
    } else {
        ""
    };
    transition(
        db,
        user,
        &card,
        version,
        decision.code(),
        extra,
        reason.trim(),
        true,
    )
    .await?;
    if decision == MissionDecision::Approved {
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
    let (verdict, verdict_en) = match decision {
        MissionDecision::Approved => ("validée", "approved"),
        MissionDecision::ChangesRequested => ("à modifier", "to be changed"),
        MissionDecision::Rejected => ("refusée", "rejected"),
    };
    notify(
        db,
        out,
        NotificationKind::Decisions,
        &card.authors(),
        None,
        Both::new(
            format!(
                "Le CA a examiné « {} » : fiche {verdict}. Motif : {}",
                card.title,
                reason.trim()
            ),
            format!(
                "The board reviewed “{}”: card {verdict_en}. Reason: {}",
                card.title,
                reason.trim()
            ),
        ),
        format!("/missions/{id}"),
    )
    .await?;
    Ok(Decided { title: card.title })
}

pub(super) async fn add_event(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    kind: MissionEventKind,
    text: &str,
) -> Result<(), AppError> {
    db.query(
        "CREATE mission_event SET mission = type::record('mission', $id), by = type::record('user', $me),
             kind = $kind, text = $text",
    )
    .bind(("id", id.to_string()))
    .bind(("me", user.id.clone()))
    .bind(("kind", kind.code()))
    .bind(("text", text.trim().to_string()))
    .await?
    .check()?;
    Ok(())
}

pub(super) fn required_text(field: &str, text: &str) -> Result<(), AppError> {
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
    add_event(db, user, id, MissionEventKind::Comment, text).await?;
    if !card.is_author(user) {
        let message = Both::new(
            format!("Nouveau commentaire du CA sur « {} »", card.title),
            format!("New comment from the board on “{}”", card.title),
        );
        notify(
            db,
            &Outbound::default(),
            NotificationKind::Decisions,
            &card.authors(),
            None,
            message,
            format!("/missions/{id}"),
        )
        .await?;
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
    if !PUBLIC_STATUSES.contains(&card.status.code()) {
        return Err(conflict(&said(
            "Les nouvelles se publient une fois la fiche validée par le CA.",
            "News is published once the board has approved the card.",
        )));
    }
    add_event(db, user, id, MissionEventKind::Progress, text).await
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
    let not_board = ("Choisissez un membre du CA.", "Choose a board member.");
    let name = match referent {
        Some(referent) => Some(account_name(db, referent, Some(Role::Board), not_board).await?),
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
        Some(name) => (MissionEventKind::ReferentNamed, name.clone()),
        None => (MissionEventKind::ReferentRemoved, card.referent_text()),
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
    use MissionStatus::{Active, Approved, Archived, Completed, Rejected};
    let wanted = MissionStatus::from_code(status);
    let allowed = match (card.status, wanted) {
        (Approved, Some(Active)) | (Active, Some(Completed)) => steers,
        (Approved | Active | Completed | Rejected, Some(Archived)) => {
            user.has(Role::Board) || user.has(Role::Admin)
        }
        _ if !steers => false,
        _ => {
            return Err(conflict(&said(
                "Ce changement de statut n'est pas possible depuis le statut actuel.",
                "This status change is not possible from the current status.",
            )))
        }
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let mut extra = "";
    if wanted == Some(Completed) {
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

/// A card waiting for the board, with how long it has waited.
#[derive(Debug, Deserialize)]
struct WaitingRow {
    #[serde(flatten)]
    card: CardRow,
    waiting_days: i64,
}

/// Page `page` (from 1; past the end, the last) of the cards waiting for
/// the board, the longest waiting first, each with what changed since the
/// board last decided on it. Only the page's cards load their history.
pub async fn review_queue(db: &Db, user: &CurrentUser, page: u64) -> Result<ReviewQueue, AppError> {
    // Sorted on the datetime itself: its text (`submitted_at` of the card)
    // does not sort, "…49.659Z" coming after "…49.659562743Z".
    let mut resp = db
        .query(format!(
            "SELECT {CARD_FIELDS},
                 (IF submitted_at = NONE {{ 0 }} ELSE {{ duration::days(time::now() - submitted_at) }}) AS waiting_days,
                 submitted_at AS queued_at
                 FROM mission WHERE status = 'submitted' ORDER BY queued_at ASC, id ASC;
             SELECT record::id(id) AS id, display_name AS name FROM user WHERE roles CONTAINS 'board' AND active = true ORDER BY name;"
        ))
        .await?
        .check()?;
    let waiting: Vec<WaitingRow> = rows(&mut resp, 0)?;
    let board: Vec<BoardMember> = rows(&mut resp, 1)?;
    let Page {
        items: waiting,
        total,
        page,
        per_page,
    } = Page::slice(waiting.into_iter(), page, REVIEW_PER_PAGE);
    let mut items = Vec::new();
    for WaitingRow { card, waiting_days } in waiting {
        let events = events(db, &card.id).await?;
        let last_review = events
            .iter()
            .rev()
            .filter(|e| e.kind.is_decision())
            .find_map(|e| e.snapshot.as_deref())
            .and_then(|s| serde_json::from_str::<MissionDraft>(s).ok());
        items.push(ReviewItem {
            id: card.id.clone(),
            title: card.title.clone(),
            kind: card.kind,
            version: card.version,
            pilots: card.pilots_text(),
            board_referent: card.referent_text(),
            submitted_at: card.submitted_at.clone().unwrap_or_default(),
            waiting_days,
            changes: last_review
                .as_ref()
                .map(|before| card.draft().changes_since(before))
                .unwrap_or_default(),
            first_review: last_review.is_none(),
            history: history(&events),
            own_card: card.is_author(user),
        });
    }
    Ok(ReviewQueue {
        page: Page {
            items,
            total,
            page,
            per_page,
        },
        board,
    })
}
