//! directory: the directory search as the tests call it, answering the
//! app's result, and what a test reads from it (facet counts, a card's
//! values for one facet).

use std::collections::BTreeMap;

use app::directory::model::{DirectoryCard, DirectoryResult};
use serde_json::{json, Value};

use super::Client;

/// One page of the directory for `query` (filters, text, sort, page).
pub async fn search(client: &Client, query: Value) -> DirectoryResult {
    client
        .call("/api/directory/search", json!({ "query": query }))
        .await
}

/// Every card of a query, page after page.
pub async fn all_cards(client: &Client, mut query: Value) -> Vec<DirectoryCard> {
    let mut cards = Vec::new();
    for page in 1.. {
        query["page"] = json!(page);
        let found = search(client, query.clone()).await;
        let last = page >= found.page_count();
        cards.extend(found.items);
        if last {
            break;
        }
    }
    cards
}

/// The counts of one facet, by value.
pub fn facet(result: &DirectoryResult, name: &str) -> BTreeMap<String, u64> {
    result
        .facets
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no facet {name}"))
        .values
        .iter()
        .map(|v| (v.value.clone(), v.count))
        .collect()
}

/// A directory download as the browser gets it.
pub struct Download {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Download {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// GETs `/api/directory/export/{format}?{params}` (the /annuaire page's
/// parameters, already encoded), with `extra` headers on top of the client's.
pub async fn download_with(client: &Client, format: &str, params: &str, extra: &[(&str, &str)]) -> Download {
    let mut request = client
        .http
        .get(format!("{}/api/directory/export/{format}?{params}", client.base));
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let res = request.send().await.unwrap();
    Download {
        status: res.status().as_u16(),
        headers: res.headers().clone(),
        body: res.text().await.unwrap(),
    }
}

pub async fn download(client: &Client, format: &str, params: &str) -> Download {
    download_with(client, format, params, &[]).await
}

/// The profile of the member `client` is signed in as, as their form reads it.
pub async fn my_profile(client: &Client) -> Value {
    client.call("/api/profile/mine", json!({})).await
}

/// Saves the member's own profile, as their form does.
pub async fn save_profile(client: &Client, profile: &Value) -> (u16, Value) {
    client
        .post("/api/profile/save", json!({ "profile": profile }))
        .await
}

/// The member `client` asks to be erased, and an administrator confirms it.
pub async fn erase(client: &Client, admin: &Client, user_id: &str) {
    let asked = client.status("/api/profile/request-deletion", json!({})).await;
    assert_eq!(asked, 200);
    let (status, body) = confirm_deletion(admin, user_id).await;
    assert_eq!(status, 200, "{body}");
}

/// An administrator erases the member `user_id` who asked for it.
pub async fn confirm_deletion(admin: &Client, user_id: &str) -> (u16, Value) {
    admin
        .post("/api/directory/confirm-deletion", json!({ "user_id": user_id }))
        .await
}
