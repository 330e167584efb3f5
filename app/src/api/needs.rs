use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::models::NeedSummary;

/// The needs register (any member).
#[server(endpoint = "needs/list", input = Json)]
pub async fn list_needs() -> Result<Vec<NeedSummary>, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::needs::list(&crate::ssr::db()?).await
}
