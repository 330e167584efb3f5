use app_macros::api;

use crate::error::AppError;
use crate::models::{MemberCard, Page};

/// Searches the directory (any member).
#[api("members/search")]
pub async fn search_members(
    text: Option<String>,
    region: Option<String>,
    page: Option<u64>,
) -> Result<Page<MemberCard>, AppError> {
    use crate::services::members::{self, MemberQuery};
    crate::ssr::require(&[]).await?;
    members::search(&crate::ssr::db()?, &MemberQuery { text, region, page }).await
}
