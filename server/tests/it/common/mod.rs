//! A real portal for tests: SurrealDB in memory, migrated and seeded, served
//! over real HTTP on a free port.
#![allow(dead_code)]

use std::sync::Arc;

use app::accounts::model::AuditEntry;
use app::platform::context::{AppState, Settings};
use app::platform::db::Db;
use app::platform::page::Page;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT_LANGUAGE, ORIGIN};
use serde_json::Value;
use server::{db, http, migrate, seed};

// needs: the permission matrix rows of the needs area.
pub mod directory;
pub mod mail;
pub mod missions;
pub mod needs;
pub mod process;
pub mod support;

pub const PASSWORD: &str = "mot-de-passe-de-test-2026";

/// The server key file of the `portal serve` processes a test starts (one
/// for the whole run: processes of one database share their key).
pub fn key_file() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("portal-test-{}.key", std::process::id()))
}

pub struct TestPortal {
    pub base: String,
    pub db: Db,
    pub static_dir: tempfile::TempDir,
}

/// A front end stand-in: the server's static serving is under test, not the app.
fn static_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><title>Portail des Shifters</title><script type=\"module\">import init from '/app-fedcba9876543210/main.js'; init();</script>",
    )
    .unwrap();
    // The split wasm: one directory named by its content hash.
    std::fs::create_dir(dir.path().join("app-fedcba9876543210")).unwrap();
    std::fs::write(
        dir.path().join("app-fedcba9876543210/split_needs_area_1.wasm"),
        b"\0asm",
    )
    .unwrap();
    std::fs::write(dir.path().join("app-0123456789abcdef.js"), "console.log('app')").unwrap();
    std::fs::write(dir.path().join("app-0123456789abcdef.js.br"), b"brotli-bytes").unwrap();
    dir
}

/// The SurrealDB server the suite runs against, if any: `make test` runs the
/// suite twice, in memory and on a real server (`PORTAL_TEST_DB=ws://…`).
pub fn test_server() -> Option<String> {
    std::env::var("PORTAL_TEST_DB").ok().filter(|url| !url.is_empty())
}

/// A fresh, empty database: in memory, or a database of its own on the
/// test server so that tests running at once never see each other's data.
pub async fn empty_db() -> Db {
    // Server-side errors show in the output of a failing test.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn")
        .try_init();
    let Some(url) = test_server() else {
        return db::connect("mem://", &db::Credentials::default()).await.unwrap();
    };
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let credentials = db::Credentials {
        username: Some(std::env::var("PORTAL_TEST_DB_USER").unwrap_or_else(|_| "root".into())),
        password: Some(std::env::var("PORTAL_TEST_DB_PASS").unwrap_or_else(|_| "root".into())),
    };
    let name = format!("t{}_{n}", std::process::id());
    db::connect_to(&url, &credentials, "tests", &name).await.unwrap()
}

pub async fn seeded_db() -> Db {
    let db = empty_db().await;
    migrate::run(&db).await.unwrap();
    seed::demo_accounts(&db, PASSWORD, false).await.unwrap();
    seed::association_content(&db).await.unwrap();
    seed::synthetic_members(&db, 40).await.unwrap();
    db
}

/// A database with the demo accounts and `members` synthetic members.
pub async fn seed_members(db: &Db, members: u64) {
    migrate::run(db).await.unwrap();
    seed::demo_accounts(db, PASSWORD, false).await.unwrap();
    seed::synthetic_members(db, members).await.unwrap();
}

pub async fn start() -> TestPortal {
    start_with(Settings::default()).await
}

/// A portal with `settings`; when they name a mailer, its delivery task
/// runs, as with `portal serve`.
pub async fn start_with(settings: Settings) -> TestPortal {
    let deliver = settings.outbox.mailer.is_some();
    let portal = start_idle(settings.clone()).await;
    if deliver {
        deliver_from(&portal, &settings);
    }
    portal
}

/// A portal whose messages wait in the outbox until `deliver_from`.
pub async fn start_idle(settings: Settings) -> TestPortal {
    let db = seeded_db().await;
    serve(db, settings).await
}

/// Starts the outbox's delivery task, as `portal serve` does.
pub fn deliver_from(portal: &TestPortal, settings: &Settings) {
    tokio::spawn(app::platform::outbox::run(
        portal.db.clone(),
        settings.outbox.clone(),
        server::mail::minter(&settings.public_url),
        // Never asked to stop: the test's runtime ends it.
        tokio::sync::watch::channel(false).1,
    ));
}

/// A mailer handing each message to a sendmail-compatible script in `dir`
/// that appends it to the file answered, as postfix's sendmail would take it.
pub fn file_mailer(dir: &std::path::Path) -> (app::platform::mail::Mailer, std::path::PathBuf) {
    let mailbox = dir.join("mailbox.eml");
    let program = dir.join("sendmail");
    std::fs::write(&program, format!("#!/bin/sh\ncat >> '{}'\n", mailbox.display())).unwrap();
    std::fs::set_permissions(&program, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mailer = app::platform::mail::Mailer::from_url(
        &format!("sendmail://{}", program.display()),
        "noreply@portail.example.org",
        None,
        std::time::Duration::from_secs(10),
    )
    .unwrap();
    (mailer, mailbox)
}

pub async fn serve(db: Db, mut settings: Settings) -> TestPortal {
    let static_dir = static_dir();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // As `portal serve` does with its bind address: the tests' browser
    // stand-in calls from there.
    settings.origins.push(format!("http://{addr}"));
    let header_read_timeout = settings.header_read_timeout;
    let state = AppState {
        live: app::notifications::hub::LiveHub::start(db.clone()),
        db: db.clone(),
        settings: Arc::new(settings),
    };
    let router = http::router(state, static_dir.path());
    tokio::spawn(server::listen::serve(
        listener,
        router,
        header_read_timeout,
        std::future::pending(),
    ));
    TestPortal {
        base: format!("http://{addr}"),
        db,
        static_dir,
    }
}

impl TestPortal {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like client with its own cookie jar, signed out.
    pub fn client(&self) -> Client {
        Client::for_base(&self.base)
    }

    /// A client signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Client {
        self.sign_in(self.client(), email).await
    }

    /// A client signed in as `email` whose page shows the portal in `lang`
    /// (`fr`, `en`): its requests say so, as the portal's own client does.
    pub async fn signed_in_reading(&self, email: &str, lang: &str) -> Client {
        self.sign_in(Client::for_base_in(&self.base, Some(lang)), email)
            .await
    }

    async fn sign_in(&self, client: Client, email: &str) -> Client {
        let (status, body) = client
            .post(
                "/api/auth/login",
                serde_json::json!({"email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, 200, "login as {email}: {body}");
        client
    }
}

/// The first page of the audit log's entries for `action` (administrators).
pub async fn audit(client: &Client, action: &str) -> Page<AuditEntry> {
    client
        .call(
            "/api/admin/audit",
            serde_json::json!({"action": action, "text": null, "page": 1}),
        )
        .await
}

/// The fields a validation error names, in its order.
pub fn field_names(error: &Value) -> Vec<&str> {
    error["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("not a validation error: {error}"))
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect()
}

/// The first record key that `sql` (a `… VALUE record::id(id)` query)
/// answers, with `$v` bound to `value`.
pub async fn key_of(portal: &TestPortal, sql: &str, value: &str) -> String {
    let mut r = portal.db.query(sql).bind(("v", value.to_string())).await.unwrap();
    r.take::<Vec<String>>(0).unwrap().remove(0)
}

/// The record key of the account with this e-mail.
pub async fn user_id(portal: &TestPortal, email: &str) -> String {
    key_of(
        portal,
        "SELECT VALUE record::id(id) FROM user WHERE email = $v",
        email,
    )
    .await
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

impl Client {
    /// A browser-like client of the portal at `base`, with its own cookie jar, signed out.
    pub fn for_base(base: &str) -> Client {
        Client::for_base_in(base, None)
    }

    /// The same, asking for answers in `lang` (`Accept-Language`).
    pub fn for_base_in(base: &str, lang: Option<&str>) -> Client {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_str(base).unwrap());
        if let Some(lang) = lang {
            headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(lang).unwrap());
        }
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .build()
            .unwrap();
        Client {
            http,
            base: base.to_string(),
        }
    }

    /// POSTs JSON; answers the status and the JSON body (Null when empty).
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let res = self
            .http
            .post(format!("{}{}", self.base, path))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// POSTs JSON that must succeed; answers the body read as `T`.
    pub async fn call<T: serde::de::DeserializeOwned>(&self, path: &str, body: Value) -> T {
        let (status, answer) = self.post(path, body).await;
        assert_eq!(status, 200, "{path}: {answer}");
        serde_json::from_value(answer.clone()).unwrap_or_else(|err| panic!("{path}: {err} in {answer}"))
    }
}

// Helpers the feature tests share, so that each reads as what a user checks.

impl Client {
    /// POSTs JSON; answers the status alone, for checks that read nothing else.
    pub async fn status(&self, path: &str, body: Value) -> u16 {
        self.post(path, body).await.0
    }

    /// Signs in with `email` and `password`; answers the status and the body.
    pub async fn login(&self, email: &str, password: &str) -> (u16, Value) {
        self.post(
            "/api/auth/login",
            serde_json::json!({"email": email, "password": password}),
        )
        .await
    }

    /// POSTs JSON with `headers` on top of the client's; answers the raw
    /// response, for what `post` does not show (headers, cookies).
    pub async fn send(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.http.post(format!("{}{path}", self.base)).json(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }

    /// POSTs `body` as it is, labelled `content_type`: bodies no form would
    /// send. Answers the raw response.
    pub async fn send_bytes(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let request = self.http.post(format!("{}{path}", self.base));
        let request = request.header("content-type", content_type).body(body);
        request.send().await.unwrap()
    }

    /// GETs `path`; answers the raw response.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// GETs `path`; answers the status.
    pub async fn get_status(&self, path: &str) -> u16 {
        self.get(path).await.status().as_u16()
    }

    /// DELETEs `path`; answers the status.
    pub async fn delete_status(&self, path: &str) -> u16 {
        let res = self.http.delete(format!("{}{path}", self.base)).send().await;
        res.unwrap().status().as_u16()
    }
}

impl TestPortal {
    /// Writes straight to the database, as another process or an
    /// administrator's script would; every statement must succeed.
    pub async fn run(&self, sql: &str) {
        self.db.query(sql).await.unwrap().check().unwrap();
    }

    /// What the first statement of `sql` answers, read straight from the database.
    pub async fn rows<T: surrealdb::types::SurrealValue>(&self, sql: &str) -> Vec<T> {
        self.db.query(sql).await.unwrap().take(0).unwrap()
    }
}

/// An administrator changes the portal's settings (the fields the form
/// sends); the change must be accepted.
pub async fn update_settings(admin: &Client, changes: Value) {
    let (status, body) = admin.post("/api/admin/update-settings", changes).await;
    assert_eq!(status, 200, "{body}");
}

/// Runs the futures at once, each a task of its own on the runtime's
/// threads (clients arriving together); answers their outputs in order.
pub async fn at_once<F, T>(futures: impl IntoIterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let tasks: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(tasks.len());
    for task in tasks {
        outputs.push(task.await.expect("a task panicked"));
    }
    outputs
}
