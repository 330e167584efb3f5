//! Issue 20's holes, each shown by what an attacker or a careless process
//! would have got: guesses, replays, addresses, names.

use crate::common;

use std::time::{Duration, Instant};

use app::accounts::services::totp;
use common::directory::{erase, my_profile, save_profile};
use common::{at_once, start, Client, TestPortal, PASSWORD};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guesses_sent_all_at_once_are_counted_before_they_are_checked() {
    let portal = start().await;
    let client = portal.client();
    let guesses = (0..40).map(|n| {
        let client = client.clone();
        async move {
            client
                .login("membre@example.org", &format!("mauvais-{n}"))
                .await
                .0
        }
    });
    let answers: Vec<u16> = at_once(guesses).await;
    let wrong = answers.iter().filter(|s| **s == 401).count();
    let throttled = answers.iter().filter(|s| **s == 429).count();
    assert!(wrong <= 5, "{wrong} guesses were checked: {answers:?}");
    assert_eq!(wrong + throttled, 40, "{answers:?}");
}

#[tokio::test]
async fn a_session_cannot_guess_its_own_password_or_second_factor_without_end() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let wrong = json!({"current": "pas-le-bon-mot-de-passe", "password": "un nouveau mot de passe solide"});
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(member.post("/api/auth/change-password", wrong.clone()).await.0);
    }
    assert_eq!(statuses, [400, 400, 400, 400, 400, 429, 429]);

    let pilot = portal.signed_in("pilote@example.org").await;
    assert_eq!(pilot.post("/api/auth/totp-setup", json!({})).await.0, 200);
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let body = json!({"code": "000000", "enable": true});
        statuses.push(pilot.post("/api/auth/totp-confirm", body).await.0);
    }
    assert_eq!(statuses, [400, 400, 400, 400, 400, 429, 429]);
}

/// The median time of one sign-in attempt with `email`.
async fn median_attempt(portal: &TestPortal, email: &str) -> Duration {
    let mut times = Vec::new();
    for _ in 0..3 {
        let client = portal.client();
        let started = Instant::now();
        let (status, _) = client.login(email, "pas-le-bon-mot-de-passe").await;
        times.push(started.elapsed());
        assert_eq!(status, 401, "{email}");
    }
    times.sort();
    times[1]
}

#[tokio::test]
async fn accounts_without_a_password_take_as_long_as_unknown_addresses() {
    let portal = start().await;
    // Imported members have no password yet: three of them, three unknown addresses.
    let mut imported = Vec::new();
    for n in 0..3 {
        imported.push(median_attempt(&portal, &format!("membre{n:05}@shifters.example")).await);
    }
    let mut unknown = Vec::new();
    for n in 0..3 {
        unknown.push(median_attempt(&portal, &format!("inconnu{n}@example.org")).await);
    }
    imported.sort();
    unknown.sort();
    // Without the dummy verification an account without a password answers
    // in a small fraction of the time Argon2 takes.
    assert!(
        imported[1] * 2 >= unknown[1],
        "without a password {:?}, unknown {:?}",
        imported,
        unknown
    );
}

async fn turn_on_second_factor(client: &Client) -> String {
    let (_, setup) = client.post("/api/auth/totp-setup", json!({})).await;
    let secret = setup["secret"].as_str().unwrap().to_string();
    let code = totp::current_code(&secret, totp::now()).unwrap();
    let (status, body) = client
        .post("/api/auth/totp-confirm", json!({"code": code, "enable": true}))
        .await;
    assert_eq!(status, 200, "{body}");
    secret
}

#[tokio::test]
async fn a_second_factor_code_works_once_and_its_secret_is_stored_sealed() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let secret = turn_on_second_factor(&member).await;

    let stored: Vec<String> = portal
        .rows("SELECT VALUE totp_secret FROM user WHERE email = 'membre@example.org'")
        .await;
    assert!(!stored[0].contains(&secret), "stored in clear: {}", stored[0]);

    // The code that turned the factor on cannot sign in; nor can one code twice.
    let used = totp::current_code(&secret, totp::now()).unwrap();
    let with_code = |code: &str| json!({"email": "membre@example.org", "password": PASSWORD, "totp": code});
    let (status, body) = portal.client().post("/api/auth/login", with_code(&used)).await;
    assert_eq!(status, 400, "replayed: {body}");
    let next = totp::current_code(&secret, totp::now() + 30).unwrap();
    for (time, expected) in [("first", 200), ("second", 400)] {
        let status = portal.client().status("/api/auth/login", with_code(&next)).await;
        assert_eq!(status, expected, "the next code, the {time} time");
    }
}

#[tokio::test]
async fn turning_the_second_factor_off_asks_for_the_password() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let secret = turn_on_second_factor(&member).await;
    let code = totp::current_code(&secret, totp::now() + 30).unwrap();
    let off = |password: Option<&str>| json!({"code": code, "enable": false, "password": password});
    let (status, body) = member.post("/api/auth/totp-confirm", off(None)).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = member
        .post("/api/auth/totp-confirm", off(Some("pas-le-bon")))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["fields"][0]["field"], "password");
    assert_eq!(
        member.status("/api/auth/totp-confirm", off(Some(PASSWORD))).await,
        200
    );
    let (_, me) = member.post("/api/auth/me", json!({})).await;
    assert_eq!(me["totp_enabled"], false);
}

#[tokio::test]
async fn changing_the_password_signs_out_elsewhere_when_asked_and_keeps_this_session() {
    let portal = start().await;
    let here = portal.signed_in("membre@example.org").await;
    let elsewhere = portal.signed_in("membre@example.org").await;
    let change = |current: &str, new: &str, others: bool| json!({"current": current, "password": new, "sign_out_others": others});
    let second = "un deuxième mot de passe solide";
    let (status, body) = here
        .post("/api/auth/change-password", change(PASSWORD, second, false))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(elsewhere.status("/api/auth/me", json!({})).await, 200);
    let back = change(second, PASSWORD, true);
    assert_eq!(here.status("/api/auth/change-password", back).await, 200);
    assert_eq!(
        here.status("/api/auth/me", json!({})).await,
        200,
        "this session stays"
    );
    assert_eq!(elsewhere.status("/api/auth/me", json!({})).await, 401);
    assert_eq!(portal.client().login("membre@example.org", PASSWORD).await.0, 200);
}

#[tokio::test]
async fn one_plain_address_per_field_checked_before_anything_is_stored() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let long = format!("{}@example.org", "a".repeat(300));
    for email in [
        "a@example.org, b@attacker.example",
        "a@example.org;b@attacker.example",
        "Nom <a@example.org>",
        "a@example.org\nBcc: b@attacker.example",
        long.as_str(),
    ] {
        let body = json!({"email": email, "display_name": "Invité", "roles": []});
        let (status, answer) = admin.post("/api/admin/invite", body).await;
        assert_eq!(status, 400, "{email:?}: {answer}");
        assert_eq!(answer["fields"][0]["field"], "email", "{answer}");
        let (status, _) = portal.client().login(email, "pas-le-bon-mot-de-passe").await;
        assert_eq!(status, 400, "{email:?}");
    }
    let counters: Vec<Value> = portal
        .rows("SELECT VALUE record::id(id) FROM login_attempt")
        .await;
    let targets: Vec<String> = portal.rows("SELECT VALUE target FROM audit").await;
    assert!(
        counters
            .iter()
            .all(|c| !c.to_string().contains("attacker") && c.to_string().len() < 280),
        "{counters:?}"
    );
    assert!(
        targets.iter().all(|t| !t.contains("attacker") && t.len() <= 254),
        "{targets:?}"
    );
}

#[tokio::test]
async fn a_member_cannot_take_another_accounts_name_nor_hide_characters_in_it() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let mut profile = my_profile(&member).await;
    let (_, pilot) = portal
        .signed_in("pilote@example.org")
        .await
        .post("/api/auth/me", json!({}))
        .await;
    let pilot_name = pilot["display_name"].as_str().unwrap().to_string();
    for name in [
        pilot_name.to_uppercase(),
        format!(" {pilot_name} "),
        "Admin\u{202E}nimda".to_string(),
        "Cam\u{200B}ille".to_string(),
        "Tab\tulé".to_string(),
    ] {
        profile["display_name"] = json!(name);
        let (status, body) = save_profile(&member, &profile).await;
        assert_eq!(status, 400, "{name:?}: {body}");
        assert_eq!(body["fields"][0]["field"], "display_name", "{body}");
    }
    profile["display_name"] = json!("Camille Membre-Nouvelle");
    let (status, body) = save_profile(&member, &profile).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn the_cross_site_check_does_not_believe_the_host_header() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let forged = [("host", "evil.example"), ("origin", "http://evil.example")];
    let res = member.send("/api/support/mine", &json!({}), &forged).await;
    assert_eq!(res.status(), 403);
    assert_eq!(member.status("/api/support/mine", json!({})).await, 200);
}

#[tokio::test]
async fn signed_out_calls_are_refused_before_their_body_is_read() {
    let portal = start().await;
    let visitor = portal.client();
    let public = [
        "/api/auth/login",
        "/api/auth/logout",
        "/api/auth/accept-invitation",
        "/api/auth/reset-password",
        "/api/auth/request-link",
    ];
    let mut paths = app::platform::strict::paths();
    paths.sort();
    for path in paths.into_iter().filter(|p| !public.contains(p)) {
        // An empty object lacks every required field: a 400 would say the
        // body was decoded for someone who may not call the endpoint.
        let (status, body) = visitor.post(path, json!({})).await;
        assert_eq!(
            (status, &body),
            (401, &json!({"error": "unauthorized"})),
            "{path}"
        );
        let (status, _) = visitor.post(path, json!("not an object")).await;
        assert_eq!(status, 401, "{path} with a bad body");
    }
    for path in ["/api/", "/api"] {
        let (status, body) = visitor.post(path, json!({})).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
}

/// A portal with short deadlines, to try slow clients on.
async fn impatient_portal() -> TestPortal {
    common::start_with(app::platform::context::Settings {
        header_read_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(1),
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn clients_that_trickle_their_request_in_are_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let portal = impatient_portal().await;
    let addr = portal.base.trim_start_matches("http://").to_string();

    // Headers never finished: the connection is closed.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: portail\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the connection stayed open");

    // A body announced but never sent: 408.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/auth/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"email\""
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0; 1024];
    let n = tokio::time::timeout(Duration::from_secs(5), slow.read(&mut buf))
        .await
        .expect("an answer in time")
        .unwrap();
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[tokio::test]
async fn https_portals_tell_browsers_to_stay_on_https() {
    let portal = common::start_with(app::platform::context::Settings::for_public_url(
        "https://portail.example.org",
    ))
    .await;
    let res = reqwest::get(portal.url("/")).await.unwrap();
    assert_eq!(res.headers()["strict-transport-security"], "max-age=31536000");
    let plain = start().await;
    let res = reqwest::get(plain.url("/")).await.unwrap();
    assert!(res.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn photo_uploads_are_capped_in_pixels_and_in_number() {
    use crate::directory::{png, upload};
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    // 24.6 megapixels in a few hundred kilobytes: refused from its header.
    let huge = png(6_000, 4_100);
    assert!(huge.len() < 2_000_000, "{}", huge.len());
    let (status, body) = upload(&member, huge, "image/png").await;
    assert_eq!(status, 422, "{body}");
    assert!(body["message"].as_str().unwrap().contains("mégapixels"), "{body}");
    // Nine more (ten in all), then the member waits.
    for n in 0..9 {
        assert_eq!(
            upload(&member, png(64, 64), "image/png").await.0,
            200,
            "upload {n}"
        );
    }
    let (status, body) = upload(&member, png(64, 64), "image/png").await;
    assert_eq!(status, 429, "{body}");
    // Another member is not held back.
    let pilot = portal.signed_in("pilote@example.org").await;
    assert_eq!(upload(&pilot, png(64, 64), "image/png").await.0, 200);
}

#[tokio::test]
async fn two_referents_taking_one_request_are_not_both_told_they_have_it() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let number = common::support::ask(&member, "advice", "normal", "Une alternative à Dropbox ?").await;
    let referent = portal.signed_in("referent@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    // Both pages show the request, unassigned.
    let (_, seen) = referent.post("/api/support/get", json!({"number": number})).await;
    let version = seen["version"].clone();
    let take = json!({"number": number, "version": version});
    assert_eq!(referent.post("/api/support/take", take.clone()).await.0, 200);
    let (status, body) = board.post("/api/support/take", take).await;
    assert_eq!(status, 409, "{body}");
    let (_, seen) = board.post("/api/support/get", json!({"number": number})).await;
    assert_eq!(seen["assignee"]["display_name"], "Claire Martin", "{seen}");
    // With what the board sees now, it may take it over.
    let take = json!({"number": number, "version": seen["version"]});
    assert_eq!(board.post("/api/support/take", take).await.0, 200);
}

#[tokio::test]
async fn a_stale_edit_of_a_need_is_refused_not_written_over() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    let need = |title: &str| {
        json!({
            "title": title, "description": "Partager des fichiers", "origin": "working_group",
            "origin_name": "GT outils", "category": "collaboration", "people_affected": 12,
            "urgency": "normal", "current_tool": "", "gap": "", "priority": "should",
        })
    };
    let id = common::needs::create(&member, need("Un espace de fichiers")).await;
    let version = common::needs::get(&admin, &id).await.version;
    // The author saves first…
    let mine = json!({"id": id, "need": need("Un espace de fichiers partagé"), "version": version});
    assert_eq!(member.post("/api/needs/update", mine).await.0, 200);
    // …the administrator's form, opened before, is refused.
    let theirs = json!({"id": id, "need": need("Espace de fichiers (admin)"), "version": version});
    let (status, body) = admin.post("/api/needs/update", theirs).await;
    assert_eq!(status, 409, "{body}");
    let (_, now) = admin.post("/api/needs/get", json!({"id": id})).await;
    assert_eq!(now["need"]["title"], "Un espace de fichiers partagé");
    let again = json!({"id": id, "need": need("Espace de fichiers (admin)"), "version": now["version"]});
    assert_eq!(admin.post("/api/needs/update", again).await.0, 200);
}

/// What erasing the member `id` must leave as it was: the mission cards,
/// the audit entries of other accounts, the needs.
async fn others_words(portal: &TestPortal, id: &str) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let mut r = portal
        .db
        .query(
            "SELECT VALUE [title, pilots, board_referent, tsp_referent, what] FROM mission ORDER BY title;
             SELECT VALUE [action, target, detail, actor_email] FROM audit
                 WHERE actor != type::record('user', $id) AND target != 'membre@example.org' ORDER BY at;
             SELECT VALUE [title, description, origin_name] FROM need ORDER BY title;",
        )
        .bind(("id", id.to_string()))
        .await
        .unwrap();
    (r.take(0).unwrap(), r.take(1).unwrap(), r.take(2).unwrap())
}

#[tokio::test]
async fn erasing_a_member_named_e_leaves_everyone_elses_words_alone() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let id = common::user_id(&portal, "membre@example.org").await;
    // What the member leaves behind: a comment on a need, an application.
    let need = common::needs::seed_id(&portal, "site-web").await;
    let comment = json!({"id": need, "body": "Le formulaire de contact ne marche plus."});
    assert_eq!(member.status("/api/needs/comment", comment).await, 200);
    let card = common::missions::seed_id(&portal, "chat4ever").await;
    let application = json!({"id": card, "role": "contributor", "message": "Je connais Mattermost."});
    let (status, body) = member.post("/api/missions/apply", application).await;
    assert_eq!(status, 200, "{body}");

    // The export holds all of it.
    let (_, data) = member.post("/api/profile/export-data", json!({})).await;
    assert_eq!(
        data["need_comments"][0]["body"], "Le formulaire de contact ne marche plus.",
        "{data}"
    );
    assert_eq!(
        data["mission_applications"][0]["message"], "Je connais Mattermost.",
        "{data}"
    );
    for section in [
        "needs",
        "need_supports",
        "mission_events",
        "support_messages",
        "notifications",
    ] {
        assert!(data[section].is_array(), "{section} missing: {data}");
    }

    // Renamed "e", then erased.
    let mut profile = my_profile(&member).await;
    profile["display_name"] = json!("e");
    assert_eq!(save_profile(&member, &profile).await.0, 200);
    let before = others_words(&portal, &id).await;
    assert!(
        before.0.iter().any(|c| c.to_string().contains("Référent")),
        "{:?}",
        before.0
    );
    let admin = portal.signed_in("admin@example.org").await;
    erase(&member, &admin, &id).await;
    let after = others_words(&portal, &id).await;
    assert_eq!(before.0, after.0, "mission cards were rewritten");
    assert_eq!(before.2, after.2, "needs were rewritten");
    // The log gained the erasure; nothing it held before changed.
    assert_eq!(
        before.1[..],
        after.1[..before.1.len()],
        "other accounts' audit entries were rewritten"
    );

    // The comment stays, under the erased account's name.
    let shown = common::needs::get(&admin, &need).await;
    let comment = shown
        .comments
        .iter()
        .find(|c| c.body == "Le formulaire de contact ne marche plus.")
        .unwrap();
    assert_eq!(comment.author_name, "Membre supprimé", "{comment:?}");
}

#[tokio::test]
async fn the_directory_shows_a_sign_in_address_only_once_its_owner_gives_it() {
    let portal = start().await;
    let pilot = portal.signed_in("pilote@example.org").await;
    let mut profile = my_profile(&pilot).await;
    profile["contact_email"] = json!("");
    assert_eq!(save_profile(&pilot, &profile).await.0, 200);
    let member = portal.signed_in("membre@example.org").await;
    let page = |client: Client, id: Value| async move {
        let (status, page) = client.post("/api/directory/member", json!({"id": id})).await;
        assert_eq!(status, 200, "{page}");
        page
    };
    let shown = page(member.clone(), profile["id"].clone()).await;
    assert!(!shown.to_string().contains("pilote@example.org"), "{shown}");
    // The pilot chooses to give it (the form's "use my sign-in address").
    profile["contact_email"] = profile["account_email"].clone();
    assert_eq!(save_profile(&pilot, &profile).await.0, 200);
    let shown = page(member, profile["id"].clone()).await;
    assert_eq!(shown["email"], "pilote@example.org", "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_are_decoded_two_at_a_time() {
    use crate::directory::{png, upload};
    let portal = start().await;
    let mut uploads = Vec::new();
    for email in [
        "membre@example.org",
        "pilote@example.org",
        "referent@example.org",
        "ca@example.org",
        "admin@example.org",
    ] {
        let client = portal.signed_in(email).await;
        // Large enough that the decodes overlap.
        let picture = png(2_000, 2_000);
        uploads.push(tokio::spawn(async move {
            upload(&client, picture, "image/png").await.0
        }));
    }
    for u in uploads {
        assert_eq!(u.await.unwrap(), 200);
    }
    let most = app::directory::services::photos::most_decodes_at_once();
    assert!((1..=2).contains(&most), "{most} decodes at once");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_caller_is_the_rightmost_untrusted_address() {
    let settings = app::platform::context::Settings {
        trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
        ..Default::default()
    };
    let portal = common::start_with(settings).await;
    let client = portal.client();
    let attempt = |n: usize, forwarded: String| {
        let client = client.clone();
        async move {
            client
                .http
                .post(format!("{}/api/auth/login", client.base))
                .header("x-forwarded-for", forwarded)
                .json(&json!({"email": format!("inconnu{n}@example.org"), "password": "pas-le-bon-mot-de-passe"}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // Twenty attempts from 203.0.113.9, each with another story in the part
    // the client writes itself: they count for one address, which then waits.
    for n in 0..20 {
        let story = format!("10.0.{n}.1, 203.0.113.9");
        assert_eq!(attempt(n, story).await, 401, "attempt {n}");
    }
    assert_eq!(attempt(20, "9.9.9.9, 203.0.113.9".into()).await, 429);
    assert_eq!(attempt(21, "203.0.113.10".into()).await, 401, "another caller");
    // IPv6 callers are counted by their /64.
    for n in 0..20 {
        assert_eq!(
            attempt(100 + n, format!("2001:db8:1:2::{n:x}")).await,
            401,
            "v6 attempt {n}"
        );
    }
    assert_eq!(attempt(200, "2001:db8:1:2:ffff::1".into()).await, 429);
    assert_eq!(attempt(201, "2001:db8:1:3::1".into()).await, 401, "the next /64");
    let ips: Vec<String> = portal
        .rows("SELECT VALUE ip FROM audit WHERE action = 'login_failed'")
        .await;
    assert!(
        ips.iter()
            .all(|ip| ip.starts_with("203.0.113.") || ip.starts_with("2001:db8:")),
        "{ips:?}"
    );
}

/// A portal that mails through a sendmail-compatible program writing each
/// message to a file: answers the portal and that file.
async fn mailing_portal() -> (TestPortal, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (mailer, outbox) = common::file_mailer(dir.path());
    let mut settings = app::platform::context::Settings::default();
    settings.outbox.mailer = Some(mailer);
    (common::start_with(settings).await, outbox, dir)
}

/// The links mailed so far, oldest first.
async fn mailed_links(outbox: &std::path::Path, expected: usize) -> Vec<String> {
    for _ in 0..100 {
        let text = common::mail::unquote(&std::fs::read_to_string(outbox).unwrap_or_default());
        let links: Vec<String> = text
            .split_whitespace()
            .filter(|w| w.contains("/reinitialisation/"))
            .map(|w| w.rsplit('/').next().unwrap().to_string())
            .collect();
        if links.len() >= expected {
            return links;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{expected} links were not mailed");
}

#[tokio::test]
async fn an_imported_member_gets_a_link_to_choose_a_password_and_nobody_learns_who_exists() {
    let (portal, outbox, _dir) = mailing_portal().await;
    let visitor = portal.client();
    let imported = "membre00003@shifters.example";
    let ask = |email: &str| json!({"email": email});
    let known = visitor.post("/api/auth/request-link", ask(imported)).await;
    let unknown = visitor
        .post("/api/auth/request-link", ask("personne@example.org"))
        .await;
    assert_eq!(known, (200, Value::Null));
    assert_eq!(unknown, known, "the same answer for an unknown address");
    // A newer link voids the older one.
    assert_eq!(visitor.post("/api/auth/request-link", ask(imported)).await.0, 200);
    let links = mailed_links(&outbox, 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let text = std::fs::read_to_string(&outbox).unwrap();
    assert!(
        !text.contains("personne@example.org"),
        "an unknown address got mail"
    );
    assert_eq!(links.len(), 2, "{text}");
    let choose = |token: &str| json!({"token": token, "password": "mon mot de passe de Shifter"});
    let reset = |token: &str| visitor.status("/api/auth/reset-password", choose(token));
    assert_eq!(reset(&links[0]).await, 400);
    let (status, body) = visitor.post("/api/auth/reset-password", choose(&links[1])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        visitor.login(imported, "mon mot de passe de Shifter").await.0,
        200
    );
    assert_eq!(reset(&links[1]).await, 400, "used once");

    // A password change voids the links still out.
    assert_eq!(visitor.post("/api/auth/request-link", ask(imported)).await.0, 200);
    let links = mailed_links(&outbox, 3).await;
    let member = portal.client();
    assert_eq!(member.login(imported, "mon mot de passe de Shifter").await.0, 200);
    let change =
        json!({"current": "mon mot de passe de Shifter", "password": "un autre mot de passe solide"});
    assert_eq!(member.status("/api/auth/change-password", change).await, 200);
    assert_eq!(reset(&links[2]).await, 400);

    // Asked too often for one address: 429, as for sign-ins.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(visitor.post("/api/auth/request-link", ask(imported)).await.0);
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
}
