//! The missions open to members, in memory: each public card with its
//! summary (places left counted from the accepted applications).
//!
//! At 300 cards, reading them with their pilots' and referents' names and
//! counting the accepted applications cost some 20 ms a call. A change that
//! the list shows (a public card's write, an application accepted or
//! withdrawn, a member renamed) bumps one of the sixteen `mission_shard`
//! counters (migration 0021, see `platform::snapshots`), and the next call
//! loads the cards again. Drafts and pending applications bump nothing, so
//! a draft's autosave never collides on a counter.

use std::sync::{Arc, LazyLock};

use super::cards::{summary, taken_places, CardRow, CARD_FIELDS, PUBLIC_STATUSES};
use crate::missions::model::MissionSummary;
use crate::platform::db::{Db, Fetch};
use crate::platform::error::AppError;
use crate::platform::snapshots::{Cache, Versioned, Versions};

/// The public cards, oldest first, each with its summary.
pub(super) struct Listing {
    versions: Versions,
    pub(super) cards: Vec<(CardRow, MissionSummary)>,
}

impl Versioned for Listing {
    fn versions(&self) -> &Versions {
        &self.versions
    }
}

static CACHE: LazyLock<Cache<Listing>> = LazyLock::new(|| Cache::new("mission_shard"));

/// The public cards as of the database's current counters.
pub(super) async fn listing(db: &Db) -> Result<Arc<Listing>, AppError> {
    CACHE.get(db, |_, versions| load(db, versions)).await
}

async fn load(db: &Db, versions: Versions) -> Result<Listing, AppError> {
    let cards: Vec<CardRow> = db
        .query(format!(
            "SELECT {CARD_FIELDS}, created_at FROM mission WHERE status IN $public ORDER BY created_at ASC, id ASC"
        ))
        .bind(("public", PUBLIC_STATUSES.to_vec()))
        .rows()
        .await?;
    let taken = taken_places(db, None).await?;
    let cards = cards
        .into_iter()
        .map(|card| {
            let summary = summary(&card, &taken);
            (card, summary)
        })
        .collect();
    Ok(Listing { versions, cards })
}
