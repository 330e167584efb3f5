//! The needs register as read: the lines with their support counts, search
//! and paging, similar titles, the categories, one need in full.

use std::sync::Arc;

use serde::Deserialize;

use crate::needs::services::architecture;
use crate::platform::said::said;

use super::changes::{may_edit, only, state};
use super::lines::{self, Lines};
use crate::accounts::model::CurrentUser;
use crate::needs::model::{
    allowed_targets, NeedCategory, NeedComment, NeedDetail, NeedEvent, NeedItem, NeedQuery, NeedRef,
    SolutionRef, NEEDS_PER_PAGE,
};
use crate::needs::model::{NeedOrigin, NeedPriority, NeedSort, NeedStatus};
use crate::needs::services::architecture::Catalogue;
use crate::platform::codes::Urgency;
use crate::platform::db::{count, rows, Db};
use crate::platform::error::{check_code, check_text, validated, AppError, FieldError};
use crate::platform::page::Page;
use crate::platform::text::typed;

/// The fields of a register line, as selected from `need`.
pub(super) const LINE_FIELDS: &str =
    "record::id(id) AS id, title, origin, origin_name, category, priority, status,
    urgency, people_affected, current_tool, gap, <string> created_at AS created_at";
/// One need's support count, as a field (the register counts every need's
/// supports in one grouped query instead, see `lines`).
pub(super) const SUPPORT_COUNT_FIELD: &str =
    "count((SELECT VALUE id FROM need_support WHERE need = $parent.id)) AS support_count";

#[derive(Debug, Deserialize)]
pub(super) struct ItemRow {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) origin: NeedOrigin,
    pub(super) origin_name: String,
    pub(super) category: String,
    pub(super) priority: NeedPriority,
    pub(super) status: NeedStatus,
    pub(super) urgency: Urgency,
    pub(super) people_affected: u64,
    pub(super) current_tool: String,
    pub(super) gap: String,
    #[serde(default)]
    pub(super) support_count: u64,
    pub(super) created_at: String,
}

impl From<ItemRow> for NeedItem {
    fn from(r: ItemRow) -> Self {
        NeedItem {
            id: r.id,
            title: r.title,
            origin: r.origin,
            origin_name: r.origin_name,
            category: r.category,
            priority: r.priority,
            status: r.status,
            urgency: r.urgency,
            people_affected: r.people_affected,
            current_tool: r.current_tool,
            gap: r.gap,
            support_count: r.support_count,
            created_at: r.created_at,
        }
    }
}

/// Keeps a filter only when it is one of `allowed` (an unknown code is a
/// field error, an empty one means "all").
pub(super) fn filter_code<'a>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &'a Option<String>,
    allowed: &[&str],
) -> Option<&'a str> {
    let value = value.as_deref().filter(|v| !v.is_empty())?;
    check_code(errors, field, value, allowed);
    Some(value)
}

/// The lines of the register `query` keeps, in its order, read from the
/// register in memory (`lines`). Merged needs are left out.
async fn matching(db: &Db, query: &NeedQuery) -> Result<(Arc<Lines>, Vec<usize>), AppError> {
    // The categories are read only to check a category filter.
    let codes = match query.category.as_deref() {
        Some(c) if !c.is_empty() => category_codes(db).await?,
        _ => Vec::new(),
    };
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let mut errors = Vec::new();
    let text = query.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = text {
        check_text(&mut errors, "text", t, false, 200);
    }
    let status = filter_code(&mut errors, "status", &query.status, NeedStatus::CODES);
    let origin = filter_code(&mut errors, "origin", &query.origin, NeedOrigin::CODES);
    let category = filter_code(&mut errors, "category", &query.category, &codes);
    let priority = filter_code(&mut errors, "priority", &query.priority, NeedPriority::CODES);
    let urgency = filter_code(&mut errors, "urgency", &query.urgency, Urgency::CODES);
    let sort = filter_code(&mut errors, "sort", &query.sort, NeedSort::CODES)
        .and_then(NeedSort::from_code)
        .unwrap_or(NeedSort::Priority);
    validated(errors)?;

    let typed = text.map(typed).unwrap_or_default();
    let lines = lines::lines(db).await?;
    let is = |wanted: Option<&str>, value: &str| wanted.is_none_or(|w| w == value);
    let hits = lines.matching(sort, &typed, |n| {
        is(status, n.status.code())
            && is(origin, n.origin.code())
            && is(category, &n.category)
            && is(priority, n.priority.code())
            && is(urgency, n.urgency.code())
    });
    Ok((lines, hits))
}

/// The register, filtered and sorted by priority (then support), by
/// support, or newest first.
pub async fn search(db: &Db, query: &NeedQuery) -> Result<Vec<NeedItem>, AppError> {
    let (lines, hits) = matching(db, query).await?;
    Ok(hits.into_iter().map(|at| lines.item(at).clone()).collect())
}

/// One page of the register (from 1; past the end, the last), filtered and sorted.
pub async fn register(db: &Db, query: &NeedQuery, page: u64) -> Result<Page<NeedItem>, AppError> {
    if page == 0 {
        return Err(AppError::field(
            "page",
            "invalid",
            &said("Les pages commencent à 1.", "Pages start at 1."),
        ));
    }
    let (lines, hits) = matching(db, query).await?;
    // Only the page's lines are copied.
    Ok(Page::slice(
        hits.into_iter().map(|at| lines.item(at).clone()),
        page,
        NEEDS_PER_PAGE,
    ))
}

/// The register, filtered and sorted, in its shortest form (the choosers:
/// 2,000 full lines would weigh some 700 KB).
pub async fn choices(db: &Db, query: &NeedQuery) -> Result<Vec<NeedRef>, AppError> {
    let (lines, hits) = matching(db, query).await?;
    Ok(hits
        .into_iter()
        .map(|at| {
            let n = lines.item(at);
            NeedRef {
                id: n.id.clone(),
                title: n.title.clone(),
                status: n.status,
            }
        })
        .collect())
}

/// Existing needs close to what is being typed (full-text, any word), so
/// that a member supports one rather than recording it twice.
pub async fn similar(db: &Db, text: &str) -> Result<Vec<NeedRef>, AppError> {
    let text = text.trim();
    if text.chars().count() < 3 {
        return Ok(Vec::new());
    }
    let mut errors = Vec::new();
    check_text(&mut errors, "text", text, false, 200);
    validated(errors)?;
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, title, status, search::score(1) AS score FROM need
                 WHERE merged_into = NONE AND search_text @1,OR@ $text ORDER BY score DESC LIMIT 5",
        )
        .bind(("text", text.to_string()))
        .await?
        .check()?;
    rows(&mut resp, 0)
}

/// The active categories, in their order.
pub async fn categories(db: &Db) -> Result<Vec<NeedCategory>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS code, label_fr, label_en, position, active FROM need_category
                 ORDER BY position ASC, code ASC",
        )
        .await?
        .check()?;
    rows(&mut resp, 0)
}

pub(super) async fn category_codes(db: &Db) -> Result<Vec<String>, AppError> {
    Ok(categories(db).await?.into_iter().map(|c| c.code).collect())
}

/// Adds a category or changes one (the code is its key and never changes).
pub async fn save_category(db: &Db, category: &NeedCategory) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let code_ok = !category.code.is_empty()
        && category.code.len() <= 40
        && category.code.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    if !code_ok {
        errors.push(FieldError {
            field: "code".into(),
            code: "invalid".into(),
            message: said(
                "Lettres minuscules sans accent et « _ » seulement (40 au plus).",
                "Lower-case letters without accents and \"_\" only (40 at most).",
            ),
        });
    }
    check_text(&mut errors, "label_fr", &category.label_fr, true, 80);
    check_text(&mut errors, "label_en", &category.label_en, true, 80);
    validated(errors)?;
    db.query(
        "UPSERT type::record('need_category', $code) SET label_fr = $fr, label_en = $en,
             position = $position, active = $active",
    )
    .bind(("code", category.code.clone()))
    .bind(("fr", category.label_fr.trim().to_string()))
    .bind(("en", category.label_en.trim().to_string()))
    .bind(("position", category.position))
    .bind(("active", category.active))
    .await?
    .check()?;
    Ok(())
}

#[derive(Debug, Deserialize)]
pub(super) struct DetailRow {
    #[serde(flatten)]
    pub(super) item: ItemRow,
    pub(super) description: String,
    pub(super) raised_by_name: Option<String>,
    pub(super) merged_into: Option<NeedRef>,
    #[serde(default)]
    pub(super) version: i64,
}

/// A need with its discussion, history, solutions and consistency flags,
/// as `viewer` may act on it.
pub async fn get(db: &Db, viewer: &CurrentUser, id: &str) -> Result<NeedDetail, AppError> {
    let current = state(db, id).await?;
    let mut resp = db
        .query(format!(
            "LET $n = type::record('need', $id);
             SELECT {LINE_FIELDS}, {SUPPORT_COUNT_FIELD}, description, version, raised_by.display_name AS raised_by_name,
                 (IF merged_into = NONE {{ NONE }} ELSE {{
                     {{ id: record::id(merged_into), title: merged_into.title, status: merged_into.status }}
                 }}) AS merged_into
                 FROM ONLY $n;
             SELECT count() AS n FROM need_support WHERE need = $n AND user = type::record('user', $user) GROUP ALL;
             SELECT (IF author != NONE THEN author.display_name ELSE author_name END) AS author_name,
                 body, <string> at AS at FROM need_comment WHERE need = $n ORDER BY at ASC;
             SELECT (IF actor != NONE THEN actor.display_name ELSE actor_name END) AS actor_name,
                 action, from_status, to_status, note, <string> at AS at
                 FROM need_history WHERE need = $n ORDER BY at ASC;
             SELECT record::id(id) AS id, title, status FROM solution WHERE needs CONTAINS $n ORDER BY created_at ASC;
             SELECT record::id(id) AS id, title, status FROM need WHERE merged_into = $n;"
        ))
        .bind(("id", id.to_string()))
        .bind(("user", viewer.id.clone()))
        .await?
        .check()?;
    let row: DetailRow = only(&mut resp, 1)?.ok_or(AppError::NotFound)?;
    let supported_by_me = count(&mut resp, 2)? > 0;
    let comments: Vec<NeedComment> = rows(&mut resp, 3)?;
    let history: Vec<NeedEvent> = rows(&mut resp, 4)?;
    let solutions: Vec<SolutionRef> = rows(&mut resp, 5)?;
    let merged_from: Vec<NeedRef> = rows(&mut resp, 6)?;
    let catalogue = Catalogue::load(db).await?;
    let flags = catalogue.check_tools(
        &architecture::tool_names(&row.item.current_tool),
        &[&row.item.category],
    );
    let transitions = if current.merged {
        Vec::new()
    } else {
        allowed_targets(current.status, &viewer.roles)
    };
    Ok(NeedDetail {
        version: row.version,
        description: row.description,
        raised_by: row.raised_by_name.unwrap_or_default(),
        supported_by_me,
        transitions,
        can_edit: !current.merged && may_edit(viewer, &current),
        merged_into: row.merged_into,
        merged_from,
        comments,
        history,
        solutions,
        flags,
        need: row.item.into(),
    })
}
