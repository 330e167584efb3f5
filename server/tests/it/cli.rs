//! The `portal` binary itself: its commands, a clean stop on SIGTERM, and
//! acknowledged writes surviving `kill -9` on the embedded on-disk store.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use server::db;

use crate::common::process::{free_port, on_disk, serve, static_dir, wait_for, PASSWORD, PORTAL};

fn portal(db_url: &str, args: &[&str]) -> Output {
    Command::new(PORTAL)
        .arg("--db")
        .arg(db_url)
        .args(args)
        .env("PORTAL_USER_PASSWORD", PASSWORD)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// What `sql` reads from the database at `url` once the commands are done.
async fn rows_in(url: &str, sql: &str) -> Vec<serde_json::Value> {
    let database = db::connect(url, &db::Credentials::default()).await.unwrap();
    database.query(sql).await.unwrap().take(0).unwrap()
}

#[tokio::test]
async fn user_commands_create_reset_and_deactivate_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let url = on_disk(dir.path(), "portal.db");
    let out = portal(
        &url,
        &[
            "user",
            "add",
            "--email",
            "Anne@Example.org",
            "--name",
            "Anne Dupré",
            "--role",
            "admin",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("Compte créé : Anne@Example.org"));

    let again = portal(
        &url,
        &[
            "user",
            "add",
            "--email",
            "anne@example.org",
            "--name",
            "Anne",
            "--role",
            "board",
        ],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("Un compte existe déjà"));

    let reset = Command::new(PORTAL)
        .args(["--db", &url, "user", "password", "--email", "anne@example.org"])
        .env_remove("PORTAL_USER_PASSWORD")
        .output()
        .unwrap();
    assert!(
        stdout(&reset).contains("Nouveau mot de passe de anne@example.org : "),
        "{reset:?}"
    );

    assert!(
        portal(&url, &["user", "deactivate", "--email", "anne@example.org"])
            .status
            .success()
    );
    let missing = portal(&url, &["user", "deactivate", "--email", "personne@example.org"]);
    assert!(!missing.status.success());

    let rows = rows_in(
        &url,
        "SELECT roles, active FROM user WHERE email = 'anne@example.org'",
    )
    .await;
    assert_eq!(rows, vec![json!({"roles": ["member", "admin"], "active": false})]);
}

#[tokio::test]
async fn export_then_import_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let source = on_disk(dir.path(), "source.db");
    let target = on_disk(dir.path(), "target.db");
    let backup = dir.path().join("sauvegarde.surql");
    let seeded = portal(&source, &["seed", "--members", "30", "--demo-password", PASSWORD]);
    assert!(seeded.status.success(), "{seeded:?}");
    assert!(stdout(&seeded).contains("ca@example.org"));
    assert!(portal(&source, &["export", backup.to_str().unwrap()])
        .status
        .success());
    let imported = portal(&target, &["import", backup.to_str().unwrap()]);
    assert!(imported.status.success(), "{imported:?}");
    let refused = portal(&target, &["import", backup.to_str().unwrap()]);
    assert!(
        !refused.status.success(),
        "a second import into a full database is refused"
    );

    let counts = rows_in(&target, "SELECT VALUE count() FROM user GROUP ALL").await;
    assert_eq!(counts, vec![json!({"count": 38})]);
}

struct Server {
    child: Child,
    base: String,
}

fn start_server(url: &str, static_dir: &Path, demo: bool) -> Server {
    let port = free_port();
    // Its logs are read: SIGTERM must say it stopped cleanly.
    let child = serve(url, static_dir, port, demo)
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

async fn signed_in(server: &Server) -> reqwest::Client {
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let res = client
        .post(format!("{}/api/auth/login", server.base))
        .json(&json!({"email": "membre@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    client
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9_and_sigterm_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let static_dir = static_dir(dir.path());
    let url = on_disk(dir.path(), "portal.db");

    let mut first = start_server(&url, &static_dir, true);
    wait_for(&first.base, 200).await;
    let client = signed_in(&first).await;
    let mut acknowledged = Vec::new();
    for i in 0..20 {
        let res = client
            .post(format!("{}/api/support/create", first.base))
            .json(&json!({"category": "it_tools", "urgency": "normal", "subject": format!("Demande {i}"), "description": "d"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        acknowledged.push(res.json::<u64>().await.unwrap());
    }
    first.child.kill().unwrap(); // SIGKILL: no chance to flush anything
    first.child.wait().unwrap();

    let mut second = start_server(&url, &static_dir, false);
    wait_for(&second.base, 200).await;
    let client = signed_in(&second).await;
    let mine: Vec<serde_json::Value> = client
        .post(format!("{}/api/support/mine", second.base))
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut numbers: Vec<u64> = mine.iter().map(|r| r["number"].as_u64().unwrap()).collect();
    numbers.sort();
    assert_eq!(numbers, acknowledged, "every acknowledged request is still there");

    let pid = second.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = second.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the portal did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status:?}");
    let logs: Vec<String> = BufReader::new(second.child.stderr.take().unwrap())
        .lines()
        .map_while(Result::ok)
        .collect();
    assert!(logs.iter().any(|l| l.contains("stopped cleanly")), "{logs:?}");
}
