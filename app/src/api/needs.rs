//! The needs register (`needs/*`). Any member reads, records, supports and
//! discusses needs; status moves follow `NEED_TRANSITIONS`; administrators
//! merge needs and edit the categories.

use app_macros::api;

use crate::error::AppError;
use crate::models::needs::{
    ExportFile, NeedCategory, NeedDetail, NeedInput, NeedItem, NeedQuery, NeedRef, NeedsDashboard,
};
use crate::models::Page;
#[cfg(feature = "ssr")]
use crate::models::Role;

/// The whole register, filtered and sorted, for choosers (any member; every filter optional).
#[api("needs/list")]
pub async fn list_needs(query: Option<NeedQuery>) -> Result<Vec<NeedItem>, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::needs::search(&crate::ssr::db()?, &query.unwrap_or_default()).await
}

/// One page of the register, filtered and sorted (any member; page 1 by default).
#[api("needs/register")]
pub async fn needs_register(query: Option<NeedQuery>, page: Option<u64>) -> Result<Page<NeedItem>, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::needs::register(&crate::ssr::db()?, &query.unwrap_or_default(), page.unwrap_or(1)).await
}

/// One need with its discussion, history and what the caller may do (any member).
#[api("needs/get")]
pub async fn get_need(id: String) -> Result<NeedDetail, AppError> {
    let user = crate::ssr::require(&[]).await?;
    crate::services::needs::get(&crate::ssr::db()?, &user, &id).await
}

/// Needs close to a title being typed (any member).
#[api("needs/similar")]
pub async fn similar_needs(text: String) -> Result<Vec<NeedRef>, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::needs::similar(&crate::ssr::db()?, &text).await
}

/// Records a need (any member); answers its id.
#[api("needs/create")]
pub async fn create_need(need: NeedInput) -> Result<String, AppError> {
    let user = crate::ssr::require(&[]).await?;
    crate::services::needs::create(&crate::ssr::db()?, &user, &need).await
}

/// Edits a need (its author while new or to rework, or an administrator).
#[api("needs/update")]
pub async fn update_need(id: String, need: NeedInput) -> Result<(), AppError> {
    let user = crate::ssr::require(&[]).await?;
    crate::services::needs::update(&crate::ssr::db()?, &user, &id, &need).await
}

/// Supports a need or withdraws the support (any member, once each); answers the count.
#[api("needs/support")]
pub async fn support_need(id: String, support: bool) -> Result<u64, AppError> {
    let user = crate::ssr::require(&[]).await?;
    crate::services::needs::set_support(&crate::ssr::db()?, &user.id, &id, support).await
}

/// Comments on a need (any member).
#[api("needs/comment")]
pub async fn comment_need(id: String, body: String) -> Result<(), AppError> {
    let user = crate::ssr::require(&[]).await?;
    crate::services::needs::comment(&crate::ssr::db()?, &user, &id, &body).await
}

/// Moves a need to another status, as the transition table allows the
/// caller's roles; board decisions need a `note` (their reason).
#[api("needs/status")]
pub async fn change_need_status(id: String, to: String, note: String) -> Result<(), AppError> {
    use crate::ssr;
    let user = ssr::require(&[]).await?;
    let from = crate::services::needs::transition(&ssr::db()?, &user, &id, &to, &note).await?;
    ssr::audit(
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
    use crate::ssr;
    let user = ssr::require(&[Role::Admin]).await?;
    let title = crate::services::needs::merge(&ssr::db()?, &user, &id, &into).await?;
    ssr::audit(
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
    crate::ssr::require(&[]).await?;
    crate::services::needs::categories(&crate::ssr::db()?).await
}

/// Adds or changes a category (admin).
#[api("needs/save-category")]
pub async fn save_need_category(category: NeedCategory) -> Result<(), AppError> {
    use crate::ssr;
    let user = ssr::require(&[Role::Admin]).await?;
    crate::services::needs::save_category(&ssr::db()?, &category).await?;
    ssr::audit(&user, "category_saved", &category.code, &category.label_fr).await
}

/// The prioritised specification of the selected needs, `markdown` or `csv` (any member).
#[api("needs/export")]
pub async fn export_needs(query: Option<NeedQuery>, format: String) -> Result<ExportFile, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::needs::export(&crate::ssr::db()?, &query.unwrap_or_default(), &format).await
}

/// Counts for the dashboard (any member).
#[api("needs/dashboard")]
pub async fn needs_dashboard_data() -> Result<NeedsDashboard, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::needs::dashboard(&crate::ssr::db()?).await
}
