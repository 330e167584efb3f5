//! Mission cards.

use serde::Deserialize;

use super::{check_key, first, rows, Db};
use crate::error::AppError;
use crate::models::{MissionCard, MissionSummary};

#[derive(Debug, Deserialize)]
struct MissionRow {
    id: String,
    title: String,
    kind: String,
    status: String,
    pilots: String,
    board_referent: String,
    tsp_referent: String,
    what: String,
    timing: String,
    deliverables: String,
    staffing: String,
}

const FIELDS: &str = "record::id(id) AS id, title, kind, status, pilots, board_referent, tsp_referent, what, timing, deliverables, staffing";

/// Missions visible to members: everything but drafts.
pub async fn list(db: &Db) -> Result<Vec<MissionSummary>, AppError> {
    let mut resp = db
        .query(format!(
            "SELECT {FIELDS}, created_at FROM mission WHERE status != 'draft' ORDER BY created_at ASC"
        ))
        .await?
        .check()?;
    Ok(rows::<MissionRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| MissionSummary {
            id: r.id,
            title: r.title,
            kind: r.kind,
            status: r.status,
            board_referent: r.board_referent,
        })
        .collect())
}

pub async fn get(db: &Db, id: &str) -> Result<MissionCard, AppError> {
    check_key(id)?;
    let mut resp = db
        .query(format!(
            "SELECT {FIELDS} FROM type::record('mission', $id) WHERE status != 'draft'"
        ))
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    let row: MissionRow = first(&mut resp, 0)?.ok_or(AppError::NotFound)?;
    Ok(MissionCard {
        id: row.id,
        title: row.title,
        kind: row.kind,
        status: row.status,
        pilots: row.pilots,
        board_referent: row.board_referent,
        tsp_referent: row.tsp_referent,
        what: row.what,
        when: row.timing,
        deliverables: row.deliverables,
        how_many: row.staffing,
    })
}
