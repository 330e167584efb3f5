use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::models::{MemberCard, Page};

/// Searches the directory (any member).
#[server(endpoint = "members/search", input = Json)]
pub async fn search_members(
    text: Option<String>,
    region: Option<String>,
    page: Option<u64>,
) -> Result<Page<MemberCard>, AppError> {
    use crate::services::members::{self, MemberQuery};
    crate::ssr::require(&[]).await?;
    members::search(&crate::ssr::db()?, &MemberQuery { text, region, page }).await
}
