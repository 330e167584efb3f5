//! Writing, listing and reading notifications; each member's choices; the
//! daily digest. Every area tells people through `notify`, which writes the
//! notifications and, for those who want a mail at once, the outbox rows,
//! in one transaction.

use std::collections::HashMap;

use serde::Deserialize;

use crate::accounts::model::{CurrentUser, Role};
use crate::notifications::model::*;
use crate::platform::db::{check_all, check_key, count, retry_on_conflict, rows, Db};
use crate::platform::error::AppError;
use crate::platform::outbox::{Outbound, Source};
use crate::platform::page::Page;

pub const PER_PAGE: u64 = 20;
const SUBJECT: &str = "Portail des Shifters : ";

/// Something to tell `users` (account keys): `text` follows the actor's
/// name when there is one, `link` is a path inside the portal.
pub struct Notice<'a> {
    pub kind: NotificationKind,
    pub users: Vec<String>,
    pub actor: Option<&'a CurrentUser>,
    pub text: String,
    pub link: String,
}

impl Notice<'_> {
    /// The sentence as a mail says it.
    fn said(&self) -> String {
        match self.actor {
            Some(actor) => format!("{} {}", actor.display_name, self.text),
            None => self.text.clone(),
        }
    }
}

/// The kinds a member with `roles` may receive: staff kinds only for staff.
pub fn kinds_for(roles: &[Role]) -> Vec<NotificationKind> {
    NotificationKind::ALL
        .iter()
        .copied()
        .filter(|kind| match kind {
            NotificationKind::Review => roles.contains(&Role::Board),
            NotificationKind::SupportTeam => roles
                .iter()
                .any(|r| matches!(r, Role::Referent | Role::Board | Role::Admin)),
            _ => true,
        })
        .collect()
}

/// The active accounts holding `role`.
pub async fn holders_of(db: &Db, role: Role) -> Result<Vec<String>, AppError> {
    let mut resp = db
        .query("SELECT VALUE record::id(id) FROM user WHERE roles CONTAINS $role AND active = true")
        .bind(("role", role.code()))
        .await?
        .check()?;
    Ok(resp.take(0)?)
}

#[derive(Debug, Deserialize)]
struct ChoiceRow {
    user: String,
    delivery: Delivery,
}

/// How `kind` reaches each of `users`: their choice, else the default.
pub async fn deliveries(
    db: &Db,
    kind: NotificationKind,
    users: &[String],
) -> Result<HashMap<String, Delivery>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(user) AS user, delivery FROM notification_pref
             WHERE kind = $kind AND user IN $users.map(|$u| type::record('user', $u))",
        )
        .bind(("kind", kind.code()))
        .bind(("users", users.to_vec()))
        .await?
        .check()?;
    let chosen: HashMap<String, Delivery> = rows::<ChoiceRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| (r.user, r.delivery))
        .collect();
    Ok(users
        .iter()
        .map(|u| {
            (
                u.clone(),
                chosen.get(u).copied().unwrap_or(kind.default_delivery()),
            )
        })
        .collect())
}

/// Tells the notice's people (never the actor about their own act): a
/// notification each, and a mail at once to those who chose it when mail
/// goes out (`out.email`). `source` names the area in the outbox.
pub async fn notify(db: &Db, out: &Outbound, source: Source, notice: Notice<'_>) -> Result<(), AppError> {
    let mut users = notice.users.clone();
    users.sort();
    users.dedup();
    users.retain(|u| notice.actor.is_none_or(|a| &a.id != u) && check_key(u).is_ok());
    if users.is_empty() {
        return Ok(());
    }
    let ways = deliveries(db, notice.kind, &users).await?;
    let chosen =
        |way: Delivery| -> Vec<String> { users.iter().filter(|u| ways[*u] == way).cloned().collect() };
    let (mailed, digest) = (chosen(Delivery::Mail), chosen(Delivery::Digest));
    let body = format!(
        "Bonjour,\n\n{}\n\nVoir sur le portail : {}\n\nPour choisir comment le portail vous prévient : {}\n",
        notice.said(),
        out.link(&notice.link),
        out.link("/notifications"),
    );
    let subject = format!("{SUBJECT}{}", subject_of(notice.kind));
    // Notifications to one member at one moment touch the same index entry:
    // the loser of that race simply writes again.
    retry_on_conflict(|| async {
        check_all(
            db.query(
                "BEGIN;
                 FOR $u IN $users {
                     CREATE notification SET user = type::record('user', $u), kind = $kind, text = $text,
                         link = $link, digest = $u IN $digest,
                         actor = IF $actor = NONE OR $actor = NULL { NONE } ELSE { type::record('user', $actor) }
                     RETURN NONE;
                 };
                 IF $mail {
                     FOR $e IN (SELECT VALUE email FROM user
                                WHERE id IN $mailed.map(|$u| type::record('user', $u)) AND active = true) {
                         CREATE outbox CONTENT { source: $source, channel: 'email', target: $e,
                             subject: $subject, body: $body } RETURN NONE;
                     };
                 };
                 COMMIT;",
            )
            .bind(("users", users.clone()))
            .bind(("kind", notice.kind.code()))
            .bind(("text", notice.text.clone()))
            .bind(("link", notice.link.clone()))
            .bind(("digest", digest.clone()))
            .bind(("actor", notice.actor.map(|a| a.id.clone())))
            .bind(("mail", out.email))
            .bind(("mailed", mailed.clone()))
            .bind(("source", source.code()))
            .bind(("subject", subject.clone()))
            .bind(("body", body.clone()))
            .await?,
            )
    })
    .await?;
    Ok(())
}

/// The subject line's end for a kind of notification.
fn subject_of(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Review => "à examiner par le CA",
        NotificationKind::Missions => "missions",
        NotificationKind::Decisions => "décision du CA",
        NotificationKind::Needs => "besoins suivis",
        NotificationKind::Support => "votre demande de support",
        NotificationKind::SupportTeam => "demandes de support",
        NotificationKind::ForYou => "des missions pour vous",
    }
}

#[derive(Debug, Deserialize)]
struct ItemRow {
    id: String,
    kind: NotificationKind,
    text: String,
    link: String,
    at: String,
    read: bool,
    actor: Option<String>,
}

/// A page of the member's notifications, newest first.
pub async fn list(db: &Db, me: &CurrentUser, page: u64) -> Result<NotificationList, AppError> {
    let page = page.max(1);
    let mut resp = db
        .query(
            "SELECT count() AS n FROM notification WHERE user = type::record('user', $me) GROUP ALL;
             SELECT count() AS n FROM notification WHERE user = type::record('user', $me) AND read_at = NONE GROUP ALL;
             SELECT record::id(id) AS id, kind, text, link, <string> at AS at, read_at != NONE AS read,
                    actor.display_name AS actor, at AS sort_at
             FROM notification WHERE user = type::record('user', $me)
             ORDER BY sort_at DESC LIMIT $limit START $start;",
        )
        .bind(("me", me.id.clone()))
        .bind(("limit", PER_PAGE as i64))
        .bind(("start", ((page - 1) * PER_PAGE) as i64))
        .await?
        .check()?;
    let total = count(&mut resp, 0)?;
    let unread = count(&mut resp, 1)?;
    let items = rows::<ItemRow>(&mut resp, 2)?
        .into_iter()
        .map(|r| NotificationItem {
            id: r.id,
            kind: r.kind,
            text: match r.actor {
                Some(actor) => format!("{actor} {}", r.text),
                None => r.text,
            },
            link: r.link,
            at: r.at,
            read: r.read,
        })
        .collect();
    Ok(NotificationList {
        page: Page {
            items,
            total,
            page,
            per_page: PER_PAGE,
        },
        unread,
    })
}

/// How many of the member's notifications are unread (the bell).
pub async fn unread(db: &Db, me: &CurrentUser) -> Result<u64, AppError> {
    let mut resp = db
        .query(
            "SELECT count() AS n FROM notification
             WHERE user = type::record('user', $me) AND read_at = NONE GROUP ALL",
        )
        .bind(("me", me.id.clone()))
        .await?
        .check()?;
    count(&mut resp, 0)
}

/// Marks one of the member's notifications read; answers where it leads.
/// Someone else's notification is not found.
pub async fn open(db: &Db, me: &CurrentUser, id: &str) -> Result<String, AppError> {
    check_key(id).map_err(|_| AppError::NotFound)?;
    let mut resp = db
        .query(
            "UPDATE type::record('notification', $id) SET read_at = read_at ?? time::now()
             WHERE user = type::record('user', $me) RETURN VALUE link",
        )
        .bind(("id", id.to_string()))
        .bind(("me", me.id.clone()))
        .await?
        .check()?;
    let links: Vec<String> = resp.take(0)?;
    links.into_iter().next().ok_or(AppError::NotFound)
}

/// Marks all the member's notifications read.
pub async fn read_all(db: &Db, me: &CurrentUser) -> Result<(), AppError> {
    db.query(
        "UPDATE notification SET read_at = time::now()
         WHERE user = type::record('user', $me) AND read_at = NONE RETURN NONE",
    )
    .bind(("me", me.id.clone()))
    .await?
    .check()?;
    Ok(())
}

/// The member's choices, one per kind they may receive.
pub async fn prefs(db: &Db, me: &CurrentUser) -> Result<NotificationPrefs, AppError> {
    let mut resp = db
        .query("SELECT kind, delivery FROM notification_pref WHERE user = type::record('user', $me)")
        .bind(("me", me.id.clone()))
        .await?
        .check()?;
    let chosen: Vec<KindChoice> = rows(&mut resp, 0)?;
    let choices = kinds_for(&me.roles)
        .into_iter()
        .map(|kind| KindChoice {
            kind,
            delivery: chosen
                .iter()
                .find(|c| c.kind == kind)
                .map_or(kind.default_delivery(), |c| c.delivery),
        })
        .collect();
    Ok(NotificationPrefs { choices })
}

/// Saves the member's choices; a kind their roles do not receive is refused.
pub async fn save_prefs(db: &Db, me: &CurrentUser, prefs: &NotificationPrefs) -> Result<(), AppError> {
    let allowed = kinds_for(&me.roles);
    if let Some(bad) = prefs.choices.iter().find(|c| !allowed.contains(&c.kind)) {
        return Err(AppError::field(
            "choices",
            "invalid",
            &format!("Ce type de notification ne vous concerne pas ({}).", bad.kind),
        ));
    }
    let choices: Vec<serde_json::Value> = prefs
        .choices
        .iter()
        .map(|c| serde_json::json!({"kind": c.kind.code(), "delivery": c.delivery.code()}))
        .collect();
    retry_on_conflict(|| async {
        check_all(
            db.query(
                "BEGIN;
                 DELETE notification_pref WHERE user = type::record('user', $me);
                 FOR $c IN $choices {
                     CREATE notification_pref SET user = type::record('user', $me), kind = $c.kind,
                         delivery = $c.delivery RETURN NONE;
                 };
                 COMMIT;",
            )
            .bind(("me", me.id.clone()))
            .bind(("choices", choices.clone()))
            .await?,
        )
    })
    .await?;
    Ok(())
}

/// Puts each member's notifications waiting for the digest and older than
/// `cutoff` into one mail. With several processes each notification goes
/// into one mail only: the stamp and the mail are written together, and the
/// second writer finds nothing left. Answers how many mails were queued.
pub async fn send_digests(
    db: &Db,
    out: &Outbound,
    cutoff: chrono::DateTime<chrono::Utc>,
) -> Result<u64, AppError> {
    let mut resp = db
        .query(
            "SELECT VALUE record::id(user) FROM notification
             WHERE digest = true AND digested_at = NONE AND at < <datetime> $cutoff",
        )
        .bind(("cutoff", cutoff.to_rfc3339()))
        .await?
        .check()?;
    let mut users: Vec<String> = resp.take(0)?;
    users.sort();
    users.dedup();
    let mut sent = 0;
    for user in users {
        let mut resp = retry_on_conflict(|| async {
            check_all(
                db.query(
                    "BEGIN;
                     LET $items = (UPDATE notification SET digested_at = time::now()
                         WHERE user = type::record('user', $u) AND digest = true AND digested_at = NONE
                             AND at < <datetime> $cutoff
                         RETURN text, link, actor.display_name AS actor, at);
                     LET $email = (SELECT VALUE email FROM user WHERE id = type::record('user', $u) AND active = true)[0];
                     LET $send = array::len($items) > 0 AND $email != NONE AND $mail;
                     IF $send {
                         CREATE outbox CONTENT { source: 'digest', channel: 'email', target: $email,
                             subject: $subject,
                             body: $head + array::join(
                                 (SELECT * FROM $items ORDER BY at).map(|$n|
                                     '- ' + string::trim(($n.actor ?? '') + ' ' + $n.text) + '\\n  ' + $base + $n.link),
                                 '\\n') + $foot
                         } RETURN NONE;
                     };
                     RETURN $send;
                     COMMIT;",
                )
                .bind(("u", user.clone()))
                .bind(("cutoff", cutoff.to_rfc3339()))
                .bind(("mail", out.email))
                .bind(("subject", format!("{SUBJECT}votre résumé du jour")))
                .bind(("head", "Bonjour,\n\nVoici ce qui vous concerne sur le portail depuis le dernier résumé :\n\n".to_string()))
                .bind(("base", out.link("")))
                .bind((
                    "foot",
                    format!(
                        "\n\nPour choisir comment le portail vous prévient : {}\n",
                        out.link("/notifications")
                    ),
                ))
                .await?,
                )
        })
        .await?;
        // The RETURN, before the COMMIT.
        let returned = resp.num_statements() - 2;
        let queued: Option<bool> = resp.take(returned)?;
        if queued == Some(true) {
            sent += 1;
        }
    }
    Ok(sent)
}

/// The latest daily digest time (07:00 in Paris, as UTC) at or before `now`.
pub fn digest_cutoff(now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    use chrono::{Duration, TimeZone};
    // Paris is UTC+1 in winter and UTC+2 in summer; 06:00 UTC is 07:00 or
    // 08:00 there, a morning either way, without a time-zone database.
    let today = chrono::Utc.from_utc_datetime(&now.date_naive().and_hms_opt(6, 0, 0).unwrap_or_default());
    if today <= now {
        today
    } else {
        today - Duration::days(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_kinds_only_reach_staff() {
        let member = kinds_for(&[Role::Member]);
        assert!(!member.contains(&NotificationKind::Review));
        assert!(!member.contains(&NotificationKind::SupportTeam));
        assert!(member.contains(&NotificationKind::Needs));
        let board = kinds_for(&[Role::Member, Role::Board]);
        assert!(board.contains(&NotificationKind::Review));
        assert!(board.contains(&NotificationKind::SupportTeam));
    }

    #[test]
    fn the_digest_waits_for_the_morning() {
        use chrono::TimeZone;
        let evening = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 21, 0, 0).unwrap();
        let early = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 5, 0, 0).unwrap();
        let morning = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 6, 0, 0).unwrap();
        assert_eq!(
            digest_cutoff(evening),
            chrono::Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap()
        );
        assert_eq!(
            digest_cutoff(early),
            chrono::Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap()
        );
        assert_eq!(digest_cutoff(morning), morning);
    }
}
