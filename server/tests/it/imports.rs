//! The association's own member lists, as French Excel saves them, through
//! the import (issue 17): Windows-1252 and UTF-8 with BOM, `;`, CRLF, quotes,
//! accents, dd/mm/yyyy, separate Nom and Prénom, and the faults real lists
//! have. The browser decodes with `TextDecoder`; here the server's decoder
//! (the command line's) stands in for it.

use serde_json::{json, Value};

use crate::common::directory::{my_profile, save_profile};
use crate::common::process::{on_disk, PORTAL};
use crate::common::{audit, start, user_id, Client, TestPortal};

const WINDOWS_1252: &[u8] = include_bytes!("../fixtures/membres-excel-windows-1252.csv");
const UTF8_BOM: &[u8] = include_bytes!("../fixtures/membres-excel-utf8-bom.csv");

async fn import(client: &Client, bytes: &[u8], existing: &str, commit: bool) -> (u16, Value) {
    let csv = app::platform::encoding::decode(bytes);
    client
        .post(
            "/api/directory/import",
            json!({"csv": csv, "mapping": null, "existing": existing, "commit": commit}),
        )
        .await
}

/// The member's page as the administrator sees it.
async fn page_of(portal: &TestPortal, admin: &Client, email: &str) -> Value {
    let id = user_id(portal, email).await;
    let (status, page) = admin.post("/api/directory/member", json!({"id": id})).await;
    assert_eq!(status, 200, "{page}");
    page
}

/// The skills a member's page shows.
fn skills(page: &Value) -> Vec<&str> {
    let skills = page["card"]["skills"].as_array().unwrap();
    skills.iter().map(|s| s.as_str().unwrap()).collect()
}

/// The reason groups of a report, as (reason, lines).
fn rejections(report: &Value) -> Vec<(String, Vec<u64>)> {
    report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let lines = g["lines"].as_array().unwrap().iter().map(|l| l.as_u64().unwrap());
            (g["reason"].as_str().unwrap().to_string(), lines.collect())
        })
        .collect()
}

/// What both files hold, checked after either was imported (`answer`, the
/// import's status and report).
async fn assert_imported(portal: &TestPortal, admin: &Client, answer: &(u16, Value)) {
    let (status, report) = answer;
    assert_eq!(*status, 200, "{report}");
    assert_eq!(report["rows"], 8, "{report}");
    assert_eq!(
        (&report["valid"], &report["existing"], &report["rejected_rows"]),
        (&json!(5), &json!(1), &json!(3)),
        "{report}"
    );
    assert_eq!(
        rejections(report),
        [
            ("sans adresse e-mail".to_string(), vec![5]),
            (
                "adresse déjà présente plus haut dans le fichier".to_string(),
                vec![6]
            ),
            (
                "date d'adhésion impossible (attendue : JJ/MM/AAAA)".to_string(),
                vec![7]
            ),
        ]
    );
    assert_eq!(
        (&report["imported"], &report["completed"]),
        (&json!(4), &json!(1))
    );

    let zoe = page_of(portal, admin, "zoe.lefevre@asso.example").await;
    assert_eq!(zoe["card"]["display_name"], "Zoé Lefèvre");
    assert_eq!(zoe["card"]["region"], "Bretagne");
    assert_eq!(zoe["card"]["local_group"], "Rennes");
    assert_eq!(zoe["card"]["member_since"], "2021-03-05");
    assert_eq!(zoe["card"]["skills"], json!(["Rédaction", "Data"]));
    assert_eq!(zoe["phone"], "06 12 34 56 78");
    // An address in capitals is one address; a region without its accents is the region.
    let jerome = page_of(portal, admin, "jerome.dupre@asso.example").await;
    assert_eq!(jerome["card"]["display_name"], "Jérôme Dupré");
    assert_eq!(jerome["card"]["region"], "Île-de-France");
    assert_eq!(jerome["card"]["member_since"], "2019-09-01");
    let anais = page_of(portal, admin, "anais@asso.example").await;
    assert_eq!(anais["card"]["display_name"], "Anaïs Cœur-Joie");
    let jf = page_of(portal, admin, "jf@asso.example").await;
    assert_eq!(jf["card"]["display_name"], "Jean-François O'Neil; dit \"Jo\"");
    assert_eq!(jf["card"]["member_since"], "2023-04-01");

    // The member already there is completed, never rewritten: their name
    // and their local group stay, their empty phone is filled.
    let manon = page_of(portal, admin, "membre@example.org").await;
    assert_eq!(manon["card"]["display_name"], "Manon Girard");
    assert_eq!(manon["card"]["local_group"], "Vannes");
    assert_eq!(manon["phone"], "07 00 00 00 01");
    assert!(skills(&manon).contains(&"Écoute"), "{manon}");
}

#[tokio::test]
async fn a_french_excel_list_in_windows_1252_is_imported_with_its_accents() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;

    // The preview reads the columns and writes nothing.
    let (status, preview) = import(&admin, WINDOWS_1252, "complete", false).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(
        preview["headers"],
        json!([
            "Nom",
            "Prénom",
            "Adresse e-mail",
            "Téléphone",
            "Région",
            "Groupe local",
            "Date d'adhésion",
            "Compétences"
        ])
    );
    assert_eq!(
        preview["mapping"],
        json!([
            "nom_de_famille",
            "prenom",
            "compte_email",
            "telephone",
            "region",
            "groupe_local",
            "membre_depuis",
            "competences"
        ])
    );
    assert_eq!(preview["imported"], 0);
    let (status, _) = admin.post("/api/directory/member", json!({"id": "nobody"})).await;
    assert_eq!(status, 404);

    let answer = import(&admin, WINDOWS_1252, "complete", true).await;
    assert_imported(&portal, &admin, &answer).await;
    let logged = audit(&admin, "members_imported").await;
    assert_eq!(logged.items[0].detail, "4 créés, 1 complétés, 3 rejetés");

    // Again: nothing is duplicated, nothing left to complete.
    let (_, again) = import(&admin, WINDOWS_1252, "complete", true).await;
    assert_eq!(
        (
            &again["valid"],
            &again["existing"],
            &again["imported"],
            &again["completed"]
        ),
        (&json!(5), &json!(5), &json!(0), &json!(0)),
        "{again}"
    );
}

#[tokio::test]
async fn the_same_list_saved_as_utf8_with_bom_gives_the_same_members() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let answer = import(&admin, UTF8_BOM, "complete", true).await;
    assert_imported(&portal, &admin, &answer).await;
}

#[tokio::test]
async fn members_already_there_can_be_left_as_they_are() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let (_, report) = import(&admin, UTF8_BOM, "skip", true).await;
    assert_eq!(
        (&report["imported"], &report["completed"]),
        (&json!(4), &json!(0))
    );
    let manon = page_of(&portal, &admin, "membre@example.org").await;
    assert_eq!(manon["phone"], Value::Null);

    // A member only gains what they lacked: what they wrote stays theirs.
    let member = portal.signed_in("membre@example.org").await;
    let mut mine = my_profile(&member).await;
    mine["phone"] = json!("01 23 45 67 89");
    let (status, saved) = save_profile(&member, &mine).await;
    assert_eq!(status, 200, "{saved}");
    let (_, completed) = import(&admin, UTF8_BOM, "complete", true).await;
    assert_eq!(completed["completed"], 1, "{completed}");
    let manon = page_of(&portal, &admin, "membre@example.org").await;
    assert_eq!(manon["phone"], "01 23 45 67 89");
    assert!(
        skills(&manon).contains(&"Écoute"),
        "the import's skill is added: {manon}"
    );
}

#[tokio::test]
async fn the_command_line_imports_the_excel_file_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let url = on_disk(dir.path(), "portal.db");
    let file = dir.path().join("membres.csv");
    std::fs::write(&file, WINDOWS_1252).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(PORTAL)
            .arg("--db")
            .arg(&url)
            .args(args)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let out = run(&["user", "import", file.to_str().unwrap(), "--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{out:?}");
    assert!(text.contains("8 lignes lues : 5 valides"), "{text}");
    assert!(text.contains("1 ligne(s) — sans adresse e-mail : 5"), "{text}");
    assert!(text.contains("rien n'a été écrit"), "{text}");

    let out = run(&["user", "import", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{out:?}");
    // No demo data here: the member of line 9 is new too.
    assert!(text.contains("5 membres créés, 0 profils complétés."), "{text}");
    let db = server::db::connect(&url, &server::db::Credentials::default())
        .await
        .unwrap();
    let mut r = db
        .query("SELECT VALUE display_name FROM user WHERE email = 'anais@asso.example'")
        .await
        .unwrap();
    assert_eq!(r.take::<Vec<String>>(0).unwrap(), ["Anaïs Cœur-Joie"]);
}
