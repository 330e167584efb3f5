//! Migrations, seeding, backups and the on-disk store, on real SurrealDB engines.

use crate::common;

use server::{backup, db, migrate, seed};

async fn count(db: &app::platform::db::Db, table: &str) -> u64 {
    let mut resp = db
        .query("SELECT count() AS n FROM type::table($table) GROUP ALL")
        .bind(("table", table.to_string()))
        .await
        .unwrap();
    let row: Option<serde_json::Value> = resp.take(0).unwrap();
    row.and_then(|r| r["n"].as_u64()).unwrap_or(0)
}

#[tokio::test]
async fn migrations_apply_once() {
    let db = common::empty_db().await;
    let all: Vec<i64> = migrate::MIGRATIONS.iter().map(|m| m.version).collect();
    assert_eq!(migrate::run(&db).await.unwrap(), all);
    assert_eq!(migrate::run(&db).await.unwrap(), Vec::<i64>::new());
    assert_eq!(migrate::applied(&db).await.unwrap(), all);
}

#[tokio::test]
async fn the_schema_refuses_bad_records() {
    let db = common::empty_db().await;
    migrate::run(&db).await.unwrap();
    let bad = db
        .query("CREATE need CONTENT { title: 'x', origin: 'mars', category: 'other', priority: 'must' }")
        .await
        .unwrap()
        .check();
    assert!(bad.is_err(), "an unknown origin is refused");
    assert_eq!(count(&db, "need").await, 0);
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let db = common::seeded_db().await;
    let before = (
        count(&db, "user").await,
        count(&db, "mission").await,
        count(&db, "need").await,
    );
    assert_eq!(before, (48, 3, 13));
    seed::demo_accounts(&db, common::PASSWORD, false).await.unwrap();
    seed::association_content(&db).await.unwrap();
    seed::synthetic_members(&db, 40).await.unwrap();
    let after = (
        count(&db, "user").await,
        count(&db, "mission").await,
        count(&db, "need").await,
    );
    assert_eq!(before, after);
}

#[tokio::test]
async fn export_then_import_gives_back_the_same_records() {
    let source = common::seeded_db().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.surql");
    if common::test_server().is_some() {
        // A SurrealDB server is backed up with its own `surreal export`.
        let refused = backup::export(&source, &file).await.unwrap_err();
        assert!(format!("{refused:#}").contains("surreal export"), "{refused:#}");
        return;
    }
    // A profile photo: binary data must come back byte for byte.
    source
        .query("CREATE photo:demo SET data = encoding::base64::decode('/9j/4AAQSkZJRgABAQ')")
        .await
        .unwrap()
        .check()
        .unwrap();
    backup::export(&source, &file).await.unwrap();

    let target = common::empty_db().await;
    backup::import(&target, &file).await.unwrap();
    for table in ["user", "mission", "need", "migration", "photo"] {
        assert_eq!(
            count(&source, table).await,
            count(&target, table).await,
            "{table}"
        );
    }
    let titles = |db: app::platform::db::Db| async move {
        let mut r = db
            .query("SELECT VALUE title FROM mission ORDER BY title")
            .await
            .unwrap();
        r.take::<Vec<String>>(0).unwrap()
    };
    assert_eq!(titles(source.clone()).await, titles(target.clone()).await);
    let mut r = target
        .query("SELECT VALUE encoding::base64::encode(data) FROM photo:demo")
        .await
        .unwrap();
    let photo: Vec<String> = r.take(0).unwrap();
    assert_eq!(photo, ["/9j/4AAQSkZJRgABAQ"]);
    // A second import into a database that now holds accounts is refused.
    assert!(backup::import(&target, &file).await.is_err());
}

#[tokio::test]
async fn the_on_disk_store_keeps_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "surrealkv://{}?sync=every",
        dir.path().join("portal.db").display()
    );
    {
        let db = db::connect(&url, &db::Credentials::default()).await.unwrap();
        migrate::run(&db).await.unwrap();
        seed::association_content(&db).await.unwrap();
    }
    // Give the embedded engine a moment to close its files.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let db = db::connect(&url, &db::Credentials::default()).await.unwrap();
    assert_eq!(migrate::run(&db).await.unwrap(), Vec::<i64>::new());
    assert_eq!(count(&db, "mission").await, 3);
}
