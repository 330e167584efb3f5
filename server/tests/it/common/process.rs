//! process: the portal binary run as a real process (the command line, crash
//! and scale-out tests): a free port, a static directory, `portal serve`,
//! waiting for its health route.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const PORTAL: &str = env!("CARGO_BIN_EXE_portal");
/// The demo accounts' password in these tests.
pub const PASSWORD: &str = "un mot de passe solide";

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An embedded on-disk database in `dir`, every write synced.
pub fn on_disk(dir: &Path, name: &str) -> String {
    format!("surrealkv://{}?sync=every", dir.join(name).display())
}

/// A `dist` directory in `dir` holding an index page, for `--static-dir`.
pub fn static_dir(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><title>Portail</title>").unwrap();
    dist
}

/// `portal serve` on database `db` at `port`, quiet; with `demo` it seeds
/// the demo accounts (5 members) first. Callers add what else they need.
pub fn serve(db: &str, static_dir: &Path, port: u16, demo: bool) -> Command {
    let mut cmd = Command::new(PORTAL);
    cmd.args(["--db", db, "serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--static-dir")
        .arg(static_dir)
        .env("PORTAL_DEMO_PASSWORD", PASSWORD)
        .env("PORTAL_KEY_FILE", super::key_file())
        .env("PORTAL_DEMO_MEMBERS", "5")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if demo {
        cmd.arg("--demo");
    }
    cmd
}

/// The status of `base`'s health route, if it answers within 5 s.
pub async fn health(base: &str) -> Option<u16> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let res = client.get(format!("{base}/healthz")).send().await.ok()?;
    Some(res.status().as_u16())
}

/// Waits (a minute at most) for `base`'s health route to answer `status`.
pub async fn wait_for(base: &str, status: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while health(base).await != Some(status) {
        assert!(
            Instant::now() < deadline,
            "{base}/healthz never answered {status}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Kills the process when the test ends, passed or not.
pub struct Process(pub Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn surreal_start(bin: &str, port: u16, data: &Path) -> Process {
    let child = Command::new(bin)
        .args(["start", "--user", "root", "--pass", "root", "--log", "warn"])
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .arg(format!("surrealkv://{}", data.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("SURREAL_BIN does not start");
    Process(child)
}

pub fn portal_serve(db_port: u16, static_dir: &Path, demo: bool) -> (Process, String) {
    portal_serve_with(db_port, static_dir, demo, &[])
}

/// The same with more environment (mail settings, say).
pub fn portal_serve_with(
    db_port: u16,
    static_dir: &Path,
    demo: bool,
    env: &[(&str, String)],
) -> (Process, String) {
    let port = free_port();
    let child = serve(&format!("ws://127.0.0.1:{db_port}"), static_dir, port, demo)
        .env("PORTAL_DB_USER", "root")
        .env("PORTAL_DB_PASS", "root")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .spawn()
        .unwrap();
    (Process(child), format!("http://127.0.0.1:{port}"))
}

/// `surreal start` answers on its own HTTP health route once ready.
pub async fn wait_for_surreal(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let url = format!("http://127.0.0.1:{port}/health");
    while !reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
        assert!(Instant::now() < deadline, "SurrealDB did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A client of the process at `base`, signed in as `email`.
pub async fn signed_in(base: &str, email: &str) -> super::Client {
    let client = super::Client::for_base(base);
    let (status, _) = client
        .post(
            "/api/auth/login",
            serde_json::json!({"email": email, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 200);
    client
}

/// The SurrealDB server of the tests that need a real one (SURREAL_BIN);
/// without it such a test says so and is skipped.
pub fn surreal_bin() -> Option<String> {
    let bin = std::env::var("SURREAL_BIN").ok();
    if bin.is_none() {
        eprintln!("SURREAL_BIN is not set: `make test` builds the SurrealDB server and sets it");
    }
    bin
}
