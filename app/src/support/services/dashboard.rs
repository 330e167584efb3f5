//! The support dashboard: queues, statuses, ages, and the weekly median
//! response times.

use serde::Deserialize;

use super::requests::{is_overdue, now_unix, RequestRow, DASHBOARD_WEEKS, REQUEST_FIELDS};
use super::settings::{categories, targets};
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::support::model::{CodeCount, RequestStatus, SupportDashboard, WeekTimes, SUPPORT_AGE_BRACKETS};

pub(super) fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// The Monday (UTC) of the week holding `unix`, as days since the epoch.
pub(super) fn week_start_day(unix: i64) -> i64 {
    let day = unix.div_euclid(86_400);
    // 1970-01-01 was a Thursday: Monday is 3 days before.
    day - (day + 3).rem_euclid(7)
}

pub(super) fn day_text(day: i64) -> String {
    chrono::DateTime::from_timestamp(day * 86_400, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Queues per category, requests by status and age, and the response times
/// of the last weeks (board and admins).
pub async fn dashboard(db: &Db) -> Result<SupportDashboard, AppError> {
    let sql = format!(
        "SELECT {REQUEST_FIELDS} FROM support_request
             WHERE status NOT IN ['resolved', 'closed'] OR created_at > time::now() - {}d;
         SELECT status, count() AS n FROM support_request GROUP BY status;",
        DASHBOARD_WEEKS * 7
    );
    let mut resp = db.query(sql).await?.check()?;
    let recent: Vec<RequestRow> = rows(&mut resp, 0)?;
    #[derive(Deserialize)]
    struct StatusCount {
        status: String,
        n: u64,
    }
    let statuses: Vec<StatusCount> = rows(&mut resp, 1)?;
    let targets = targets(db).await?;
    let now = now_unix();
    let open: Vec<&RequestRow> = recent.iter().filter(|r| !r.status.is_done()).collect();

    let queues = categories(db)
        .await?
        .into_iter()
        .map(|c| {
            let mine: Vec<_> = open.iter().filter(|r| r.category == c.code).collect();
            CodeCount {
                count: mine.len() as u64,
                overdue: mine.iter().filter(|r| is_overdue(r, &targets, now)).count() as u64,
                code: c.code,
            }
        })
        .collect();
    let by_status = RequestStatus::CODES
        .iter()
        .map(|s| CodeCount {
            code: s.to_string(),
            count: statuses.iter().find(|c| c.status == *s).map_or(0, |c| c.n),
            overdue: 0,
        })
        .collect();
    let bracket = |age_days: i64| match age_days {
        0 => 0,
        1..=6 => 1,
        7..=29 => 2,
        _ => 3,
    };
    let by_age = SUPPORT_AGE_BRACKETS
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let of_age: Vec<_> = open
                .iter()
                .filter(|r| bracket((now - r.created_unix) / 86_400) == i)
                .collect();
            CodeCount {
                code: code.to_string(),
                count: of_age.len() as u64,
                overdue: of_age.iter().filter(|r| is_overdue(r, &targets, now)).count() as u64,
            }
        })
        .collect();
    let this_week = week_start_day(now);
    let weeks = (0..DASHBOARD_WEEKS)
        .rev()
        .map(|back| {
            let start = this_week - back * 7;
            let of_week: Vec<_> = recent
                .iter()
                .filter(|r| week_start_day(r.created_unix) == start)
                .collect();
            let hours = |end: Option<i64>, created: i64| end.map(|e| (e - created) as f64 / 3600.0);
            WeekTimes {
                week: day_text(start),
                created: of_week.len() as u64,
                first_response_hours: median(
                    of_week
                        .iter()
                        .filter_map(|r| hours(r.first_response_unix, r.created_unix))
                        .collect(),
                ),
                resolution_hours: median(
                    of_week
                        .iter()
                        .filter_map(|r| hours(r.resolved_unix, r.created_unix))
                        .collect(),
                ),
            }
        })
        .collect();
    Ok(SupportDashboard {
        queues,
        by_status,
        by_age,
        weeks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-28 is a Saturday; its week starts on Monday 2026-11-23.
        let saturday = 1_795_824_000 + 12 * 3600; // 2026-11-28T12:00:00Z
        assert_eq!(day_text(week_start_day(saturday)), "2026-11-23");
        assert_eq!(day_text(week_start_day(0)), "1969-12-29");
    }

    #[test]
    fn medians_of_even_and_odd_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
