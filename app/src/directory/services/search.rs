//! Searching the index: the query's checks, the selection, the facets, a
//! member's page.

use serde::Deserialize;

use super::index::{snapshot, Snapshot, View};
use super::person::{MAX_OPEN_VALUES, PER_PAGE};
use crate::accounts::model::CurrentUser;
use crate::directory::model::{
    Audience, DirectoryQuery, DirectoryResult, Facet, FacetValue, MemberPage, DIRECTORY_SORTS, FACETS,
    HOURS_RANGES, SENIORITY_RANGES,
};
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::page::Page;
use crate::platform::said::said;
use crate::platform::text::typed;

// ----- Searching --------------------------------------------------------------

/// Which index a signed-in account reads.
pub fn audience_of(user: &CurrentUser) -> Audience {
    if user.has(crate::accounts::model::Role::Board) {
        Audience::Board
    } else {
        Audience::Members
    }
}

/// Checks a query's shape: bounded text, known sort, known ranges.
pub fn check_query(query: &DirectoryQuery) -> Result<(), AppError> {
    if query.text.chars().count() > 200 {
        return Err(AppError::field(
            "text",
            "too_long",
            &said("200 caractères au plus.", "200 characters at most."),
        ));
    }
    if !query.sort.is_empty() && !DIRECTORY_SORTS.contains(&query.sort.as_str()) {
        return Err(AppError::field(
            "sort",
            "unknown",
            &said("Tri inconnu.", "Unknown sort."),
        ));
    }
    let too_many = FACETS.iter().any(|f| query.selected(f).len() > 50);
    if too_many {
        return Err(AppError::field(
            "filters",
            "too_many",
            &said("50 valeurs au plus par filtre.", "50 values at most per filter."),
        ));
    }
    Ok(())
}

/// The members of `audience`'s index matching `query`, in the order asked,
/// and the facet counts of the selection.
pub(super) struct Selection<'a> {
    pub(super) view: &'a View,
    pub(super) hits: Vec<u32>,
    pub(super) counts: [Vec<u64>; FACETS.len()],
}

pub(super) fn select<'a>(snap: &'a Snapshot, audience: Audience, query: &DirectoryQuery) -> Selection<'a> {
    let view = snap.view(audience);
    let mut counts: [Vec<u64>; FACETS.len()] = Default::default();
    for (f, c) in counts.iter_mut().enumerate() {
        *c = vec![0; view.values.names[f].len()];
    }
    // Each word of the text must match a term; the words are prefixes (as you type).
    let words: Vec<Words> = typed(&query.text)
        .iter()
        .map(|w| {
            let [word, stem] = w.prefixes().map(|p| snap.dictionary.starting_with(p));
            let mut ids = [word, stem].concat();
            ids.sort_unstable();
            ids.dedup();
            Words::new(&ids, snap.dictionary.len())
        })
        .collect();
    if words.iter().any(Words::is_empty) {
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
            (!wanted.is_empty()).then(|| view.values.names[f].iter().map(|v| wanted.contains(v)).collect())
        })
        .collect();
    // The scan walks the entries in their own (name) order, where memory is
    // read in sequence; another order is applied to the hits afterwards.
    let mut hits = Vec::new();
    for (i, e) in view.entries.iter().enumerate() {
        let i = i as u32;
        if !words.iter().all(|w| w.any_in(&e.terms)) {
            continue;
        }
        // A member failing exactly one filter still counts in that filter's
        // values: each facet shows what choosing one of its values would give.
        let mut failed = None;
        let mut fails = 0;
        for (f, sel) in selected.iter().enumerate() {
            if let Some(sel) = sel {
                if !e.facets.of(f).iter().any(|&v| sel[v as usize]) {
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
                hits.push(i);
                for (f, vals) in e.facets.each().enumerate() {
                    for &v in vals {
                        counts[f][v as usize] += 1;
                    }
                }
            }
            (1, Some(f)) => {
                for &v in e.facets.of(f) {
                    counts[f][v as usize] += 1;
                }
            }
            _ => {}
        }
    }
    let order = match query.sort.as_str() {
        "seniority" => Some(&view.by_seniority),
        "recent" => Some(&view.by_recent),
        _ => None,
    };
    if let Some(order) = order {
        let mut hit = vec![false; view.entries.len()];
        for &i in &hits {
            hit[i as usize] = true;
        }
        hits = order.iter().copied().filter(|&i| hit[i as usize]).collect();
    }
    Selection { view, hits, counts }
}

/// The dictionary's terms one word of the query matches: a few ids, or a
/// bit per term when a short prefix matches many.
enum Words {
    Few(Vec<u32>),
    Many(Vec<u64>),
}

impl Words {
    fn new(ids: &[u32], dictionary_len: usize) -> Words {
        if ids.len() <= 8 {
            let mut few = ids.to_vec();
            few.sort_unstable();
            return Words::Few(few);
        }
        let mut bits = vec![0u64; dictionary_len.div_ceil(64)];
        for &id in ids {
            bits[id as usize / 64] |= 1 << (id % 64);
        }
        Words::Many(bits)
    }

    fn is_empty(&self) -> bool {
        matches!(self, Words::Few(few) if few.is_empty())
    }

    /// Whether a member's sorted term ids hold one of these.
    fn any_in(&self, terms: &[u32]) -> bool {
        match self {
            Words::Few(few) => few.iter().any(|id| terms.binary_search(id).is_ok()),
            Words::Many(bits) => terms
                .iter()
                .any(|&t| bits[t as usize / 64] & (1 << (t % 64)) != 0),
        }
    }
}

pub(super) fn facets(sel: &Selection, query: &DirectoryQuery) -> Vec<Facet> {
    FACETS
        .iter()
        .enumerate()
        .map(|(f, name)| {
            let wanted = query.selected(name);
            let mut values: Vec<FacetValue> = sel.view.values.names[f]
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
    // Only the page's cards are made: a deep page costs what the first does.
    let Page {
        items,
        total,
        page,
        per_page,
    } = Page::slice(sel.hits.iter(), query.page, PER_PAGE);
    DirectoryResult {
        items: items
            .into_iter()
            .map(|&i| sel.view.entries[i as usize].person.card(audience, snap.day))
            .collect(),
        total,
        page,
        per_page,
        facets: facets(&sel, query),
        export_reserved: false,
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

/// A member's page as `viewer` may see it; members who left the directory
/// are not found, except by themselves.
pub async fn member_page(db: &Db, viewer: &CurrentUser, key: &str) -> Result<MemberPage, AppError> {
    crate::platform::db::check_key(key)?;
    let snap = snapshot(db).await?;
    let person = snap.person(key).ok_or(AppError::NotFound)?;
    let is_self = viewer.id == key;
    if !is_self && !person.shown() {
        return Err(AppError::NotFound);
    }
    let mut page = person.page(audience_of(viewer), snap.day);
    page.is_self = is_self;
    page.missions = missions_of(db, key).await?;
    Ok(page)
}

/// The missions a member takes part in, among those every member sees
/// (approved, active, completed): in their team (an accepted application),
/// as a pilot or as board referent. Accounts only, never names in the
/// card's text: two members of one name are two people.
pub(super) async fn missions_of(db: &Db, key: &str) -> Result<Vec<(String, String)>, AppError> {
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
                    id IN $team OR pilot_users CONTAINS $u OR referent_user = $u)
                 ORDER BY title",
        )
        .bind(("key", key.to_string()))
        .await?
        .check()?;
    Ok(rows::<Row>(&mut resp, 2)?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect())
}
