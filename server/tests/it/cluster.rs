//! Scale-out: several `portal serve` processes on one real SurrealDB server
//! (`surreal start`, built by `make surreal` and named by SURREAL_BIN). The
//! app processes keep no state of their own: sessions and records live in
//! the database, and the processes ride out a database restart.

use serde_json::{json, Value};

use crate::common::process::{
    free_port, portal_serve, static_dir, surreal_start, wait_for, wait_for_surreal, PASSWORD,
};

async fn post(client: &reqwest::Client, base: &str, path: &str, body: Value) -> (u16, Value) {
    let res = client
        .post(format!("{base}{path}"))
        .header("origin", base)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn request_number(answer: &Value) -> u64 {
    answer
        .as_u64()
        .or_else(|| answer["number"].as_u64())
        .expect("a request number")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_portals_share_one_surrealdb_server_and_survive_its_restart() {
    let Ok(surreal) = std::env::var("SURREAL_BIN") else {
        eprintln!("SURREAL_BIN is not set: `make test` builds the SurrealDB server and sets it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let static_dir = static_dir(dir.path());
    let data = dir.path().join("surreal.db");
    let db_port = free_port();
    let mut database = surreal_start(&surreal, db_port, &data);
    wait_for_surreal(db_port).await;

    // The first process migrates and seeds; the second finds it all done.
    let (_a, a) = portal_serve(db_port, &static_dir, true);
    wait_for(&a, 200).await;
    let (_b, b) = portal_serve(db_port, &static_dir, false);
    wait_for(&b, 200).await;

    // A session opened through one process is valid on the other.
    let member = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let (status, _) = post(
        &member,
        &a,
        "/api/auth/login",
        json!({"email": "membre@example.org", "password": PASSWORD}),
    )
    .await;
    assert_eq!(status, 200);
    let cookie = member
        .post(format!("{a}/api/auth/me"))
        .header("origin", &a)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(cookie, 200);
    // Same cookie jar, other process.
    let (status, me) = post(&member, &b, "/api/auth/me", json!({})).await;
    assert_eq!((status, me["email"].clone()), (200, json!("membre@example.org")));

    // A record written through one is read through the other.
    let (status, created) = post(
        &member,
        &a,
        "/api/support/create",
        json!({"category": "advice",
        "urgency": "low", "subject": "Écrit par A", "description": "Lu par B ?"}),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let first = request_number(&created);
    let (_, mine) = post(&member, &b, "/api/support/mine", json!({})).await;
    assert!(mine.to_string().contains("Écrit par A"), "{mine}");

    // Concurrent writes through both processes: each request exactly once.
    let mut writers = Vec::new();
    for i in 0..24 {
        let (client, base) = (member.clone(), if i % 2 == 0 { a.clone() } else { b.clone() });
        writers.push(tokio::spawn(async move {
            let (status, answer) = post(
                &client,
                &base,
                "/api/support/create",
                json!({
                "category": "it_tools", "urgency": "normal",
                "subject": format!("Charge {i}"), "description": "En même temps"}),
            )
            .await;
            assert_eq!(status, 200, "{answer}");
            request_number(&answer)
        }));
    }
    let mut numbers = vec![first];
    for w in writers {
        numbers.push(w.await.unwrap());
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 25, "two requests got the same number");
    let (_, mine) = post(&member, &a, "/api/support/mine", json!({})).await;
    for i in 0..24 {
        let subject = format!("\"Charge {i}\"");
        assert_eq!(mine.to_string().matches(&subject).count(), 1, "{subject}");
    }

    // Each process reads the needs register from its memory; a need or a
    // support written through one shows at once through the other.
    let register = |base: String| {
        let member = member.clone();
        async move {
            let query = json!({"query": {"text": "hyperfréquence"}, "page": 1});
            let (status, page) = post(&member, &base, "/api/needs/register", query).await;
            assert_eq!(status, 200, "{page}");
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| {
                    (
                        n["title"].as_str().unwrap().to_string(),
                        n["support_count"].as_u64().unwrap(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(register(a.clone()).await, vec![]);
    assert_eq!(register(b.clone()).await, vec![]);
    let need = json!({"need": {"title": "Relais hyperfréquence pour le local", "description": "Écrit par A.",
        "origin": "working_group", "origin_name": "GT Outils", "category": "internal_communication",
        "people_affected": 12, "urgency": "normal", "current_tool": "", "gap": "Pas de réseau", "priority": "should"}});
    let (status, id) = post(&member, &a, "/api/needs/create", need).await;
    assert_eq!(status, 200, "{id}");
    let line = |n| vec![("Relais hyperfréquence pour le local".to_string(), n)];
    assert_eq!(register(b.clone()).await, line(0));
    let support = |base: String, support: bool| {
        let (member, id) = (member.clone(), id.clone());
        async move {
            post(
                &member,
                &base,
                "/api/needs/support",
                json!({"id": id, "support": support}),
            )
            .await
        }
    };
    assert_eq!(support(b.clone(), true).await, (200, json!(1)));
    assert_eq!(register(a.clone()).await, line(1));
    assert_eq!(support(a.clone(), false).await, (200, json!(0)));
    assert_eq!(register(b.clone()).await, line(0));

    // The database goes away: /healthz says so; it comes back: so does the portal.
    drop(database);
    wait_for(&a, 503).await;
    database = surreal_start(&surreal, db_port, &data);
    wait_for(&a, 200).await;
    wait_for(&b, 200).await;
    let (status, mine) = post(&member, &b, "/api/support/mine", json!({})).await;
    assert_eq!(status, 200, "{mine}");
    assert!(mine.to_string().contains("Écrit par A"));
    drop(database);
}
