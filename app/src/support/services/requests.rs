//! Support requests: filing one, routing it to the referents of its
//! category, and who may read which request. Notifications are written to an
//! outbox in the same transaction as the change they announce (see `notify`).

use serde::{Deserialize, Serialize};

use crate::support::services::notify;

use super::settings::{category_row, targets};
use crate::accounts::model::{CurrentUser, Role};
use crate::platform::codes::Urgency;
use crate::platform::db::{check_all, check_key, first, retry_on_conflict, rows, Db, Fetch};
use crate::platform::error::{check_code, check_text, validated, AppError, FieldError};
use crate::support::model::{
    MessageKind, PersonRef, RequestStatus, SupportMessage, SupportQueueItem, SupportRequestDetail,
    SupportRequestSummary, SupportTarget,
};
use crate::support::services::notify::Outbound;

/// A resolved or closed request can be reopened by its requester this long.
pub const REOPEN_DAYS: i64 = 14;
/// Statuses that end the clock.
/// Weeks shown on the dashboard.
pub(super) const DASHBOARD_WEEKS: i64 = 8;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    pub category: String,
    pub urgency: String,
    pub subject: String,
    pub description: String,
    /// The tool or address concerned (optional).
    #[serde(default)]
    pub tool: String,
    /// How to reach the requester besides the portal (optional).
    #[serde(default)]
    pub contact: String,
}

/// Checks the fields that need no database.
pub fn validate(new: &NewRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "urgency", &new.urgency, Urgency::CODES);
    check_text(&mut errors, "subject", &new.subject, true, 200);
    check_text(&mut errors, "description", &new.description, true, 10_000);
    check_text(&mut errors, "tool", &new.tool, false, 300);
    check_text(&mut errors, "contact", &new.contact, false, 300);
    errors
}

/// A request is urgent when flagged critical or filed as a "firefighter" case:
/// its notifications leave at once.
pub fn is_urgent(category: &str, urgency: &str) -> bool {
    urgency == "critical" || category == "firefighter"
}

/// Records a request and gives it the next number; the notifications to its
/// category's referents are written in the same transaction.
pub async fn create(
    db: &Db,
    requester: &CurrentUser,
    new: NewRequest,
    out: &Outbound,
) -> Result<u64, AppError> {
    let category = category_row(db, &new.category).await?.filter(|c| c.active);
    let mut errors = Vec::new();
    if category.is_none() {
        check_code(&mut errors, "category", &new.category, &[]);
    }
    errors.extend(validate(&new));
    validated(errors)?;
    let category = category.ok_or(AppError::Internal)?;
    check_key(&requester.id)?;
    let urgent = is_urgent(&new.category, &new.urgency);
    let outbox = notify::new_request(
        out,
        &category.label_fr,
        category.webhook_url.as_deref(),
        &category.referent_emails,
        &new,
        &requester.display_name,
        urgent,
    );
    let outbox = serde_json::to_value(outbox).map_err(|_| AppError::Internal)?;
    // Simultaneous requests race for the counter: the loser runs again.
    retry_on_conflict(|| insert(db, &requester.id, &new, &outbox)).await
}

/// Records the request, its number and its notifications in one transaction.
pub(super) async fn insert(
    db: &Db,
    requester_id: &str,
    new: &NewRequest,
    outbox: &serde_json::Value,
) -> Result<u64, AppError> {
    let resp = db
        .query(
            "BEGIN;
             LET $n = (UPSERT ONLY counter:support_request SET value += 1 RETURN VALUE value);
             LET $req = (CREATE ONLY support_request CONTENT {
                 number: $n, requester: type::record('user', $requester),
                 category: $category, urgency: $urgency,
                 subject: $subject, description: $description, tool: $tool, contact: $contact,
                 status: 'new'
             } RETURN VALUE id);
             FOR $o IN $outbox { CREATE outbox CONTENT {
                 source: 'support', urgent: $o.urgent,
                 request: $req, number: $n, channel: $o.channel, target: $o.target,
                 subject: string::replace($o.subject_head, '{n}', <string> $n) + $o.subject_text,
                 body: string::replace($o.body_head, '{n}', <string> $n) + $o.body_text
                     + string::replace($o.body_foot, '{n}', <string> $n)
             } };
             RETURN $n;
             COMMIT;",
        )
        .bind(("requester", requester_id.to_string()))
        .bind(("category", new.category.clone()))
        .bind(("urgency", new.urgency.clone()))
        .bind(("subject", new.subject.trim().to_string()))
        .bind(("description", new.description.trim().to_string()))
        .bind(("tool", new.tool.trim().to_string()))
        .bind(("contact", new.contact.trim().to_string()))
        .bind(("outbox", outbox.clone()))
        .await?;
    let mut resp = check_all(resp)?;
    // BEGIN and COMMIT count as statements: the number is the one before COMMIT.
    let returned = resp.num_statements() - 2;
    let number: Option<i64> = resp.take(returned)?;
    number.map(|n| n as u64).ok_or(AppError::Internal)
}

/// The requests a member has made, newest first.
pub async fn mine(db: &Db, requester_id: &str) -> Result<Vec<SupportRequestSummary>, AppError> {
    check_key(requester_id)?;
    let mut resp = db
        .query(
            "SELECT number, subject, category, urgency, status, <string> created_at AS created_at
                 FROM support_request
                 WHERE requester = type::record('user', $requester) ORDER BY number DESC",
        )
        .bind(("requester", requester_id.to_string()))
        .await?
        .check()?;
    rows::<SupportRequestSummary>(&mut resp, 0)
}

/// A request as stored, with the times as seconds for the target checks.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct RequestRow {
    pub(super) number: u64,
    pub(super) subject: String,
    pub(super) category: String,
    pub(super) urgency: Urgency,
    pub(super) status: RequestStatus,
    pub(super) description: String,
    pub(super) tool: String,
    pub(super) contact: String,
    pub(super) created_at: String,
    pub(super) created_unix: i64,
    pub(super) first_response_at: Option<String>,
    pub(super) first_response_unix: Option<i64>,
    pub(super) resolved_at: Option<String>,
    pub(super) resolved_unix: Option<i64>,
    pub(super) updated_unix: i64,
    pub(super) requester_id: String,
    pub(super) requester_name: String,
    pub(super) requester_email: String,
    pub(super) assignee_id: Option<String>,
    pub(super) assignee_name: Option<String>,
    #[serde(default)]
    pub(super) version: i64,
}

pub(super) const REQUEST_FIELDS: &str =
    "number, subject, category, urgency, status, description, tool, contact, version,
    <string> created_at AS created_at, time::unix(created_at) AS created_unix,
    IF first_response_at != NONE THEN <string> first_response_at END AS first_response_at,
    IF first_response_at != NONE THEN time::unix(first_response_at) END AS first_response_unix,
    IF resolved_at != NONE THEN <string> resolved_at END AS resolved_at,
    IF resolved_at != NONE THEN time::unix(resolved_at) END AS resolved_unix,
    time::unix(updated_at) AS updated_unix,
    record::id(requester) AS requester_id, requester.display_name AS requester_name,
    requester.email AS requester_email,
    IF assignee != NONE THEN record::id(assignee) END AS assignee_id,
    IF assignee != NONE THEN assignee.display_name END AS assignee_name";

pub(super) fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Past its target: not answered in time, or not resolved in time.
pub(super) fn is_overdue(row: &RequestRow, targets: &[SupportTarget], now: i64) -> bool {
    if row.status.is_done() {
        return false;
    }
    let Some(t) = targets.iter().find(|t| t.urgency == row.urgency) else {
        return false;
    };
    let age = now - row.created_unix;
    (row.first_response_unix.is_none() && age > i64::from(t.first_response_hours) * 3600)
        || age > i64::from(t.resolution_hours) * 3600
}

/// The categories a referent answers for.
pub(super) async fn referent_categories(db: &Db, user_id: &str) -> Result<Vec<String>, AppError> {
    db
        .query("SELECT VALUE record::id(id) FROM support_category WHERE referents CONTAINS type::record('user', $me)")
        .bind(("me", user_id.to_string()))
        .value()
        .await
}

pub(super) fn sees_everything(user: &CurrentUser) -> bool {
    user.has(Role::Admin) || user.has(Role::Board)
}

/// The viewer is on the support team for this request: board and admins for
/// every request, a referent for their categories and what was handed to them.
pub(super) async fn handles(db: &Db, user: &CurrentUser, row: &RequestRow) -> Result<bool, AppError> {
    if sees_everything(user) {
        return Ok(true);
    }
    if !user.has(Role::Referent) {
        return Ok(false);
    }
    Ok(row.assignee_id.as_deref() == Some(user.id.as_str())
        || referent_categories(db, &user.id).await?.contains(&row.category))
}

pub(super) async fn load(db: &Db, number: u64) -> Result<RequestRow, AppError> {
    let sql = format!("SELECT {REQUEST_FIELDS} FROM support_request WHERE number = $n");
    let mut resp = db.query(sql).bind(("n", number as i64)).await?.check()?;
    first(&mut resp, 0)?.ok_or(AppError::NotFound)
}

/// The request if the viewer may see it (its requester or its team), with
/// whether the viewer is on the team. Anyone else gets 404: a number reveals nothing.
pub(super) async fn visible(
    db: &Db,
    user: &CurrentUser,
    number: u64,
) -> Result<(RequestRow, bool), AppError> {
    let row = load(db, number).await?;
    let team = handles(db, user, &row).await?;
    if team || row.requester_id == user.id {
        Ok((row, team))
    } else {
        Err(AppError::NotFound)
    }
}

/// The request if the viewer is on its team.
pub(super) async fn handled(db: &Db, user: &CurrentUser, number: u64) -> Result<RequestRow, AppError> {
    match visible(db, user, number).await? {
        (row, true) => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

pub(super) fn can_reopen(row: &RequestRow, now: i64) -> bool {
    let since = row.resolved_unix.unwrap_or(row.updated_unix);
    row.status.is_done() && now - since <= REOPEN_DAYS * 24 * 3600
}

#[derive(Debug, Deserialize)]
pub(super) struct MessageRow {
    pub(super) kind: MessageKind,
    pub(super) author_name: Option<String>,
    pub(super) body: String,
    pub(super) event: String,
    pub(super) at_text: String,
}

/// A request and its thread; internal notes only for the support team.
pub async fn detail(db: &Db, user: &CurrentUser, number: u64) -> Result<SupportRequestDetail, AppError> {
    let (row, team) = visible(db, user, number).await?;
    let notes = if team { "" } else { "AND kind != 'note'" };
    let sql = format!(
        "SELECT kind, body, event, at, <string> at AS at_text,
             IF author != NONE THEN author.display_name END AS author_name
         FROM support_message WHERE request = (SELECT VALUE id FROM ONLY support_request WHERE number = $n LIMIT 1) {notes}
         ORDER BY at"
    );
    let mut resp = db.query(sql).bind(("n", number as i64)).await?.check()?;
    let thread = rows::<MessageRow>(&mut resp, 0)?
        .into_iter()
        .map(|m| SupportMessage {
            kind: m.kind,
            author_name: m.author_name.unwrap_or_default(),
            body: m.body,
            event: m.event,
            at: m.at_text,
        })
        .collect();
    let now = now_unix();
    let targets = targets(db).await?;
    Ok(SupportRequestDetail {
        overdue: is_overdue(&row, &targets, now),
        can_reopen: row.requester_id == user.id && can_reopen(&row, now),
        can_handle: team,
        assignee: row.assignee_id.clone().map(|id| PersonRef {
            id,
            display_name: row.assignee_name.clone().unwrap_or_default(),
        }),
        number: row.number,
        version: row.version,
        subject: row.subject,
        category: row.category,
        urgency: row.urgency,
        status: row.status,
        description: row.description,
        tool: row.tool,
        contact: row.contact,
        created_at: row.created_at,
        requester_name: row.requester_name,
        first_response_at: row.first_response_at,
        resolved_at: row.resolved_at,
        thread,
    })
}

/// The requests the viewer handles, past their target first, then the most
/// urgent, then the oldest. Open ones only unless `include_done`.
pub async fn queue(
    db: &Db,
    user: &CurrentUser,
    include_done: bool,
) -> Result<Vec<SupportQueueItem>, AppError> {
    let open = if include_done {
        "true"
    } else {
        "status NOT IN ['resolved', 'closed']"
    };
    let (scope, categories) = if sees_everything(user) {
        ("true", Vec::new())
    } else {
        (
            "(category IN $categories OR assignee = type::record('user', $me))",
            referent_categories(db, &user.id).await?,
        )
    };
    check_key(&user.id)?;
    let sql = format!(
        "SELECT {REQUEST_FIELDS} FROM support_request WHERE {open} AND {scope} ORDER BY number DESC LIMIT 1000"
    );
    let mut resp = db
        .query(sql)
        .bind(("categories", categories))
        .bind(("me", user.id.clone()))
        .await?
        .check()?;
    let found: Vec<RequestRow> = rows(&mut resp, 0)?;
    let targets = targets(db).await?;
    let now = now_unix();
    let mut items: Vec<SupportQueueItem> = found
        .into_iter()
        .map(|r| SupportQueueItem {
            overdue: is_overdue(&r, &targets, now),
            number: r.number,
            subject: r.subject,
            category: r.category,
            urgency: r.urgency,
            status: r.status,
            created_at: r.created_at,
            requester_name: r.requester_name,
            assignee_name: r.assignee_name,
        })
        .collect();
    items.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.overdue),
            i.status.is_done(),
            std::cmp::Reverse(i.urgency),
            i.number,
        )
    });
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgent_means_critical_or_firefighter() {
        assert!(is_urgent("firefighter", "low"));
        assert!(is_urgent("advice", "critical"));
        assert!(!is_urgent("advice", "high"));
    }
}
