//! needs: the needs register and the architecture as the tests call them
//! (reads answer the app's types), and the rows of the permission matrix
//! with the records their calls act on.

use app::needs::model::{NeedDetail, NeedItem, NeedStatus, Solution};
use app::platform::page::Page;
use serde_json::{json, Value};

use super::{Client, TestPortal};

/// Records a need; answers its id.
pub async fn create(client: &Client, need: Value) -> String {
    client.call("/api/needs/create", json!({ "need": need })).await
}

/// The need as `client` may act on it.
pub async fn get(client: &Client, id: &str) -> NeedDetail {
    client.call("/api/needs/get", json!({ "id": id })).await
}

pub async fn status_of(client: &Client, id: &str) -> NeedStatus {
    get(client, id).await.need.status
}

/// The whole register as `query` (filters, order) selects it, page by page.
pub async fn list(client: &Client, query: Value) -> Vec<NeedItem> {
    let mut all = Vec::new();
    for page in 1.. {
        let lines: Page<NeedItem> = client
            .call("/api/needs/register", json!({ "query": query, "page": page }))
            .await;
        let last = lines.page >= lines.page_count();
        all.extend(lines.items);
        if last {
            return all;
        }
    }
    unreachable!("the pages end")
}

/// Moves the need to status `to`.
pub async fn move_to(client: &Client, id: &str, to: &str, note: &str) -> (u16, Value) {
    client
        .post("/api/needs/status", json!({"id": id, "to": to, "note": note}))
        .await
}

/// The id of the catalogue's component called `name`.
pub async fn component_id(client: &Client, name: &str) -> String {
    let components: Vec<app::needs::model::Component> =
        client.call("/api/architecture/components", json!({})).await;
    components
        .into_iter()
        .find(|c| c.name == name)
        .and_then(|c| c.id)
        .unwrap_or_else(|| panic!("no component {name}"))
}

pub async fn solutions(client: &Client) -> Vec<Solution> {
    client.call("/api/architecture/solutions", json!({})).await
}

/// The board's decision on solution `id`.
pub async fn decide(client: &Client, id: &str, decision: &str, reason: &str) -> (u16, Value) {
    let body = json!({"id": id, "decision": decision, "reason": reason});
    client.post("/api/architecture/decide", body).await
}

/// Puts solution `id` before the board; answers the status.
pub async fn submit_solution(client: &Client, id: &str) -> u16 {
    let body = json!({ "id": id });
    client.status("/api/architecture/submit-solution", body).await
}

async fn one(portal: &TestPortal, sql: &str) -> String {
    let mut r = portal.db.query(sql).await.unwrap().check().unwrap();
    let ids: Vec<String> = r.take(r.num_statements() - 1).unwrap();
    ids.into_iter().next().unwrap()
}

async fn seed_need(portal: &TestPortal, key: &str) -> String {
    one(
        portal,
        &format!("SELECT VALUE record::id(id) FROM need WHERE seed_key = '{key}'"),
    )
    .await
}

/// (path, body, roles allowed: empty = any signed-in account). Each body
/// succeeds for the first allowed role that sends it; the roles are walked
/// with admin last, so the admin-only moves succeed once.
pub async fn matrix(portal: &TestPortal) -> Vec<(&'static str, Value, &'static [&'static str])> {
    let site = seed_need(portal, "site-web").await;
    let new_need = seed_need(portal, "hebergement").await;
    let merged = seed_need(portal, "bot-twitter").await;
    let merged_into = seed_need(portal, "montage-video").await;
    let submitted = one(
        portal,
        "UPDATE need SET status = 'submitted' WHERE seed_key = 'securite' RETURN VALUE record::id(id)",
    )
    .await;
    let draft = one(
        portal,
        "CREATE solution CONTENT { title: 'Brouillon', needs: (SELECT VALUE id FROM need WHERE seed_key = 'site-web'), complexity: 1 } RETURN VALUE record::id(id)",
    )
    .await;
    let before_board = one(
        portal,
        "CREATE solution CONTENT { title: 'Devant le CA', needs: (SELECT VALUE id FROM need WHERE seed_key = 'site-web'), complexity: 1, status: 'submitted' }
             RETURN VALUE record::id(id)",
    )
    .await;
    let slack = one(
        portal,
        "SELECT VALUE record::id(id) FROM component WHERE name = 'Slack'",
    )
    .await;
    let need_body = json!({
        "title": "Améliorations du site web", "description": "", "origin": "mission",
        "origin_name": "Support et conseil informatique & web", "category": "website",
        "people_affected": 0, "urgency": "normal", "current_tool": "Site web", "gap": "", "priority": "should",
    });
    const ADMIN: &[&str] = &["admin"];
    const BOARD: &[&str] = &["board"];
    vec![
        ("/api/needs/get", json!({"id": site}), &[]),
        ("/api/needs/similar", json!({"text": "site web"}), &[]),
        ("/api/needs/create", json!({"need": need_body}), &[]),
        (
            "/api/needs/update",
            json!({"id": site, "need": need_body, "version": 1}),
            ADMIN,
        ),
        ("/api/needs/support", json!({"id": site, "support": true}), &[]),
        ("/api/needs/comment", json!({"id": site, "body": "+1"}), &[]),
        (
            "/api/needs/status",
            json!({"id": new_need, "to": "in_analysis", "note": ""}),
            ADMIN,
        ),
        (
            "/api/needs/status",
            json!({"id": submitted, "to": "accepted", "note": "Voté"}),
            BOARD,
        ),
        (
            "/api/needs/merge",
            json!({"id": merged, "into": merged_into}),
            ADMIN,
        ),
        ("/api/needs/categories", json!({}), &[]),
        (
            "/api/needs/save-category",
            json!({"category": {"code": "other", "label_fr": "Autre", "label_en": "Other", "position": 99, "active": true}}),
            ADMIN,
        ),
        ("/api/needs/export", json!({"query": null, "format": "csv"}), &[]),
        ("/api/needs/dashboard", json!({}), &[]),
        ("/api/architecture/components", json!({}), &[]),
        (
            "/api/architecture/save-component",
            json!({"component": {
                "id": slack, "name": "Slack", "purpose": "internal_communication", "description": "",
                "status": "adopted", "hosting": "", "free_software": false, "european": false,
                "yearly_cost": 0, "alternatives": "Mattermost"
            }}),
            ADMIN,
        ),
        ("/api/architecture/solutions", json!({}), &[]),
        (
            "/api/architecture/save-solution",
            json!({"solution": {
                "id": null, "title": "Nouveau site", "need_ids": [site], "component_ids": [], "tools": "",
                "cost_once": 0, "cost_yearly": 0, "delay_weeks": 1, "complexity": 1, "rationale": "Simple."
            }}),
            ADMIN,
        ),
        ("/api/architecture/submit-solution", json!({"id": draft}), ADMIN),
        (
            "/api/architecture/decide",
            json!({"id": before_board, "decision": "to_rework", "reason": "Chiffrer l'hébergement"}),
            BOARD,
        ),
    ]
}

/// The id of the seed need `key` (site-web, hebergement, securite…).
pub async fn seed_id(portal: &TestPortal, key: &str) -> String {
    super::key_of(
        portal,
        "SELECT VALUE record::id(id) FROM need WHERE seed_key = $v",
        key,
    )
    .await
}

/// Supports the need (or withdraws the support); answers the status and the count.
pub async fn support(client: &Client, id: &str, support: bool) -> (u16, Value) {
    let body = json!({"id": id, "support": support});
    client.post("/api/needs/support", body).await
}

/// Comments on the need; answers the status.
pub async fn comment(client: &Client, id: &str, text: &str) -> u16 {
    client
        .status("/api/needs/comment", json!({"id": id, "body": text}))
        .await
}

/// Merges the need `id` into the need `into`.
pub async fn merge(client: &Client, id: &str, into: &str) -> (u16, Value) {
    client
        .post("/api/needs/merge", json!({"id": id, "into": into}))
        .await
}

/// The register as a file: `format` is markdown or csv.
pub async fn export(client: &Client, query: Value, format: &str) -> (u16, Value) {
    let request = json!({"query": query, "format": format});
    client.post("/api/needs/export", request).await
}

/// Saves a category of needs; answers the status.
pub async fn save_category(client: &Client, category: &Value) -> u16 {
    let body = json!({ "category": category });
    client.status("/api/needs/save-category", body).await
}

/// Saves a component of the architecture's catalogue.
pub async fn save_component(client: &Client, component: &Value) -> (u16, Value) {
    let body = json!({ "component": component });
    client.post("/api/architecture/save-component", body).await
}

/// Saves a solution; answers the status and its id.
pub async fn save_solution(client: &Client, solution: &Value) -> (u16, Value) {
    let body = json!({ "solution": solution });
    client.post("/api/architecture/save-solution", body).await
}
