//! Writing, listing and reading notifications; each member's choices; the
//! daily digest. Every area tells people through `notify`, which writes the
//! notifications and, for those who want a mail at once, the outbox rows,
//! in one transaction.

use std::collections::HashMap;

use serde::Deserialize;

use crate::accounts::model::{CurrentUser, Role};
use crate::notifications::model::*;
use crate::platform::db::{check_all, check_key, count, retry_on_conflict, rows, Db, Fetch};
use crate::platform::error::AppError;
use crate::platform::i18n::Lang;
use crate::platform::outbox::{Outbound, Source};
use crate::platform::page::Page;
use crate::platform::said::{request_lang, said, Both};

pub const PER_PAGE: u64 = 20;

/// Each member's language for what the portal writes to them (SurrealQL,
/// over `user` rows): the one they last used the portal in, else French.
/// Kept apart from `user` so that a switch does not touch the directory.
pub const USER_LANG: &str = "(type::record('member_lang', record::id(id)).lang ?? 'fr')";

/// Something to tell `users` (account keys): `text` follows the actor's
/// name when there is one, `link` is a path inside the portal.
pub struct Notice<'a> {
    pub kind: NotificationKind,
    pub users: Vec<String>,
    pub actor: Option<&'a CurrentUser>,
    pub text: Both,
    pub link: String,
}

impl Notice<'_> {
    /// The sentence as a mail says it, in `lang`.
    fn said(&self, lang: Lang) -> String {
        let text = self.text.in_lang(lang);
        match self.actor {
            Some(actor) => format!("{} {text}", actor.display_name),
            None => text.to_string(),
        }
    }

    /// The mail at once, in each language.
    fn mail(&self, out: &Outbound) -> (Both, Both) {
        let body = |lang: Lang, hello: &str, see: &str, choose: &str| {
            format!(
                "{hello}\n\n{}\n\n{see} {}\n\n{choose} {}\n",
                self.said(lang),
                out.link(&self.link),
                out.link("/notifications"),
            )
        };
        let (fr, en) = subject_of(self.kind);
        (
            Both::new(
                format!("Portail des Shifters : {fr}"),
                format!("Shifters Portal: {en}"),
            ),
            Both::new(
                body(
                    Lang::Fr,
                    "Bonjour,",
                    "Voir sur le portail :",
                    "Pour choisir comment le portail vous prévient :",
                ),
                body(
                    Lang::En,
                    "Hello,",
                    "See it on the portal:",
                    "To choose how the portal tells you:",
                ),
            ),
        )
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

/// The language `user` (an account key) reads what the portal writes to them in.
pub async fn lang_of(db: &Db, user: &str) -> Result<Lang, AppError> {
    let mut resp = db
        .query(format!("SELECT VALUE {USER_LANG} FROM type::record('user', $u)"))
        .bind(("u", user.to_string()))
        .await?
        .check()?;
    let lang: Option<String> = resp.take(0)?;
    Ok(lang.as_deref().and_then(Lang::from_code).unwrap_or_default())
}

/// The active accounts holding `role`.
pub async fn holders_of(db: &Db, role: Role) -> Result<Vec<String>, AppError> {
    db.query("SELECT VALUE record::id(id) FROM user WHERE roles CONTAINS $role AND active = true")
        .bind(("role", role.code()))
        .value()
        .await
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
    let chosen: HashMap<String, Delivery> = db
        .query(
            "SELECT record::id(user) AS user, delivery FROM notification_pref
             WHERE kind = $kind AND user IN $users.map(|$u| type::record('user', $u))",
        )
        .bind(("kind", kind.code()))
        .bind(("users", users.to_vec()))
        .rows::<ChoiceRow>()
        .await?
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
    let (subject, body) = notice.mail(out);
    // Notifications to one member at one moment touch the same index entry:
    // the loser of that race simply writes again.
    retry_on_conflict(|| async {
        check_all(
            db.query(format!(
                "BEGIN;
                 FOR $u IN $users {{
                     CREATE notification SET user = type::record('user', $u), kind = $kind, text = $text.fr,
                         text_en = $text.en, link = $link, digest = $u IN $digest,
                         actor = IF $actor = NONE OR $actor = NULL {{ NONE }} ELSE {{ type::record('user', $actor) }}
                     RETURN NONE;
                 }};
                 IF $mail {{
                     FOR $m IN (SELECT email, {USER_LANG} AS lang FROM user
                                WHERE id IN $mailed.map(|$u| type::record('user', $u)) AND active = true) {{
                         CREATE outbox CONTENT {{ source: $source, channel: 'email', target: $m.email,
                             subject: $subject[$m.lang], body: $body[$m.lang] }} RETURN NONE;
                     }};
                 }};
                 COMMIT;"
            ))
            .bind(("users", users.clone()))
            .bind(("kind", notice.kind.code()))
            .bind(("text", notice.text.value()))
            .bind(("link", notice.link.clone()))
            .bind(("digest", digest.clone()))
            .bind(("actor", notice.actor.map(|a| a.id.clone())))
            .bind(("mail", out.email))
            .bind(("mailed", mailed.clone()))
            .bind(("source", source.code()))
            .bind(("subject", subject.value()))
            .bind(("body", body.value()))
            .await?,
            )
    })
    .await?;
    Ok(())
}

/// The subject line's end for a kind of notification, in French and English.
fn subject_of(kind: NotificationKind) -> (&'static str, &'static str) {
    match kind {
        NotificationKind::Review => ("à examiner par le CA", "for the board to review"),
        NotificationKind::Missions => ("missions", "missions"),
        NotificationKind::Decisions => ("décision du CA", "the board's decision"),
        NotificationKind::Needs => ("besoins suivis", "needs you follow"),
        NotificationKind::Support => ("votre demande de support", "your support request"),
        NotificationKind::SupportTeam => ("demandes de support", "support requests"),
        NotificationKind::ForYou => ("des missions pour vous", "missions for you"),
    }
}

#[derive(Debug, Deserialize)]
struct ItemRow {
    id: String,
    kind: NotificationKind,
    text: String,
    text_en: Option<String>,
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
             SELECT record::id(id) AS id, kind, text, text_en, link, <string> at AS at, read_at != NONE AS read,
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
        .map(|r| {
            let text = match (request_lang(), r.text_en) {
                (Lang::En, Some(en)) => en,
                _ => r.text,
            };
            NotificationItem {
                id: r.id,
                kind: r.kind,
                text: match r.actor {
                    Some(actor) => format!("{actor} {text}"),
                    None => text,
                },
                link: r.link,
                at: r.at,
                read: r.read,
            }
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
    let chosen: Vec<KindChoice> = db
        .query("SELECT kind, delivery FROM notification_pref WHERE user = type::record('user', $me)")
        .bind(("me", me.id.clone()))
        .rows()
        .await?;
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
            &said(
                format!("Ce type de notification ne vous concerne pas ({}).", bad.kind),
                format!("This kind of notification is not for you ({}).", bad.kind),
            ),
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
                db.query(format!(
                    "BEGIN;
                     LET $items = (UPDATE notification SET digested_at = time::now()
                         WHERE user = type::record('user', $u) AND digest = true AND digested_at = NONE
                             AND at < <datetime> $cutoff
                         RETURN text, text_en, link, actor.display_name AS actor, at);
                     LET $to = (SELECT email, {USER_LANG} AS lang FROM user
                                WHERE id = type::record('user', $u) AND active = true)[0];
                     LET $send = array::len($items) > 0 AND $to != NONE AND $mail;
                     IF $send {{
                         CREATE outbox CONTENT {{ source: 'digest', channel: 'email', target: $to.email,
                             subject: $subject[$to.lang],
                             body: $head[$to.lang] + array::join(
                                 (SELECT * FROM $items ORDER BY at).map(|$n|
                                     '- ' + string::trim(($n.actor ?? '') + ' '
                                         + (IF $to.lang = 'en' {{ $n.text_en ?? $n.text }} ELSE {{ $n.text }}))
                                     + '\\n  ' + $base + $n.link),
                                 '\\n') + $foot[$to.lang]
                         }} RETURN NONE;
                     }};
                     RETURN $send;
                     COMMIT;"
                ))
                .bind(("u", user.clone()))
                .bind(("cutoff", cutoff.to_rfc3339()))
                .bind(("mail", out.email))
                .bind(("subject", Both::new("Portail des Shifters : votre résumé du jour", "Shifters Portal: your daily summary").value()))
                .bind(("head", Both::new(
                    "Bonjour,\n\nVoici ce qui vous concerne sur le portail depuis le dernier résumé :\n\n",
                    "Hello,\n\nHere is what concerns you on the portal since the last summary:\n\n",
                ).value()))
                .bind(("base", out.link("")))
                .bind((
                    "foot",
                    Both::new(
                        format!("\n\nPour choisir comment le portail vous prévient : {}\n", out.link("/notifications")),
                        format!("\n\nTo choose how the portal tells you: {}\n", out.link("/notifications")),
                    ).value(),
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
