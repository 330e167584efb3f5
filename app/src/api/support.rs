use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::models::SupportRequestSummary;

/// Asks the support team for help (any member); answers the request number.
#[server(endpoint = "support/create", input = Json)]
pub async fn create_support_request(
    category: String,
    urgency: String,
    subject: String,
    description: String,
) -> Result<u64, AppError> {
    use crate::services::support::{self, NewRequest};
    let user = crate::ssr::require(&[]).await?;
    let new = NewRequest {
        category,
        urgency,
        subject,
        description,
    };
    support::create(&crate::ssr::db()?, &user.id, new).await
}

/// The requests of the signed-in member.
#[server(endpoint = "support/mine", input = Json)]
pub async fn my_support_requests() -> Result<Vec<SupportRequestSummary>, AppError> {
    let user = crate::ssr::require(&[]).await?;
    crate::services::support::mine(&crate::ssr::db()?, &user.id).await
}
