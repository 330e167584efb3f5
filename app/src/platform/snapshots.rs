//! Per-process snapshots of much-read data (the directory's index, the needs
//! register), kept fresh by sixteen change counters in the database.
//!
//! A database event bumps one of sixteen counters (a table of sixteen rows,
//! `0` … `f`, chosen by the changed record's key) in the same transaction as
//! the write, so that two writers rarely touch the same record. Each request
//! reads the sixteen counters by record id (a scan would walk past every
//! superseded version the store still holds of these much-written rows) and
//! rebuilds its snapshot only when one moved. Several processes sharing one
//! database therefore stay correct without talking to each other.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;

use crate::platform::db::{first, rows, Db};
use crate::platform::error::AppError;

/// Counters per table, named by one hexadecimal digit.
pub const SHARDS: usize = 16;
/// Per shard, the last change a snapshot holds.
pub type Versions = [i64; SHARDS];

/// Whether counters `have` hold every change counted in `seen`.
pub fn versions_cover(have: &Versions, seen: &Versions) -> bool {
    have.iter().zip(seen).all(|(have, seen)| have >= seen)
}

/// What a cache holds: something built from the database at some counters.
pub trait Versioned: Send + Sync + 'static {
    /// The counters it was built at.
    fn versions(&self) -> &Versions;

    /// Whether this snapshot holds every change counted in `versions`.
    fn covers(&self, versions: &Versions) -> bool {
        versions_cover(self.versions(), versions)
    }
}

/// Per database instance (tests run many databases in one process): the
/// snapshot requests read, and the lock of the one request that builds the next.
struct Slot<S> {
    snapshot: Option<Arc<S>>,
    builder: Arc<tokio::sync::Mutex<()>>,
}

impl<S> Default for Slot<S> {
    fn default() -> Self {
        Slot {
            snapshot: None,
            builder: Arc::default(),
        }
    }
}

/// One kind of snapshot, with the counter table that says when it is stale.
pub struct Cache<S> {
    counters: &'static str,
    slots: Mutex<HashMap<String, Slot<S>>>,
}

#[derive(Deserialize)]
struct ShardRow {
    shard: String,
    version: i64,
}

impl<S: Versioned> Cache<S> {
    pub fn new(counters: &'static str) -> Cache<S> {
        Cache {
            counters,
            slots: Mutex::default(),
        }
    }

    /// The slot of `instance`; held for a few instructions, never across a read.
    fn slot<T>(&self, instance: &str, f: impl FnOnce(&mut Slot<S>) -> T) -> T {
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        f(slots.entry(instance.to_string()).or_default())
    }

    /// The database's name for the caches and the sixteen counters.
    async fn state(&self, db: &Db) -> Result<(String, Versions), AppError> {
        let mut resp = db
            .query(
                "SELECT VALUE instance FROM directory_state:main;
                 SELECT record::id(id) AS shard, version FROM array::map(
                     ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'],
                     |$s| type::record($counters, $s))",
            )
            .bind(("counters", self.counters))
            .await?
            .check()?;
        let instance = first::<String>(&mut resp, 0)?.ok_or_else(|| {
            tracing::error!("directory_state:main is missing (migration 0007 not applied?)");
            AppError::Internal
        })?;
        let mut versions = [0; SHARDS];
        for row in rows::<ShardRow>(&mut resp, 1)? {
            if let Some(v) = usize::from_str_radix(&row.shard, 16)
                .ok()
                .and_then(|s| versions.get_mut(s))
            {
                *v = row.version;
            }
        }
        Ok((instance, versions))
    }

    /// The snapshot as of the database's current counters: one small read
    /// when nothing changed. When something did, one request makes the next
    /// snapshot with `build` (given the previous one, if any, to patch) while
    /// the others read the previous snapshot instead of waiting.
    pub async fn get<F, Fut>(&self, db: &Db, build: F) -> Result<Arc<S>, AppError>
    where
        F: FnOnce(Option<Arc<S>>, Versions) -> Fut,
        Fut: Future<Output = Result<S, AppError>>,
    {
        let (instance, versions) = self.state(db).await?;
        let (current, builder) = self.slot(&instance, |s| (s.snapshot.clone(), s.builder.clone()));
        if let Some(s) = current.as_ref().filter(|s| s.covers(&versions)) {
            return Ok(s.clone());
        }
        let _building = match (builder.try_lock(), current) {
            (Ok(guard), _) => guard,
            (Err(_), Some(previous)) => return Ok(previous),
            // Nothing to read yet: wait for the first build.
            (Err(_), None) => builder.lock().await,
        };
        // A build may have ended while this request waited.
        let current = self.slot(&instance, |s| s.snapshot.clone());
        if let Some(s) = current.as_ref().filter(|s| s.covers(&versions)) {
            return Ok(s.clone());
        }
        let fresh = Arc::new(build(current, versions).await?);
        self.slot(&instance, |s| s.snapshot = Some(fresh.clone()));
        Ok(fresh)
    }
}

/// Gives back to the system the memory a whole build freed: glibc keeps a
/// freed peak (the rows read, the build's scratch) in its arenas, where it
/// counts as the process's own until the next peak reuses it.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's arenas.
    unsafe {
        libc::malloc_trim(0);
    }
}
