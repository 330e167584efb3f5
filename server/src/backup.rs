//! Full backups: the whole database (schema and records) to a SurrealQL file
//! and back.

use std::path::Path;

use anyhow::Context;
use app::platform::db::Db;

pub async fn export(db: &Db, file: &Path) -> anyhow::Result<()> {
    // The SDK exports only embedded stores; a server has its own command.
    db.export(file).await.with_context(|| {
        format!(
            "export to {} failed (on a SurrealDB server, use `surreal export`)",
            file.display()
        )
    })?;
    Ok(())
}

/// Loads a backup, refusing to mix it into a database that already holds accounts.
pub async fn import(db: &Db, file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        anyhow::bail!("{} does not exist", file.display());
    }
    let mut resp = db.query("SELECT count() AS n FROM user GROUP ALL").await?;
    let existing: Option<serde_json::Value> = resp.take(0).ok().flatten();
    if existing
        .and_then(|v| v.get("n").and_then(|n| n.as_u64()))
        .unwrap_or(0)
        > 0
    {
        anyhow::bail!("the target database is not empty: import only into an empty database");
    }
    db.import(file)
        .await
        .with_context(|| format!("import of {} failed", file.display()))?;
    Ok(())
}
