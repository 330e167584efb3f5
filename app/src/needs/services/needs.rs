//! The needs register: recording, searching, supporting, discussing, moving
//! through the statuses, merging, exporting, counting.

use serde::Deserialize;

use crate::needs::services::architecture;

use crate::accounts::model::{CurrentUser, Role};
use crate::needs::model::{
    allowed_targets, ExportFile, NeedCategory, NeedComment, NeedDetail, NeedEvent, NeedInput, NeedItem,
    NeedQuery, NeedRef, NeedsDashboard, SolutionRef, DECISION_STATUSES, EXPORT_FORMATS, NEEDS_PER_PAGE,
    NEED_SORTS, NEED_TRANSITIONS, NEED_URGENCIES,
};
use crate::needs::model::{NeedSummary, NEED_ORIGINS, NEED_PRIORITIES, NEED_STATUSES};
use crate::needs::services::architecture::Catalogue;
use crate::platform::db::{check_key, count, rows, Db};
use crate::platform::error::{check_code, check_text, validated, AppError, FieldError};
use crate::platform::page::Page;

/// The fields of a register line, as selected from `need`.
const LINE_FIELDS: &str = "record::id(id) AS id, title, origin, origin_name, category, priority, status,
    urgency, people_affected, current_tool, gap, <string> created_at AS created_at";
/// One need's support count, as a field (the register counts every need's
/// supports in one grouped query instead).
const SUPPORT_COUNT_FIELD: &str =
    "count((SELECT VALUE id FROM need_support WHERE need = $parent.id)) AS support_count";

#[derive(Debug, Deserialize)]
struct SupportCount {
    need: String,
    supports: u64,
}

#[derive(Debug, Deserialize)]
struct ItemRow {
    id: String,
    title: String,
    origin: String,
    origin_name: String,
    category: String,
    priority: String,
    status: String,
    urgency: String,
    people_affected: u64,
    current_tool: String,
    gap: String,
    #[serde(default)]
    support_count: u64,
    created_at: String,
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

fn rank(list: &[&str], code: &str) -> usize {
    list.iter().position(|x| *x == code).unwrap_or(list.len())
}

/// Keeps a filter only when it is one of `allowed` (an unknown code is a
/// field error, an empty one means "all").
fn filter_code<'a>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &'a Option<String>,
    allowed: &[&str],
) -> Option<&'a str> {
    let value = value.as_deref().filter(|v| !v.is_empty())?;
    check_code(errors, field, value, allowed);
    Some(value)
}

/// The register, filtered on the database, sorted by priority (then
/// support), by support, or newest first. Merged needs are left out.
pub async fn search(db: &Db, query: &NeedQuery) -> Result<Vec<NeedItem>, AppError> {
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
    let filters = [
        (
            "status",
            filter_code(&mut errors, "status", &query.status, &NEED_STATUSES),
        ),
        (
            "origin",
            filter_code(&mut errors, "origin", &query.origin, &NEED_ORIGINS),
        ),
        (
            "category",
            filter_code(&mut errors, "category", &query.category, &codes),
        ),
        (
            "priority",
            filter_code(&mut errors, "priority", &query.priority, &NEED_PRIORITIES),
        ),
        (
            "urgency",
            filter_code(&mut errors, "urgency", &query.urgency, &NEED_URGENCIES),
        ),
    ];
    let sort = filter_code(&mut errors, "sort", &query.sort, &NEED_SORTS).unwrap_or("priority");
    validated(errors)?;

    // Only fixed fragments are assembled; every value is bound.
    let mut filter = String::from("merged_into = NONE");
    for (field, value) in &filters {
        if value.is_some() {
            filter.push_str(&format!(" AND {field} = ${field}"));
        }
    }
    if text.is_some() {
        filter.push_str(" AND search_text @@ $text");
    }
    // One subquery per line would cost far more than one grouped count.
    let mut resp = db
        .query(format!("SELECT {LINE_FIELDS} FROM need WHERE {filter}"))
        .query("SELECT record::id(need) AS need, count() AS supports FROM need_support GROUP BY need")
        .bind(("text", text.map(str::to_string)))
        .bind(serde_json::Value::Object(
            filters
                .iter()
                .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
                .collect(),
        ))
        .await?
        .check()?;
    let supports: std::collections::HashMap<String, u64> = rows::<SupportCount>(&mut resp, 1)?
        .into_iter()
        .map(|c| (c.need, c.supports))
        .collect();
    let mut needs: Vec<NeedItem> = rows::<ItemRow>(&mut resp, 0)?
        .into_iter()
        .map(|row| NeedItem {
            support_count: supports.get(&row.id).copied().unwrap_or(0),
            ..NeedItem::from(row)
        })
        .collect();
    match sort {
        "support" => needs.sort_by(|a, b| {
            b.support_count
                .cmp(&a.support_count)
                .then(a.created_at.cmp(&b.created_at))
        }),
        "age" => needs.sort_by(|a, b| b.created_at.cmp(&a.created_at)),
        _ => needs.sort_by(|a, b| {
            rank(&NEED_PRIORITIES, &a.priority)
                .cmp(&rank(&NEED_PRIORITIES, &b.priority))
                .then(b.support_count.cmp(&a.support_count))
                .then(a.created_at.cmp(&b.created_at))
        }),
    }
    Ok(needs)
}

/// One page of the register (from 1; past the end, the last), filtered and sorted.
pub async fn register(db: &Db, query: &NeedQuery, page: u64) -> Result<Page<NeedItem>, AppError> {
    if page == 0 {
        return Err(AppError::field("page", "invalid", "Les pages commencent à 1."));
    }
    Ok(Page::slice(
        search(db, query).await?.into_iter(),
        page,
        NEEDS_PER_PAGE,
    ))
}

/// Every open need, most important first (the short form).
pub async fn list(db: &Db) -> Result<Vec<NeedSummary>, AppError> {
    Ok(search(db, &NeedQuery::default())
        .await?
        .into_iter()
        .map(|n| NeedSummary {
            id: n.id,
            title: n.title,
            origin: n.origin,
            origin_name: n.origin_name,
            category: n.category,
            priority: n.priority,
            status: n.status,
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

async fn category_codes(db: &Db) -> Result<Vec<String>, AppError> {
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
            message: "Lettres minuscules sans accent et « _ » seulement (40 au plus).".into(),
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

async fn validate(db: &Db, input: &NeedInput) -> Result<(), AppError> {
    let codes = category_codes(db).await?;
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let mut errors = Vec::new();
    check_text(&mut errors, "title", &input.title, true, 200);
    check_text(&mut errors, "description", &input.description, false, 10_000);
    check_code(&mut errors, "origin", &input.origin, &NEED_ORIGINS);
    check_text(&mut errors, "origin_name", &input.origin_name, false, 120);
    check_code(&mut errors, "category", &input.category, &codes);
    check_code(&mut errors, "urgency", &input.urgency, &NEED_URGENCIES);
    check_code(&mut errors, "priority", &input.priority, &NEED_PRIORITIES);
    check_text(&mut errors, "current_tool", &input.current_tool, false, 200);
    check_text(&mut errors, "gap", &input.gap, false, 1000);
    if input.people_affected > 1_000_000 {
        errors.push(FieldError {
            field: "people_affected".into(),
            code: "invalid".into(),
            message: "Un million au plus.".into(),
        });
    }
    validated(errors)
}

/// The bound values of a need's fields, trimmed.
fn input_json(input: &NeedInput) -> serde_json::Value {
    serde_json::json!({
        "title": input.title.trim(), "description": input.description.trim(),
        "origin": input.origin, "origin_name": input.origin_name.trim(),
        "category": input.category, "people_affected": input.people_affected,
        "urgency": input.urgency, "current_tool": input.current_tool.trim(),
        "gap": input.gap.trim(), "priority": input.priority,
    })
}

/// Records a new need raised by `user`; answers its id.
pub async fn create(db: &Db, user: &CurrentUser, input: &NeedInput) -> Result<String, AppError> {
    validate(db, input).await?;
    let mut resp = db
        .query(
            "BEGIN;
             LET $n = (CREATE ONLY need CONTENT object::extend($fields, {
                 raised_by: type::record('user', $user), status: 'new'
             }));
             CREATE need_history CONTENT {
                 need: $n.id, actor: type::record('user', $user), actor_name: $name,
                 action: 'created', to_status: 'new'
             };
             RETURN record::id($n.id);
             COMMIT;",
        )
        .bind(("fields", input_json(input)))
        .bind(("user", user.id.clone()))
        .bind(("name", user.display_name.clone()))
        .await?
        .check()?;
    let returned = resp.num_statements() - 2;
    let id: Option<String> = resp.take(returned)?;
    id.ok_or(AppError::Internal)
}

#[derive(Debug, Deserialize)]
struct StateRow {
    status: String,
    raised_by: Option<String>,
    merged: bool,
    title: String,
}

/// The status, raiser and merge state of a need, or 404.
async fn state(db: &Db, id: &str) -> Result<StateRow, AppError> {
    check_key(id)?;
    let mut resp = db
        .query(
            "SELECT status, title, merged_into != NONE AS merged,
                 (IF raised_by = NONE { NONE } ELSE { record::id(raised_by) }) AS raised_by
                 FROM ONLY type::record('need', $id)",
        )
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    only(&mut resp, 0)?.ok_or(AppError::NotFound)
}

/// The row of a `SELECT … FROM ONLY` statement (none when the record is missing).
fn only<T: serde::de::DeserializeOwned>(
    resp: &mut surrealdb::IndexedResults,
    index: usize,
) -> Result<Option<T>, AppError> {
    let row: Option<serde_json::Value> = resp.take(index)?;
    row.map(|v| {
        serde_json::from_value(v).map_err(|err| {
            tracing::error!(error = %err, "unexpected row shape");
            AppError::Internal
        })
    })
    .transpose()
}

fn merged_conflict() -> AppError {
    AppError::Conflict {
        message: "Ce besoin a été fusionné dans un autre.".into(),
    }
}

/// Who may edit a need's fields: the IT coordination always, the member who
/// raised it while it is new or sent back for rework.
fn may_edit(user: &CurrentUser, state: &StateRow) -> bool {
    user.has(Role::Admin)
        || (state.raised_by.as_deref() == Some(user.id.as_str())
            && matches!(state.status.as_str(), "new" | "to_rework"))
}

/// Changes a need's fields (see `may_edit`), kept in its history.
pub async fn update(db: &Db, user: &CurrentUser, id: &str, input: &NeedInput) -> Result<(), AppError> {
    let current = state(db, id).await?;
    if current.merged {
        return Err(merged_conflict());
    }
    if !may_edit(user, &current) {
        return Err(AppError::Forbidden);
    }
    validate(db, input).await?;
    db.query(
        "BEGIN;
         UPDATE type::record('need', $id) MERGE object::extend($fields, { updated_at: time::now() });
         CREATE need_history CONTENT {
             need: type::record('need', $id), actor: type::record('user', $user), actor_name: $name, action: 'edited'
         };
         COMMIT;",
    )
    .bind(("id", id.to_string()))
    .bind(("fields", input_json(input)))
    .bind(("user", user.id.clone()))
    .bind(("name", user.display_name.clone()))
    .await?
    .check()?;
    Ok(())
}

/// Moves a need to `to` if the transition table lets the caller's roles do
/// it; board decisions need a written reason. Answers the previous status.
pub async fn transition(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    to: &str,
    note: &str,
) -> Result<String, AppError> {
    let current = state(db, id).await?;
    if current.merged {
        return Err(merged_conflict());
    }
    let mut errors = Vec::new();
    check_code(&mut errors, "to", to, &NEED_STATUSES);
    check_text(&mut errors, "note", note, DECISION_STATUSES.contains(&to), 2000);
    validated(errors)?;
    // A status the caller's roles never move a need to is refused; one
    // they may reach, but not from the current status, is a conflict.
    let role_may = NEED_TRANSITIONS
        .iter()
        .any(|(_, target, who)| *target == to && who.iter().any(|r| user.roles.contains(r)));
    if !role_may {
        return Err(AppError::Forbidden);
    }
    if !allowed_targets(&current.status, &user.roles).contains(&to) {
        return Err(AppError::Conflict {
            message: "Ce changement de statut n'est pas possible depuis le statut actuel.".into(),
        });
    }
    let moved = move_status(db, user, &[id.to_string()], &current.status, to, "status", note).await?;
    if moved == 0 {
        return Err(AppError::Conflict {
            message: "Le besoin a changé entre-temps ; rechargez la page.".into(),
        });
    }
    Ok(current.status)
}

/// Moves the needs among `ids` that are in status `from` (or any status of
/// `from` when it lists several, comma-separated) to `to`, each move kept
/// in the need's history; answers how many moved.
pub(crate) async fn move_status(
    db: &Db,
    user: &CurrentUser,
    ids: &[String],
    from: &str,
    to: &str,
    action: &str,
    note: &str,
) -> Result<u64, AppError> {
    let from: Vec<String> = from.split(',').map(str::to_string).collect();
    let mut resp = db
        .query(
            "BEGIN;
             LET $moved = (SELECT id, status FROM need
                 WHERE id IN $ids.map(|$k| type::record('need', $k)) AND status IN $from AND merged_into = NONE);
             FOR $n IN $moved {
                 UPDATE $n.id SET status = $to, updated_at = time::now();
                 CREATE need_history CONTENT {
                     need: $n.id, actor: type::record('user', $user), actor_name: $name,
                     action: $action, from_status: $n.status, to_status: $to, note: $note
                 };
             };
             RETURN array::len($moved);
             COMMIT;",
        )
        .bind(("ids", ids.to_vec()))
        .bind(("from", from))
        .bind(("to", to.to_string()))
        .bind(("user", user.id.clone()))
        .bind(("name", user.display_name.clone()))
        .bind(("action", action.to_string()))
        .bind(("note", note.trim().to_string()))
        .await?
        .check()?;
    let returned = resp.num_statements() - 2;
    let moved: Option<i64> = resp.take(returned)?;
    Ok(moved.unwrap_or(0) as u64)
}

/// Adds or withdraws the caller's support (one per member, whatever the
/// number of clicks); answers the need's support count.
pub async fn set_support(db: &Db, user_id: &str, need_id: &str, support: bool) -> Result<u64, AppError> {
    let current = state(db, need_id).await?;
    if current.merged {
        return Err(merged_conflict());
    }
    check_key(user_id)?;
    let sql = if support {
        // The key is the (need, member) pair: a second click finds the first.
        "UPSERT type::record('need_support', [$need, $user]) SET
             need = type::record('need', $need), user = type::record('user', $user)"
    } else {
        "DELETE type::record('need_support', [$need, $user])"
    };
    // Concurrent clicks on one key may collide in the store: the write is
    // idempotent, so it is simply tried again.
    let mut attempt = 0;
    loop {
        let result = db
            .query(sql)
            .bind(("need", need_id.to_string()))
            .bind(("user", user_id.to_string()))
            .await
            .and_then(|r| r.check());
        match result {
            Ok(_) => break,
            Err(err) if attempt < 5 => {
                tracing::debug!(error = %err, "support write retried");
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(5 * attempt)).await;
            }
            Err(err) => return Err(err.into()),
        }
    }
    support_count(db, need_id).await
}

async fn support_count(db: &Db, need_id: &str) -> Result<u64, AppError> {
    let mut resp = db
        .query("SELECT count() AS n FROM need_support WHERE need = type::record('need', $need) GROUP ALL")
        .bind(("need", need_id.to_string()))
        .await?
        .check()?;
    count(&mut resp, 0)
}

/// Adds a comment to a need.
pub async fn comment(db: &Db, user: &CurrentUser, need_id: &str, body: &str) -> Result<(), AppError> {
    state(db, need_id).await?;
    let mut errors = Vec::new();
    check_text(&mut errors, "body", body, true, 5000);
    validated(errors)?;
    db.query(
        "CREATE need_comment CONTENT {
             need: type::record('need', $need), author: type::record('user', $user),
             author_name: $name, body: $body
         }",
    )
    .bind(("need", need_id.to_string()))
    .bind(("user", user.id.clone()))
    .bind(("name", user.display_name.clone()))
    .bind(("body", body.trim().to_string()))
    .await?
    .check()?;
    Ok(())
}

/// Merges need `from` into `into`: `from` keeps its id (links to it stay
/// valid) and points to `into`; its supports (without doubles) and comments
/// move over. Answers the title of `from`, for the audit log.
pub async fn merge(db: &Db, user: &CurrentUser, from: &str, into: &str) -> Result<String, AppError> {
    if from == into {
        return Err(AppError::field("into", "invalid", "Choisissez un autre besoin."));
    }
    let source = state(db, from).await?;
    let target = state(db, into)
        .await
        .map_err(|_| AppError::field("into", "invalid", "Ce besoin n'existe pas."))?;
    if source.merged || target.merged {
        return Err(merged_conflict());
    }
    db.query(
        "BEGIN;
         LET $a = type::record('need', $from);
         LET $b = type::record('need', $into);
         FOR $s IN (SELECT user FROM need_support WHERE need = $a) {
             UPSERT type::record('need_support', [$into, record::id($s.user)]) SET need = $b, user = $s.user;
         };
         DELETE need_support WHERE need = $a;
         UPDATE need_comment SET need = $b WHERE need = $a;
         UPDATE $a SET merged_into = $b, updated_at = time::now();
         CREATE need_history CONTENT {
             need: $a, actor: type::record('user', $user), actor_name: $name, action: 'merged_into', note: $into_title
         };
         CREATE need_history CONTENT {
             need: $b, actor: type::record('user', $user), actor_name: $name, action: 'merged_from', note: $from_title
         };
         COMMIT;",
    )
    .bind(("from", from.to_string()))
    .bind(("into", into.to_string()))
    .bind(("user", user.id.clone()))
    .bind(("name", user.display_name.clone()))
    .bind(("into_title", target.title))
    .bind(("from_title", source.title.clone()))
    .await?
    .check()?;
    Ok(source.title)
}

#[derive(Debug, Deserialize)]
struct DetailRow {
    #[serde(flatten)]
    item: ItemRow,
    description: String,
    raised_by_name: Option<String>,
    merged_into: Option<NeedRef>,
}

/// A need with its discussion, history, solutions and consistency flags,
/// as `viewer` may act on it.
pub async fn get(db: &Db, viewer: &CurrentUser, id: &str) -> Result<NeedDetail, AppError> {
    let current = state(db, id).await?;
    let mut resp = db
        .query(format!(
            "LET $n = type::record('need', $id);
             SELECT {LINE_FIELDS}, {SUPPORT_COUNT_FIELD}, description, raised_by.display_name AS raised_by_name,
                 (IF merged_into = NONE {{ NONE }} ELSE {{
                     {{ id: record::id(merged_into), title: merged_into.title, status: merged_into.status }}
                 }}) AS merged_into
                 FROM ONLY $n;
             SELECT count() AS n FROM need_support WHERE need = $n AND user = type::record('user', $user) GROUP ALL;
             SELECT author_name, body, <string> at AS at FROM need_comment WHERE need = $n ORDER BY at ASC;
             SELECT actor_name, action, from_status, to_status, note, <string> at AS at
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
        allowed_targets(&current.status, &viewer.roles)
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    Ok(NeedDetail {
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

/// The prioritised specification of the needs `query` selects, grouped by
/// MoSCoW priority then category, as Markdown or CSV (French).
pub async fn export(db: &Db, query: &NeedQuery, format: &str) -> Result<ExportFile, AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "format", format, &EXPORT_FORMATS);
    validated(errors)?;
    let needs = search(db, query).await?;
    let categories = categories(db).await?;
    let grouped = group(needs, &categories);
    Ok(if format == "csv" {
        ExportFile {
            filename: "cahier-des-charges-besoins.csv".into(),
            mime: "text/csv".into(),
            content: to_csv(&grouped),
        }
    } else {
        ExportFile {
            filename: "cahier-des-charges-besoins.md".into(),
            mime: "text/markdown".into(),
            content: to_markdown(&grouped),
        }
    })
}

/// Needs in MoSCoW order, then category order (the admins' order), then
/// most supported first; each with its category's French label.
fn group(mut needs: Vec<NeedItem>, categories: &[NeedCategory]) -> Vec<(NeedItem, String)> {
    let position = |code: &str| {
        categories
            .iter()
            .position(|c| c.code == code)
            .unwrap_or(categories.len())
    };
    needs.sort_by(|a, b| {
        rank(&NEED_PRIORITIES, &a.priority)
            .cmp(&rank(&NEED_PRIORITIES, &b.priority))
            .then(position(&a.category).cmp(&position(&b.category)))
            .then(b.support_count.cmp(&a.support_count))
    });
    needs
        .into_iter()
        .map(|n| {
            let label = categories
                .iter()
                .find(|c| c.code == n.category)
                .map_or_else(|| n.category.clone(), |c| c.label_fr.clone());
            (n, label)
        })
        .collect()
}

fn label(code: &str) -> &'static str {
    crate::platform::labels::label_fr(code)
}

fn to_markdown(needs: &[(NeedItem, String)]) -> String {
    let mut out = String::from("# Cahier des charges hiérarchisé — besoins informatiques\n");
    if needs.is_empty() {
        out.push_str("\nAucun besoin ne correspond à cette sélection.\n");
    }
    let (mut priority, mut category) = (String::new(), String::new());
    for (n, cat) in needs {
        if n.priority != priority {
            priority = n.priority.clone();
            category.clear();
            out.push_str(&format!("\n## {}\n", label(&n.priority)));
        }
        if *cat != category {
            category = cat.clone();
            out.push_str(&format!("\n### {cat}\n\n"));
        }
        out.push_str(&format!(
            "- **{}** — {} ; {} soutien{} ; origine : {}{}\n",
            n.title.replace('*', "\\*"),
            label(&n.status),
            n.support_count,
            if n.support_count > 1 { "s" } else { "" },
            label(&n.origin),
            if n.origin_name.is_empty() {
                String::new()
            } else {
                format!(" ({})", n.origin_name)
            },
        ));
        if !n.current_tool.is_empty() || !n.gap.is_empty() {
            out.push_str(&format!(
                "  - Aujourd'hui : {} — manque : {}\n",
                n.current_tool, n.gap
            ));
        }
    }
    out
}

/// One CSV cell: quoted, and a leading formula sign neutralised so that a
/// spreadsheet never runs what a member typed.
fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

fn to_csv(needs: &[(NeedItem, String)]) -> String {
    let mut out = String::from(
        "priorite;categorie;titre;statut;soutiens;origine;nom_origine;urgence;personnes;outil_actuel;manque\r\n",
    );
    for (n, cat) in needs {
        let cells = [
            cell(label(&n.priority)),
            cell(cat),
            cell(&n.title),
            cell(label(&n.status)),
            n.support_count.to_string(),
            cell(label(&n.origin)),
            cell(&n.origin_name),
            cell(label(&n.urgency)),
            n.people_affected.to_string(),
            cell(&n.current_tool),
            cell(&n.gap),
        ];
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Counts by status, origin and category, and the coverage of the open
/// needs by the adopted architecture.
pub async fn dashboard(db: &Db) -> Result<NeedsDashboard, AppError> {
    let needs = search(db, &NeedQuery::default()).await?;
    let tally = |codes: Vec<String>, key: fn(&NeedItem) -> &str| -> Vec<(String, u64)> {
        codes
            .into_iter()
            .map(|c| {
                let n = needs.iter().filter(|n| key(n) == c).count() as u64;
                (c, n)
            })
            .collect()
    };
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let by_status = tally(strings(&NEED_STATUSES), |n| &n.status);
    let by_origin = tally(strings(&NEED_ORIGINS), |n| &n.origin);
    let by_category = tally(category_codes(db).await?, |n| &n.category);
    let open: Vec<&NeedItem> = needs
        .iter()
        .filter(|n| n.status != "rejected" && n.priority != "wont")
        .collect();
    let covered_ids = architecture::covered_need_ids(db).await?;
    let covered = open.iter().filter(|n| covered_ids.contains(&n.id)).count() as u64;
    Ok(NeedsDashboard {
        by_status,
        by_origin,
        by_category,
        total: open.len() as u64,
        covered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "\"'=SUM(A1)\"");
    }
}
