//! Crash safety on the embedded on-disk store: the server is killed with
//! SIGKILL again and again while several clients write at once; every write
//! it acknowledged must be there afterwards, and the database must open
//! cleanly each time. `PORTAL_CRASH_ROUNDS` runs a heavier variant.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use server::db;

use crate::common::process::{free_port, on_disk, serve, static_dir, wait_for, PASSWORD};

const WRITERS: [&str; 4] = [
    "membre@example.org",
    "pilote@example.org",
    "referent@example.org",
    "ca@example.org",
];

/// The request number in an answer to `support/create`.
fn number_of(answer: &Value) -> Option<u64> {
    answer.as_u64().or_else(|| answer["number"].as_u64())
}

/// Writes support requests in a loop until the server dies; collects the
/// numbers it acknowledged.
async fn write_until_killed(client: reqwest::Client, base: String, acked: Arc<Mutex<Vec<u64>>>) {
    for i in 0.. {
        let sent = client
            .post(format!("{base}/api/support/create"))
            .json(&json!({"category": "it_tools", "urgency": "normal",
                "subject": format!("Écriture {i}"), "description": "Survivra-t-elle ?"}))
            .send()
            .await;
        let Ok(res) = sent else { return };
        let status = res.status().as_u16();
        let Ok(answer) = res.json::<Value>().await else {
            return;
        };
        // A write refused because another one collided is fine; a 5xx is not.
        assert!(status < 500, "server error under concurrent writes: {answer}");
        if status == 200 {
            acked
                .lock()
                .unwrap()
                .push(number_of(&answer).expect("a request number"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_repeated_kill_9_during_concurrent_writes() {
    let rounds: usize = std::env::var("PORTAL_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().unwrap();
    let static_dir = static_dir(dir.path());
    let url = on_disk(dir.path(), "portal.db");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let acked = Arc::new(Mutex::new(Vec::new()));
    // Sessions live in the database: the same cookies work after each restart.
    let mut clients = Vec::new();

    for round in 0..rounds {
        let mut server = serve(&url, &static_dir, port, round == 0).spawn().unwrap();
        wait_for(&base, 200).await;
        if clients.is_empty() {
            for email in WRITERS {
                let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
                let res = client
                    .post(format!("{base}/api/auth/login"))
                    .json(&json!({"email": email, "password": PASSWORD}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "login as {email}");
                clients.push(client);
            }
        }
        let before = acked.lock().unwrap().len();
        let writers: Vec<_> = clients
            .iter()
            .map(|c| tokio::spawn(write_until_killed(c.clone(), base.clone(), acked.clone())))
            .collect();
        // Kill at a different moment of the write stream each round.
        tokio::time::sleep(Duration::from_millis(700 + 300 * round as u64)).await;
        server.kill().unwrap();
        server.wait().unwrap();
        for w in writers {
            w.await.unwrap();
        }
        assert!(
            acked.lock().unwrap().len() > before,
            "round {round}: no write was acknowledged before the kill"
        );
    }

    // The server is dead: open the store directly, as an operator would.
    let database = db::connect(&url, &db::Credentials::default()).await.unwrap();
    assert!(db::is_healthy(&database).await);
    let mut r = database
        .query("SELECT VALUE number FROM support_request")
        .await
        .unwrap();
    let stored: Vec<u64> = r.take(0).unwrap();
    let mut acked = acked.lock().unwrap().clone();
    acked.sort();
    let mut unique = acked.clone();
    unique.dedup();
    assert_eq!(unique.len(), acked.len(), "a request number was given twice");
    for n in &acked {
        assert!(stored.contains(n), "acknowledged request {n} was lost");
    }
    let mut distinct = stored.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), stored.len(), "two stored requests share a number");
}
