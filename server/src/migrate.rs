//! Versioned schema migrations, applied at start, each recorded in the
//! `migration` table so that it runs once. Running them again is a no-op.

use anyhow::Context;
use app::platform::db::Db;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("../migrations/0001_initial.surql"),
    },
    Migration {
        version: 2,
        name: "security",
        sql: include_str!("../migrations/0002_security.surql"),
    },
    Migration {
        version: 3,
        name: "directory_speed",
        sql: include_str!("../migrations/0003_directory_speed.surql"),
    },
    // support
    Migration {
        version: 4,
        name: "support",
        sql: include_str!("../migrations/0004_support.surql"),
    },
    // missions
    Migration {
        version: 5,
        name: "missions",
        sql: include_str!("../migrations/0005_missions.surql"),
    },
    // needs
    Migration {
        version: 6,
        name: "needs",
        sql: include_str!("../migrations/0006_needs.surql"),
    },
    // directory (issue 4)
    Migration {
        version: 7,
        name: "directory",
        sql: include_str!("../migrations/0007_directory.surql"),
    },
    // missions: a referent can be removed
    Migration {
        version: 8,
        name: "mission_referent_removed",
        sql: include_str!("../migrations/0008_mission_referent_removed.surql"),
    },
    // directory: profile photos
    Migration {
        version: 9,
        name: "photos",
        sql: include_str!("../migrations/0009_photos.surql"),
    },
    // trust: guesses counted before they are verified, second-factor codes used once
    Migration {
        version: 10,
        name: "trust",
        sql: include_str!("../migrations/0010_trust.surql"),
    },
    // trust: who did something is a reference, its name read from the account
    Migration {
        version: 11,
        name: "references",
        sql: include_str!("../migrations/0011_references.surql"),
    },
    // accounts: the last sign-in, to follow the roll-out
    Migration {
        version: 12,
        name: "accounts",
        sql: include_str!("../migrations/0012_accounts.surql"),
    },
    Migration {
        version: 13,
        name: "outbox",
        sql: include_str!("../migrations/0013_outbox.surql"),
    },
    Migration {
        version: 14,
        name: "notifications",
        sql: include_str!("../migrations/0014_notifications.surql"),
    },
    Migration {
        version: 15,
        name: "mission_people",
        sql: include_str!("../migrations/0015_mission_people.surql"),
    },
    Migration {
        version: 16,
        name: "languages",
        sql: include_str!("../migrations/0016_languages.surql"),
    },
    Migration {
        version: 17,
        name: "directory_fields",
        sql: include_str!("../migrations/0017_directory_fields.surql"),
    },
    Migration {
        version: 18,
        name: "session_lang",
        sql: include_str!("../migrations/0018_session_lang.surql"),
    },
    Migration {
        version: 19,
        name: "directory_shards",
        sql: include_str!("../migrations/0019_directory_shards.surql"),
    },
    Migration {
        version: 20,
        name: "register_shards",
        sql: include_str!("../migrations/0020_register_shards.surql"),
    },
    Migration {
        version: 21,
        name: "mission_shards",
        sql: include_str!("../migrations/0021_mission_shards.surql"),
    },
];

const BOOTSTRAP: &str = "
    DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
    DEFINE FIELD IF NOT EXISTS version ON migration TYPE int;
    DEFINE FIELD IF NOT EXISTS name ON migration TYPE string;
    DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime DEFAULT time::now();
    DEFINE INDEX IF NOT EXISTS migration_version ON migration FIELDS version UNIQUE;
";

/// Applies the migrations not yet recorded; returns the versions applied now.
pub async fn run(db: &Db) -> anyhow::Result<Vec<i64>> {
    db.query(BOOTSTRAP)
        .await?
        .check()
        .context("cannot create the migration table")?;
    let applied: Vec<i64> = db.query("SELECT VALUE version FROM migration").await?.take(0)?;
    let mut now_applied = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)) {
        // The migration and its record commit together, or not at all.
        let sql = format!(
            "BEGIN;\n{}\nCREATE migration CONTENT {{ version: $version, name: $name }};\nCOMMIT;",
            m.sql
        );
        db.query(sql)
            .bind(("version", m.version))
            .bind(("name", m.name))
            .await?
            .check()
            .with_context(|| format!("migration {} ({}) failed", m.version, m.name))?;
        now_applied.push(m.version);
    }
    Ok(now_applied)
}

/// The versions recorded in the database.
pub async fn applied(db: &Db) -> anyhow::Result<Vec<i64>> {
    Ok(db
        .query("SELECT VALUE version FROM migration ORDER BY version")
        .await?
        .take(0)?)
}
