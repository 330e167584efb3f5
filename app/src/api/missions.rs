use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::models::{MissionCard, MissionSummary};

/// Missions past the draft stage (any member).
#[server(endpoint = "missions/list", input = Json)]
pub async fn list_missions() -> Result<Vec<MissionSummary>, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::missions::list(&crate::ssr::db()?).await
}

/// One mission card (any member).
#[server(endpoint = "missions/get", input = Json)]
pub async fn get_mission(id: String) -> Result<MissionCard, AppError> {
    crate::ssr::require(&[]).await?;
    crate::services::missions::get(&crate::ssr::db()?, &id).await
}
