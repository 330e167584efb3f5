//! Telling the people of a need what became of it, and the board what
//! waits for it, through the notification centre.

use serde::Deserialize;

use crate::accounts::model::{CurrentUser, Role};
use crate::needs::model::NeedStatus;
use crate::notifications::model::NotificationKind;
use crate::notifications::services::{holders_of, notify, Notice};
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::labels::{label_en, label_fr};
use crate::platform::outbox::{Outbound, Source};
use crate::platform::said::Both;

/// The statuses the people of a need hear about: the board's decisions and
/// the tool in use.
fn tells_followers(status: NeedStatus) -> bool {
    matches!(
        status,
        NeedStatus::Accepted | NeedStatus::Rejected | NeedStatus::ToRework | NeedStatus::Deployed
    )
}

#[derive(Debug, Deserialize)]
struct FollowedRow {
    id: String,
    title: String,
    followers: Vec<String>,
}

/// Tells who raised and who supports each of `ids` that it is now `to`
/// (with the reason given, if any).
pub(super) async fn tell_followers(
    db: &Db,
    out: &Outbound,
    actor: &CurrentUser,
    ids: &[String],
    to: NeedStatus,
    note: &str,
) -> Result<(), AppError> {
    if !tells_followers(to) || ids.is_empty() {
        return Ok(());
    }
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, title,
                 array::union(
                     IF raised_by = NONE { [] } ELSE { [record::id(raised_by)] },
                     (SELECT VALUE record::id(user) FROM need_support WHERE need = $parent.id)
                 ) AS followers
             FROM need WHERE id IN $ids.map(|$k| type::record('need', $k))",
        )
        .bind(("ids", ids.to_vec()))
        .await?
        .check()?;
    let status = label_fr(to.code()).to_lowercase();
    let status_en = label_en(to.code()).to_lowercase();
    let (reason, reason_en) = match note.trim() {
        "" => (String::new(), String::new()),
        note => (format!(" Motif : {note}"), format!(" Reason: {note}")),
    };
    for need in rows::<FollowedRow>(&mut resp, 0)? {
        let notice = Notice {
            kind: NotificationKind::Needs,
            users: need.followers,
            actor: Some(actor),
            text: Both::new(
                format!(
                    "a passé le besoin « {} » au statut « {status} ».{reason}",
                    need.title
                ),
                format!("moved the need “{}” to “{status_en}”.{reason_en}", need.title),
            ),
            link: format!("/besoins/{}", need.id),
        };
        notify(db, out, Source::Needs, notice).await?;
    }
    Ok(())
}

/// Tells the board that a solution waits for its decision.
pub(super) async fn tell_board(
    db: &Db,
    out: &Outbound,
    actor: &CurrentUser,
    title: &str,
) -> Result<(), AppError> {
    let notice = Notice {
        kind: NotificationKind::Review,
        users: holders_of(db, Role::Board).await?,
        actor: Some(actor),
        text: Both::new(
            format!("soumet une solution à la décision du CA : « {title} »"),
            format!("submits a solution for the board to decide: “{title}”"),
        ),
        link: "/besoins/architecture".into(),
    };
    notify(db, out, Source::Needs, notice).await
}

/// Tells whoever wrote a solution what the board decided.
pub(super) async fn tell_author(
    db: &Db,
    out: &Outbound,
    author: Option<String>,
    title: &str,
    decision: &str,
    reason: &str,
) -> Result<(), AppError> {
    let notice = Notice {
        kind: NotificationKind::Decisions,
        users: author.into_iter().collect(),
        actor: None,
        text: Both::new(
            format!(
                "Le CA a décidé de la solution « {title} » : {}. Motif : {}",
                label_fr(decision).to_lowercase(),
                reason.trim()
            ),
            format!(
                "The board decided on the solution “{title}”: {}. Reason: {}",
                label_en(decision).to_lowercase(),
                reason.trim()
            ),
        ),
        link: "/besoins/architecture".into(),
    };
    notify(db, out, Source::Needs, notice).await
}
