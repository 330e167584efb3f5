//! The board–pilots conversation of a card: one thread per card, read by its
//! authors (pilots, proposer) and the board, never by other members. The
//! board's decisions and their reasons stand in it too, so that the pilots
//! read a request for changes and answer it in one place. Each message is
//! told to the other side.

use chrono::DateTime;
use serde::Deserialize;

use super::cards::{conflict, load_for, CardRow};
use super::notify::notify;
use super::review::required_text;
use crate::accounts::model::{CurrentUser, Role};
use crate::missions::model::*;
use crate::notifications::model::NotificationKind;
use crate::notifications::services::holders_of;
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::outbox::Outbound;
use crate::platform::said::said;
use crate::platform::said::Both;

/// The card, if `user` takes part in its conversation.
async fn card_for(db: &Db, user: &CurrentUser, id: &str) -> Result<CardRow, AppError> {
    let card = load_for(db, user, id).await?;
    if card.is_author(user) || user.has(Role::Board) {
        Ok(card)
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Debug, Deserialize)]
struct EntryRow {
    at: String,
    by: Option<String>,
    from_board: bool,
    kind: Option<MissionEventKind>,
    text: String,
}

/// The conversation, oldest first: the messages and the board's decisions.
pub async fn conversation(db: &Db, user: &CurrentUser, id: &str) -> Result<Vec<CardMessage>, AppError> {
    card_for(db, user, id).await?;
    let mut resp = db
        .query(
            "LET $m = type::record('mission', $id);
             SELECT <string> at AS at, by.display_name AS by, from_board, NONE AS kind, text
                 FROM mission_message WHERE mission = $m;
             SELECT <string> at AS at, (IF by != NONE THEN by.display_name ELSE by_name END) AS by,
                    true AS from_board, kind, text
                 FROM mission_event WHERE mission = $m AND kind IN $decisions AND text != '';",
        )
        .bind(("id", id.to_string()))
        .bind(("decisions", MissionDecision::CODES.to_vec()))
        .await?
        .check()?;
    let mut entries: Vec<EntryRow> = rows(&mut resp, 1)?;
    entries.extend(rows::<EntryRow>(&mut resp, 2)?);
    // Both queries give RFC 3339 times; compared as instants, not as text.
    entries.sort_by_key(|e| DateTime::parse_from_rfc3339(&e.at).ok());
    Ok(entries
        .into_iter()
        .map(|e| CardMessage {
            at: e.at,
            by: e.by.unwrap_or_default(),
            from_board: e.from_board,
            decision: e.kind,
            text: e.text,
        })
        .collect())
}

/// A message in the card's conversation, told to the other side: the
/// pilots' words to the card's board referent (else the whole board), the
/// board's to the pilots and the proposer.
pub async fn post_message(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    text: &str,
) -> Result<(), AppError> {
    required_text("text", text)?;
    let card = card_for(db, user, id).await?;
    if card.status == MissionStatus::Archived {
        return Err(conflict(&said(
            "Cette mission est archivée : sa conversation est close.",
            "This mission is archived: its conversation is closed.",
        )));
    }
    let from_board = !card.is_author(user);
    let authors = card.authors();
    db.query(
        "CREATE mission_message SET mission = type::record('mission', $id), by = type::record('user', $me),
             from_board = $board, text = $text, authors = $authors.map(|$a| type::record('user', $a))",
    )
    .bind(("id", id.to_string()))
    .bind(("me", user.id.clone()))
    .bind(("board", from_board))
    .bind(("text", text.trim().to_string()))
    .bind(("authors", authors.clone()))
    .await?
    .check()?;
    let (kind, people) = if from_board {
        (NotificationKind::Decisions, authors)
    } else if let Some(referent) = &card.referent_id {
        (NotificationKind::Review, vec![referent.clone()])
    } else {
        (NotificationKind::Review, holders_of(db, Role::Board).await?)
    };
    let excerpt: String = text.trim().chars().take(140).collect();
    notify(
        db,
        out,
        kind,
        &people,
        Some(user),
        Both::new(
            format!("vous écrit sur « {} » : {excerpt}", card.title),
            format!("writes to you about “{}”: {excerpt}", card.title),
        ),
        format!("/missions/{id}"),
    )
    .await
}
