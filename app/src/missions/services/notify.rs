//! Telling the people of a card what happened to it: a notification in the
//! portal, and a mail through the outbox when mail is configured, written
//! in one statement.

use crate::accounts::model::CurrentUser;
use crate::platform::db::Db;
use crate::platform::error::AppError;
use crate::platform::outbox::Outbound;

const SUBJECT: &str = "Portail des Shifters : missions";

/// Leaves a notification in the portal for each of `users`, and mails them
/// too when mail goes out.
pub(super) async fn notify(
    db: &Db,
    out: &Outbound,
    users: &[String],
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    send(db, out, users, None, text, link).await
}

/// The same, about something `actor` did: the stored notification points at
/// the account and shows its name as it is when read (`{actor} text`), so
/// that a rename or an erasure needs no rewriting of anyone's notifications.
pub(super) async fn notify_about(
    db: &Db,
    out: &Outbound,
    users: &[String],
    actor: &CurrentUser,
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    send(db, out, users, Some(actor), text, link).await
}

async fn send(
    db: &Db,
    out: &Outbound,
    users: &[String],
    actor: Option<&CurrentUser>,
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    if users.is_empty() {
        return Ok(());
    }
    let said = match actor {
        Some(actor) => format!("{} {text}", actor.display_name),
        None => text.to_string(),
    };
    let body = format!("Bonjour,\n\n{said}\n\nVoir sur le portail : {}\n", out.link(link));
    // Notifications to the same member at the same moment touch the same
    // index entry: the loser of that race simply writes again.
    crate::platform::db::retry_on_conflict(|| async {
        Ok(db
            .query(
                "BEGIN;
                 FOR $u IN $users {
                     CREATE notification SET user = type::record('user', $u), text = $text, link = $link,
                         actor = IF $actor = NONE OR $actor = NULL { NONE } ELSE { type::record('user', $actor) }
                 };
                 IF $mail {
                     FOR $e IN (SELECT VALUE email FROM user
                                WHERE id IN $users.map(|$u| type::record('user', $u)) AND active = true) {
                         CREATE outbox CONTENT { source: 'missions', channel: 'email', target: $e,
                             subject: $subject, body: $body } RETURN NONE;
                     };
                 };
                 COMMIT;",
            )
            .bind(("users", users.to_vec()))
            .bind(("text", text.to_string()))
            .bind(("link", link.to_string()))
            .bind(("actor", actor.map(|a| a.id.clone())))
            .bind(("mail", out.email))
            .bind(("subject", SUBJECT))
            .bind(("body", body.clone()))
            .await?
            .check()?)
    })
    .await?;
    Ok(())
}
