//! Support requests: filing one, routing it to the referents of its
//! category, the thread between requester and helpers (with internal notes
//! the requester never sees), targets per urgency and the statistics.
//! Notifications are written to an outbox in the same transaction as the
//! change they announce (see `support_notify`).

use serde::{Deserialize, Serialize};

use super::support_notify::{self, Outbound, OutboxEntry};
use super::{check_all, check_key, first, retry_on_conflict, rows, Db};
use crate::error::{check_code, check_text, validated, AppError, FieldError};
use crate::models::{
    CodeCount, CurrentUser, PersonRef, Role, SupportCategory, SupportCategorySettings, SupportDashboard,
    SupportMessage, SupportQueueItem, SupportRequestDetail, SupportRequestSummary, SupportTarget, WeekTimes,
    SUPPORT_AGE_BRACKETS, SUPPORT_STATUSES, SUPPORT_URGENCIES,
};

/// A resolved or closed request can be reopened by its requester this long.
pub const REOPEN_DAYS: i64 = 14;
/// Statuses that end the clock.
const DONE: [&str; 2] = ["resolved", "closed"];
/// Weeks shown on the dashboard.
const DASHBOARD_WEEKS: i64 = 8;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    pub category: String,
    pub urgency: String,
    pub subject: String,
    pub description: String,
    /// The tool or address concerned (optional).
    #[serde(default)]
    pub tool: String,
    /// How to reach the requester besides the portal (optional).
    #[serde(default)]
    pub contact: String,
}

/// Checks the fields that need no database.
pub fn validate(new: &NewRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "urgency", &new.urgency, &SUPPORT_URGENCIES);
    check_text(&mut errors, "subject", &new.subject, true, 200);
    check_text(&mut errors, "description", &new.description, true, 10_000);
    check_text(&mut errors, "tool", &new.tool, false, 300);
    check_text(&mut errors, "contact", &new.contact, false, 300);
    errors
}

/// A request is urgent when flagged critical or filed as a "firefighter" case:
/// its notifications leave at once.
pub fn is_urgent(category: &str, urgency: &str) -> bool {
    urgency == "critical" || category == "firefighter"
}

// ---------------------------------------------------------------- categories

#[derive(Debug, Deserialize)]
struct CategoryRow {
    code: String,
    label_fr: String,
    label_en: String,
    active: bool,
    #[serde(default)]
    position: i64,
    #[serde(default)]
    referents: Vec<PersonRef>,
    #[serde(default)]
    referent_emails: Vec<String>,
    webhook_url: Option<String>,
}

const CATEGORY_FIELDS: &str = "record::id(id) AS code, label_fr, label_en, active, position, webhook_url,
    referents.map(|$u| { id: record::id($u), display_name: $u.display_name }) AS referents,
    referents.filter(|$u| $u.active).map(|$u| $u.email) AS referent_emails";

async fn category_rows(db: &Db) -> Result<Vec<CategoryRow>, AppError> {
    let sql = format!("SELECT {CATEGORY_FIELDS} FROM support_category ORDER BY position, code");
    let mut resp = db.query(sql).await?.check()?;
    rows(&mut resp, 0)
}

async fn category_row(db: &Db, code: &str) -> Result<Option<CategoryRow>, AppError> {
    if check_key(code).is_err() {
        return Ok(None);
    }
    let sql = format!("SELECT {CATEGORY_FIELDS} FROM type::record('support_category', $code)");
    let mut resp = db.query(sql).bind(("code", code.to_string())).await?.check()?;
    first(&mut resp, 0)
}

/// Every category (the form offers the active ones; old requests keep their label).
pub async fn categories(db: &Db) -> Result<Vec<SupportCategory>, AppError> {
    Ok(category_rows(db)
        .await?
        .into_iter()
        .map(|c| SupportCategory {
            code: c.code,
            label_fr: c.label_fr,
            label_en: c.label_en,
            active: c.active,
        })
        .collect())
}

/// Categories with their referents and webhook, as administrators edit them.
pub async fn category_settings(db: &Db) -> Result<Vec<SupportCategorySettings>, AppError> {
    Ok(category_rows(db)
        .await?
        .into_iter()
        .map(|c| SupportCategorySettings {
            code: c.code,
            label_fr: c.label_fr,
            label_en: c.label_en,
            active: c.active,
            position: c.position,
            referents: c.referents,
            webhook_url: c.webhook_url,
        })
        .collect())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryInput {
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
    pub active: bool,
    pub position: i64,
    pub referent_ids: Vec<String>,
    pub webhook_url: Option<String>,
}

fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn field(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

/// Creates or updates a category; referents must be active accounts with the referent role.
pub async fn save_category(db: &Db, input: CategoryInput) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if !is_code(&input.code) {
        errors.push(field(
            "code",
            "invalid",
            "Lettres minuscules, chiffres et _ seulement (40 au plus).",
        ));
    }
    check_text(&mut errors, "label_fr", &input.label_fr, true, 80);
    check_text(&mut errors, "label_en", &input.label_en, true, 80);
    let webhook = input
        .webhook_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    if let Some(url) = &webhook {
        let ok = (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() <= 500
            && !url.contains(char::is_whitespace);
        if !ok {
            errors.push(field(
                "webhook_url",
                "invalid",
                "Une adresse http(s):// complète.",
            ));
        }
    }
    if !(0..=1000).contains(&input.position) {
        errors.push(field("position", "invalid", "Entre 0 et 1000."));
    }
    let mut ids = input.referent_ids.clone();
    ids.sort();
    ids.dedup();
    if ids.len() > 50 || ids.iter().any(|id| check_key(id).is_err()) {
        errors.push(field("referent_ids", "invalid", "Référents inconnus."));
    } else if !ids.is_empty() {
        let mut resp = db
            .query(
                "SELECT VALUE record::id(id) FROM user
                     WHERE id IN $ids.map(|$i| type::record('user', $i)) AND active AND roles CONTAINS 'referent'",
            )
            .bind(("ids", ids.clone()))
            .await?
            .check()?;
        let found: Vec<String> = resp.take(0)?;
        if found.len() != ids.len() {
            errors.push(field(
                "referent_ids",
                "invalid",
                "Chaque référent doit être un compte actif avec le rôle référent.",
            ));
        }
    }
    validated(errors)?;
    db.query(
        "UPSERT type::record('support_category', $code) SET label_fr = $fr, label_en = $en,
             active = $active, position = $position, webhook_url = $webhook,
             referents = $ids.map(|$i| type::record('user', $i)) RETURN NONE",
    )
    .bind(("code", input.code))
    .bind(("fr", input.label_fr.trim().to_string()))
    .bind(("en", input.label_en.trim().to_string()))
    .bind(("active", input.active))
    .bind(("position", input.position))
    .bind(("webhook", webhook))
    .bind(("ids", ids))
    .await?
    .check()?;
    Ok(())
}

/// Accounts that can help: active, with the referent, board or admin role.
pub async fn helpers(db: &Db) -> Result<Vec<PersonRef>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, display_name, sort_name FROM user
                 WHERE active AND roles CONTAINSANY ['referent', 'board', 'admin'] ORDER BY sort_name",
        )
        .await?
        .check()?;
    rows(&mut resp, 0)
}

// ------------------------------------------------------------------- targets

/// Targets per urgency, most urgent first (defaults come with the migration).
pub async fn targets(db: &Db) -> Result<Vec<SupportTarget>, AppError> {
    let mut resp = db
        .query("SELECT record::id(id) AS urgency, first_response_hours, resolution_hours FROM support_target")
        .await?
        .check()?;
    let mut found: Vec<SupportTarget> = rows(&mut resp, 0)?;
    found.sort_by_key(|t| std::cmp::Reverse(urgency_rank(&t.urgency)));
    Ok(found)
}

pub async fn save_targets(db: &Db, targets: Vec<SupportTarget>) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for t in &targets {
        if !SUPPORT_URGENCIES.contains(&t.urgency.as_str()) {
            errors.push(field(
                "urgency",
                "invalid",
                "Cette valeur n'est pas dans la liste.",
            ));
        }
        let ok = |h: u32| (1..=8760).contains(&h);
        if !ok(t.first_response_hours)
            || !ok(t.resolution_hours)
            || t.resolution_hours < t.first_response_hours
        {
            errors.push(field(
                &format!("target_{}", t.urgency),
                "invalid",
                "Entre 1 et 8760 heures, la résolution après la première réponse.",
            ));
        }
    }
    validated(errors)?;
    for t in targets {
        db.query(
            "UPSERT type::record('support_target', $u) SET first_response_hours = $f, resolution_hours = $r RETURN NONE",
        )
        .bind(("u", t.urgency))
        .bind(("f", t.first_response_hours as i64))
        .bind(("r", t.resolution_hours as i64))
        .await?
        .check()?;
    }
    Ok(())
}

fn urgency_rank(urgency: &str) -> usize {
    SUPPORT_URGENCIES.iter().position(|u| *u == urgency).unwrap_or(0)
}

// ------------------------------------------------------------------- filing

/// Records a request and gives it the next number; the notifications to its
/// category's referents are written in the same transaction.
pub async fn create(
    db: &Db,
    requester: &CurrentUser,
    new: NewRequest,
    out: &Outbound,
) -> Result<u64, AppError> {
    let category = category_row(db, &new.category).await?.filter(|c| c.active);
    let mut errors = Vec::new();
    if category.is_none() {
        check_code(&mut errors, "category", &new.category, &[]);
    }
    errors.extend(validate(&new));
    validated(errors)?;
    let category = category.ok_or(AppError::Internal)?;
    check_key(&requester.id)?;
    let urgent = is_urgent(&new.category, &new.urgency);
    let outbox = support_notify::new_request(
        out,
        &category.label_fr,
        category.webhook_url.as_deref(),
        &category.referent_emails,
        &new,
        &requester.display_name,
        urgent,
    );
    let outbox = serde_json::to_value(outbox).map_err(|_| AppError::Internal)?;
    // Simultaneous requests race for the counter: the loser runs again.
    retry_on_conflict(|| insert(db, &requester.id, &new, &outbox)).await
}

/// Records the request, its number and its notifications in one transaction.
async fn insert(
    db: &Db,
    requester_id: &str,
    new: &NewRequest,
    outbox: &serde_json::Value,
) -> Result<u64, AppError> {
    let resp = db
        .query(
            "BEGIN;
             LET $n = (UPSERT ONLY counter:support_request SET value += 1 RETURN VALUE value);
             LET $req = (CREATE ONLY support_request CONTENT {
                 number: $n, requester: type::record('user', $requester),
                 category: $category, urgency: $urgency,
                 subject: $subject, description: $description, tool: $tool, contact: $contact,
                 status: 'new'
             } RETURN VALUE id);
             FOR $o IN $outbox { CREATE support_outbox CONTENT {
                 request: $req, number: $n, channel: $o.channel, target: $o.target, urgent: $o.urgent,
                 subject: string::replace($o.subject_head, '{n}', <string> $n) + $o.subject_text,
                 body: string::replace($o.body_head, '{n}', <string> $n) + $o.body_text
                     + string::replace($o.body_foot, '{n}', <string> $n)
             } };
             RETURN $n;
             COMMIT;",
        )
        .bind(("requester", requester_id.to_string()))
        .bind(("category", new.category.clone()))
        .bind(("urgency", new.urgency.clone()))
        .bind(("subject", new.subject.trim().to_string()))
        .bind(("description", new.description.trim().to_string()))
        .bind(("tool", new.tool.trim().to_string()))
        .bind(("contact", new.contact.trim().to_string()))
        .bind(("outbox", outbox.clone()))
        .await?;
    let mut resp = check_all(resp)?;
    // BEGIN and COMMIT count as statements: the number is the one before COMMIT.
    let returned = resp.num_statements() - 2;
    let number: Option<i64> = resp.take(returned)?;
    number.map(|n| n as u64).ok_or(AppError::Internal)
}

#[derive(Debug, Deserialize)]
struct SummaryRow {
    number: u64,
    subject: String,
    category: String,
    urgency: String,
    status: String,
    created_at: String,
}

/// The requests a member has made, newest first.
pub async fn mine(db: &Db, requester_id: &str) -> Result<Vec<SupportRequestSummary>, AppError> {
    check_key(requester_id)?;
    let mut resp = db
        .query(
            "SELECT number, subject, category, urgency, status, <string> created_at AS created_at
                 FROM support_request
                 WHERE requester = type::record('user', $requester) ORDER BY number DESC",
        )
        .bind(("requester", requester_id.to_string()))
        .await?
        .check()?;
    Ok(rows::<SummaryRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| SupportRequestSummary {
            number: r.number,
            subject: r.subject,
            category: r.category,
            urgency: r.urgency,
            status: r.status,
            created_at: r.created_at,
        })
        .collect())
}

// ------------------------------------------------------------ reading, rules

/// A request as stored, with the times as seconds for the target checks.
#[derive(Clone, Debug, Deserialize)]
struct RequestRow {
    number: u64,
    subject: String,
    category: String,
    urgency: String,
    status: String,
    description: String,
    tool: String,
    contact: String,
    created_at: String,
    created_unix: i64,
    first_response_at: Option<String>,
    first_response_unix: Option<i64>,
    resolved_at: Option<String>,
    resolved_unix: Option<i64>,
    updated_unix: i64,
    requester_id: String,
    requester_name: String,
    requester_email: String,
    assignee_id: Option<String>,
    assignee_name: Option<String>,
}

const REQUEST_FIELDS: &str = "number, subject, category, urgency, status, description, tool, contact,
    <string> created_at AS created_at, time::unix(created_at) AS created_unix,
    IF first_response_at != NONE THEN <string> first_response_at END AS first_response_at,
    IF first_response_at != NONE THEN time::unix(first_response_at) END AS first_response_unix,
    IF resolved_at != NONE THEN <string> resolved_at END AS resolved_at,
    IF resolved_at != NONE THEN time::unix(resolved_at) END AS resolved_unix,
    time::unix(updated_at) AS updated_unix,
    record::id(requester) AS requester_id, requester.display_name AS requester_name,
    requester.email AS requester_email,
    IF assignee != NONE THEN record::id(assignee) END AS assignee_id,
    IF assignee != NONE THEN assignee.display_name END AS assignee_name";

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Past its target: not answered in time, or not resolved in time.
fn is_overdue(row: &RequestRow, targets: &[SupportTarget], now: i64) -> bool {
    if DONE.contains(&row.status.as_str()) {
        return false;
    }
    let Some(t) = targets.iter().find(|t| t.urgency == row.urgency) else {
        return false;
    };
    let age = now - row.created_unix;
    (row.first_response_unix.is_none() && age > i64::from(t.first_response_hours) * 3600)
        || age > i64::from(t.resolution_hours) * 3600
}

/// The categories a referent answers for.
async fn referent_categories(db: &Db, user_id: &str) -> Result<Vec<String>, AppError> {
    let mut resp = db
        .query("SELECT VALUE record::id(id) FROM support_category WHERE referents CONTAINS type::record('user', $me)")
        .bind(("me", user_id.to_string()))
        .await?
        .check()?;
    Ok(resp.take(0)?)
}

fn sees_everything(user: &CurrentUser) -> bool {
    user.has(Role::Admin) || user.has(Role::Board)
}

/// The viewer is on the support team for this request: board and admins for
/// every request, a referent for their categories and what was handed to them.
async fn handles(db: &Db, user: &CurrentUser, row: &RequestRow) -> Result<bool, AppError> {
    if sees_everything(user) {
        return Ok(true);
    }
    if !user.has(Role::Referent) {
        return Ok(false);
    }
    Ok(row.assignee_id.as_deref() == Some(user.id.as_str())
        || referent_categories(db, &user.id).await?.contains(&row.category))
}

async fn load(db: &Db, number: u64) -> Result<RequestRow, AppError> {
    let sql = format!("SELECT {REQUEST_FIELDS} FROM support_request WHERE number = $n");
    let mut resp = db.query(sql).bind(("n", number as i64)).await?.check()?;
    first(&mut resp, 0)?.ok_or(AppError::NotFound)
}

/// The request if the viewer may see it (its requester or its team), with
/// whether the viewer is on the team. Anyone else gets 404: a number reveals nothing.
async fn visible(db: &Db, user: &CurrentUser, number: u64) -> Result<(RequestRow, bool), AppError> {
    let row = load(db, number).await?;
    let team = handles(db, user, &row).await?;
    if team || row.requester_id == user.id {
        Ok((row, team))
    } else {
        Err(AppError::NotFound)
    }
}

/// The request if the viewer is on its team.
async fn handled(db: &Db, user: &CurrentUser, number: u64) -> Result<RequestRow, AppError> {
    match visible(db, user, number).await? {
        (row, true) => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

fn can_reopen(row: &RequestRow, now: i64) -> bool {
    let since = row.resolved_unix.unwrap_or(row.updated_unix);
    DONE.contains(&row.status.as_str()) && now - since <= REOPEN_DAYS * 24 * 3600
}

#[derive(Debug, Deserialize)]
struct MessageRow {
    kind: String,
    author_name: Option<String>,
    body: String,
    event: String,
    at_text: String,
}

/// A request and its thread; internal notes only for the support team.
pub async fn detail(db: &Db, user: &CurrentUser, number: u64) -> Result<SupportRequestDetail, AppError> {
    let (row, team) = visible(db, user, number).await?;
    let notes = if team { "" } else { "AND kind != 'note'" };
    let sql = format!(
        "SELECT kind, body, event, at, <string> at AS at_text,
             IF author != NONE THEN author.display_name END AS author_name
         FROM support_message WHERE request = (SELECT VALUE id FROM ONLY support_request WHERE number = $n LIMIT 1) {notes}
         ORDER BY at"
    );
    let mut resp = db.query(sql).bind(("n", number as i64)).await?.check()?;
    let thread = rows::<MessageRow>(&mut resp, 0)?
        .into_iter()
        .map(|m| SupportMessage {
            kind: m.kind,
            author_name: m.author_name.unwrap_or_default(),
            body: m.body,
            event: m.event,
            at: m.at_text,
        })
        .collect();
    let now = now_unix();
    let targets = targets(db).await?;
    Ok(SupportRequestDetail {
        overdue: is_overdue(&row, &targets, now),
        can_reopen: row.requester_id == user.id && can_reopen(&row, now),
        can_handle: team,
        assignee: row.assignee_id.clone().map(|id| PersonRef {
            id,
            display_name: row.assignee_name.clone().unwrap_or_default(),
        }),
        number: row.number,
        subject: row.subject,
        category: row.category,
        urgency: row.urgency,
        status: row.status,
        description: row.description,
        tool: row.tool,
        contact: row.contact,
        created_at: row.created_at,
        requester_name: row.requester_name,
        first_response_at: row.first_response_at,
        resolved_at: row.resolved_at,
        thread,
    })
}

/// The requests the viewer handles, past their target first, then the most
/// urgent, then the oldest. Open ones only unless `include_done`.
pub async fn queue(
    db: &Db,
    user: &CurrentUser,
    include_done: bool,
) -> Result<Vec<SupportQueueItem>, AppError> {
    let open = if include_done {
        "true"
    } else {
        "status NOT IN ['resolved', 'closed']"
    };
    let (scope, categories) = if sees_everything(user) {
        ("true", Vec::new())
    } else {
        (
            "(category IN $categories OR assignee = type::record('user', $me))",
            referent_categories(db, &user.id).await?,
        )
    };
    check_key(&user.id)?;
    let sql = format!(
        "SELECT {REQUEST_FIELDS} FROM support_request WHERE {open} AND {scope} ORDER BY number DESC LIMIT 1000"
    );
    let mut resp = db
        .query(sql)
        .bind(("categories", categories))
        .bind(("me", user.id.clone()))
        .await?
        .check()?;
    let found: Vec<RequestRow> = rows(&mut resp, 0)?;
    let targets = targets(db).await?;
    let now = now_unix();
    let mut items: Vec<SupportQueueItem> = found
        .into_iter()
        .map(|r| SupportQueueItem {
            overdue: is_overdue(&r, &targets, now),
            number: r.number,
            subject: r.subject,
            category: r.category,
            urgency: r.urgency,
            status: r.status,
            created_at: r.created_at,
            requester_name: r.requester_name,
            assignee_name: r.assignee_name,
        })
        .collect();
    items.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.overdue),
            DONE.contains(&i.status.as_str()),
            std::cmp::Reverse(urgency_rank(&i.urgency)),
            i.number,
        )
    });
    Ok(items)
}

// ------------------------------------------------------------------ handling

/// Writes a change to a request and its thread entries in one transaction.
async fn apply(
    db: &Db,
    number: u64,
    set: &str,
    author: &str,
    messages: Vec<serde_json::Value>,
    outbox: Vec<OutboxEntry>,
    bindings: Vec<(&'static str, serde_json::Value)>,
) -> Result<(), AppError> {
    let sql = format!(
        "BEGIN;
         LET $req = (SELECT VALUE id FROM ONLY support_request WHERE number = $n LIMIT 1);
         UPDATE $req SET updated_at = time::now() {set} RETURN NONE;
         FOR $m IN $messages {{ CREATE support_message CONTENT {{
             request: $req, author: type::record('user', $author), kind: $m.kind, body: $m.body, event: $m.event
         }} }};
         FOR $o IN $outbox {{ CREATE support_outbox CONTENT {{
             request: $req, number: $n, channel: $o.channel, target: $o.target, urgent: $o.urgent,
             subject: string::replace($o.subject_head, '{{n}}', <string> $n) + $o.subject_text,
             body: string::replace($o.body_head, '{{n}}', <string> $n) + $o.body_text
                 + string::replace($o.body_foot, '{{n}}', <string> $n)
         }} }};
         COMMIT;"
    );
    let mut query = db
        .query(sql)
        .bind(("n", number as i64))
        .bind(("author", author.to_string()))
        .bind(("messages", messages))
        .bind((
            "outbox",
            serde_json::to_value(outbox).map_err(|_| AppError::Internal)?,
        ));
    for (name, value) in bindings {
        query = query.bind((name, value));
    }
    query.await?.check()?;
    Ok(())
}

fn event(code: &str, body: &str) -> serde_json::Value {
    serde_json::json!({"kind": "event", "event": code, "body": body})
}

/// The status of a request once someone is assigned: a new one is taken,
/// any other keeps where it is.
fn once_assigned(status: &str) -> &str {
    if status == "new" {
        "taken"
    } else {
        status
    }
}

/// A referent takes a request: it is assigned to them.
pub async fn take(db: &Db, user: &CurrentUser, number: u64) -> Result<(), AppError> {
    let row = handled(db, user, number).await?;
    check_key(&user.id)?;
    let status = once_assigned(&row.status);
    apply(
        db,
        number,
        ", assignee = type::record('user', $me), status = $status",
        &user.id,
        vec![event("taken", &user.display_name)],
        Vec::new(),
        vec![("me", user.id.clone().into()), ("status", status.into())],
    )
    .await
}

/// Hands a request to another helper (referent, board or admin).
pub async fn assign(
    db: &Db,
    user: &CurrentUser,
    number: u64,
    helper_id: &str,
) -> Result<PersonRef, AppError> {
    let row = handled(db, user, number).await?;
    check_key(&user.id)?;
    let helper = helpers(db)
        .await?
        .into_iter()
        .find(|h| h.id == helper_id)
        .ok_or_else(|| {
            AppError::field(
                "helper_id",
                "invalid",
                "Choisissez un membre de l'équipe support.",
            )
        })?;
    let status = once_assigned(&row.status);
    apply(
        db,
        number,
        ", assignee = type::record('user', $helper), status = $status",
        &user.id,
        vec![event("assigned", &helper.display_name)],
        Vec::new(),
        vec![("helper", helper.id.clone().into()), ("status", status.into())],
    )
    .await?;
    Ok(helper)
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub body: String,
    /// An internal note: only the support team sees it.
    pub internal: bool,
    /// A new status with the message (e.g. `waiting` to ask for details).
    pub status: Option<String>,
}

/// Adds a message to the thread. The team may write internal notes and
/// change the status with it; the requester's answer to a question puts
/// the request back in progress. A helper's first public message stops the
/// first-response clock.
pub async fn reply(
    db: &Db,
    user: &CurrentUser,
    number: u64,
    reply: Reply,
    out: &Outbound,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_text(&mut errors, "body", &reply.body, true, 10_000);
    if let Some(status) = &reply.status {
        check_code(&mut errors, "status", status, &SUPPORT_STATUSES[1..]);
    }
    validated(errors)?;
    let (row, team) = visible(db, user, number).await?;
    if !team && (reply.internal || reply.status.is_some()) {
        return Err(AppError::Forbidden);
    }
    if !team && row.status == "closed" {
        return Err(AppError::Conflict {
            message: "Cette demande est close : rouvrez-la pour répondre.".into(),
        });
    }
    let body = reply.body.trim().to_string();
    let kind = if reply.internal { "note" } else { "message" };
    let mut messages = vec![serde_json::json!({"kind": kind, "body": body, "event": ""})];
    let mut status = row.status.clone();
    if let Some(new) = reply.status.filter(|s| *s != row.status) {
        messages.push(event("status", &new));
        status = new;
    } else if !team && row.status == "waiting" {
        status = if row.assignee_id.is_some() {
            "in_progress"
        } else {
            "new"
        }
        .into();
    }
    let public_answer = team && !reply.internal && row.requester_id != user.id;
    let mut set = String::from(", status = $status");
    set.push_str(status_times(&status));
    if public_answer {
        set.push_str(", first_response_at = first_response_at ?? time::now()");
    }
    let outbox = if public_answer {
        support_notify::answer(out, &row.requester_email, &row.subject, &body, &status)
    } else {
        Vec::new()
    };
    apply(
        db,
        number,
        &set,
        &user.id,
        messages,
        outbox,
        vec![("status", status.into())],
    )
    .await
}

/// The times a status sets: resolving stamps `resolved_at`, reopening clears it.
fn status_times(status: &str) -> &'static str {
    match status {
        "resolved" => ", resolved_at = resolved_at ?? time::now()",
        "closed" => "",
        _ => ", resolved_at = NONE",
    }
}

/// The team changes the status (resolved, closed, waiting…).
pub async fn set_status(
    db: &Db,
    user: &CurrentUser,
    number: u64,
    status: &str,
    out: &Outbound,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "status", status, &SUPPORT_STATUSES[1..]);
    validated(errors)?;
    let row = handled(db, user, number).await?;
    if row.status == status {
        return Ok(());
    }
    let set = format!(", status = $status{}", status_times(status));
    let outbox = if status == "resolved" && row.requester_id != user.id {
        support_notify::answer(out, &row.requester_email, &row.subject, "", status)
    } else {
        Vec::new()
    };
    apply(
        db,
        number,
        &set,
        &user.id,
        vec![event("status", status)],
        outbox,
        vec![("status", status.into())],
    )
    .await
}

/// The requester reopens a resolved or closed request, within 14 days.
pub async fn reopen(db: &Db, user: &CurrentUser, number: u64) -> Result<(), AppError> {
    let (row, _) = visible(db, user, number).await?;
    if row.requester_id != user.id {
        return Err(AppError::NotFound);
    }
    if !can_reopen(&row, now_unix()) {
        return Err(AppError::Conflict {
            message: format!(
                "Seule une demande résolue ou close depuis moins de {REOPEN_DAYS} jours peut être rouverte : faites une nouvelle demande."
            ),
        });
    }
    let status = if row.assignee_id.is_some() {
        "in_progress"
    } else {
        "new"
    };
    apply(
        db,
        number,
        ", status = $status, resolved_at = NONE",
        &user.id,
        vec![event("reopened", "")],
        Vec::new(),
        vec![("status", status.into())],
    )
    .await
}

// ----------------------------------------------------------------- dashboard

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// The Monday (UTC) of the week holding `unix`, as days since the epoch.
fn week_start_day(unix: i64) -> i64 {
    let day = unix.div_euclid(86_400);
    // 1970-01-01 was a Thursday: Monday is 3 days before.
    day - (day + 3).rem_euclid(7)
}

fn day_text(day: i64) -> String {
    chrono::DateTime::from_timestamp(day * 86_400, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Queues per category, requests by status and age, and the response times
/// of the last weeks (board and admins).
pub async fn dashboard(db: &Db) -> Result<SupportDashboard, AppError> {
    let sql = format!(
        "SELECT {REQUEST_FIELDS} FROM support_request
             WHERE status NOT IN ['resolved', 'closed'] OR created_at > time::now() - {}d;
         SELECT status, count() AS n FROM support_request GROUP BY status;",
        DASHBOARD_WEEKS * 7
    );
    let mut resp = db.query(sql).await?.check()?;
    let recent: Vec<RequestRow> = rows(&mut resp, 0)?;
    #[derive(Deserialize)]
    struct StatusCount {
        status: String,
        n: u64,
    }
    let statuses: Vec<StatusCount> = rows(&mut resp, 1)?;
    let targets = targets(db).await?;
    let now = now_unix();
    let open: Vec<&RequestRow> = recent
        .iter()
        .filter(|r| !DONE.contains(&r.status.as_str()))
        .collect();

    let queues = categories(db)
        .await?
        .into_iter()
        .map(|c| {
            let mine: Vec<_> = open.iter().filter(|r| r.category == c.code).collect();
            CodeCount {
                count: mine.len() as u64,
                overdue: mine.iter().filter(|r| is_overdue(r, &targets, now)).count() as u64,
                code: c.code,
            }
        })
        .collect();
    let by_status = SUPPORT_STATUSES
        .iter()
        .map(|s| CodeCount {
            code: s.to_string(),
            count: statuses.iter().find(|c| c.status == *s).map_or(0, |c| c.n),
            overdue: 0,
        })
        .collect();
    let bracket = |age_days: i64| match age_days {
        0 => 0,
        1..=6 => 1,
        7..=29 => 2,
        _ => 3,
    };
    let by_age = SUPPORT_AGE_BRACKETS
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let of_age: Vec<_> = open
                .iter()
                .filter(|r| bracket((now - r.created_unix) / 86_400) == i)
                .collect();
            CodeCount {
                code: code.to_string(),
                count: of_age.len() as u64,
                overdue: of_age.iter().filter(|r| is_overdue(r, &targets, now)).count() as u64,
            }
        })
        .collect();
    let this_week = week_start_day(now);
    let weeks = (0..DASHBOARD_WEEKS)
        .rev()
        .map(|back| {
            let start = this_week - back * 7;
            let of_week: Vec<_> = recent
                .iter()
                .filter(|r| week_start_day(r.created_unix) == start)
                .collect();
            let hours = |end: Option<i64>, created: i64| end.map(|e| (e - created) as f64 / 3600.0);
            WeekTimes {
                week: day_text(start),
                created: of_week.len() as u64,
                first_response_hours: median(
                    of_week
                        .iter()
                        .filter_map(|r| hours(r.first_response_unix, r.created_unix))
                        .collect(),
                ),
                resolution_hours: median(
                    of_week
                        .iter()
                        .filter_map(|r| hours(r.resolved_unix, r.created_unix))
                        .collect(),
                ),
            }
        })
        .collect();
    Ok(SupportDashboard {
        queues,
        by_status,
        by_age,
        weeks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-28 is a Saturday; its week starts on Monday 2026-11-23.
        let saturday = 1_795_824_000 + 12 * 3600; // 2026-11-28T12:00:00Z
        assert_eq!(day_text(week_start_day(saturday)), "2026-11-23");
        assert_eq!(day_text(week_start_day(0)), "1969-12-29");
    }

    #[test]
    fn medians_of_even_and_odd_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn urgent_means_critical_or_firefighter() {
        assert!(is_urgent("firefighter", "low"));
        assert!(is_urgent("advice", "critical"));
        assert!(!is_urgent("advice", "high"));
    }
}
