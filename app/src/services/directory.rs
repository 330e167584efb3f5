//! The member directory: an in-memory index per process, per audience.
//!
//! Searching and counting facets over 22,000 members within a few
//! milliseconds is not something SurrealDB does by scanning rows, so each
//! process keeps a compact index of the members shown in the directory, one
//! per audience (members, board) with every member's visibility choices
//! already applied: a value hidden from an audience is simply absent from
//! that audience's index, so it cannot be shown, matched or counted.
//!
//! Freshness: every write to a `user` row bumps `directory_state:main.version`
//! and stamps the member in `directory_change` (a database event, in the same
//! transaction as the write). Each request reads that one record by id; when
//! the version moved, only the members changed since are read again. Several
//! processes sharing one database therefore stay correct.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::{first, rows, Db};
use crate::error::AppError;
use crate::models::directory::{
    hours_range, photo_url, seniority_range, Audience, DirectoryCard, DirectoryQuery, DirectoryResult, Facet,
    FacetValue, MemberPage, Profile, Visibility, DIRECTORY_SORTS, FACETS, HOURS_RANGES, SENIORITY_RANGES,
};
use crate::models::{CurrentUser, Page};

pub const PER_PAGE: u64 = 24;
/// Facets with open-ended values (free text) show their most frequent values only.
const MAX_OPEN_VALUES: usize = 50;
/// Past this many changed members, a full reload is cheaper than one read each.
const MAX_INCREMENTAL: usize = 200;

/// Every column the index needs, read the same way for a full load and for one member.
pub const PERSON_FIELDS: &str = "record::id(id) AS id, display_name, sort_name, email, active, in_directory,
    pronouns, region, country, local_group, member_since, domains, skills, profession,
    hours_per_month, open_to_missions, languages, contact_email, chat, phone, links, bio,
    board_only, private_fields, deletion_requested_at != NONE AS deletion_requested, photo_version";

/// One member, everything the portal holds for the directory (server side only).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Person {
    pub id: String,
    pub display_name: String,
    pub sort_name: String,
    pub email: String,
    pub active: bool,
    pub in_directory: bool,
    pub pronouns: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub local_group: Option<String>,
    pub member_since: Option<String>,
    pub domains: Vec<String>,
    pub skills: Vec<String>,
    pub profession: Option<String>,
    pub hours_per_month: Option<u32>,
    pub open_to_missions: bool,
    pub languages: Vec<String>,
    pub contact_email: Option<String>,
    pub chat: Option<String>,
    pub phone: Option<String>,
    pub links: Vec<String>,
    pub bio: Option<String>,
    pub board_only: Vec<String>,
    pub private_fields: Vec<String>,
    pub deletion_requested: bool,
    /// Set while the member has a photo (the bytes live in the `photo` table).
    pub photo_version: Option<i64>,
}

impl Person {
    pub fn visibility(&self, field: &str) -> Visibility {
        if self.private_fields.iter().any(|f| f == field) {
            Visibility::Private
        } else if self.board_only.iter().any(|f| f == field) {
            Visibility::Board
        } else {
            Visibility::Members
        }
    }

    fn photo_url(&self) -> Option<String> {
        self.photo_version.map(|v| photo_url(&self.id, v))
    }

    /// Whether `audience` may see this member's photo (the member always sees their own).
    pub fn photo_shown_to(&self, audience: Audience) -> bool {
        self.shown() && self.photo_version.is_some() && audience.sees(self.visibility("photo"))
    }

    fn shown(&self) -> bool {
        self.active && self.in_directory
    }

    /// `YYYY-MM-DD` of the stored datetime.
    fn since_date(&self) -> Option<String> {
        self.member_since
            .as_deref()
            .and_then(|d| d.get(0..10))
            .map(str::to_string)
    }

    /// The member's own view: everything, for the edit page.
    pub fn profile(&self) -> Profile {
        let mut visibility = std::collections::BTreeMap::new();
        for f in &self.board_only {
            visibility.insert(f.clone(), Visibility::Board);
        }
        for f in &self.private_fields {
            visibility.insert(f.clone(), Visibility::Private);
        }
        Profile {
            id: self.id.clone(),
            display_name: self.display_name.clone(),
            photo: self.photo_url(),
            account_email: self.email.clone(),
            pronouns: self.pronouns.clone().unwrap_or_default(),
            region: self.region.clone().unwrap_or_default(),
            country: self.country.clone().unwrap_or_default(),
            local_group: self.local_group.clone().unwrap_or_default(),
            member_since: self.since_date().unwrap_or_default(),
            domains: self.domains.clone(),
            skills: self.skills.clone(),
            profession: self.profession.clone().unwrap_or_default(),
            hours_per_month: self.hours_per_month,
            open_to_missions: self.open_to_missions,
            languages: self.languages.clone(),
            contact_email: self.contact_email.clone().unwrap_or_default(),
            chat: self.chat.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            links: self.links.clone(),
            bio: self.bio.clone().unwrap_or_default(),
            in_directory: self.in_directory,
            visibility,
            deletion_requested: self.deletion_requested,
        }
    }

    /// The card as `audience` may see it: hidden values are left out.
    pub fn card(&self, audience: Audience, today: i32) -> DirectoryCard {
        let sees = |field: &str| audience.sees(self.visibility(field));
        let opt = |field: &str, v: &Option<String>| v.clone().filter(|s| !s.is_empty() && sees(field));
        let list = |field: &str, v: &Vec<String>| if sees(field) { v.clone() } else { Vec::new() };
        let since = self.since_date().filter(|_| sees("member_since"));
        DirectoryCard {
            id: self.id.clone(),
            display_name: self.display_name.clone(),
            photo: self.photo_url().filter(|_| sees("photo")),
            pronouns: opt("pronouns", &self.pronouns),
            region: opt("region", &self.region),
            country: opt("region", &self.country),
            local_group: opt("local_group", &self.local_group),
            seniority_years: since.as_deref().and_then(|d| years_since(d, today)),
            member_since: since,
            domains: list("domains", &self.domains),
            skills: list("skills", &self.skills),
            profession: opt("profession", &self.profession),
            hours_per_month: self.hours_per_month.filter(|_| sees("availability")),
            open_to_missions: Some(self.open_to_missions).filter(|_| sees("availability")),
            languages: list("languages", &self.languages),
        }
    }

    /// Contact channels and bio as `audience` may see them.
    pub fn page(&self, audience: Audience, today: i32) -> MemberPage {
        let sees = |field: &str| audience.sees(self.visibility(field));
        let opt = |field: &str, v: &Option<String>| v.clone().filter(|s| !s.is_empty() && sees(field));
        MemberPage {
            card: self.card(audience, today),
            // The contact address, or the sign-in address when none was given.
            email: opt(
                "email",
                &self
                    .contact_email
                    .clone()
                    .filter(|e| !e.is_empty())
                    .or(Some(self.email.clone())),
            ),
            chat: opt("chat", &self.chat),
            phone: opt("phone", &self.phone),
            links: if sees("links") {
                self.links.clone()
            } else {
                Vec::new()
            },
            bio: opt("bio", &self.bio),
            missions: Vec::new(),
            is_self: false,
        }
    }

    /// The words the full-text search reads, as `audience` may see them:
    /// name, skills, profession and bio.
    fn words(&self, audience: Audience) -> Vec<String> {
        let sees = |field: &str| audience.sees(self.visibility(field));
        let mut text = self.display_name.clone();
        if sees("skills") {
            for s in &self.skills {
                text.push(' ');
                text.push_str(s);
            }
        }
        for (field, value) in [("profession", &self.profession), ("bio", &self.bio)] {
            if let Some(v) = value.as_ref().filter(|_| sees(field)) {
                text.push(' ');
                text.push_str(v);
            }
        }
        analyze(&text)
    }
}

// ----- Text -------------------------------------------------------------------

static STEMMER: LazyLock<rust_stemmers::Stemmer> =
    LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French));

/// Words too common to narrow a search.
const STOP_WORDS: [&str; 22] = [
    "a", "au", "aux", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour",
    "sur", "un", "une", "the", "of", "and",
];

/// French-aware terms of `text`: lower case, accents folded, stemmed
/// ("Développements" and "developpeur" share the stem "developp").
pub fn analyze(text: &str) -> Vec<String> {
    let folded = deunicode::deunicode(&text.to_lowercase());
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(|w| STEMMER.stem(w).into_owned())
        .collect()
}

// ----- Dates ------------------------------------------------------------------

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
pub fn parse_date(date: &str) -> Option<i32> {
    let mut parts = date.get(0..10)?.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let valid_day = d >= 1
        && d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            .get(m.wrapping_sub(1) as usize)
            .copied()?;
    if !(1900..=2200).contains(&y) || !valid_day || date.len() != 10 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // 29 February of a common year comes back as 1 March: refuse it.
    (days_from_civil(y, m, 1) + d as i32 - 1 == days && (m != 2 || d != 29 || is_leap(y))).then_some(days)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn today() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (secs / 86_400) as i32
}

/// Whole years from `date` to `today`.
fn years_since(date: &str, today: i32) -> Option<u32> {
    let days = parse_date(date)?;
    Some(((today - days).max(0) as f64 / 365.2425) as u32)
}

// ----- The index --------------------------------------------------------------

/// One member of one audience's index.
struct Entry {
    card: DirectoryCard,
    since_days: Option<i32>,
    /// Interned values per facet (in `FACETS` order).
    facets: [Vec<u16>; FACETS.len()],
    /// Sorted ids into the snapshot's term dictionary.
    terms: Vec<u32>,
}

/// One audience's index: members in name order.
struct View {
    entries: Vec<Entry>,
    /// Per facet, the values met (interned by position).
    values: [Vec<String>; FACETS.len()],
}

/// Everything a process knows of the directory at one version.
pub struct Snapshot {
    pub version: i64,
    day: i32,
    /// By record key; `Arc` so that a small change copies pointers, not members.
    persons: HashMap<String, Arc<Person>>,
    terms_by_person: HashMap<String, [Arc<Vec<String>>; 2]>,
    /// Sorted, for prefix ranges.
    dictionary: Vec<String>,
    members: View,
    board: View,
}

impl Snapshot {
    fn view(&self, audience: Audience) -> &View {
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

    fn build(version: i64, persons: HashMap<String, Arc<Person>>, old: Option<&Snapshot>) -> Snapshot {
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
    fn prefix_range(&self, prefix: &str) -> (u32, u32) {
        let lo = self.dictionary.partition_point(|t| t.as_str() < prefix);
        let hi = lo + self.dictionary[lo..].partition_point(|t| t.starts_with(prefix));
        (lo as u32, hi as u32)
    }
}

impl View {
    fn build(
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
struct StateRow {
    version: i64,
    instance: String,
}

#[derive(Deserialize)]
struct ChangeRow {
    id: String,
    version: i64,
}

/// Snapshots by database instance (tests run many databases in one process).
static CACHE: LazyLock<tokio::sync::Mutex<HashMap<String, Arc<Snapshot>>>> =
    LazyLock::new(|| tokio::sync::Mutex::new(HashMap::new()));

async fn state(db: &Db) -> Result<StateRow, AppError> {
    let mut resp = db
        .query("SELECT version, instance FROM directory_state:main")
        .await?
        .check()?;
    first::<StateRow>(&mut resp, 0)?.ok_or_else(|| {
        tracing::error!("directory_state:main is missing (migration 0007 not applied?)");
        AppError::Internal
    })
}

async fn load_all(db: &Db) -> Result<HashMap<String, Arc<Person>>, AppError> {
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
async fn refresh(db: &Db, old: &Snapshot, version: i64) -> Result<Snapshot, AppError> {
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

// ----- Searching --------------------------------------------------------------

/// Which index a signed-in account reads.
pub fn audience_of(user: &CurrentUser) -> Audience {
    if user.has(crate::models::Role::Board) {
        Audience::Board
    } else {
        Audience::Members
    }
}

/// Checks a query's shape: bounded text, known sort, known ranges.
pub fn check_query(query: &DirectoryQuery) -> Result<(), AppError> {
    if query.text.chars().count() > 200 {
        return Err(AppError::field("text", "too_long", "200 caractères au plus."));
    }
    if !query.sort.is_empty() && !DIRECTORY_SORTS.contains(&query.sort.as_str()) {
        return Err(AppError::field("sort", "unknown", "Tri inconnu."));
    }
    let too_many = FACETS.iter().any(|f| query.selected(f).len() > 50);
    if too_many {
        return Err(AppError::field(
            "filters",
            "too_many",
            "50 valeurs au plus par filtre.",
        ));
    }
    Ok(())
}

/// The members of `audience`'s index matching `query`, in the order asked,
/// and the facet counts of the selection.
struct Selection<'a> {
    view: &'a View,
    hits: Vec<u32>,
    counts: [Vec<u64>; FACETS.len()],
}

fn select<'a>(snap: &'a Snapshot, audience: Audience, query: &DirectoryQuery) -> Selection<'a> {
    let view = snap.view(audience);
    let mut counts: [Vec<u64>; FACETS.len()] = Default::default();
    for (f, c) in counts.iter_mut().enumerate() {
        *c = vec![0; view.values[f].len()];
    }
    // Each word of the text must match a term; the words are prefixes (as you type).
    let ranges: Vec<(u32, u32)> = analyze(&query.text)
        .iter()
        .map(|w| snap.prefix_range(w))
        .collect();
    if ranges.iter().any(|(lo, hi)| lo == hi) {
        return Selection {
            view,
            hits: Vec::new(),
            counts,
        };
    }
    // Per facet, the selected values (None: no filter). An unknown value selects nobody.
    let selected: Vec<Option<Vec<bool>>> = FACETS
        .iter()
        .enumerate()
        .map(|(f, name)| {
            let wanted = query.selected(name);
            (!wanted.is_empty()).then(|| view.values[f].iter().map(|v| wanted.contains(v)).collect())
        })
        .collect();
    let mut hits = Vec::new();
    for (i, e) in view.entries.iter().enumerate() {
        let text_ok = ranges.iter().all(|&(lo, hi)| {
            let at = e.terms.partition_point(|&t| t < lo);
            e.terms.get(at).is_some_and(|&t| t < hi)
        });
        if !text_ok {
            continue;
        }
        // A member failing exactly one filter still counts in that filter's
        // values: each facet shows what choosing one of its values would give.
        let mut failed = None;
        let mut fails = 0;
        for (f, sel) in selected.iter().enumerate() {
            if let Some(sel) = sel {
                if !e.facets[f].iter().any(|&v| sel[v as usize]) {
                    fails += 1;
                    failed = Some(f);
                    if fails > 1 {
                        break;
                    }
                }
            }
        }
        match (fails, failed) {
            (0, _) => {
                hits.push(i as u32);
                for (f, vals) in e.facets.iter().enumerate() {
                    for &v in vals {
                        counts[f][v as usize] += 1;
                    }
                }
            }
            (1, Some(f)) => {
                for &v in &e.facets[f] {
                    counts[f][v as usize] += 1;
                }
            }
            _ => {}
        }
    }
    // Entries are in name order; other orders sort the hits, unknown dates last.
    let key = |i: &u32| view.entries[*i as usize].since_days;
    match query.sort.as_str() {
        "seniority" => hits.sort_by_key(|i| key(i).unwrap_or(i32::MAX)),
        "recent" => hits.sort_by_key(|i| std::cmp::Reverse(key(i).unwrap_or(i32::MIN))),
        _ => {}
    }
    Selection { view, hits, counts }
}

fn facets(sel: &Selection, query: &DirectoryQuery) -> Vec<Facet> {
    FACETS
        .iter()
        .enumerate()
        .map(|(f, name)| {
            let wanted = query.selected(name);
            let mut values: Vec<FacetValue> = sel.view.values[f]
                .iter()
                .zip(&sel.counts[f])
                .filter(|(v, &count)| count > 0 || wanted.contains(v))
                .map(|(v, &count)| FacetValue {
                    value: v.clone(),
                    count,
                    selected: wanted.contains(v),
                })
                .collect();
            // A selected value nobody visible has still shows, to be unselected.
            for w in &wanted {
                if !values.iter().any(|v| &v.value == w) {
                    values.push(FacetValue {
                        value: w.clone(),
                        count: 0,
                        selected: true,
                    });
                }
            }
            let fixed_order: Option<&[&str]> = match *name {
                "seniority" => Some(&SENIORITY_RANGES),
                "hours" => Some(&HOURS_RANGES),
                _ => None,
            };
            match fixed_order {
                Some(order) => values.sort_by_key(|v| order.iter().position(|o| *o == v.value)),
                None => values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))),
            }
            if matches!(*name, "local_group" | "skill") {
                let mut kept = 0;
                values.retain(|v| {
                    kept += 1;
                    kept <= MAX_OPEN_VALUES || v.selected
                });
            }
            Facet {
                name: name.to_string(),
                values,
            }
        })
        .collect()
}

/// One page of the directory with its facet counts, as `audience` may see it.
pub fn search_in(snap: &Snapshot, audience: Audience, query: &DirectoryQuery) -> DirectoryResult {
    let sel = select(snap, audience, query);
    let cards = sel
        .hits
        .iter()
        .map(|&i| sel.view.entries[i as usize].card.clone());
    let Page {
        items,
        total,
        page,
        per_page,
    } = Page::slice(cards, query.page, PER_PAGE);
    DirectoryResult {
        items,
        total,
        page,
        per_page,
        facets: facets(&sel, query),
    }
}

pub async fn search(
    db: &Db,
    audience: Audience,
    query: &DirectoryQuery,
) -> Result<DirectoryResult, AppError> {
    check_query(query)?;
    let snap = snapshot(db).await?;
    Ok(search_in(&snap, audience, query))
}

/// Every member of the selection (for exports), in the order asked.
pub fn selection_in<'a>(snap: &'a Snapshot, audience: Audience, query: &DirectoryQuery) -> Vec<&'a Person> {
    let sel = select(snap, audience, query);
    sel.hits
        .iter()
        .filter_map(|&i| snap.person(&sel.view.entries[i as usize].card.id))
        .collect()
}

/// A member's page as `viewer` may see it; members who left the directory
/// are not found, except by themselves.
pub async fn member_page(db: &Db, viewer: &CurrentUser, key: &str) -> Result<MemberPage, AppError> {
    super::check_key(key)?;
    let snap = snapshot(db).await?;
    let person = snap.person(key).ok_or(AppError::NotFound)?;
    let is_self = viewer.id == key;
    if !is_self && !person.shown() {
        return Err(AppError::NotFound);
    }
    let mut page = person.page(audience_of(viewer), snap.day);
    page.is_self = is_self;
    page.missions = missions_of(db, key, &person.display_name).await?;
    Ok(page)
}

/// The missions a member takes part in, among those every member sees
/// (approved, active, completed): in their team (an accepted application),
/// as a pilot or referent, or named so in the card's own words.
async fn missions_of(db: &Db, key: &str, name: &str) -> Result<Vec<(String, String)>, AppError> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        title: String,
    }
    let mut resp = db
        .query(
            "LET $u = type::record('user', $key);
             LET $team = SELECT VALUE mission FROM mission_application WHERE member = $u AND status = 'accepted';
             SELECT record::id(id) AS id, title FROM mission
                 WHERE status IN ['approved', 'active', 'completed'] AND (
                    id IN $team OR pilot_users CONTAINS $u OR referent_user = $u
                    OR string::contains(pilots, $name) OR string::contains(board_referent, $name)
                    OR string::contains(tsp_referent, $name))
                 ORDER BY title",
        )
        .bind(("key", key.to_string()))
        .bind(("name", name.to_string()))
        .await?
        .check()?;
    Ok(rows::<Row>(&mut resp, 2)?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect())
}

// ----- Exports ----------------------------------------------------------------

/// The columns of the CSV export (and of the import).
pub const CSV_COLUMNS: [&str; 17] = [
    "nom",
    "pronoms",
    "region",
    "pays",
    "groupe_local",
    "membre_depuis",
    "domaines",
    "competences",
    "profession",
    "heures_par_mois",
    "ouvert_aux_missions",
    "langues",
    "email",
    "messagerie",
    "telephone",
    "liens",
    "bio",
];

/// What `audience` may see of `p`, one value per CSV column.
fn export_values(p: &Person, audience: Audience) -> [String; 17] {
    let page = p.page(audience, today());
    let c = &page.card;
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        c.display_name.clone(),
        s(&c.pronouns),
        s(&c.region),
        s(&c.country),
        s(&c.local_group),
        s(&c.member_since),
        c.domains.join("; "),
        c.skills.join("; "),
        s(&c.profession),
        c.hours_per_month.map(|h| h.to_string()).unwrap_or_default(),
        match c.open_to_missions {
            Some(true) => "oui".into(),
            Some(false) => "non".into(),
            None => String::new(),
        },
        c.languages.join("; "),
        s(&page.email),
        s(&page.chat),
        s(&page.phone),
        page.links.join(" "),
        s(&page.bio),
    ]
}

/// A spreadsheet must not run a cell as a formula.
fn defuse(value: String) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value
    }
}

pub fn to_csv(persons: &[&Person], audience: Audience) -> Result<String, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |err: csv::Error| {
        tracing::error!(error = %err, "csv export");
        AppError::Internal
    };
    out.write_record(CSV_COLUMNS).map_err(fail)?;
    for p in persons {
        out.write_record(export_values(p, audience).map(defuse))
            .map_err(fail)?;
    }
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// vCard 3.0 text escaping.
fn vcard_escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// One vCard per member (Outlook and address books read vCard 3.0).
pub fn to_vcard(persons: &[&Person], audience: Audience) -> String {
    let mut out = String::new();
    for p in persons {
        let page = p.page(audience, today());
        let c = &page.card;
        let mut line = |l: String| {
            out.push_str(&l);
            out.push_str("\r\n");
        };
        line("BEGIN:VCARD".into());
        line("VERSION:3.0".into());
        line(format!("FN:{}", vcard_escape(&c.display_name)));
        let (first, last) = c.display_name.split_once(' ').unwrap_or((&c.display_name, ""));
        line(format!("N:{};{};;;", vcard_escape(last), vcard_escape(first)));
        line("ORG:The Shifters".into());
        if let Some(t) = &c.profession {
            line(format!("TITLE:{}", vcard_escape(t)));
        }
        if let Some(e) = &page.email {
            line(format!("EMAIL;TYPE=INTERNET:{}", vcard_escape(e)));
        }
        if let Some(t) = &page.phone {
            line(format!("TEL;TYPE=CELL:{}", vcard_escape(t)));
        }
        for url in &page.links {
            line(format!("URL:{}", vcard_escape(url)));
        }
        if c.region.is_some() || c.local_group.is_some() {
            let s = |v: &Option<String>| vcard_escape(v.as_deref().unwrap_or(""));
            line(format!(
                "ADR;TYPE=HOME:;;;{};{};;{}",
                s(&c.local_group),
                s(&c.region),
                s(&c.country)
            ));
        }
        if !c.domains.is_empty() {
            let cats: Vec<String> = c.domains.iter().map(|d| vcard_escape(d)).collect();
            line(format!("CATEGORIES:{}", cats.join(",")));
        }
        if !c.skills.is_empty() {
            line(format!("NOTE:{}", vcard_escape(&c.skills.join(", "))));
        }
        line(format!("UID:urn:shifters:{}", c.id));
        line("END:VCARD".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_terms_fold_accents_and_plurals() {
        assert_eq!(analyze("Développements"), analyze("developpement"));
        assert!(analyze("Gestion de projet").len() == 2);
        let dev = analyze("développeuses")[0].clone();
        assert!(dev.starts_with(&analyze("développements")[0]), "{dev}");
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("hier"), None);
        assert_eq!(
            years_since("2020-01-01", parse_date("2026-01-02").unwrap()),
            Some(6)
        );
    }
}
