//! The directory and profiles over real HTTP against a real SurrealDB:
//! search, every filter, facet counts, visibility, exports, GDPR.

use crate::common;

use std::collections::BTreeMap;

use common::directory::{
    all_cards, confirm_deletion, download, erase, facet, my_profile, save_profile, search,
};
use common::{start, Client, TestPortal};
use serde_json::{json, Value};

#[tokio::test]
async fn every_filter_narrows_and_facets_count_the_current_selection() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let everyone = all_cards(&client, json!({})).await;
    assert_eq!(everyone.len(), 48, "40 synthetic members and 8 demo accounts");
    let unfiltered = search(&client, json!({})).await;
    assert_eq!(unfiltered.total, 48);

    for name in [
        "region",
        "local_group",
        "domain",
        "skill",
        "seniority",
        "hours",
        "open",
        "language",
    ] {
        // Unfiltered, each value counts the members holding it.
        let counts = facet(&unfiltered, name);
        let mut expected: BTreeMap<String, u64> = BTreeMap::new();
        for card in &everyone {
            for v in card.facet_values(name) {
                *expected.entry(v).or_default() += 1;
            }
        }
        assert_eq!(counts, expected, "facet {name}");
        // Choosing a value gives as many members as its count said, all holding it.
        let (value, count) = counts.iter().next().unwrap();
        let query = if name == "open" {
            json!({"open": true})
        } else {
            json!({ name: [value] })
        };
        let found = all_cards(&client, query.clone()).await;
        assert_eq!(found.len() as u64, *count, "{name} = {value}");
        assert!(found.iter().all(|c| c.facet_values(name).contains(value)));
        // The facet itself still shows the other values (to widen the choice),
        // and the other facets count within the selection only.
        let result = search(&client, query).await;
        assert_eq!(facet(&result, name), expected, "{name} keeps its own counts");
        let other = if name == "region" { "domain" } else { "region" };
        let mut within: BTreeMap<String, u64> = BTreeMap::new();
        for card in &found {
            for v in card.facet_values(other) {
                *within.entry(v).or_default() += 1;
            }
        }
        assert_eq!(facet(&result, other), within, "{other} within {name} = {value}");
    }

    // Filters combine: several values of one filter widen, two filters narrow.
    let regions = facet(&unfiltered, "region");
    let two: Vec<&String> = regions.keys().take(2).collect();
    let either = search(&client, json!({"region": two})).await;
    assert_eq!(either.total, regions[two[0]] + regions[two[1]]);
    let domain = facet(&either, "domain").into_iter().next().unwrap();
    let both = all_cards(&client, json!({"region": two, "domain": [domain.0]})).await;
    assert_eq!(both.len() as u64, domain.1);
    assert!(both.iter().all(|c| two.contains(&c.region.as_ref().unwrap())));

    // A value nobody has selects nobody, and stays shown to be unselected.
    let none = search(&client, json!({"region": ["Atlantide"]})).await;
    assert_eq!(none.total, 0);
    assert_eq!(facet(&none, "region")["Atlantide"], 0);
}

#[tokio::test]
async fn text_search_is_french_aware_and_sorting_follows_the_choice() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    // No accent, plural, typed partly: still the developers.
    for text in ["developpements", "Développ", "DEVELOPPEUR"] {
        let found = all_cards(&client, json!({ "text": text })).await;
        assert!(!found.is_empty(), "{text}");
        for m in &found {
            let skilled = m.skills.iter().any(|s| s == "Développement web");
            let by_trade = m.profession.as_deref().unwrap_or("").starts_with("Développ");
            assert!(skilled || by_trade, "{text}: {m:?}");
        }
    }
    // Words narrow together; with a filter too.
    let projet = all_cards(&client, json!({"text": "gestion projet"})).await;
    assert!(projet
        .iter()
        .all(|m| m.skills.iter().any(|s| s == "Gestion de projet")));
    assert_eq!(search(&client, json!({"text": "astronaute"})).await.total, 0);

    let dates = |cards: &[app::directory::model::DirectoryCard]| -> Vec<String> {
        cards.iter().filter_map(|c| c.member_since.clone()).collect()
    };
    let oldest_first = dates(&all_cards(&client, json!({"sort": "seniority"})).await);
    let mut sorted = oldest_first.clone();
    sorted.sort();
    assert_eq!(oldest_first, sorted);
    let newest_first = dates(&all_cards(&client, json!({"sort": "recent"})).await);
    sorted.reverse();
    assert_eq!(newest_first, sorted);

    let (status, body) = client
        .post("/api/directory/search", json!({"query": {"sort": "random"}}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["fields"][0]["field"], "sort");
}

/// A profile with a value under each visibility, for the member `client`.
async fn set_visibility_case(client: &Client) -> Value {
    let mut profile = my_profile(client).await;
    profile["region"] = json!("Corse");
    profile["skills"] = json!(["Apiculture urbaine", "Rédaction"]);
    profile["profession"] = json!("Garde forestière");
    profile["phone"] = json!("+33 6 12 34 56 78");
    profile["bio"] = json!("Passionnée de **ruches**.");
    profile["visibility"] = json!({"region": "board", "skills": "private", "phone": "board"});
    client
        .call("/api/profile/save", json!({ "profile": profile }))
        .await
}

#[tokio::test]
async fn a_hidden_value_is_neither_shown_nor_matched_nor_counted() {
    let portal = start().await;
    let manon = portal.signed_in("membre@example.org").await;
    let saved = set_visibility_case(&manon).await;
    let id = saved["id"].as_str().unwrap().to_string();
    // The member sees all of their own profile.
    assert_eq!(saved["region"], "Corse");
    assert_eq!(saved["visibility"]["skills"], "private");

    let member = portal.signed_in("pilote@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    for (who, client, sees_board_fields) in [("member", &member, false), ("board", &board, true)] {
        // Shown: the member page and the cards.
        let (status, page) = client.post("/api/directory/member", json!({"id": id})).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["card"]["profession"], "Garde forestière", "{who}");
        assert_eq!(page["card"]["skills"], json!([]), "{who}: private skills");
        assert_eq!(page["bio"], "Passionnée de **ruches**.");
        if sees_board_fields {
            assert_eq!(page["card"]["region"], "Corse", "{who}");
            assert_eq!(page["phone"], "+33 6 12 34 56 78", "{who}");
        } else {
            assert_eq!(page["card"]["region"], Value::Null, "{who}");
            assert_eq!(page["phone"], Value::Null, "{who}");
        }
        // Matched: a private skill finds nobody, by text or by filter.
        assert_eq!(
            search(client, json!({"text": "apiculture"})).await.total,
            0,
            "{who}"
        );
        let by_skill = search(client, json!({"skill": ["Apiculture urbaine"]})).await;
        assert_eq!(by_skill.total, 0, "{who}");
        // Counted: no facet value of anybody's search holds it.
        let unfiltered = search(client, json!({})).await;
        assert!(
            !facet(&unfiltered, "skill").contains_key("Apiculture urbaine"),
            "{who}"
        );
        let corse = facet(&unfiltered, "region").get("Corse").copied();
        let by_region = search(client, json!({"region": ["Corse"]})).await;
        if sees_board_fields {
            assert_eq!(corse, Some(1), "{who}");
            assert_eq!(by_region.items[0].id, id);
        } else {
            assert_eq!(corse, None, "{who}");
            assert_eq!(by_region.total, 0, "{who}");
        }
        // Not through the suggestions either.
        let (_, suggested) = client
            .post("/api/profile/skills", json!({"prefix": "apic"}))
            .await;
        assert_eq!(suggested, json!([]), "{who}");
        // Nor exported, in any format.
        for format in ["excel", "outlook", "vcard"] {
            let file = download(client, format, "q=garde%20forestiere").await;
            assert_eq!(file.status, 200, "{}", file.body);
            let text = &file.body;
            // Outlook's file splits the name in two columns.
            assert!(
                text.contains("Manon") && text.contains("Girard"),
                "{format}: {text}"
            );
            assert!(!text.contains("Apiculture"), "{who} {format}");
            assert_eq!(text.contains("12 34 56 78"), sees_board_fields, "{who} {format}");
            assert_eq!(text.contains("Corse"), sees_board_fields, "{who} {format}");
        }
    }
    // Visible skills of others are suggested.
    let (_, suggested) = member.post("/api/profile/skills", json!({"prefix": "dev"})).await;
    assert_eq!(suggested, json!(["Développement web"]));
}

#[tokio::test]
async fn leaving_the_directory_takes_the_member_out_of_every_search() {
    let portal = start().await;
    let manon = portal.signed_in("membre@example.org").await;
    let mut profile = my_profile(&manon).await;
    let id = profile["id"].as_str().unwrap().to_string();
    let other = portal.signed_in("ca@example.org").await;
    let before = search(&other, json!({"text": "Manon Girard"})).await;
    assert_eq!(before.total, 1);
    profile["in_directory"] = json!(false);
    assert_eq!(save_profile(&manon, &profile).await.0, 200);

    let after = search(&other, json!({"text": "Manon Girard"})).await;
    assert_eq!(after.total, 0);
    assert_eq!(search(&other, json!({})).await.total, 47);
    let (status, _) = other.post("/api/directory/member", json!({"id": id})).await;
    assert_eq!(status, 404);
    // The member still sees their own page and can come back.
    let (status, own) = manon.post("/api/directory/member", json!({"id": id})).await;
    assert_eq!((status, own["is_self"].clone()), (200, json!(true)));
    profile["in_directory"] = json!(true);
    assert_eq!(save_profile(&manon, &profile).await.0, 200);
    assert_eq!(search(&other, json!({})).await.total, 48);

    let admin = portal.signed_in("admin@example.org").await;
    let log = common::audit(&admin, "directory_left").await;
    assert_eq!(log.total, 1, "{log:?}");
}

#[tokio::test]
async fn any_write_to_the_database_reaches_the_index_of_every_process() {
    // Another process (or an administrator's script) writes straight to the
    // database: the event bumps the version, the next search reads the change.
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    assert_eq!(search(&client, json!({"region": ["Corse"]})).await.total, 0);
    portal
        .run("UPDATE user:member_00001 SET region = 'Corse'; UPDATE user:member_00002 SET active = false;")
        .await;
    assert_eq!(search(&client, json!({"region": ["Corse"]})).await.total, 1);
    assert_eq!(search(&client, json!({})).await.total, 47);
    portal.run("DELETE user:member_00003").await;
    assert_eq!(search(&client, json!({})).await.total, 46);
}

#[tokio::test]
async fn only_what_the_directory_shows_refreshes_it() {
    let portal = start().await;
    let version = || async {
        portal
            .rows::<i64>("SELECT VALUE version FROM directory_shard")
            .await
            .iter()
            .sum::<i64>()
    };
    let before = version().await;
    // A sign-in, a second-factor step, a role: nothing the directory shows.
    let client = portal.signed_in("membre@example.org").await;
    portal
        .run("UPDATE user:member_00001 SET totp_last_step = 42, roles = ['member', 'pilot'];")
        .await;
    assert_eq!(version().await, before);
    // A field it shows: one change, and the next search has it.
    portal.run("UPDATE user:member_00001 SET region = 'Corse'").await;
    assert_eq!(version().await, before + 1);
    assert_eq!(search(&client, json!({"region": ["Corse"]})).await.total, 1);

    // The event watches every field the index reads.
    let watched = include_str!("../../migrations/0019_directory_shards.surql");
    let read = app::directory::services::PERSON_FIELDS.split(',').map(|f| {
        let f = f.trim();
        f.split_whitespace().next().unwrap_or(f)
    });
    for field in read.filter(|f| !f.starts_with("record::id")) {
        assert!(
            watched.contains(&format!("$after.{field} ")) || watched.contains(&format!("$after.{field}\n")),
            "the directory event does not watch {field}"
        );
    }
}

#[tokio::test]
async fn bad_profile_values_are_named_and_nothing_changes() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let before = my_profile(&client).await;
    let mut bad = before.clone();
    bad["display_name"] = json!("  ");
    bad["region"] = json!("Atlantide");
    bad["member_since"] = json!("2999-01-01");
    bad["domains"] = json!(["Astrologie"]);
    bad["languages"] = json!(["klingon"]);
    bad["links"] = json!(["javascript:alert(1)"]);
    bad["visibility"] = json!({"password_hash": "members"});
    let (status, body) = save_profile(&client, &bad).await;
    assert_eq!(status, 400, "{body}");
    let fields = common::field_names(&body);
    assert_eq!(
        fields,
        [
            "display_name",
            "region",
            "member_since",
            "domains",
            "languages",
            "links",
            "visibility"
        ]
    );
    assert_eq!(my_profile(&client).await, before);
    // A visibility level that does not exist does not even parse.
    let mut odd = before.clone();
    odd["visibility"] = json!({"bio": "everyone"});
    assert_eq!(save_profile(&client, &odd).await.0, 400);
}

#[tokio::test]
async fn administrators_keep_the_domains_list() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let member = portal.signed_in("membre@example.org").await;
    let domains: Vec<String> = member.call("/api/profile/domains", json!({})).await;
    assert!(domains.contains(&"Énergie".to_string()));
    let (status, _) = member
        .post("/api/directory/domain-add", json!({"name": "Océans"}))
        .await;
    assert_eq!(status, 403);
    let (status, list) = admin
        .post("/api/directory/domain-add", json!({"name": "Océans"}))
        .await;
    assert_eq!(status, 200);
    assert!(list.as_array().unwrap().contains(&json!("Océans")));
    let (status, _) = admin
        .post("/api/directory/domain-add", json!({"name": "Océans"}))
        .await;
    assert_eq!(status, 409);
    // A member picks it; removing it from the list leaves the member's choice.
    let mut profile = my_profile(&member).await;
    profile["domains"] = json!(["Océans"]);
    assert_eq!(save_profile(&member, &profile).await.0, 200);
    let (_, list) = admin
        .post("/api/directory/domain-remove", json!({"name": "Océans"}))
        .await;
    assert!(!list.as_array().unwrap().contains(&json!("Océans")));
    assert_eq!(my_profile(&member).await["domains"], json!(["Océans"]));
}

async fn mission_with_pilot(portal: &TestPortal, name: &str) -> String {
    let sql = "UPDATE mission SET pilots = $v RETURN VALUE record::id(id)";
    common::key_of(portal, sql, name).await
}

#[tokio::test]
async fn a_member_downloads_their_data_and_is_erased_when_an_admin_confirms() {
    let portal = start().await;
    let manon = portal.signed_in("membre@example.org").await;
    set_visibility_case(&manon).await;
    let id = my_profile(&manon).await["id"].as_str().unwrap().to_string();
    // Named in the cards' words (erasure rewrites them) and pilot of one by account.
    mission_with_pilot(&portal, "Manon Girard").await;
    common::missions::make_pilot(&portal, "chat4ever", "membre@example.org").await;
    let (_, page) = manon.post("/api/directory/member", json!({"id": id})).await;
    assert_eq!(page["missions"].as_array().unwrap().len(), 1, "{page}");

    let (status, data) = manon.post("/api/profile/export-data", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(data["account"]["email"], "membre@example.org");
    assert_eq!(data["account"]["phone"], "+33 6 12 34 56 78");
    assert!(data["account"].get("password_hash").is_none(), "{data}");
    assert!(!data["sessions"].as_array().unwrap().is_empty());
    assert!(data["audit_log"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "login"));

    let admin = portal.signed_in("admin@example.org").await;
    // Nobody is erased without asking.
    assert_eq!(confirm_deletion(&admin, &id).await.0, 404);
    assert_eq!(
        manon.status("/api/profile/request-deletion", json!({})).await,
        200
    );
    assert_eq!(my_profile(&manon).await["deletion_requested"], true);
    let (_, requests) = admin.post("/api/directory/deletion-requests", json!({})).await;
    assert_eq!(requests[0]["id"], id.as_str(), "{requests}");
    let (status, body) = confirm_deletion(&admin, &id).await;
    assert_eq!(status, 200, "{body}");

    // Signed out, and gone from everywhere.
    assert_eq!(manon.post("/api/profile/mine", json!({})).await.0, 401);
    let board = portal.signed_in("ca@example.org").await;
    assert_eq!(search(&board, json!({"text": "Manon"})).await.total, 0);
    assert_eq!(search(&board, json!({"text": "forestiere"})).await.total, 0);
    let (_, missions) = board.post("/api/missions/list", json!({})).await;
    let text = missions.to_string();
    assert!(!text.contains("Manon Girard"));
    let mut r = portal
        .db
        .query(
            "SELECT VALUE [display_name, email, phone, active] FROM type::record('user', $id);
             SELECT VALUE actor_email FROM audit WHERE actor = type::record('user', $id);
             SELECT VALUE pilots FROM mission;",
        )
        .bind(("id", id.clone()))
        .await
        .unwrap();
    let user: Vec<Value> = r.take(0).unwrap();
    assert_eq!(
        user[0],
        json!(["Membre supprimé", format!("supprime-{id}@invalid"), null, false])
    );
    let actors: Vec<String> = r.take(1).unwrap();
    assert!(!actors.is_empty() && actors.iter().all(|a| a.starts_with("supprime-")));
    let pilots: Vec<String> = r.take(2).unwrap();
    assert!(pilots.iter().all(|p| p == "Membre supprimé"));
    assert_eq!(
        admin.post("/api/directory/deletion-requests", json!({})).await.1,
        json!([])
    );
}

/// Asks the import to check (or, with `commit`, import) a CSV text.
async fn import(client: &Client, csv: &str, mapping: Value, commit: bool) -> (u16, Value) {
    client
        .post(
            "/api/directory/import",
            json!({"csv": csv, "mapping": mapping, "commit": commit}),
        )
        .await
}

#[tokio::test]
async fn exported_members_come_back_through_the_import_all_or_nothing() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    // The Excel download as it is (BOM, `;`, CRLF) is what the import reads.
    let exported = download(&admin, "excel", "region=Bretagne&region=Normandie")
        .await
        .body;
    // The same people under new addresses (the old ones have accounts).
    let csv = exported
        .replace("@shifters.example", "@import.example")
        .replace("@example.org", "@demo.import.example");
    let rows = csv.lines().count() as u64 - 1;
    assert!(rows > 0);
    let before = search(&admin, json!({})).await.total;

    // The preview maps the columns, checks every row, and creates nothing.
    let (status, preview) = import(&admin, &csv, Value::Null, false).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["mapping"][0], "nom");
    assert_eq!(preview["mapping"][12], "compte_email");
    assert_eq!(
        (preview["rows"].as_u64(), preview["valid"].as_u64()),
        (Some(rows), Some(rows)),
        "{preview}"
    );
    assert_eq!(preview["imported"], 0);
    assert_eq!(search(&admin, json!({})).await.total, before);

    let (status, done) = import(&admin, &csv, Value::Null, true).await;
    assert_eq!(status, 200);
    assert_eq!(done["imported"].as_u64(), Some(rows));
    assert_eq!(search(&admin, json!({})).await.total, before + rows);
    // Each came back with the same visible profile.
    let again = search(&admin, json!({"region": ["Bretagne", "Normandie"]})).await;
    assert_eq!(again.total, 2 * rows);
    let text = download(&admin, "excel", "region=Bretagne&region=Normandie")
        .await
        .body;
    for line in csv.lines().skip(1) {
        assert!(text.contains(line), "{line} missing after import");
    }

    // Bad rows are reported with their line and reason; importing twice finds every address taken.
    let bad = "Nom,E-mail,Région,Langues\nLéa Martin,lea@import.example,Atlantide,fr\n,sans-nom@import.example,Bretagne,fr\nOk Person,ok@import.example,Corse,fr; en\nOk Again,ok@import.example,Corse,fr\n";
    let (_, report) = import(&admin, bad, Value::Null, true).await;
    assert_eq!(
        report["rejected"],
        json!([
            {"reason": "région : Cette valeur n'est pas dans la liste.", "lines": [2]},
            {"reason": "sans nom", "lines": [3]},
            {"reason": "adresse déjà présente plus haut dans le fichier", "lines": [5]},
        ]),
        "{report}"
    );
    assert_eq!(report["imported"], 1);
    let (_, twice) = import(&admin, &csv, Value::Null, true).await;
    // Every address is now taken: nothing is created twice.
    assert_eq!(
        (twice["existing"].as_u64(), twice["imported"].as_u64()),
        (Some(rows), Some(0))
    );

    // A guess without the name or the address still previews the file (every
    // row rejected for it), so that the columns can be mapped by hand; it
    // cannot be imported as guessed.
    let unknown_headers = "Identité,Courriel pro\nLéa Martin,lea.m@import.example\n";
    let (status, preview) = import(&admin, unknown_headers, Value::Null, false).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["mapping"], json!([null, null]));
    assert_eq!(preview["valid"], 0);
    assert_eq!(preview["rejected"][0]["lines"], json!([2]));
    assert_eq!(import(&admin, unknown_headers, Value::Null, true).await.0, 400);
    let (status, mapped) = import(&admin, unknown_headers, json!(["nom", "compte_email"]), false).await;
    assert_eq!((status, mapped["valid"].clone()), (200, json!(1)));

    // A mapping without the name or the address is refused; members cannot import.
    let (status, body) = import(&admin, bad, json!(["nom", null, null, null]), false).await;
    assert_eq!(
        (status, body["fields"][0]["field"].clone()),
        (400, json!("mapping"))
    );
    let member = portal.signed_in("membre@example.org").await;
    assert_eq!(import(&member, bad, Value::Null, true).await.0, 403);
}

// ----- Photos -----------------------------------------------------------------

/// A PNG of `width` x `height` made here, as a member's camera would not.
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// POSTs a file's raw bytes as the member's photo.
pub(crate) async fn upload(client: &Client, bytes: Vec<u8>, mime: &str) -> (u16, Value) {
    let res = client
        .http
        .post(format!("{}/api/profile/photo", client.base))
        .header("content-type", mime)
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// GETs a photo: the status, the content type, the cache policy and the bytes.
async fn photo(client: &Client, url: &str) -> (u16, String, String, Vec<u8>) {
    let res = client.get(url).await;
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (kind, cache) = (header("content-type"), header("cache-control"));
    (
        res.status().as_u16(),
        kind,
        cache,
        res.bytes().await.unwrap().to_vec(),
    )
}

#[tokio::test]
async fn a_photo_is_reencoded_shown_to_those_who_may_see_it_and_erased_with_the_member() {
    let portal = start().await;
    let manon = portal.signed_in("membre@example.org").await;
    let id = my_profile(&manon).await["id"].as_str().unwrap().to_string();
    assert_eq!(my_profile(&manon).await["photo"], Value::Null);

    // A PNG comes back as a 256 px square JPEG, whatever its shape.
    let (status, body) = upload(&manon, png(640, 480), "image/png").await;
    assert_eq!(status, 200, "{body}");
    let url = body["photo"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("/api/photos/{id}?v=")), "{url}");
    assert_eq!(my_profile(&manon).await["photo"], url.as_str());
    let (status, kind, cache, jpeg) = photo(&manon, &url).await;
    assert_eq!((status, kind.as_str()), (200, "image/jpeg"));
    assert!(cache.starts_with("private"), "{cache}");
    let served = image::load_from_memory(&jpeg).unwrap();
    assert_eq!((served.width(), served.height()), (256, 256));
    assert_eq!(image::guess_format(&jpeg).unwrap(), image::ImageFormat::Jpeg);

    // Other members see it on the card and the page.
    let pilot = portal.signed_in("pilote@example.org").await;
    let card = &search(&pilot, json!({"text": "Manon Girard"})).await.items[0];
    assert_eq!(card.photo.as_deref(), Some(url.as_str()));
    assert_eq!(photo(&pilot, &url).await.0, 200);

    // Too big: 413, and the photo stays as it was.
    let (status, body) = upload(&manon, vec![0x89; 6 * 1024 * 1024], "image/png").await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(my_profile(&manon).await["photo"], url.as_str());
    // Text named like a picture, or a GIF: refused with a French reason, nothing changed.
    for (bytes, mime) in [
        (b"Ceci n'est pas une image.".to_vec(), "image/png"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(), "image/gif"),
        (png(10_001, 1), "image/png"),
    ] {
        let (status, body) = upload(&manon, bytes, mime).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"], "unprocessable");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(photo(&manon, &url).await.3, jpeg);

    // Only me: hidden from the card and not served, to members and the board alike.
    let mut profile = my_profile(&manon).await;
    profile["visibility"] = json!({"photo": "private"});
    assert_eq!(save_profile(&manon, &profile).await.0, 200);
    let board = portal.signed_in("ca@example.org").await;
    for other in [&pilot, &board] {
        let card = &search(other, json!({"text": "Manon Girard"})).await.items[0];
        assert_eq!(card.photo, None);
        let (_, page) = other.post("/api/directory/member", json!({"id": id})).await;
        assert_eq!(page["card"]["photo"], Value::Null);
        assert_eq!(photo(other, &url).await.0, 404);
    }
    // The member still has it; the board sees it when chosen so.
    assert_eq!(photo(&manon, &url).await.0, 200);
    let mut profile = my_profile(&manon).await;
    profile["visibility"] = json!({"photo": "board"});
    assert_eq!(save_profile(&manon, &profile).await.0, 200);
    assert_eq!(photo(&pilot, &url).await.0, 404);
    assert_eq!(photo(&board, &url).await.0, 200);

    // The GDPR export holds it; erasure removes it.
    let (_, data) = manon.post("/api/profile/export-data", json!({})).await;
    assert_eq!(data["photo"]["format"], "image/jpeg");
    assert_eq!(data["photo"]["bytes"].as_u64(), Some(jpeg.len() as u64));
    let admin = portal.signed_in("admin@example.org").await;
    erase(&manon, &admin, &id).await;
    assert_eq!(photo(&board, &url).await.0, 404);
    let photos: Vec<String> = portal.rows("SELECT VALUE record::id(id) FROM photo").await;
    assert_eq!(photos, Vec::<String>::new());
}

#[tokio::test]
async fn removing_the_photo_brings_the_initials_back() {
    let portal = start().await;
    let manon = portal.signed_in("membre@example.org").await;
    let (_, body) = upload(&manon, png(64, 64), "image/png").await;
    let url = body["photo"].as_str().unwrap().to_string();
    assert_eq!(manon.delete_status("/api/profile/photo").await, 204);
    assert_eq!(my_profile(&manon).await["photo"], Value::Null);
    assert_eq!(photo(&manon, &url).await.0, 404);
}

/// A members file larger than the 1 MiB of the other endpoints reaches the
/// import (checked, nothing created); one over its own limit is refused
/// with a clear message, and so is a large body on any other endpoint.
#[tokio::test]
async fn a_large_members_file_is_checked_and_a_too_large_one_refused() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let bio = "Bénévole des Shifters. ".repeat(400);
    let mut csv = String::from("nom,email,bio\n");
    for i in 0..250 {
        csv.push_str(&format!("Membre {i},membre{i}@grand.example,{bio}\n"));
    }
    assert!(csv.len() > 2 * 1024 * 1024);
    let (status, report) = import(&admin, &csv, Value::Null, false).await;
    assert_eq!(
        status,
        200,
        "{}",
        report.to_string().chars().take(300).collect::<String>()
    );
    assert_eq!(report["imported"], 0, "a check creates nobody");

    let too_big = "x".repeat(9 * 1024 * 1024);
    let (status, answer) = import(&admin, &too_big, Value::Null, false).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(answer["fields"][0]["field"], "file");
    let (status, _) = admin
        .post(
            "/api/needs/list",
            json!({"query": {"text": "x".repeat(2 * 1024 * 1024)}}),
        )
        .await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn a_patched_index_answers_as_a_fresh_one() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    let queries = [
        json!({}),
        json!({"text": "astrophysi"}),
        json!({"text": "d"}),
        json!({"sort": "recent"}),
        json!({"sort": "seniority", "page": 2}),
        json!({"region": ["Corse"]}),
    ];
    let answers = || async {
        let mut all = Vec::new();
        for client in [&member, &board] {
            for q in &queries {
                all.push(serde_json::to_value(search(client, q.clone()).await).unwrap());
            }
        }
        all
    };
    answers().await;
    // A rename that moves a member in the name order, a new word, a member
    // leaving the directory, one deleted, one hiding a field from members,
    // one coming back: each patched into the index built before.
    portal
        .run(
            "UPDATE user:member_00001 SET display_name = 'Zoé Zermatt', sort_name = 'zermatt zoe', region = 'Corse';
             UPDATE user:member_00002 SET bio = 'Astrophysicienne de formation', member_since = d'1999-05-01';
             UPDATE user:member_00003 SET in_directory = false;
             DELETE user:member_00004;
             UPDATE user:member_00005 SET region = 'Corse', board_only = ['region'], private_fields = ['bio'];
             UPDATE user:member_00006 SET in_directory = false;",
        )
        .await;
    answers().await;
    portal
        .run("UPDATE user:member_00006 SET in_directory = true")
        .await;
    assert_eq!(search(&member, json!({"region": ["Corse"]})).await.total, 1);
    assert_eq!(search(&board, json!({"region": ["Corse"]})).await.total, 2);
    assert_eq!(search(&member, json!({"text": "astrophysi"})).await.total, 1);
    // A skill its only holder hides is no longer suggested to others.
    let suggested = || async {
        member
            .post("/api/profile/skills", json!({"prefix": "jongl"}))
            .await
            .1
    };
    portal
        .run("UPDATE user:member_00007 SET skills = ['Jonglage']")
        .await;
    assert_eq!(suggested().await, json!(["Jonglage"]));
    portal
        .run("UPDATE user:member_00007 SET private_fields = ['skills']")
        .await;
    assert_eq!(suggested().await, json!([]));
    let patched = answers().await;
    // A new instance name makes every process build the index from scratch.
    portal
        .run("UPDATE directory_state:main SET instance = <string>rand::uuid()")
        .await;
    assert_eq!(answers().await, patched);
}

#[tokio::test]
async fn members_saving_at_once_are_all_saved_and_shown() {
    let portal = start().await;
    let reader = portal.signed_in("membre@example.org").await;
    assert_eq!(search(&reader, json!({"text": "funambule"})).await.total, 0);
    // Twenty members save their profiles at the same moment; their counters
    // collide now and then, and nobody is refused for it.
    portal
        .run(
            "UPDATE user SET password_hash = (SELECT VALUE password_hash FROM ONLY user
                 WHERE email = 'membre@example.org' LIMIT 1)
             WHERE email CONTAINS '@shifters.example' AND record::id(id) <= 'member_00020'",
        )
        .await;
    let mut writers = Vec::new();
    for n in 1..=20 {
        writers.push(portal.signed_in(&format!("membre{n:05}@shifters.example")).await);
    }
    let saves = writers.into_iter().map(|client| async move {
        let mut profile = my_profile(&client).await;
        profile["profession"] = json!("Funambule");
        profile["member_since"] = json!("2020-09-01");
        save_profile(&client, &profile).await
    });
    for (status, body) in common::at_once(saves).await {
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(search(&reader, json!({"text": "funambule"})).await.total, 20);
}
