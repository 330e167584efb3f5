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
//! second-factor step) bumps one of sixteen counters (`directory_shard`,
//! chosen by the member's key, so that two members saving at once do not
//! collide) and stamps the member in `directory_change` with the shard and
//! that counter (a database event, in the same transaction as the write).
//! Each request reads the sixteen counters; for a shard that moved, only the
//! members stamped since are read again. Several processes sharing one
//! database therefore stay correct.
//!
//! Cost of a change: the changed members are patched into a copy of each
//! view (entries are shared pointers, so the copy moves pointers, not
//! members), built by one request while the others keep reading the
//! previous snapshot. Cards are not stored: a page makes its 24 from the
//! member and the audience.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::person::{parse_date, today, Person, MAX_INCREMENTAL, PERSON_FIELDS};
use crate::directory::model::{Audience, FACETS};
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::snapshots::{release_freed_memory, versions_cover, Cache, Versioned, Versions, SHARDS};

// ----- The words ---------------------------------------------------------------

/// Every word of the members' searchable text. Ids are stable (a new word
/// is appended), so a change never renumbers the members already indexed.
#[derive(Clone, Default)]
pub(super) struct Dictionary {
    terms: Vec<Arc<str>>,
    /// Term ids in the alphabetical order of their terms, for prefix ranges.
    sorted: Vec<u32>,
}

impl Dictionary {
    /// Numbered in alphabetical order: the first build needs no insertion.
    fn from_words<'a>(words: impl Iterator<Item = &'a str>) -> Dictionary {
        let terms: Vec<Arc<str>> = words
            .collect::<BTreeSet<&str>>()
            .into_iter()
            .map(Arc::from)
            .collect();
        let sorted = (0..terms.len() as u32).collect();
        Dictionary { terms, sorted }
    }

    /// The id of `term`, added when new.
    fn intern(&mut self, term: &str) -> u32 {
        match self
            .sorted
            .binary_search_by(|&id| (*self.terms[id as usize]).cmp(term))
        {
            Ok(at) => self.sorted[at],
            Err(at) => {
                let id = self.terms.len() as u32;
                self.terms.push(Arc::from(term));
                self.sorted.insert(at, id);
                id
            }
        }
    }

    /// The ids of the terms starting with `prefix`.
    pub(super) fn starting_with(&self, prefix: &str) -> &[u32] {
        let term = |id: &u32| &*self.terms[*id as usize];
        let lo = self.sorted.partition_point(|id| term(id) < prefix);
        let hi = lo + self.sorted[lo..].partition_point(|id| term(id).starts_with(prefix));
        &self.sorted[lo..hi]
    }

    pub(super) fn len(&self) -> usize {
        self.terms.len()
    }
}

// ----- The index --------------------------------------------------------------

/// One member of one audience's index: what a search reads. The card a page
/// shows is made from `person` when the page is.
pub(super) struct Entry {
    pub(super) person: Arc<Person>,
    pub(super) since_days: Option<i32>,
    pub(super) facets: Facets,
    /// Sorted term ids.
    pub(super) terms: Box<[u32]>,
}

/// Per facet, the values met, numbered by position, and how many members of
/// the view hold each (a value its last holder dropped or hid stays numbered
/// until the next whole build, but is no longer offered).
/// A member's interned values per facet (in `FACETS` order), in one
/// allocation: a search reads one block per member rather than following
/// one pointer per facet.
pub(super) struct Facets {
    /// Where each facet's values end in `values`.
    ends: [u16; FACETS.len()],
    values: Box<[u16]>,
}

impl Facets {
    /// The values of facet `f`.
    pub(super) fn of(&self, f: usize) -> &[u16] {
        let start = f.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.values[start as usize..self.ends[f] as usize]
    }

    /// The values of each facet, in `FACETS` order.
    pub(super) fn each(&self) -> impl Iterator<Item = &[u16]> {
        (0..FACETS.len()).map(|f| self.of(f))
    }
}

#[derive(Clone, Default)]
pub(super) struct FacetValues {
    pub(super) names: [Vec<String>; FACETS.len()],
    ids: [HashMap<String, u16>; FACETS.len()],
    holders: [Vec<u32>; FACETS.len()],
}

impl FacetValues {
    /// The id of `value`, counted once more as held.
    fn hold(&mut self, facet: usize, value: String) -> u16 {
        let id = match self.ids[facet].get(&value) {
            Some(&id) => id,
            None => {
                let id = self.names[facet].len() as u16;
                self.names[facet].push(value.clone());
                self.ids[facet].insert(value, id);
                self.holders[facet].push(0);
                id
            }
        };
        self.holders[facet][id as usize] += 1;
        id
    }

    /// The values of `entry`, counted once less.
    fn release(&mut self, entry: &Entry) {
        for (f, ids) in entry.facets.each().enumerate() {
            for &id in ids.iter() {
                self.holders[f][id as usize] -= 1;
            }
        }
    }

    /// The values of `facet` at least one member holds.
    pub(super) fn held(&self, facet: usize) -> impl Iterator<Item = &String> {
        self.names[facet]
            .iter()
            .zip(&self.holders[facet])
            .filter(|(_, &n)| n > 0)
            .map(|(name, _)| name)
    }
}

impl Entry {
    fn new(
        person: &Arc<Person>,
        audience: Audience,
        day: i32,
        words: &[String],
        dictionary: &mut Dictionary,
        values: &mut FacetValues,
    ) -> Entry {
        let card = person.card(audience, day);
        let since_days = card.member_since.as_deref().and_then(parse_date);
        let mut ends = [0; FACETS.len()];
        let mut held = Vec::new();
        for (f, name) in FACETS.iter().enumerate() {
            held.extend(card.facet_values(name).into_iter().map(|v| values.hold(f, v)));
            ends[f] = held.len() as u16;
        }
        let facets = Facets {
            ends,
            values: held.into(),
        };
        let mut terms: Vec<u32> = words.iter().map(|w| dictionary.intern(w)).collect();
        terms.sort_unstable();
        terms.dedup();
        Entry {
            person: person.clone(),
            since_days,
            facets,
            terms: terms.into(),
        }
    }
}

/// One audience's index: members in name order, and the two other orders a
/// page may be asked in, kept so that no search sorts.
#[derive(Clone, Default)]
pub(super) struct View {
    pub(super) entries: Vec<Arc<Entry>>,
    /// Positions in `entries`: the longest-standing members first, unknown dates last.
    pub(super) by_seniority: Vec<u32>,
    /// Positions in `entries`: the latest arrivals first, unknown dates last.
    pub(super) by_recent: Vec<u32>,
    pub(super) values: FacetValues,
}

/// The name order of the views (a name is not unique; the key is).
fn name_order(a: &Person, b: &Person) -> std::cmp::Ordering {
    a.sort_name.cmp(&b.sort_name).then_with(|| a.id.cmp(&b.id))
}

impl View {
    /// Puts `new` where `old` was (either may be absent or not shown).
    fn patch(
        &mut self,
        old: Option<&Person>,
        new: Option<&Arc<Person>>,
        audience: Audience,
        day: i32,
        dictionary: &mut Dictionary,
    ) {
        let at = |entries: &[Arc<Entry>], p: &Person| entries.binary_search_by(|e| name_order(&e.person, p));
        if let Some(old) = old.filter(|p| p.shown()) {
            if let Ok(i) = at(&self.entries, old) {
                let gone = self.entries.remove(i);
                self.values.release(&gone);
            }
        }
        if let Some(new) = new.filter(|p| p.shown()) {
            let words = new.words(audience);
            let entry = Arc::new(Entry::new(
                new,
                audience,
                day,
                &words,
                dictionary,
                &mut self.values,
            ));
            match at(&self.entries, new) {
                Ok(i) => {
                    let gone = std::mem::replace(&mut self.entries[i], entry);
                    self.values.release(&gone);
                }
                Err(i) => self.entries.insert(i, entry),
            }
        }
    }

    /// Sorts positions by arrival date (days since 1970, unknown last); equal
    /// keys keep the name order.
    fn sort_orders(&mut self) {
        let by = |key: fn(i32) -> i32| -> Vec<u32> {
            let mut keyed: Vec<(i32, u32)> = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.since_days.map_or(i32::MAX, key), i as u32))
                .collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        };
        // Dates lie between 1900 and 2200, so a negated day is never i32::MAX.
        self.by_seniority = by(|d| d);
        self.by_recent = by(|d| -d);
    }
}

/// Everything a process knows of the directory at one set of versions.
pub struct Snapshot {
    versions: Versions,
    pub(super) day: i32,
    /// Every member, shown or not, by record key.
    persons: HashMap<Arc<str>, Arc<Person>>,
    pub(super) dictionary: Dictionary,
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

    /// The values of `facet` that `audience` can see on at least one member.
    pub fn facet_values(&self, audience: Audience, facet: &str) -> Vec<&String> {
        match FACETS.iter().position(|f| *f == facet) {
            Some(f) => self.view(audience).values.held(f).collect(),
            None => Vec::new(),
        }
    }

    /// The whole index, from every member.
    fn build(versions: Versions, persons: HashMap<Arc<str>, Arc<Person>>) -> Snapshot {
        let day = today();
        let mut shown: Vec<&Arc<Person>> = persons.values().filter(|p| p.shown()).collect();
        shown.sort_by(|a, b| name_order(a, b));
        let words: Vec<[Vec<String>; 2]> = shown
            .iter()
            .map(|p| [p.words(Audience::Members), p.words(Audience::Board)])
            .collect();
        let mut dictionary = Dictionary::from_words(words.iter().flatten().flatten().map(String::as_str));
        let mut index = |audience: Audience, slot: usize| {
            let mut view = View::default();
            view.entries = shown
                .iter()
                .zip(&words)
                .map(|(p, w)| {
                    Arc::new(Entry::new(
                        p,
                        audience,
                        day,
                        &w[slot],
                        &mut dictionary,
                        &mut view.values,
                    ))
                })
                .collect();
            view.sort_orders();
            view
        };
        let members = index(Audience::Members, 0);
        let board = index(Audience::Board, 1);
        Snapshot {
            versions,
            day,
            persons,
            dictionary,
            members,
            board,
        }
    }

    /// A copy with `changed` members patched in (None: deleted); the copy
    /// shares every unchanged member and entry with this one.
    fn patched(&self, versions: Versions, changed: Vec<(String, Option<Person>)>) -> Snapshot {
        let mut persons = self.persons.clone();
        let mut dictionary = self.dictionary.clone();
        let mut members = self.members.clone();
        let mut board = self.board.clone();
        for (key, new) in changed {
            let new = new.map(Arc::new);
            let old = match &new {
                Some(p) => persons.insert(Arc::from(key), p.clone()),
                None => persons.remove(key.as_str()),
            };
            for (view, audience) in [(&mut members, Audience::Members), (&mut board, Audience::Board)] {
                view.patch(old.as_deref(), new.as_ref(), audience, self.day, &mut dictionary);
            }
        }
        members.sort_orders();
        board.sort_orders();
        Snapshot {
            versions,
            day: self.day,
            persons,
            dictionary,
            members,
            board,
        }
    }
}

impl Versioned for Snapshot {
    fn versions(&self) -> &Versions {
        &self.versions
    }

    /// Every change counted in `versions`, and made today.
    fn covers(&self, versions: &Versions) -> bool {
        self.day == today() && versions_cover(&self.versions, versions)
    }
}

// ----- Keeping the snapshot fresh ---------------------------------------------

#[derive(Deserialize)]
struct ChangeRow {
    id: String,
    version: i64,
}

static CACHE: LazyLock<Cache<Snapshot>> = LazyLock::new(|| Cache::new("directory_shard"));

async fn load_all(db: &Db) -> Result<HashMap<Arc<str>, Arc<Person>>, AppError> {
    let mut resp = db
        .query(format!("SELECT {PERSON_FIELDS} FROM user"))
        .await?
        .check()?;
    Ok(rows::<Person>(&mut resp, 0)?
        .into_iter()
        .map(|p| (Arc::from(p.id.as_str()), Arc::new(p)))
        .collect())
}

/// One member read afresh (None once deleted).
pub async fn load_person(db: &Db, key: &str) -> Result<Option<Person>, AppError> {
    Ok(load_changed(db, vec![key.to_string()])
        .await?
        .pop()
        .and_then(|(_, person)| person))
}

/// The members of `keys` as they are now, in one read; a key left out was deleted.
async fn load_changed(db: &Db, keys: Vec<String>) -> Result<Vec<(String, Option<Person>)>, AppError> {
    let mut resp = db
        .query(format!(
            "SELECT {PERSON_FIELDS} FROM array::map($keys, |$k| type::record('user', $k)) WHERE id != NONE"
        ))
        .bind(("keys", keys.clone()))
        .await?
        .check()?;
    let mut found: HashMap<String, Person> = rows::<Person>(&mut resp, 0)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    Ok(keys
        .into_iter()
        .map(|k| {
            let person = found.remove(&k);
            (k, person)
        })
        .collect())
}

/// The whole index, built on a blocking thread (a few hundred milliseconds
/// at 22,000 members): at start, once a day, after a mass change.
async fn build_all(db: &Db, versions: Versions) -> Result<Snapshot, AppError> {
    let persons = load_all(db).await?;
    tokio::task::spawn_blocking(move || {
        let snapshot = Snapshot::build(versions, persons);
        release_freed_memory();
        snapshot
    })
    .await
    .map_err(|err| {
        tracing::error!(error = %err, "the directory index could not be built");
        AppError::Internal
    })
}

/// The directory as of the database's current counters (see
/// `platform::snapshots`): a change is patched into the previous snapshot,
/// a new day or a first read builds the whole index.
pub async fn snapshot(db: &Db) -> Result<Arc<Snapshot>, AppError> {
    CACHE
        .get(db, |current, versions| async move {
            match current {
                Some(old) if old.day == today() && versions_cover(&versions, &old.versions) => {
                    refresh(db, &old, versions).await
                }
                _ => build_all(db, versions).await,
            }
        })
        .await
}

/// Reads again only the members stamped since `old`, in the shards that moved.
async fn refresh(db: &Db, old: &Snapshot, versions: Versions) -> Result<Snapshot, AppError> {
    let mut seen = old.versions;
    let mut keys = Vec::new();
    for shard in (0..SHARDS).filter(|&s| versions[s] > old.versions[s]) {
        let mut resp = db
            .query(
                "SELECT record::id(id) AS id, version FROM directory_change
                     WHERE shard = $shard AND version > $v",
            )
            .bind(("shard", format!("{shard:x}")))
            .bind(("v", old.versions[shard]))
            .await?
            .check()?;
        for change in rows::<ChangeRow>(&mut resp, 0)? {
            // Only as recent as the changes read: a later write is caught next time.
            seen[shard] = seen[shard].max(change.version);
            keys.push(change.id);
        }
        if keys.len() > MAX_INCREMENTAL {
            return build_all(db, versions).await;
        }
    }
    Ok(old.patched(seen, load_changed(db, keys).await?))
}
