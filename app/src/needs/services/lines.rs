//! The register in memory: every open need as a line with its support count,
//! in the three orders the register is read in, with the terms of its text
//! (matched as the directory matches: French stems, as one types).
//!
//! Reading 2,000 needs and counting their supports for every page cost far
//! more than the page; needs and supports change rarely. A write to a need
//! or a support bumps one of the sixteen `register_shard` counters
//! (migration 0020, see `platform::snapshots`), and the next read loads the
//! lines again.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::register::{ItemRow, LINE_FIELDS};
use crate::needs::model::{NeedItem, NeedSort};
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::snapshots::{Cache, Versioned, Versions};
use crate::platform::text::{begins_all, term_set, Typed};

/// The open needs (merged ones are left out) at one set of counters.
pub(super) struct Lines {
    versions: Versions,
    items: Vec<NeedItem>,
    /// Per line, the terms of its text (title, description, origin, tools, gap).
    terms: Vec<Box<[String]>>,
    /// Positions in `items`: by priority (then support, then age), by
    /// support, newest first.
    by_priority: Vec<u32>,
    by_support: Vec<u32>,
    by_age: Vec<u32>,
}

impl Versioned for Lines {
    fn versions(&self) -> &Versions {
        &self.versions
    }
}

impl Lines {
    fn new(versions: Versions, items: Vec<NeedItem>, terms: Vec<Box<[String]>>) -> Lines {
        let order = |cmp: fn(&NeedItem, &NeedItem) -> std::cmp::Ordering| {
            let mut at: Vec<u32> = (0..items.len() as u32).collect();
            at.sort_by(|&a, &b| cmp(&items[a as usize], &items[b as usize]));
            at
        };
        // The priorities are declared most important first.
        let by_priority = order(|a, b| {
            a.priority
                .cmp(&b.priority)
                .then(b.support_count.cmp(&a.support_count))
                .then(a.created_at.cmp(&b.created_at))
        });
        let by_support = order(|a, b| {
            b.support_count
                .cmp(&a.support_count)
                .then(a.created_at.cmp(&b.created_at))
        });
        let by_age = order(|a, b| b.created_at.cmp(&a.created_at));
        Lines {
            versions,
            items,
            terms,
            by_priority,
            by_support,
            by_age,
        }
    }

    /// The positions of the lines whose text has every `typed` term (as a
    /// word's beginning) and that `keep` accepts, in the order of `sort`.
    pub(super) fn matching(
        &self,
        sort: NeedSort,
        typed: &[Typed],
        keep: impl Fn(&NeedItem) -> bool,
    ) -> Vec<usize> {
        let order = match sort {
            NeedSort::Priority => &self.by_priority,
            NeedSort::Support => &self.by_support,
            NeedSort::Age => &self.by_age,
        };
        order
            .iter()
            .map(|&at| at as usize)
            .filter(|&at| begins_all(&self.terms[at], typed) && keep(&self.items[at]))
            .collect()
    }

    pub(super) fn item(&self, at: usize) -> &NeedItem {
        &self.items[at]
    }
}

#[derive(Deserialize)]
struct LineRow {
    #[serde(flatten)]
    item: ItemRow,
    search_text: String,
}

#[derive(Deserialize)]
struct SupportCount {
    need: String,
    supports: u64,
}

static CACHE: LazyLock<Cache<Lines>> = LazyLock::new(|| Cache::new("register_shard"));

/// The register as of the database's current counters.
pub(super) async fn lines(db: &Db) -> Result<Arc<Lines>, AppError> {
    CACHE.get(db, |_, versions| load(db, versions)).await
}

/// Every open need with its supports, counted in one grouped query (one
/// subquery per line would cost far more).
async fn load(db: &Db, versions: Versions) -> Result<Lines, AppError> {
    let mut resp = db
        .query(format!(
            "SELECT {LINE_FIELDS}, search_text FROM need WHERE merged_into = NONE"
        ))
        .query("SELECT record::id(need) AS need, count() AS supports FROM need_support GROUP BY need")
        .await?
        .check()?;
    let supports: HashMap<String, u64> = rows::<SupportCount>(&mut resp, 1)?
        .into_iter()
        .map(|c| (c.need, c.supports))
        .collect();
    let (items, terms) = rows::<LineRow>(&mut resp, 0)?
        .into_iter()
        .map(|row| {
            let item = NeedItem {
                support_count: supports.get(&row.item.id).copied().unwrap_or(0),
                ..NeedItem::from(row.item)
            };
            (item, term_set(&row.search_text))
        })
        .unzip();
    Ok(Lines::new(versions, items, terms))
}
