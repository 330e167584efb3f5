//! The audit log: who did what, when, from where.

use serde::Deserialize;

use crate::accounts::model::{AuditEntry, CurrentUser};
use crate::platform::db::{count, rows, Db};
use crate::platform::error::AppError;
use crate::platform::page::Page;
use crate::platform::said::said;

pub const PER_PAGE: u64 = 50;

/// Who acted and from where (the actor is absent for a failed sign-in).
#[derive(Clone, Debug, Default)]
pub struct Actor {
    pub user_id: Option<String>,
    pub email: String,
    pub ip: String,
}

impl Actor {
    pub fn user(user: &CurrentUser, ip: &str) -> Actor {
        Actor {
            user_id: Some(user.id.clone()),
            email: user.email.clone(),
            ip: ip.to_string(),
        }
    }
}

pub async fn record(
    db: &Db,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &str,
) -> Result<(), AppError> {
    // missions: concurrent decisions write the same index entries.
    crate::platform::db::retry_on_conflict(|| async {
        Ok(db
            .query(
                "CREATE audit CONTENT {
                actor: IF $actor = NONE { NONE } ELSE { type::record('user', $actor) },
                actor_email: $email, action: $action, target: $target, detail: $detail, ip: $ip
            }",
            )
            .bind(("actor", actor.user_id.clone()))
            .bind(("email", actor.email.clone()))
            .bind(("action", action.to_string()))
            .bind(("target", target.to_string()))
            .bind(("detail", detail.to_string()))
            .bind(("ip", actor.ip.clone()))
            .await?
            .check()?)
    })
    .await?;
    Ok(())
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AuditQuery {
    pub action: Option<String>,
    /// Part of the actor's e-mail or of the target.
    pub text: Option<String>,
    /// First and last day shown (YYYY-MM-DD, UTC), both included.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    pub page: Option<u64>,
}

/// The day a date field names, or the field's error.
fn day(field: &str, value: Option<&str>) -> Result<Option<chrono::NaiveDate>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                AppError::field(
                    field,
                    "invalid",
                    &said("Date attendue : AAAA-MM-JJ.", "Expected date: YYYY-MM-DD."),
                )
            }),
    }
}

#[derive(Deserialize)]
struct AuditRow {
    at: String,
    actor_email: String,
    action: String,
    target: String,
    detail: String,
    ip: String,
}

/// The newest entries first, filtered.
pub async fn list(db: &Db, query: &AuditQuery) -> Result<Page<AuditEntry>, AppError> {
    let action = query.action.as_deref().filter(|a| !a.is_empty());
    let text = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase);
    let page = query.page.unwrap_or(1).max(1);
    let from = day("from", query.from.as_deref())?;
    let to = day("to", query.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(AppError::field(
                "to",
                "before_from",
                &said("La fin précède le début.", "The end comes before the start."),
            ));
        }
    }
    // The last day is included: the range ends at the next midnight.
    let to = to.and_then(|t| t.succ_opt());
    let midnight = |d: chrono::NaiveDate| format!("{d}T00:00:00Z");
    let mut filter = String::from("true");
    if from.is_some() {
        filter.push_str(" AND at >= <datetime>$from");
    }
    if to.is_some() {
        filter.push_str(" AND at < <datetime>$to");
    }
    if action.is_some() {
        filter.push_str(" AND action = $action");
    }
    if text.is_some() {
        filter.push_str(" AND (string::contains(string::lowercase(actor_email), $text) OR string::contains(string::lowercase(target), $text))");
    }
    let mut resp = db
        .query(format!(
            "SELECT at, actor_email, action, target, detail, ip FROM audit WHERE {filter}
                 ORDER BY at DESC LIMIT $limit START $start;
             SELECT count() AS n FROM audit WHERE {filter} GROUP ALL;"
        ))
        .bind(("action", action.map(str::to_string)))
        .bind(("text", text))
        .bind(("from", from.map(midnight)))
        .bind(("to", to.map(midnight)))
        .bind(("limit", PER_PAGE as i64))
        .bind(("start", ((page - 1) * PER_PAGE) as i64))
        .await?
        .check()?;
    let items = rows::<AuditRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| AuditEntry {
            at: r.at,
            actor_email: r.actor_email,
            action: r.action,
            target: r.target,
            detail: r.detail,
            ip: r.ip,
        })
        .collect();
    Ok(Page {
        items,
        total: count(&mut resp, 1)?,
        page,
        per_page: PER_PAGE,
    })
}
