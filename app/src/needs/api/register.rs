//! The needs register (`needs/*`). Any member reads, records, supports and
//! discusses needs; status moves follow `NEED_TRANSITIONS`; administrators
//! merge needs and edit the categories.

use app_macros::api;

#[cfg(feature = "ssr")]
use crate::accounts::model::Role;
use crate::needs::model::{
    ExportFile, NeedCategory, NeedDetail, NeedInput, NeedItem, NeedQuery, NeedRef, NeedsDashboard,
};
use crate::platform::error::AppError;
use crate::platform::page::Page;

/// The whole register, filtered and sorted, as the choosers show it: id,
/// title and status (any member; every filter optional).
#[api("needs/list")]
pub async fn list_needs(query: Option<NeedQuery>) -> Result<Vec<NeedRef>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::choices(&crate::platform::context::db()?, &query.unwrap_or_default()).await
}

/// One page of the register, filtered and sorted (any member; page 1 by default).
#[api("needs/register")]
pub async fn needs_register(query: Option<NeedQuery>, page: Option<u64>) -> Result<Page<NeedItem>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::register(
        &crate::platform::context::db()?,
        &query.unwrap_or_default(),
        page.unwrap_or(1),
    )
    .await
}

/// One need with its discussion, history and what the caller may do (any member).
#[api("needs/get")]
pub async fn get_need(id: String) -> Result<NeedDetail, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::needs::services::get(&crate::platform::context::db()?, &user, &id).await
}

/// Needs close to a title being typed (any member).
#[api("needs/similar")]
pub async fn similar_needs(text: String) -> Result<Vec<NeedRef>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::similar(&crate::platform::context::db()?, &text).await
}

/// Records a need (any member); answers its id.
#[api("needs/create")]
pub async fn create_need(need: NeedInput) -> Result<String, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::needs::services::create(&crate::platform::context::db()?, &user, &need).await
}

/// Edits a need (its author while new or to rework, or an administrator).
#[api("needs/update")]
pub async fn update_need(id: String, need: NeedInput, version: i64) -> Result<(), AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::needs::services::update(&crate::platform::context::db()?, &user, &id, &need, version).await
}

/// Supports a need or withdraws the support (any member, once each); answers the count.
#[api("needs/support")]
pub async fn support_need(id: String, support: bool) -> Result<u64, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::needs::services::set_support(&crate::platform::context::db()?, &user.id, &id, support).await
}

/// Comments on a need (any member).
#[api("needs/comment")]
pub async fn comment_need(id: String, body: String) -> Result<(), AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::needs::services::comment(&crate::platform::context::db()?, &user, &id, &body).await
}

/// Moves a need to another status, as the transition table allows the
/// caller's roles; board decisions need a `note` (their reason).
#[api("needs/status")]
pub async fn change_need_status(id: String, to: String, note: String) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[]).await?;
    let out = context::outbound()?;
    let from = crate::needs::services::transition(&context::db()?, &out, &user, &id, &to, &note).await?;
    context::audit(
        &user,
        "need_status_changed",
        &format!("need:{id}"),
        &format!("{from} → {to} {note}"),
    )
    .await
}

/// Merges need `id` into need `into` (admin).
#[api("needs/merge")]
pub async fn merge_need(id: String, into: String) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[Role::Admin]).await?;
    let title = crate::needs::services::merge(&context::db()?, &user, &id, &into).await?;
    context::audit(
        &user,
        "need_merged",
        &format!("need:{id}"),
        &format!("{title} → need:{into}"),
    )
    .await
}

/// The need categories, in order (any member).
#[api("needs/categories")]
pub async fn need_categories() -> Result<Vec<NeedCategory>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::categories(&crate::platform::context::db()?).await
}

/// Adds or changes a category (admin).
#[api("needs/save-category")]
pub async fn save_need_category(category: NeedCategory) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[Role::Admin]).await?;
    crate::needs::services::save_category(&context::db()?, &category).await?;
    context::audit(&user, "category_saved", &category.code, &category.label_fr).await
}

/// The prioritised specification of the selected needs, `markdown` or `csv` (any member).
#[api("needs/export")]
pub async fn export_needs(query: Option<NeedQuery>, format: String) -> Result<ExportFile, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::export(
        &crate::platform::context::db()?,
        &query.unwrap_or_default(),
        &format,
    )
    .await
}

/// Counts for the dashboard (any member).
#[api("needs/dashboard")]
pub async fn needs_dashboard_data() -> Result<NeedsDashboard, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::dashboard(&crate::platform::context::db()?).await
}
