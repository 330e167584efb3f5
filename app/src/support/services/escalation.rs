//! Requests past their target: the people handling them hear once when a
//! target is missed (the assignee, else the category's referents), and the
//! board once when a request stays open past twice its resolution target.
//! With several processes, each step is claimed by one of them.

use serde::Deserialize;

use super::requests::{is_overdue, RequestRow, REQUEST_FIELDS};
use crate::accounts::model::Role;
use crate::notifications::services::holders_of;
use crate::platform::db::{check_all, retry_on_conflict, rows, Db};
use crate::platform::error::AppError;
use crate::platform::said::Both;
use crate::support::model::SupportTarget;
use crate::support::services::notify::{tell_team, Outbound};

#[derive(Debug, Deserialize)]
struct OpenRow {
    #[serde(flatten)]
    row: RequestRow,
    escalated: u8,
}

/// How far a request has gone past its target: 0, 1 (a target missed) or 2
/// (open past twice its resolution target).
fn level(row: &RequestRow, targets: &[SupportTarget], now: i64) -> u8 {
    // Past twice the resolution target is past it: overdue covers both
    // (and says 0 for a finished request or an urgency without target).
    if !is_overdue(row, targets, now) {
        return 0;
    }
    let twice = targets
        .iter()
        .find(|t| t.urgency == row.urgency)
        .is_some_and(|t| now - row.created_unix > 2 * i64::from(t.resolution_hours) * 3600);
    if twice {
        2
    } else {
        1
    }
}

/// Tells whom each newly late request concerns; answers how many steps
/// this process took.
pub async fn escalate(db: &Db, out: &Outbound, now: i64) -> Result<u64, AppError> {
    let targets = super::settings::targets(db).await?;
    let sql = format!(
        "SELECT {REQUEST_FIELDS}, escalated FROM support_request
         WHERE status NOT IN ['resolved', 'closed'] AND escalated < 2"
    );
    let mut resp = db.query(sql).await?.check()?;
    let mut taken = 0;
    for open in rows::<OpenRow>(&mut resp, 0)? {
        let reached = level(&open.row, &targets, now);
        if reached <= open.escalated || !claim(db, open.row.number, open.escalated, reached).await? {
            continue;
        }
        let row = &open.row;
        let (users, text) = if reached == 1 {
            let users = super::handling::handlers(db, row).await?;
            (
                users,
                Both::new(
                    format!(
                        "La demande n° {} dépasse son délai cible : « {} »",
                        row.number, row.subject
                    ),
                    format!(
                        "Request no. {} is past its target time: “{}”",
                        row.number, row.subject
                    ),
                ),
            )
        } else {
            let users = holders_of(db, Role::Board).await?;
            let text = Both::new(
                format!(
                    "La demande n° {} est ouverte depuis plus de deux fois son délai de résolution : « {} »",
                    row.number, row.subject
                ),
                format!(
                    "Request no. {} has been open more than twice its resolution time: “{}”",
                    row.number, row.subject
                ),
            );
            (users, text)
        };
        tell_team(db, out, users, None, text, row.number).await?;
        taken += 1;
    }
    Ok(taken)
}

/// Moves a request's escalation from `from` to `to`; false when another
/// process did it first.
async fn claim(db: &Db, number: u64, from: u8, to: u8) -> Result<bool, AppError> {
    // Two processes on one request: the second write conflicts, and on its
    // retry the request no longer matches.
    let claimed: Vec<i64> = retry_on_conflict(|| async {
        let mut resp = check_all(
            db.query(
                "UPDATE support_request SET escalated = $to WHERE number = $n AND escalated = $from
                 RETURN VALUE number",
            )
            .bind(("n", number as i64))
            .bind(("from", i64::from(from)))
            .bind(("to", i64::from(to)))
            .await?,
        )?;
        Ok(resp.take(0)?)
    })
    .await?;
    Ok(!claimed.is_empty())
}
