//! The administrators' view of every account, for the roll-out to the whole
//! association: imported members included, filtered and paged on the server.

use crate::common;

use common::{start, Client};
use serde_json::{json, Value};

async fn accounts(admin: &Client, query: Value, page: u64) -> Value {
    let (status, found) = admin
        .post("/api/admin/users", json!({"query": query, "page": page}))
        .await;
    assert_eq!(status, 200, "{found}");
    found
}

fn emails(found: &Value) -> Vec<String> {
    found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn every_account_is_listed_filtered_and_paged_on_the_server() {
    let portal = start().await;
    // 80 imported members (never signed in) beside the 5 demo accounts.
    server::seed::synthetic_members(&portal.db, 80).await.unwrap();
    let admin = portal.signed_in("admin@example.org").await;

    let all = accounts(&admin, json!({}), 1).await;
    assert_eq!(all["total"], 88, "{all}");
    assert_eq!(all["items"].as_array().unwrap().len(), 50);
    let second = accounts(&admin, json!({}), 2).await;
    assert_eq!(second["items"].as_array().unwrap().len(), 38);
    assert!(
        emails(&second).iter().all(|e| !emails(&all).contains(e)),
        "pages overlap"
    );

    // Imported members have never signed in; the admin has.
    let never = accounts(&admin, json!({"state": "never_signed_in"}), 1).await;
    assert!(never["total"].as_u64().unwrap() >= 80, "{never}");
    assert!(!emails(&never).contains(&"admin@example.org".to_string()));
    let active = accounts(&admin, json!({"state": "active"}), 1).await;
    assert_eq!(emails(&active), ["admin@example.org"], "{active}");

    // A link sent: the member is "invited" until they sign in.
    let imported = common::user_id(&portal, "membre00012@shifters.example").await;
    let link = json!({"user_id": imported});
    assert_eq!(admin.status("/api/admin/reset-link", link).await, 200);
    let invited = accounts(&admin, json!({"state": "invited"}), 1).await;
    assert_eq!(emails(&invited), ["membre00012@shifters.example"], "{invited}");

    // Roles, text, region and local group narrow the list; so does deactivation.
    let board = accounts(&admin, json!({"role": "board"}), 1).await;
    assert_eq!(emails(&board), ["ca@example.org"]);
    let found = accounts(&admin, json!({"text": "MEMBRE0001"}), 1).await;
    assert_eq!(found["total"], 10, "{found}");
    let region = accounts(&admin, json!({"region": "bretagne"}), 1).await;
    assert!(
        region["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["region"] == "Bretagne"),
        "{region}"
    );
    assert!(region["total"].as_u64().unwrap() > 0);
    let member = portal.signed_in("membre@example.org").await;
    let me = common::directory::my_profile(&member).await;
    let off = json!({"user_id": me["id"], "active": false});
    assert_eq!(admin.status("/api/admin/set-active", off).await, 200);
    let off = accounts(&admin, json!({"state": "deactivated"}), 1).await;
    assert_eq!(emails(&off), ["membre@example.org"], "{off}");
    // Members are refused the list.
    let other = portal.signed_in("pilote@example.org").await;
    assert_eq!(other.status("/api/admin/users", json!({"query": {}})).await, 403);
}

/// The audit log's entries between two days (both included), and its page.
async fn audit_range(admin: &Client, from: Value, to: Value, page: u64) -> (u16, Value) {
    admin
        .post(
            "/api/admin/audit",
            json!({"action": "login", "text": "ancien", "from": from, "to": to, "page": page}),
        )
        .await
}

#[tokio::test]
async fn the_audit_log_pages_and_keeps_to_a_range_of_days() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    portal
        .run(
            "FOR $i IN 1..=60 {
                CREATE audit CONTENT { at: <datetime>'2026-01-15T23:30:00Z', action: 'login', actor_email: 'ancien@example.org' };
             };
             FOR $i IN 1..=45 {
                CREATE audit CONTENT { at: <datetime>'2026-02-10T08:00:00Z', action: 'login', actor_email: 'ancien@example.org' };
             };",
        )
        .await;

    // 105 entries: three pages of 50, the newest first.
    let (_, all) = audit_range(&admin, Value::Null, Value::Null, 1).await;
    assert_eq!(
        (&all["total"], &all["per_page"]),
        (&json!(105), &json!(50)),
        "{all}"
    );
    assert!(all["items"][0]["at"].as_str().unwrap().starts_with("2026-02-10"));
    let (_, last) = audit_range(&admin, Value::Null, Value::Null, 3).await;
    assert_eq!(last["items"].as_array().unwrap().len(), 5);

    // The last day counts whole, to its last minute.
    let (_, january) = audit_range(&admin, json!("2026-01-01"), json!("2026-01-15"), 1).await;
    assert_eq!(january["total"], 60, "{january}");
    let (_, february) = audit_range(&admin, json!("2026-02-10"), Value::Null, 1).await;
    assert_eq!(february["total"], 45);
    let (_, none) = audit_range(&admin, json!("2026-01-16"), json!("2026-02-09"), 1).await;
    assert_eq!(none["total"], 0);

    // Dates that are no dates, or a range that ends before it starts, are named.
    let (status, error) = audit_range(&admin, json!("15/01/2026"), Value::Null, 1).await;
    assert_eq!((status, crate::common::field_names(&error)), (400, vec!["from"]));
    let (status, error) = audit_range(&admin, json!("2026-02-10"), json!("2026-01-15"), 1).await;
    assert_eq!((status, crate::common::field_names(&error)), (400, vec!["to"]));
}

/// The activation counts of one region, and of one of its groups.
fn counts_of(report: &Value, region: &str, group: &str) -> (Value, Value) {
    let region = report["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == region)
        .unwrap_or_else(|| panic!("no {region} in {report}"));
    let group = region["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g[0] == group)
        .unwrap_or_else(|| panic!("no {group} in {region}"));
    (region["counts"].clone(), group[1].clone())
}

#[tokio::test]
async fn the_board_follows_the_activation_per_region_and_local_group() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let csv = "Prénom;Nom;E-mail;Région;Groupe local\r\nCorinne;Santoni;corinne@corse.example;Corse;Ajaccio\r\nPaul;Orsini;paul@corse.example;Corse;Ajaccio\r\nLucie;Mattei;lucie@corse.example;Corse;Bastia\r\n";
    let (status, report) = admin
        .post("/api/directory/import", json!({"csv": csv, "commit": true}))
        .await;
    assert_eq!(status, 200, "{report}");
    let board = portal.signed_in("ca@example.org").await;
    let before: Value = board.call("/api/accounts/activation", json!({})).await;
    let (corse, ajaccio) = counts_of(&before, "Corse", "Ajaccio");
    assert_eq!(ajaccio, json!({"accounts": 2, "activated": 0}));
    assert_eq!(corse["accounts"], 3);

    // Corinne chooses her password and signs in; Paul's account is closed.
    app::accounts::services::accounts::set_password(&portal.db, "corinne@corse.example", common::PASSWORD)
        .await
        .unwrap();
    portal.signed_in("corinne@corse.example").await;
    let paul = common::user_id(&portal, "paul@corse.example").await;
    let closed = json!({"user_id": paul, "active": false});
    assert_eq!(admin.status("/api/admin/set-active", closed).await, 200);
    let after: Value = board.call("/api/accounts/activation", json!({})).await;
    let (corse, ajaccio) = counts_of(&after, "Corse", "Ajaccio");
    assert_eq!(ajaccio, json!({"accounts": 1, "activated": 1}));
    assert_eq!(corse, json!({"accounts": 2, "activated": 1}));
    assert_eq!(
        after["total"]["accounts"].as_u64().unwrap() + 1,
        before["total"]["accounts"].as_u64().unwrap()
    );
    assert!(after["total"]["activated"].as_u64() > before["total"]["activated"].as_u64());

    // Members do not see it.
    let member = portal.signed_in("membre@example.org").await;
    assert_eq!(member.status("/api/accounts/activation", json!({})).await, 403);
}
