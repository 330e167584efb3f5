//! The weekly "pour vous": each Monday morning, to the members who asked
//! for it, the cards approved during the past week that fit their profile
//! (the same ranking as the list's "Pour vous"). With several processes,
//! each member's week is claimed once (`for_you_sent`).

use chrono::{DateTime, Datelike, Duration, Utc};

use super::cards::{CardRow, CARD_FIELDS, PUBLIC_STATUSES};
use super::ranking::{fit, profile};
use crate::notifications::model::NotificationKind;
use crate::notifications::services::{digest_cutoff, notify, Notice};
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::outbox::{Outbound, Source};
use crate::platform::said::Both;

/// The latest Monday 06:00 UTC at or before `now`: the week's sending time,
/// the Monday of the latest daily digest time.
pub fn week_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let day = digest_cutoff(now);
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Sends this week's selection to each member who asked for it and has not
/// had it; answers how many were told (by this process).
pub async fn weekly_for_you(db: &Db, out: &Outbound, now: DateTime<Utc>) -> Result<u64, AppError> {
    let until = week_start(now);
    let since = until - Duration::weeks(1);
    let week = until.format("%Y-%m-%d").to_string();
    let mut resp = db
        .query(
            "SELECT VALUE record::id(user) FROM notification_pref
                 WHERE kind = 'for_you' AND delivery IN ['mail', 'digest'] AND user.active = true;
             SELECT VALUE record::id(user) FROM for_you_sent WHERE week = $week;",
        )
        .bind(("week", week.clone()))
        .await?
        .check()?;
    let wanting: Vec<String> = resp.take(0)?;
    let done: Vec<String> = resp.take(1)?;
    let wanting: Vec<String> = wanting.into_iter().filter(|u| !done.contains(u)).collect();
    if wanting.is_empty() {
        return Ok(0);
    }
    let mut resp = db
        .query(format!(
            "SELECT {CARD_FIELDS} FROM mission WHERE status IN $public AND id IN
                 (SELECT VALUE mission FROM mission_event
                  WHERE kind = 'approved' AND at >= <datetime> $since AND at < <datetime> $until)"
        ))
        .bind(("public", PUBLIC_STATUSES.to_vec()))
        .bind(("since", since.to_rfc3339()))
        .bind(("until", until.to_rfc3339()))
        .await?
        .check()?;
    let cards: Vec<CardRow> = rows(&mut resp, 0)?;
    if cards.is_empty() {
        return Ok(0);
    }
    let mut told = 0;
    for user in wanting {
        let profile = profile(db, &user).await?;
        let mut fitting: Vec<(u32, &CardRow)> = cards
            .iter()
            .map(|card| (fit(&profile, card).0, card))
            .filter(|(score, _)| *score > 0)
            .collect();
        if fitting.is_empty() || !claim(db, &user, &week).await? {
            continue;
        }
        fitting.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.title.cmp(&b.1.title)));
        let titles: Vec<String> = fitting.iter().take(5).map(|(_, c)| c.title.clone()).collect();
        let quoted = |open: &str, close: &str| {
            let quote = |t: &String| format!("{open}{t}{close}");
            titles.iter().map(quote).collect::<Vec<_>>().join(", ")
        };
        let (fr, en) = (quoted("« ", " »"), quoted("“", "”"));
        let text = match fitting.len() {
            1 => Both::new(
                format!("Une nouvelle mission pour vous cette semaine : {fr}"),
                format!("A new mission for you this week: {en}"),
            ),
            n => Both::new(
                format!("{n} nouvelles missions pour vous cette semaine : {fr}"),
                format!("{n} new missions for you this week: {en}"),
            ),
        };
        let notice = Notice {
            kind: NotificationKind::ForYou,
            users: vec![user],
            actor: None,
            text,
            link: "/missions?pour-vous=1".into(),
        };
        notify(db, out, Source::Missions, notice).await?;
        told += 1;
    }
    Ok(told)
}

/// Records that `user` has this `week`'s selection; false when another
/// process recorded it first (the pair is unique).
async fn claim(db: &Db, user: &str, week: &str) -> Result<bool, AppError> {
    let resp = db
        .query("CREATE for_you_sent SET user = type::record('user', $u), week = $week RETURN NONE")
        .bind(("u", user.to_string()))
        .bind(("week", week.to_string()))
        .await?;
    Ok(crate::platform::db::check_all(resp).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_week_starts_on_monday_morning() {
        let sunday = Utc.with_ymd_and_hms(2026, 12, 6, 20, 0, 0).unwrap();
        let monday_early = Utc.with_ymd_and_hms(2026, 12, 7, 5, 0, 0).unwrap();
        let monday = Utc.with_ymd_and_hms(2026, 12, 7, 6, 0, 0).unwrap();
        let previous = Utc.with_ymd_and_hms(2026, 11, 30, 6, 0, 0).unwrap();
        assert_eq!(week_start(sunday), previous);
        assert_eq!(week_start(monday_early), previous);
        assert_eq!(week_start(monday), monday);
    }
}
