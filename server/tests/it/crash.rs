//! Crash safety on the embedded on-disk store: the server is killed with
//! SIGKILL again and again while several clients write at once; every write
//! it acknowledged must be there afterwards, and the database must open
//! cleanly each time. `PORTAL_CRASH_ROUNDS` runs a heavier variant.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use server::db;

const PORTAL: &str = env!("CARGO_BIN_EXE_portal");
const PASSWORD: &str = "un mot de passe solide";
const WRITERS: [&str; 4] = [
    "membre@example.org",
    "pilote@example.org",
    "referent@example.org",
    "ca@example.org",
];

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(url: &str, static_dir: &Path, port: u16, demo: bool) -> Child {
    let mut cmd = Command::new(PORTAL);
    cmd.args(["--db", url, "serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--static-dir")
        .arg(static_dir)
        .env("PORTAL_DEMO_PASSWORD", PASSWORD)
        .env("PORTAL_KEY_FILE", crate::common::key_file())
        .env("PORTAL_DEMO_MEMBERS", "5")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if demo {
        cmd.arg("--demo");
    }
    cmd.spawn().unwrap()
}

async fn wait_healthy(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(res) = reqwest::get(format!("{base}/healthz")).await {
            if res.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the portal did not open its database after a crash");
}

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
    let static_dir = dir.path().join("dist");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(
        static_dir.join("index.html"),
        "<!DOCTYPE html><title>Portail</title>",
    )
    .unwrap();
    let url = format!(
        "surrealkv://{}?sync=every",
        dir.path().join("portal.db").display()
    );
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let acked = Arc::new(Mutex::new(Vec::new()));
    // Sessions live in the database: the same cookies work after each restart.
    let mut clients = Vec::new();

    for round in 0..rounds {
        let mut server = start(&url, &static_dir, port, round == 0);
        wait_healthy(&base).await;
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
