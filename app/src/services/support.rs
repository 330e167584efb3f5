//! Support requests.

use serde::{Deserialize, Serialize};

use super::{check_all, check_key, retry_on_conflict, rows, Db};
use crate::error::{check_code, check_text, validated, AppError};
use crate::models::{SupportRequestSummary, SUPPORT_CATEGORIES, SUPPORT_URGENCIES};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    pub category: String,
    pub urgency: String,
    pub subject: String,
    pub description: String,
}

pub fn validate(new: &NewRequest) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "category", &new.category, &SUPPORT_CATEGORIES);
    check_code(&mut errors, "urgency", &new.urgency, &SUPPORT_URGENCIES);
    check_text(&mut errors, "subject", &new.subject, true, 200);
    check_text(&mut errors, "description", &new.description, true, 10_000);
    validated(errors)
}

/// Records a request and gives it the next number, in one transaction (run
/// again when simultaneous requests race for the counter).
pub async fn create(db: &Db, requester_id: &str, new: NewRequest) -> Result<u64, AppError> {
    validate(&new)?;
    check_key(requester_id)?;
    retry_on_conflict(|| insert(db, requester_id, &new)).await
}

async fn insert(db: &Db, requester_id: &str, new: &NewRequest) -> Result<u64, AppError> {
    let resp = db
        .query(
            "BEGIN;
             LET $n = (UPSERT ONLY counter:support_request SET value += 1 RETURN VALUE value);
             CREATE support_request CONTENT {
                 number: $n, requester: type::record('user', $requester),
                 category: $category, urgency: $urgency,
                 subject: $subject, description: $description, status: 'new'
             };
             RETURN $n;
             COMMIT;",
        )
        .bind(("requester", requester_id.to_string()))
        .bind(("category", new.category.clone()))
        .bind(("urgency", new.urgency.clone()))
        .bind(("subject", new.subject.trim().to_string()))
        .bind(("description", new.description.trim().to_string()))
        .await?;
    let mut resp = check_all(resp)?;
    // BEGIN and COMMIT count as statements: the number is the one before COMMIT.
    let returned = resp.num_statements() - 2;
    let number: Option<i64> = resp.take(returned)?;
    number.map(|n| n as u64).ok_or(AppError::Internal)
}

#[derive(Debug, Deserialize)]
struct RequestRow {
    number: u64,
    subject: String,
    category: String,
    urgency: String,
    status: String,
    created_at: String,
}

/// The requests a member has made, newest first.
pub async fn mine(db: &Db, requester_id: &str) -> Result<Vec<SupportRequestSummary>, AppError> {
    check_key(requester_id)?;
    let mut resp = db
        .query(
            "SELECT number, subject, category, urgency, status, created_at FROM support_request
                 WHERE requester = type::record('user', $requester) ORDER BY number DESC",
        )
        .bind(("requester", requester_id.to_string()))
        .await?
        .check()?;
    Ok(rows::<RequestRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| SupportRequestSummary {
            number: r.number,
            subject: r.subject,
            category: r.category,
            urgency: r.urgency,
            status: r.status,
            created_at: r.created_at,
        })
        .collect())
}
