//! The support team's settings: categories (with their referents and
//! webhook), the helpers, target times per urgency.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::platform::db::{check_key, first, rows, Db, Fetch};
use crate::platform::error::{check_text, validated, AppError, FieldError};
use crate::platform::said::said;
use crate::support::model::{PersonRef, SupportCategory, SupportCategorySettings, SupportTarget};

#[derive(Debug, Deserialize)]
pub(super) struct CategoryRow {
    pub(super) label_fr: String,
    pub(super) active: bool,
    #[serde(default)]
    pub(super) referents: Vec<PersonRef>,
    #[serde(default)]
    pub(super) referent_emails: Vec<String>,
    pub(super) webhook_url: Option<String>,
}

pub(super) const CATEGORY_FIELDS: &str =
    "record::id(id) AS code, label_fr, label_en, active, position, webhook_url,
    referents.map(|$u| { id: record::id($u), display_name: $u.display_name }) AS referents,
    referents.filter(|$u| $u.active).map(|$u| $u.email) AS referent_emails";

/// Every category in its order, read straight into `T` (the DTOs below).
async fn category_rows<T: DeserializeOwned>(db: &Db) -> Result<Vec<T>, AppError> {
    let sql = format!("SELECT {CATEGORY_FIELDS} FROM support_category ORDER BY position, code");
    let mut resp = db.query(sql).await?.check()?;
    rows(&mut resp, 0)
}

pub(super) async fn category_row(db: &Db, code: &str) -> Result<Option<CategoryRow>, AppError> {
    if check_key(code).is_err() {
        return Ok(None);
    }
    let sql = format!("SELECT {CATEGORY_FIELDS} FROM type::record('support_category', $code)");
    let mut resp = db.query(sql).bind(("code", code.to_string())).await?.check()?;
    first(&mut resp, 0)
}

/// The referents of a category, as account keys (none for an unknown one).
pub(super) async fn referent_ids(db: &Db, code: &str) -> Result<Vec<String>, AppError> {
    Ok(category_row(db, code)
        .await?
        .map(|c| c.referents.into_iter().map(|r| r.id).collect())
        .unwrap_or_default())
}

/// Every category (the form offers the active ones; old requests keep their label).
pub async fn categories(db: &Db) -> Result<Vec<SupportCategory>, AppError> {
    category_rows(db).await
}

/// Categories with their referents and webhook, as administrators edit them.
pub async fn category_settings(db: &Db) -> Result<Vec<SupportCategorySettings>, AppError> {
    category_rows(db).await
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

pub(super) fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub(super) fn field(field: &str, code: &str, message: &str) -> FieldError {
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
            &said(
                "Lettres minuscules, chiffres et _ seulement (40 au plus).",
                "Lower-case letters, digits and _ only (40 at most).",
            ),
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
                &said(
                    "Une adresse http(s):// complète.",
                    "A complete http(s):// address.",
                ),
            ));
        }
    }
    if !(0..=1000).contains(&input.position) {
        errors.push(field(
            "position",
            "invalid",
            &said("Entre 0 et 1000.", "Between 0 and 1000."),
        ));
    }
    let mut ids = input.referent_ids.clone();
    ids.sort();
    ids.dedup();
    if ids.len() > 50 || ids.iter().any(|id| check_key(id).is_err()) {
        errors.push(field(
            "referent_ids",
            "invalid",
            &said("Référents inconnus.", "Unknown referents."),
        ));
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
                &said(
                    "Chaque référent doit être un compte actif avec le rôle référent.",
                    "Each referent must be an active account with the referent role.",
                ),
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
    db.query(
        "SELECT record::id(id) AS id, display_name, sort_name FROM user
                 WHERE active AND roles CONTAINSANY ['referent', 'board', 'admin'] ORDER BY sort_name",
    )
    .rows()
    .await
}

/// Targets per urgency, most urgent first (defaults come with the migration).
pub async fn targets(db: &Db) -> Result<Vec<SupportTarget>, AppError> {
    let mut resp = db
        .query("SELECT record::id(id) AS urgency, first_response_hours, resolution_hours FROM support_target")
        .await?
        .check()?;
    let mut found: Vec<SupportTarget> = rows(&mut resp, 0)?;
    found.sort_by_key(|t| std::cmp::Reverse(t.urgency));
    Ok(found)
}

pub async fn save_targets(db: &Db, targets: Vec<SupportTarget>) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for t in &targets {
        let ok = |h: u32| (1..=8760).contains(&h);
        if !ok(t.first_response_hours)
            || !ok(t.resolution_hours)
            || t.resolution_hours < t.first_response_hours
        {
            errors.push(field(
                &format!("target_{}", t.urgency.code()),
                "invalid",
                &said(
                    "Entre 1 et 8760 heures, la résolution après la première réponse.",
                    "Between 1 and 8760 hours, resolution after the first answer.",
                ),
            ));
        }
    }
    validated(errors)?;
    for t in targets {
        db.query(
            "UPSERT type::record('support_target', $u) SET first_response_hours = $f, resolution_hours = $r RETURN NONE",
        )
        .bind(("u", t.urgency.code()))
        .bind(("f", t.first_response_hours as i64))
        .bind(("r", t.resolution_hours as i64))
        .await?
        .check()?;
    }
    Ok(())
}
