//! The directory's downloads over real HTTP: each format's headers and
//! shape, visibility, the guard, the reserved whole-directory export, the
//! audit log, and a large vCard read back by a third-party parser (Python's
//! vobject).

use crate::common;

use std::process::Command;

use common::directory::{download, download_with, my_profile, save_profile, search, Download};
use common::{audit, serve, start, Client, TestPortal};
use serde_json::{json, Value};

/// The header row Outlook's contact import maps without asking: Outlook's
/// own column names, in the order of its own CSV export.
const OUTLOOK_HEADER: &str = "\u{feff}First Name,Last Name,Company,Department,Job Title,Home State,\
                              Home Country/Region,Mobile Phone,Categories,E-mail Address,Notes,Web Page\r\n";

fn assert_file_headers(file: &Download, content_type: &str, extension: &str) {
    assert_eq!(file.status, 200, "{}", file.body);
    assert_eq!(file.header("content-type"), Some(content_type));
    let disposition = file.header("content-disposition").unwrap();
    let name = disposition
        .strip_prefix("attachment; filename=\"annuaire-shifters-")
        .and_then(|rest| rest.strip_suffix(&format!(".{extension}\"")))
        .unwrap_or_else(|| panic!("{disposition}"));
    assert!(chrono_like_date(name), "a YYYY-MM-DD date: {disposition}");
    assert_eq!(file.header("cache-control"), Some("no-store"));
    // Streamed: the size is not known beforehand.
    assert_eq!(file.header("content-length"), None);
    assert_eq!(file.header("transfer-encoding"), Some("chunked"));
}

fn chrono_like_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The records of a CSV download, its BOM checked and taken off.
fn records(body: &str, delimiter: u8) -> Vec<csv::StringRecord> {
    let text = body.strip_prefix('\u{feff}').expect("a UTF-8 BOM first");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

/// Every line break is CRLF (quoted cells may hold their own).
fn assert_crlf(body: &str) {
    let bare = body
        .match_indices('\n')
        .filter(|(at, _)| !body[..*at].ends_with('\r'));
    assert!(bare.count() == 0 || body.contains('"'), "bare LF outside quotes");
    assert!(body.ends_with("\r\n"));
}

fn vcard_lines_fit(body: &str) {
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

#[tokio::test]
async fn each_format_is_a_streamed_download_that_opens_right() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let total = search(&member, json!({})).await.total as usize;

    let excel = download(&member, "excel", "").await;
    assert_file_headers(&excel, "text/csv; charset=utf-8", "csv");
    assert!(excel.body.starts_with(&format!(
        "\u{feff}{}\r\n",
        app::directory::services::CSV_COLUMNS.join(";")
    )));
    assert_crlf(&excel.body);
    let rows = records(&excel.body, b';');
    assert_eq!(rows.len(), total + 1);
    assert!(rows.iter().all(|r| r.len() == 17));

    let outlook = download(&member, "outlook", "").await;
    assert_file_headers(&outlook, "text/csv; charset=utf-8", "csv");
    assert!(
        outlook.body.starts_with(OUTLOOK_HEADER),
        "{}",
        &outlook.body[..200]
    );
    assert_crlf(&outlook.body);
    let rows = records(&outlook.body, b',');
    assert_eq!(rows.len(), total + 1);
    assert!(rows[1..].iter().all(|r| r.len() == 12 && &r[2] == "The Shifters"));

    let vcard = download(&member, "vcard", "").await;
    assert_file_headers(&vcard, "text/vcard; charset=utf-8", "vcf");
    vcard_lines_fit(&vcard.body);
    assert_eq!(vcard.body.matches("BEGIN:VCARD\r\n").count(), total);

    // The filters of the page's address apply.
    let bretagne = search(&member, json!({"region": ["Bretagne"], "open": true}))
        .await
        .total as usize;
    let file = download(&member, "excel", "region=Bretagne&open=1&page=3").await;
    assert_eq!(records(&file.body, b';').len(), bretagne + 1);
}

#[tokio::test]
async fn names_accents_and_long_lines_come_back_whole() {
    let portal = start().await;
    let manon = portal.signed_in("membre@example.org").await;
    let mut profile = my_profile(&manon).await;
    let bio =
        "Ingénieure énergéticienne, « sobriété » d'abord ; vélo, trains de nuit et réseaux de chaleur. "
            .repeat(4);
    profile["display_name"] = json!("Manon Girard-Lefèvre");
    profile["bio"] = json!(bio.trim());
    profile["skills"] = json!(["Analyse de cycle de vie", "Écoconception"]);
    profile["domains"] = json!(["Énergie"]);
    assert_eq!(save_profile(&manon, &profile).await.0, 200);

    let outlook = download(&manon, "outlook", "q=Girard-Lef%C3%A8vre").await;
    let rows = records(&outlook.body, b',');
    assert_eq!(rows.len(), 2, "{}", outlook.body);
    let row = &rows[1];
    assert_eq!((&row[0], &row[1]), ("Manon", "Girard-Lefèvre"));
    assert_eq!(&row[8], "Énergie");
    assert_eq!(
        &row[10],
        format!(
            "Compétences : Analyse de cycle de vie, Écoconception\n{}",
            bio.trim()
        )
    );

    let vcard = download(&manon, "vcard", "q=Girard-Lef%C3%A8vre").await;
    vcard_lines_fit(&vcard.body);
    let cards = vobject_cards(&vcard.body);
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card["fn"], "Manon Girard-Lefèvre");
    assert_eq!(card["family"], "Girard-Lefèvre");
    assert_eq!(card["given"], "Manon");
    assert_eq!(card["categories"], json!(["Énergie"]));
    assert_eq!(
        card["note"],
        format!(
            "Compétences : Analyse de cycle de vie, Écoconception\n{}",
            bio.trim()
        )
    );
}

#[tokio::test]
async fn a_member_gets_what_they_may_see_and_an_administrator_the_sign_in_addresses() {
    let portal = start().await;
    let member = portal.signed_in("pilote@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    // The synthetic members have no contact address: only their sign-in one.
    let signed_in = "@shifters.example";
    assert!(!download(&member, "excel", "").await.body.contains(signed_in));
    assert!(download(&admin, "excel", "").await.body.contains(signed_in));
    for format in ["outlook", "vcard"] {
        let file = download(&admin, format, "").await;
        assert_eq!(file.status, 200);
        assert!(!file.body.contains(signed_in), "{format}: contact addresses only");
    }
}

#[tokio::test]
async fn a_download_wants_a_session_from_the_portal_itself() {
    let portal = start().await;
    let signed_out = portal.client();
    let file = download(&signed_out, "excel", "").await;
    assert_eq!(file.status, 401);
    assert_eq!(
        serde_json::from_str::<Value>(&file.body).unwrap()["error"],
        "unauthorized"
    );

    let member = portal.signed_in("membre@example.org").await;
    for header in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let file = download_with(&member, "vcard", "", &[header]).await;
        assert_eq!(file.status, 403, "{header:?}");
        assert_eq!(
            serde_json::from_str::<Value>(&file.body).unwrap()["error"],
            "forbidden"
        );
    }
    // The browser's own navigation: same origin, no Origin header needed.
    let file = download_with(&member, "vcard", "", &[("sec-fetch-site", "same-origin")]).await;
    assert_eq!(file.status, 200);

    assert_eq!(download(&member, "pdf", "").await.status, 404);
    let file = download(&member, "excel", "tri=au-hasard").await;
    assert_eq!(file.status, 400, "{}", file.body);
}

async fn reserve_export(admin: &Client, on: bool) {
    let settings = json!({"require_totp_for_privileged": false, "reserve_directory_export": on});
    common::update_settings(admin, settings).await;
}

#[tokio::test]
async fn the_whole_directory_export_can_be_reserved_to_the_board_and_administrators() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let member = portal.signed_in("membre@example.org").await;
    let (_, settings) = admin.post("/api/admin/settings", json!({})).await;
    assert_eq!(settings["reserve_directory_export"], false, "off by default");
    assert_eq!(download(&member, "excel", "").await.status, 200);

    reserve_export(&admin, true).await;
    let board = portal.signed_in("ca@example.org").await;
    let (_, settings) = admin.post("/api/admin/settings", json!({})).await;
    assert_eq!(settings["reserve_directory_export"], true);
    for format in ["excel", "outlook", "vcard"] {
        let file = download(&member, format, "").await;
        assert_eq!(file.status, 403, "{format}");
        let error: Value = serde_json::from_str(&file.body).unwrap();
        assert_eq!(error["error"], "refused");
        assert!(error["message"].as_str().unwrap().contains("réservé"), "{error}");
        // A page or a sort is no filter.
        assert_eq!(download(&member, format, "tri=recent&page=2").await.status, 403);
        // A selection still is allowed.
        for filter in ["region=Bretagne", "q=data", "open=1"] {
            assert_eq!(download(&member, format, filter).await.status, 200, "{filter}");
        }
        assert_eq!(download(&board, format, "").await.status, 200);
        assert_eq!(download(&admin, format, "").await.status, 200);
    }
    // The directory page knows it, and offers no download that would fail.
    assert!(search(&member, json!({})).await.export_reserved);
    assert!(!search(&board, json!({})).await.export_reserved);
    reserve_export(&admin, false).await;
    assert_eq!(download(&member, "excel", "").await.status, 200);
    assert!(!search(&member, json!({})).await.export_reserved);
}

#[tokio::test]
async fn every_download_is_written_to_the_audit_log() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    let rows = search(&member, json!({"region": ["Bretagne"], "text": "data"}))
        .await
        .total;
    let file = download(&member, "outlook", "q=data&region=Bretagne").await;
    assert_eq!(file.status, 200);
    let entries = audit(&admin, "directory_exported").await.items;
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.actor_email, "membre@example.org");
    assert_eq!(entry.target, "outlook");
    assert_eq!(
        entry.detail,
        format!("{rows} membres ; filtre : q=data&region=Bretagne")
    );
    // A refused download writes nothing.
    download(&member, "excel", "tri=au-hasard").await;
    assert_eq!(audit(&admin, "directory_exported").await.items.len(), 1);
}

/// Members in the large-export test: seeding takes most of its time (a
/// debug build); `make bench` downloads 22,000 and reads them with vobject too.
const MANY: u64 = 2_000;

#[tokio::test]
async fn a_vcard_of_thousands_of_members_streams_and_parses_with_vobject() {
    let db = common::seeded_db().await;
    server::seed::synthetic_members(&db, MANY).await.unwrap();
    let portal: TestPortal = serve(db, Default::default()).await;
    let board = portal.signed_in("ca@example.org").await;
    let total = search(&board, json!({})).await.total as usize;
    assert!(total as u64 > MANY);

    let vcard = download(&board, "vcard", "").await;
    assert_file_headers(&vcard, "text/vcard; charset=utf-8", "vcf");
    vcard_lines_fit(&vcard.body);
    let cards = vobject_cards(&vcard.body);
    assert_eq!(cards.len(), total);
    assert!(cards
        .iter()
        .all(|c| c["fn"].as_str().is_some_and(|n| !n.is_empty())));
}

/// Every card of `vcf` as vobject reads it: FN, N, CATEGORIES, NOTE.
fn vobject_cards(vcf: &str) -> Vec<Value> {
    const READ: &str = r#"
import json, sys, vobject
cards = []
for card in vobject.readComponents(sys.stdin.buffer.read().decode("utf-8"), validate=True):
    n = card.n.value
    cards.append({
        "fn": card.fn.value,
        "family": n.family,
        "given": n.given,
        "categories": card.categories.value if hasattr(card, "categories") else [],
        "note": card.note.value if hasattr(card, "note") else None,
    })
json.dump(cards, sys.stdout)
"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annuaire.vcf");
    std::fs::write(&path, vcf).unwrap();
    let out = Command::new(common::mail::test_python())
        .args(["-c", READ])
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "vobject: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
