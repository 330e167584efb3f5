//! The member directory: an in-memory index per process, per audience.
//!
//! Searching and counting facets over 22,000 members within a few
//! milliseconds is not something SurrealDB does by scanning rows, so each
//! process keeps a compact index of the members shown in the directory, one
//! per audience (members, board) with every member's visibility choices
//! already applied: a value hidden from an audience is simply absent from
//! that audience's index, so it cannot be shown, matched or counted.
//!
//! Freshness: every write to what the directory shows of a `user` row (its
//! creation, deletion, or a field of `PERSON_FIELDS`; not a sign-in or a
//! second-factor step) bumps `directory_state:main.version` and stamps the
//! member in `directory_change` (a database event, in the same transaction
//! as the write). Each request reads that one record by id; when
//! the version moved, only the members changed since are read again. Several
//! processes sharing one database therefore stay correct.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::person::{parse_date, today, Person, MAX_INCREMENTAL, PERSON_FIELDS};
use crate::directory::model::{hours_range, seniority_range, Audience, DirectoryCard, FACETS};
use crate::platform::db::{first, rows, Db};
use crate::platform::error::AppError;

// ----- The index --------------------------------------------------------------

/// One member of one audience's index.
pub(super) struct Entry {
    pub(super) card: DirectoryCard,
    pub(super) since_days: Option<i32>,
    /// Interned values per facet (in `FACETS` order).
    pub(super) facets: [Vec<u16>; FACETS.len()],
    /// Sorted ids into the snapshot's term dictionary.
    pub(super) terms: Vec<u32>,
}

/// One audience's index: members in name order.
pub(super) struct View {
    pub(super) entries: Vec<Entry>,
    /// Per facet, the values met (interned by position).
    pub(super) values: [Vec<String>; FACETS.len()],
}

/// Everything a process knows of the directory at one version.
pub struct Snapshot {
    pub version: i64,
    pub(super) day: i32,
    /// By record key; `Arc` so that a small change copies pointers, not members.
    persons: HashMap<String, Arc<Person>>,
    terms_by_person: HashMap<String, [Arc<Vec<String>>; 2]>,
    /// Sorted, for prefix ranges.
    dictionary: Vec<String>,
    members: View,
    board: View,
}

impl Snapshot {
    pub(super) fn view(&self, audience: Audience) -> &View {
        match audience {
            Audience::Members => &self.members,
            Audience::Board => &self.board,
        }
    }

    pub fn person(&self, key: &str) -> Option<&Person> {
        self.persons.get(key).map(|p| p.as_ref())
    }

    pub fn len(&self, audience: Audience) -> usize {
        self.view(audience).entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// The values of `facet` that `audience` can see at all.
    pub fn facet_values(&self, audience: Audience, facet: &str) -> &[String] {
        match FACETS.iter().position(|f| *f == facet) {
            Some(f) => &self.view(audience).values[f],
            None => &[],
        }
    }

    pub(super) fn build(
        version: i64,
        persons: HashMap<String, Arc<Person>>,
        old: Option<&Snapshot>,
    ) -> Snapshot {
        let day = today();
        // Terms per person and audience, reused from the previous snapshot when the member did not change.
        let mut terms_by_person = HashMap::with_capacity(persons.len());
        for (key, p) in &persons {
            let reused = old.and_then(|o| {
                let same = o.persons.get(key).is_some_and(|q| Arc::ptr_eq(q, p));
                same.then(|| o.terms_by_person.get(key).cloned()).flatten()
            });
            let terms = reused.unwrap_or_else(|| {
                if p.shown() {
                    [
                        Arc::new(p.words(Audience::Members)),
                        Arc::new(p.words(Audience::Board)),
                    ]
                } else {
                    [Arc::new(Vec::new()), Arc::new(Vec::new())]
                }
            });
            terms_by_person.insert(key.clone(), terms);
        }
        let dictionary: Vec<String> = terms_by_person
            .values()
            .flat_map(|[m, b]| m.iter().chain(b.iter()))
            .map(String::as_str)
            .collect::<BTreeSet<&str>>()
            .into_iter()
            .map(str::to_string)
            .collect();
        let ids: HashMap<&str, u32> = dictionary
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u32))
            .collect();
        let mut shown: Vec<&Arc<Person>> = persons.values().filter(|p| p.shown()).collect();
        shown.sort_by(|a, b| a.sort_name.cmp(&b.sort_name).then_with(|| a.id.cmp(&b.id)));
        let order: Vec<Arc<Person>> = shown.into_iter().cloned().collect();
        let members = View::build(&order, Audience::Members, day, &terms_by_person, &ids);
        let board = View::build(&order, Audience::Board, day, &terms_by_person, &ids);
        drop(ids);
        Snapshot {
            version,
            day,
            persons,
            terms_by_person,
            dictionary,
            members,
            board,
        }
    }

    /// The ids range of the dictionary terms starting with `prefix`.
    pub(super) fn prefix_range(&self, prefix: &str) -> (u32, u32) {
        let lo = self.dictionary.partition_point(|t| t.as_str() < prefix);
        let hi = lo + self.dictionary[lo..].partition_point(|t| t.starts_with(prefix));
        (lo as u32, hi as u32)
    }
}

impl View {
    pub(super) fn build(
        order: &[Arc<Person>],
        audience: Audience,
        day: i32,
        terms: &HashMap<String, [Arc<Vec<String>>; 2]>,
        ids: &HashMap<&str, u32>,
    ) -> View {
        let mut values: [Vec<String>; FACETS.len()] = Default::default();
        let mut interned: [HashMap<String, u16>; FACETS.len()] = Default::default();
        let mut intern = |facet: usize, value: &str| -> u16 {
            if let Some(&id) = interned[facet].get(value) {
                return id;
            }
            let id = values[facet].len() as u16;
            values[facet].push(value.to_string());
            interned[facet].insert(value.to_string(), id);
            id
        };
        let slot = match audience {
            Audience::Members => 0,
            Audience::Board => 1,
        };
        let mut entries = Vec::with_capacity(order.len());
        for p in order {
            let card = p.card(audience, day);
            let since_days = card.member_since.as_deref().and_then(parse_date);
            let mut facets: [Vec<u16>; FACETS.len()] = Default::default();
            for (f, name) in FACETS.iter().enumerate() {
                let vals: Vec<String> = match *name {
                    "region" => card.region.iter().cloned().collect(),
                    "local_group" => card.local_group.iter().cloned().collect(),
                    "domain" => card.domains.clone(),
                    "skill" => card.skills.clone(),
                    "seniority" => card
                        .seniority_years
                        .map(|y| seniority_range(y).to_string())
                        .into_iter()
                        .collect(),
                    "hours" => card
                        .hours_per_month
                        .map(|h| hours_range(h).to_string())
                        .into_iter()
                        .collect(),
                    "open" => (card.open_to_missions == Some(true))
                        .then(|| "yes".to_string())
                        .into_iter()
                        .collect(),
                    "language" => card.languages.clone(),
                    _ => Vec::new(),
                };
                facets[f] = vals.iter().map(|v| intern(f, v)).collect();
            }
            let mut term_ids: Vec<u32> = terms
                .get(&p.id)
                .map(|t| {
                    t[slot]
                        .iter()
                        .filter_map(|w| ids.get(w.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default();
            term_ids.sort_unstable();
            term_ids.dedup();
            entries.push(Entry {
                card,
                since_days,
                facets,
                terms: term_ids,
            });
        }
        View { entries, values }
    }
}

// ----- Keeping the snapshot fresh ---------------------------------------------

#[derive(Deserialize)]
pub(super) struct StateRow {
    pub(super) version: i64,
    pub(super) instance: String,
}

#[derive(Deserialize)]
pub(super) struct ChangeRow {
    pub(super) id: String,
    pub(super) version: i64,
}

/// Snapshots by database instance (tests run many databases in one process).
pub(super) static CACHE: LazyLock<tokio::sync::Mutex<HashMap<String, Arc<Snapshot>>>> =
    LazyLock::new(|| tokio::sync::Mutex::new(HashMap::new()));

pub(super) async fn state(db: &Db) -> Result<StateRow, AppError> {
    let mut resp = db
        .query("SELECT version, instance FROM directory_state:main")
        .await?
        .check()?;
    first::<StateRow>(&mut resp, 0)?.ok_or_else(|| {
        tracing::error!("directory_state:main is missing (migration 0007 not applied?)");
        AppError::Internal
    })
}

pub(super) async fn load_all(db: &Db) -> Result<HashMap<String, Arc<Person>>, AppError> {
    let mut resp = db
        .query(format!("SELECT {PERSON_FIELDS} FROM user"))
        .await?
        .check()?;
    Ok(rows::<Person>(&mut resp, 0)?
        .into_iter()
        .map(|p| (p.id.clone(), Arc::new(p)))
        .collect())
}

/// One member read afresh (None once deleted).
pub async fn load_person(db: &Db, key: &str) -> Result<Option<Person>, AppError> {
    let mut resp = db
        .query(format!("SELECT {PERSON_FIELDS} FROM type::record('user', $key)"))
        .bind(("key", key.to_string()))
        .await?
        .check()?;
    first::<Person>(&mut resp, 0)
}

/// The directory as of the database's current version; one indexed read
/// when nothing changed.
pub async fn snapshot(db: &Db) -> Result<Arc<Snapshot>, AppError> {
    let current = state(db).await?;
    let mut cache = CACHE.lock().await;
    let cached = cache.get(&current.instance).cloned();
    if let Some(s) = &cached {
        if s.version == current.version && s.day == today() {
            return Ok(s.clone());
        }
    }
    let fresh = match cached {
        Some(old) if old.version <= current.version => refresh(db, &old, current.version).await?,
        _ => Snapshot::build(current.version, load_all(db).await?, None),
    };
    let fresh = Arc::new(fresh);
    cache.insert(current.instance, fresh.clone());
    Ok(fresh)
}

/// Reads again only the members changed since `old` was built.
pub(super) async fn refresh(db: &Db, old: &Snapshot, version: i64) -> Result<Snapshot, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, version FROM directory_change
                 WITH INDEX directory_change_version WHERE version > $v",
        )
        .bind(("v", old.version))
        .await?
        .check()?;
    let changes = rows::<ChangeRow>(&mut resp, 0)?;
    if changes.len() > MAX_INCREMENTAL {
        return Ok(Snapshot::build(version, load_all(db).await?, None));
    }
    // Only as recent as the changes read: a later write is caught next time.
    let seen = changes.iter().map(|c| c.version).max().unwrap_or(old.version);
    let mut persons = old.persons.clone();
    for change in &changes {
        match load_person(db, &change.id).await? {
            Some(p) => persons.insert(change.id.clone(), Arc::new(p)),
            None => persons.remove(&change.id),
        };
    }
    Ok(Snapshot::build(seen.max(old.version), persons, Some(old)))
}
