use app_macros::api;

use crate::directory::model::MemberCard;
use crate::platform::error::AppError;
use crate::platform::page::Page;

/// Searches the directory (any member).
#[api("members/search")]
pub async fn search_members(
    text: Option<String>,
    region: Option<String>,
    page: Option<u64>,
) -> Result<Page<MemberCard>, AppError> {
    use crate::directory::services::members;
    use crate::directory::services::members::MemberQuery;
    crate::platform::context::require(&[]).await?;
    members::search(
        &crate::platform::context::db()?,
        &MemberQuery { text, region, page },
    )
    .await
}
