//! missions: the mission endpoints as the tests call them. Calls that tests
//! also expect to fail answer the status and the body; reads that must
//! succeed answer the app's own types.

use app::missions::model::{MissionCard, MissionSummary, ReviewQueue};
use app::platform::page::Page;
use serde_json::{json, Value};

use super::{user_id, Client, TestPortal};

/// The card as `client` may see it.
pub async fn card(client: &Client, id: &str) -> MissionCard {
    client.call("/api/missions/get", json!({ "id": id })).await
}

/// The status of reading the card (404 when `client` may not see it).
pub async fn card_status(client: &Client, id: &str) -> u16 {
    client.post("/api/missions/get", json!({ "id": id })).await.0
}

/// The card's current version, as an edit must quote it.
pub async fn version(client: &Client, id: &str) -> i64 {
    card(client, id).await.version
}

/// Saves a draft (`id` None creates it) read at `version`.
pub async fn save(client: &Client, id: Option<&str>, version: i64, draft: &Value) -> (u16, Value) {
    client
        .post(
            "/api/missions/save",
            json!({"id": id, "version": version, "draft": draft}),
        )
        .await
}

/// Creates a card from `draft`; answers its id.
pub async fn create(client: &Client, draft: &Value) -> String {
    let (status, saved) = save(client, None, 0, draft).await;
    assert_eq!(status, 200, "{saved}");
    saved["id"].as_str().unwrap().to_string()
}

pub async fn submit(client: &Client, id: &str, version: i64) -> (u16, Value) {
    client
        .post("/api/missions/submit", json!({"id": id, "version": version}))
        .await
}

/// The board's decision on a submitted card.
pub async fn decide(client: &Client, id: &str, version: i64, decision: &str, reason: &str) -> (u16, Value) {
    client
        .post(
            "/api/missions/decide",
            json!({"id": id, "version": version, "decision": decision, "reason": reason}),
        )
        .await
}

/// A pilot's (or the board's) status move.
pub async fn set_status(
    client: &Client,
    id: &str,
    version: i64,
    status: &str,
    deliverables_done: &str,
) -> (u16, Value) {
    client
        .post(
            "/api/missions/set-status",
            json!({"id": id, "version": version, "status": status, "deliverables_done": deliverables_done}),
        )
        .await
}

pub async fn apply(client: &Client, id: &str, role: &str, message: &str) -> (u16, Value) {
    client
        .post(
            "/api/missions/apply",
            json!({"id": id, "role": role, "message": message}),
        )
        .await
}

/// A pilot accepts or declines an application; answers the status.
pub async fn answer(client: &Client, application: &str, accept: bool) -> u16 {
    client
        .post(
            "/api/missions/answer",
            json!({"application_id": application, "accept": accept}),
        )
        .await
        .0
}

/// The first page of the board's queue.
pub async fn review_queue(client: &Client) -> ReviewQueue {
    review_page(client, 1).await
}

/// Page `page` of the board's queue.
pub async fn review_page(client: &Client, page: u64) -> ReviewQueue {
    client
        .call("/api/missions/review-queue", json!({ "page": page }))
        .await
}

/// The first page of the cards `client` sees in the list, unfiltered.
pub async fn list(client: &Client) -> Vec<MissionSummary> {
    list_page(client, 1).await.items
}

/// Page `page` of the cards `client` sees in the list, unfiltered.
pub async fn list_page(client: &Client, page: u64) -> Page<MissionSummary> {
    client
        .call("/api/missions/list", json!({ "filter": null, "page": page }))
        .await
}

/// The id of the seed card `key` (coordination_si, chat4ever, support).
pub async fn seed_id(portal: &TestPortal, key: &str) -> String {
    super::key_of(
        portal,
        "SELECT VALUE record::id(id) FROM mission WHERE seed_key = $v",
        key,
    )
    .await
}

/// Makes `email` a pilot of the seed card `key` (the seed names nobody), as
/// the board does it from the card.
pub async fn make_pilot(portal: &TestPortal, key: &str, email: &str) -> String {
    let id = seed_id(portal, key).await;
    let board = portal.signed_in("ca@example.org").await;
    let (status, body) = name_pilot(&board, &id, &user_id(portal, email).await, "pilot").await;
    assert_eq!(status, 200, "{body}");
    id
}

/// The board names `user` pilot or co-pilot (`role`) of card `id`.
pub async fn name_pilot(board: &Client, id: &str, user: &str, role: &str) -> (u16, Value) {
    board
        .post(
            "/api/missions/name-pilot",
            json!({"id": id, "user_id": user, "role": role}),
        )
        .await
}

/// A card with everything submission asks for.
pub fn complete_draft(title: &str) -> Value {
    json!({
        "title": title, "kind": "mission_shifter", "tsp_referent": "",
        "what": "1°) Recenser les outils\n2°) Proposer une cible", "when": "Objectif fin janvier (approx 10h de travail)",
        "deliverables": "Un inventaire partagé", "how_many": "1 pilote + 2 contributeurs",
        "region": "", "domains": ["Numérique"], "needs": [],
        "roles": [
            {"role": "pilot", "places": 1, "skills": ["Gestion de projet"], "commitment": "regular", "duration": "3 mois"},
            {"role": "contributor", "places": 2, "skills": ["Data"], "commitment": "light", "duration": "3 mois"}
        ]
    })
}
