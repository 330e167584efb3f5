//! support: the support endpoints as the tests call them, answering the
//! app's own types.

use app::support::model::SupportRequestSummary;
use app::support::model::{SupportDashboard, SupportDelivery, SupportQueueItem, SupportRequestDetail};
use serde_json::{json, Value};

use super::Client;

/// Files a request (with a description, a tool and a contact); answers its number.
pub async fn ask(client: &Client, category: &str, urgency: &str, subject: &str) -> u64 {
    client
        .call(
            "/api/support/create",
            json!({"category": category, "urgency": urgency, "subject": subject,
                   "description": "Détails de la demande.", "tool": "https://theshifters.org", "contact": "06 00 00 00 00"}),
        )
        .await
}

/// The request as `client` may see it.
pub async fn get(client: &Client, number: u64) -> SupportRequestDetail {
    client.call("/api/support/get", json!({ "number": number })).await
}

/// The status of reading the request (404 when `client` may not see it).
pub async fn get_status(client: &Client, number: u64) -> u16 {
    client
        .post("/api/support/get", json!({ "number": number }))
        .await
        .0
}

pub async fn reply(
    client: &Client,
    number: u64,
    body: &str,
    internal: bool,
    status: Option<&str>,
) -> (u16, Value) {
    let message = json!({"number": number, "body": body, "internal": internal, "status": status});
    client.post("/api/support/reply", message).await
}

/// Takes the request; answers the status.
pub async fn take(client: &Client, number: u64) -> u16 {
    client
        .post("/api/support/take", json!({ "number": number }))
        .await
        .0
}

/// Reopens the request; answers the status.
pub async fn reopen(client: &Client, number: u64) -> u16 {
    client
        .post("/api/support/reopen", json!({ "number": number }))
        .await
        .0
}

/// Moves the request to `status`; answers the status of the call.
pub async fn set_status(client: &Client, number: u64, status: &str) -> u16 {
    client
        .post(
            "/api/support/set-status",
            json!({ "number": number, "status": status }),
        )
        .await
        .0
}

/// The open requests of `client`'s queue, in its order.
pub async fn queue(client: &Client) -> Vec<SupportQueueItem> {
    client
        .call("/api/support/queue", json!({ "include_done": false }))
        .await
}

/// The numbers of the open requests of `client`'s queue, in its order.
pub async fn queue_numbers(client: &Client) -> Vec<u64> {
    queue(client).await.into_iter().map(|r| r.number).collect()
}

/// The requests `client` filed.
pub async fn mine(client: &Client) -> Vec<SupportRequestSummary> {
    client.call("/api/support/mine", json!({})).await
}

pub async fn dashboard(client: &Client) -> SupportDashboard {
    client.call("/api/support/dashboard", json!({})).await
}

/// The notifications and how their delivery went (admin).
pub async fn deliveries(client: &Client) -> Vec<SupportDelivery> {
    client.call("/api/support/deliveries", json!({})).await
}

/// Hands the request over to the helper `helper_id`.
pub async fn assign(client: &Client, number: u64, helper_id: &str) -> (u16, Value) {
    let body = json!({"number": number, "helper_id": helper_id});
    client.post("/api/support/assign", body).await
}

/// Saves a support category as the settings page sends it; answers the status.
pub async fn save_category(admin: &Client, category: Value) -> (u16, Value) {
    admin.post("/api/support/save-category", category).await
}
