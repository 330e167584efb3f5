//! Telling the people of a card what happened to it (in the portal, and by
//! mail).

use crate::accounts::model::CurrentUser;
use crate::platform::db::Db;
use crate::platform::error::AppError;
use crate::platform::mail::Mailer;

/// Leaves a notification in the portal for each of `users`, and mails them
/// too when a mailer is configured.
pub(super) async fn notify(
    db: &Db,
    mailer: Option<&Mailer>,
    users: &[String],
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    send(db, mailer, users, None, text, link).await
}

/// The same, about something `actor` did: the stored notification points at
/// the account and shows its name as it is when read (`{actor} text`), so
/// that a rename or an erasure needs no rewriting of anyone's notifications.
pub(super) async fn notify_about(
    db: &Db,
    mailer: Option<&Mailer>,
    users: &[String],
    actor: &CurrentUser,
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    send(db, mailer, users, Some(actor), text, link).await
}

async fn send(
    db: &Db,
    mailer: Option<&Mailer>,
    users: &[String],
    actor: Option<&CurrentUser>,
    text: &str,
    link: &str,
) -> Result<(), AppError> {
    if users.is_empty() {
        return Ok(());
    }
    // Notifications to the same member at the same moment touch the same
    // index entry: the loser of that race simply writes again.
    let mut resp = crate::platform::db::retry_on_conflict(|| async {
        Ok(db.query(
            "FOR $u IN $users {
                 CREATE notification SET user = type::record('user', $u), text = $text, link = $link,
                     actor = IF $actor = NONE OR $actor = NULL { NONE } ELSE { type::record('user', $actor) }
             };
             SELECT VALUE email FROM user WHERE id IN $users.map(|$u| type::record('user', $u)) AND active = true;",
        )
        .bind(("users", users.to_vec()))
        .bind(("text", text.to_string()))
        .bind(("link", link.to_string()))
        .bind(("actor", actor.map(|a| a.id.clone())))
        .await?
        .check()?)
    })
    .await?;
    if let Some(mailer) = mailer {
        let emails: Vec<String> = resp.take(1)?;
        let text = match actor {
            Some(actor) => format!("{} {text}", actor.display_name),
            None => text.to_string(),
        };
        for email in emails {
            mailer
                .send(&email, "Portail des Shifters : missions", &text)
                .await;
        }
    }
    Ok(())
}
