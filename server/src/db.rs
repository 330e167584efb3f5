//! Opening the database through SurrealDB's `any` engine: embedded on disk
//! (`surrealkv://`), in memory (`mem://`) or a SurrealDB server (`ws://`).

use anyhow::Context;
use app::platform::db::Db;
use surrealdb::opt::auth::Root;

pub const NAMESPACE: &str = "shifters";
pub const DATABASE: &str = "portal";
/// On disk under ./data, every commit synced to disk before it is acknowledged.
pub const DEFAULT_URL: &str = "surrealkv://data/portal.db?sync=every";

/// Credentials for a remote SurrealDB server, read from the environment.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    pub username: Option<String>,
    pub password: Option<String>,
}

impl Credentials {
    pub fn from_env() -> Credentials {
        Credentials {
            username: std::env::var("PORTAL_DB_USER").ok(),
            password: std::env::var("PORTAL_DB_PASS").ok(),
        }
    }
}

/// The directory of an embedded store on disk, if `url` names one.
fn embedded_dir(url: &str) -> Option<&str> {
    let path = url
        .strip_prefix("surrealkv://")
        .or_else(|| url.strip_prefix("rocksdb://"))?;
    Some(path.split('?').next().unwrap_or(path))
}

pub fn is_remote(url: &str) -> bool {
    ["ws://", "wss://", "http://", "https://"]
        .iter()
        .any(|p| url.starts_with(p))
}

/// Opens the portal's database (namespace `shifters`, database `portal`).
pub async fn connect(url: &str, credentials: &Credentials) -> anyhow::Result<Db> {
    connect_to(url, credentials, NAMESPACE, DATABASE).await
}

/// Opens a named database; on a SurrealDB server the client reconnects by
/// itself after an outage (and signs in again), so the handle stays valid.
pub async fn connect_to(
    url: &str,
    credentials: &Credentials,
    namespace: &str,
    database: &str,
) -> anyhow::Result<Db> {
    if let Some(path) = embedded_dir(url) {
        if let Some(parent) = std::path::Path::new(path).parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
    }
    let db = surrealdb::engine::any::connect(url)
        .await
        .with_context(|| format!("cannot open the database at {url}"))?;
    if is_remote(url) {
        let (Some(username), Some(password)) = (credentials.username.clone(), credentials.password.clone())
        else {
            anyhow::bail!("PORTAL_DB_USER and PORTAL_DB_PASS are needed for a SurrealDB server");
        };
        db.signin(Root { username, password })
            .await
            .context("SurrealDB refused the credentials")?;
    }
    // Selecting a namespace and database that do not exist yet defines
    // them: processes (or tests) starting together on one server race for
    // that write, and the loser is told to retry.
    let mut attempt = 0;
    loop {
        match db.use_ns(namespace).use_db(database).await {
            Ok(_) => break,
            Err(err) if attempt < 10 && app::platform::db::is_write_conflict(&err) => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(20 * attempt)).await;
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(Db::new(db))
}

/// How long a stopping process waits for the embedded store to close.
const CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Lets go of the process's last handle and, for a store on disk, waits
/// until the store has closed. Closing folds its journal into its tables:
/// a store that is never closed replays its whole journal into memory at the
/// next start (145 MB of journal and no table on the bench's store before
/// this). SurrealKV closes once the last handle is gone and gives up its
/// `LOCK` file last, so the lock coming free is the sign it has finished.
pub async fn close(db: Db, url: &str) {
    drop(db);
    let Some(dir) = embedded_dir(url) else {
        return;
    };
    let lock = std::path::Path::new(dir).join("LOCK");
    let started = std::time::Instant::now();
    while !lock_is_free(&lock) {
        if started.elapsed() > CLOSE_WAIT {
            tracing::warn!(
                "the store at {dir} did not close within {CLOSE_WAIT:?}: its journal will be replayed at the next start"
            );
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tracing::info!(elapsed = ?started.elapsed(), "store closed");
}

/// True when no one holds the store's lock (SurrealKV holds it with `flock`,
/// which std's `File::try_lock` also uses).
fn lock_is_free(lock: &std::path::Path) -> bool {
    match std::fs::File::open(lock) {
        Ok(file) => file.try_lock().is_ok(),
        Err(_) => true,
    }
}

/// True when the database answers a query within two seconds (a SurrealDB
/// server that went away must not hang the health check).
pub async fn is_healthy(db: &Db) -> bool {
    let answer = tokio::time::timeout(std::time::Duration::from_secs(2), db.query("RETURN true")).await;
    match answer {
        Ok(Ok(mut resp)) => matches!(resp.take::<Option<bool>>(0), Ok(Some(true))),
        _ => false,
    }
}
