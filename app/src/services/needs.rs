//! The needs register.

use serde::Deserialize;

use super::{rows, Db};
use crate::error::AppError;
use crate::models::{NeedSummary, NEED_PRIORITIES};

#[derive(Debug, Deserialize)]
struct NeedRow {
    id: String,
    title: String,
    origin: String,
    origin_name: String,
    category: String,
    priority: String,
    status: String,
}

/// Every need, the most important first (MoSCoW), then the oldest.
pub async fn list(db: &Db) -> Result<Vec<NeedSummary>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, title, origin, origin_name, category, priority, status, created_at
                 FROM need ORDER BY created_at ASC",
        )
        .await?
        .check()?;
    let mut needs: Vec<NeedSummary> = rows::<NeedRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| NeedSummary {
            id: r.id,
            title: r.title,
            origin: r.origin,
            origin_name: r.origin_name,
            category: r.category,
            priority: r.priority,
            status: r.status,
        })
        .collect();
    let rank = |p: &str| {
        NEED_PRIORITIES
            .iter()
            .position(|x| *x == p)
            .unwrap_or(NEED_PRIORITIES.len())
    };
    needs.sort_by_key(|n| rank(&n.priority));
    Ok(needs)
}
