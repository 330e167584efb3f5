//! Every endpoint over real HTTP against a real (in-memory) SurrealDB.

use crate::common;

use std::time::Duration;

use app::accounts::services::accounts;

use app::accounts::services::accounts::SessionPolicy;
use app::platform::context::Settings;
use common::{start, start_with, Client, TestPortal, PASSWORD};
use serde_json::{json, Value};

#[tokio::test]
async fn health_check_answers_when_the_database_does() {
    let portal = start().await;
    let res = reqwest::get(portal.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn deep_links_get_the_app_and_assets_come_precompressed() {
    let portal = start().await;
    let res = reqwest::get(portal.url("/missions/42")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let page = res.text().await.unwrap();
    assert!(page.contains("Portail des Shifters"));
    // Staff pages are the same app (their code is a chunk fetched on demand).
    for path in ["/admin", "/admin/journal/", "/missions/revue", "/support/file"] {
        let res = reqwest::get(portal.url(path)).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.text().await.unwrap(), page, "{path}");
    }
    // The inline loader is allowed by its hash, and nothing else inline.
    assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");

    // The split wasm's directory is named by its content hash: cached for ever.
    let res = reqwest::get(portal.url("/app-fedcba9876543210/split_needs_area_1.wasm"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));

    let client = reqwest::Client::new();
    let res = client
        .get(portal.url("/app-0123456789abcdef.js"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
}

#[tokio::test]
async fn an_unknown_endpoint_is_a_json_404() {
    let portal = start().await;
    let (status, body) = portal.client().post("/api/nothing/here", json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(body, json!({"error": "not_found"}));
}

/// Every endpoint but sign-in refuses a visitor who is not signed in.
#[tokio::test]
async fn signed_out_visitors_get_401_everywhere() {
    let portal = start().await;
    let client = portal.client();
    let calls = [
        ("/api/auth/me", json!({})),
        (
            "/api/members/search",
            json!({"text": null, "region": null, "page": null}),
        ),
        ("/api/needs/list", json!({})),
        ("/api/missions/list", json!({})),
        ("/api/missions/get", json!({"id": "x"})),
        (
            "/api/support/create",
            json!({"category": "advice", "urgency": "low", "subject": "s", "description": "d"}),
        ),
        ("/api/support/mine", json!({})),
    ];
    for (path, body) in calls {
        let (status, answer) = client.post(path, body).await;
        assert_eq!(status, 401, "{path}: {answer}");
        assert_eq!(answer, json!({"error": "unauthorized"}), "{path}");
    }
}

#[tokio::test]
async fn sign_in_sets_an_http_only_cookie_and_me_tells_the_roles() {
    let portal = start().await;
    let client = portal.client();
    let sign_in = json!({"email": "CA@example.org ", "password": PASSWORD});
    let res = client.send("/api/auth/login", &sign_in, &[]).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("portal_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let (status, me) = client.post("/api/auth/me", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "ca@example.org");
    assert_eq!(me["roles"], json!(["member", "board"]));

    let (status, _) = client.post("/api/auth/logout", json!({})).await;
    assert_eq!(status, 200);
    let (status, _) = client.post("/api/auth/me", json!({})).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_answer_the_same() {
    let portal = start().await;
    let client = portal.client();
    let wrong = client
        .login("membre@example.org", "pas le bon mot de passe")
        .await;
    let unknown = client
        .login("personne@example.org", "pas le bon mot de passe")
        .await;
    assert_eq!(wrong.0, 401);
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.1, json!({"error": "bad_credentials"}));
}

#[tokio::test]
async fn the_session_id_changes_at_each_sign_in() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let sessions = || portal.rows::<String>("SELECT VALUE token_hash FROM session");
    let first = sessions().await;
    let (status, _) = client.login("membre@example.org", PASSWORD).await;
    assert_eq!(status, 200);
    let second = sessions().await;
    assert_eq!(first.len(), 1);
    assert_eq!(second.len(), 1, "the old session ended");
    assert_ne!(first, second);
}

/// A portal whose sessions end after `idle` seconds unused or `absolute`
/// seconds in all, and a member signed in on it.
async fn member_with_sessions(idle: u64, absolute: u64) -> (TestPortal, Client) {
    let sessions = SessionPolicy {
        idle: Duration::from_secs(idle),
        absolute: Duration::from_secs(absolute),
    };
    let portal = start_with(Settings {
        sessions,
        ..Settings::default()
    })
    .await;
    let client = portal.signed_in("membre@example.org").await;
    (portal, client)
}

#[tokio::test]
async fn idle_sessions_expire() {
    let (_portal, client) = member_with_sessions(1, 3600).await;
    assert_eq!(client.post("/api/auth/me", json!({})).await.0, 200);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(client.post("/api/auth/me", json!({})).await.0, 401);
}

#[tokio::test]
async fn activity_keeps_a_session_alive() {
    let (_portal, client) = member_with_sessions(2, 3600).await;
    // Four seconds of use, twice the idle limit, never more than 0.6 s apart.
    for _ in 0..7 {
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(client.post("/api/auth/me", json!({})).await.0, 200);
    }
}

#[tokio::test]
async fn sessions_end_after_their_absolute_lifetime_even_when_active() {
    let (_portal, client) = member_with_sessions(3600, 2).await;
    let started = std::time::Instant::now();
    // Active well inside the lifetime (measured, so that a slower database
    // server does not turn the last call into one past the limit)...
    while started.elapsed() < Duration::from_millis(1200) {
        assert_eq!(client.post("/api/auth/me", json!({})).await.0, 200);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // ...and refused once it is over, however active.
    tokio::time::sleep(Duration::from_millis(2100).saturating_sub(started.elapsed())).await;
    assert_eq!(client.post("/api/auth/me", json!({})).await.0, 401);
}

#[tokio::test]
async fn deactivation_and_password_change_end_sessions_at_once() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let pilot = portal.signed_in("pilote@example.org").await;

    accounts::deactivate(&portal.db, "membre@example.org")
        .await
        .unwrap();
    assert_eq!(member.post("/api/auth/me", json!({})).await.0, 401);
    let again = member.login("membre@example.org", PASSWORD).await;
    assert_eq!(again.0, 401);

    accounts::set_password(&portal.db, "pilote@example.org", "un-tout-nouveau-mot-de-passe")
        .await
        .unwrap();
    assert_eq!(pilot.post("/api/auth/me", json!({})).await.0, 401);
}

#[tokio::test]
async fn the_needs_register_holds_the_seed_needs_most_important_first() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let page: Value = client.call("/api/needs/register", json!({})).await;
    let needs = page["items"].as_array().unwrap();
    assert_eq!(needs.len(), 13);
    assert_eq!(needs[0]["priority"], "must");
    assert!(needs
        .iter()
        .any(|n| n["title"] == "Alternative libre ou européenne à Dropbox"));
    let slack = needs
        .iter()
        .find(|n| n["title"] == "Outil de communication interne sans limite d'historique")
        .unwrap();
    assert_eq!(slack["origin_name"], "Chat4ever");
}

#[tokio::test]
async fn the_three_seed_cards_are_there_word_for_word() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let (status, missions) = client.post("/api/missions/list", json!({})).await;
    assert_eq!(status, 200);
    let missions = &missions["items"];
    let titles: Vec<&str> = missions
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3);
    for title in [
        "Coordination SI",
        "Chat4ever",
        "Support et conseil informatique & web",
    ] {
        assert!(titles.contains(&title), "{title} missing from {titles:?}");
    }
    let chat = missions
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["title"] == "Chat4ever")
        .unwrap();
    let (status, card) = client.post("/api/missions/get", json!({"id": chat["id"]})).await;
    assert_eq!(status, 200);
    assert_eq!(card["kind"], "mission_shifter");
    assert_eq!(card["board_referent"]["name"], "Malcolm Bernard");
    assert_eq!(card["deliverables"], "Un CdC hiérarchisé");
    assert_eq!(card["when"], "Objectif 1er jet mi-novembre");
    assert!(card["what"]
        .as_str()
        .unwrap()
        .starts_with("Nous atteignons les limites de l'offre Slack gratuite (10 000 messages max)"));

    let (status, body) = client
        .post("/api/missions/get", json!({"id": "nope'; DELETE mission; --"}))
        .await;
    assert_eq!((status, body), (404, json!({"error": "not_found"})));
    let (_, still) = client.post("/api/missions/list", json!({})).await;
    assert_eq!(still["items"].as_array().unwrap().len(), 3);
}

/// The members' search: `query` holds the text, the region and the page.
async fn members(client: &Client, query: Value) -> (u16, Value) {
    client.post("/api/members/search", query).await
}

#[tokio::test]
async fn the_directory_filters_by_region_and_searches_in_french() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let (status, all) = members(&client, json!({"text": null, "region": null, "page": null})).await;
    assert_eq!(status, 200);
    assert_eq!(all["total"], 48, "40 synthetic members and 8 demo accounts");
    assert_eq!(all["items"].as_array().unwrap().len(), 24);
    // Sorted by name as people read it: accents and case do not count.
    let fold = |name: &str| -> String {
        name.to_lowercase()
            .chars()
            .map(|c| match c {
                'à' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'î' | 'ï' => 'i',
                'ô' | 'ö' => 'o',
                'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                ' ' => '-',
                c => c,
            })
            .collect()
    };
    let keys: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| fold(m["display_name"].as_str().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let (_, last) = members(&client, json!({"text": null, "region": null, "page": 2})).await;
    assert_eq!(
        last["items"].as_array().unwrap().len(),
        24,
        "48 members: 24 then 24"
    );

    let bretagne = json!({"text": null, "region": "Bretagne", "page": 1});
    let (_, bretons) = members(&client, bretagne).await;
    let items = bretons["items"].as_array().unwrap();
    assert!(items.iter().all(|m| m["region"] == "Bretagne"));
    assert_eq!(bretons["total"].as_u64().unwrap() as usize, items.len());

    // No accent, plural: still finds "Développement web", and, French
    // stemming oblige, the "Développeuses" and "Développeurs" too.
    let plural = json!({"text": "developpements", "region": null, "page": 1});
    let (_, devs) = members(&client, plural).await;
    let items = devs["items"].as_array().unwrap();
    assert!(
        items.iter().any(|m| m["skills"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Développement web")),
        "{devs}"
    );
    for m in items {
        let skilled = m["skills"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Développement web");
        let by_trade = m["profession"].as_str().unwrap_or("").starts_with("Développ");
        assert!(skilled || by_trade, "{m}");
    }
    // As one types, every beginning of "développement" finds the members
    // skilled in "Développement web", even past the stem ("developpem" is
    // no beginning of the stem "developp").
    let web: Vec<&Value> = items
        .iter()
        .filter(|m| {
            m["skills"]
                .as_array()
                .unwrap()
                .contains(&json!("Développement web"))
        })
        .map(|m| &m["id"])
        .collect();
    for typed in ["develop", "developpem", "Développemen"] {
        let (_, found) = members(&client, json!({"text": typed, "region": null, "page": 1})).await;
        let found: Vec<&Value> = found["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["id"])
            .collect();
        assert!(web.iter().all(|id| found.contains(id)), "{typed}: {found:?}");
    }
    let astronaut = json!({"text": "astronaute", "region": null, "page": 1});
    let (_, nobody) = members(&client, astronaut).await;
    assert_eq!(nobody["total"], 0);

    let too_long = json!({"text": "x".repeat(201), "region": null, "page": 1});
    let (status, body) = members(&client, too_long).await;
    assert_eq!(status, 400);
    assert_eq!(body["fields"][0]["field"], "text");
}

#[tokio::test]
async fn a_support_request_gets_the_next_number_and_bad_input_changes_nothing() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let bad = json!({"category": "volcan", "urgency": "normal", "subject": "  ", "description": "d"});
    let (status, body) = client.post("/api/support/create", bad).await;
    assert_eq!(status, 400);
    let fields = common::field_names(&body);
    assert_eq!(fields, ["category", "subject"]);

    let request = json!({"category": "firefighter", "urgency": "critical", "subject": "Mails en spam", "description": "Nos mails tombent dans les spams."});
    assert_eq!(
        client.post("/api/support/create", request.clone()).await,
        (200, json!(1))
    );
    assert_eq!(client.post("/api/support/create", request).await, (200, json!(2)));

    let (status, mine) = client.post("/api/support/mine", json!({})).await;
    assert_eq!(status, 200);
    let numbers: Vec<u64> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [2, 1]);

    let other = portal.signed_in("pilote@example.org").await;
    assert_eq!(other.post("/api/support/mine", json!({})).await, (200, json!([])));
}

#[tokio::test]
async fn malformed_and_oversized_bodies_are_refused_cleanly() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let res = client
        .send_bytes("/api/support/create", "application/json", "{\"category\": ")
        .await;
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"], "bad_request");

    let huge = "x".repeat(2 * 1024 * 1024);
    let request = json!({"category": "advice", "urgency": "low", "subject": "s", "description": huge});
    let (status, body) = client.post("/api/support/create", request).await;
    assert_eq!(status, 413);
    assert_eq!(body, json!({"error": "payload_too_large"}));
    assert_eq!(
        client.post("/api/support/mine", json!({})).await,
        (200, json!([]))
    );
}

/// A call whose client goes away at once (a closed tab, a dropped
/// connection) still runs to its end: what was sent is saved, whole.
#[tokio::test]
async fn a_call_its_client_abandons_still_completes() {
    use tokio::io::AsyncWriteExt;

    let portal = start().await;
    let member = portal.client();
    let res = member
        .send(
            "/api/auth/login",
            &json!({"email": "membre@example.org", "password": PASSWORD}),
            &[],
        )
        .await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_string();
    let address = member.base.trim_start_matches("http://").to_string();
    for i in 0..6 {
        let body = json!({"category": "it_tools", "urgency": "normal",
            "subject": format!("Onglet fermé {i}"), "description": "Envoyée, puis l'onglet est fermé."})
        .to_string();
        let request = format!(
            "POST /api/support/create HTTP/1.1\r\nhost: {address}\r\norigin: {}\r\ncookie: {cookie}\r\n\
             content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            member.base,
            body.len()
        );
        let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
        socket.write_all(request.as_bytes()).await.unwrap();
        // Gone before any answer.
        drop(socket);
    }
    let mut found = 0;
    for _ in 0..100 {
        let (_, mine) = member.post("/api/support/mine", json!({})).await;
        found = (0..6)
            .filter(|i| mine.to_string().contains(&format!("\"Onglet fermé {i}\"")))
            .count();
        if found == 6 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(found, 6, "a call whose client left was not completed");
}
