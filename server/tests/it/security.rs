//! Accounts and security rules, over real HTTP against a real SurrealDB.

use crate::common;

use std::sync::Arc;

use app::accounts::model::AuditEntry;
use app::accounts::services::totp;
use app::platform::context::Settings;
use app::platform::page::Page;
use common::support::{ask, get_status, reopen, reply, set_status};
use common::{start, start_with, user_id, Client, TestPortal, PASSWORD};
use serde_json::{json, Value};

const ROLES: [(&str, Option<&str>); 6] = [
    ("anonymous", None),
    ("member", Some("membre@example.org")),
    ("pilot", Some("pilote@example.org")),
    ("referent", Some("referent@example.org")),
    ("board", Some("ca@example.org")),
    ("admin", Some("admin@example.org")),
];

#[derive(Clone, Copy, PartialEq)]
enum Access {
    /// Anyone, signed in or not.
    Anyone,
    /// Any signed-in account.
    Member,
    /// Administrators only.
    Admin,
    /// needs: signed-in accounts holding one of these roles (others get 403).
    Roles(&'static [&'static str]),
    /// Board members only (missions).
    Board,
    /// support: the support team (referent, board, admin).
    Team,
    /// support: board and admin.
    Oversight,
}

async fn first_mission_id(portal: &TestPortal) -> String {
    portal
        .rows("SELECT VALUE record::id(id) FROM mission LIMIT 1")
        .await
        .remove(0)
}

/// A client for one of the ROLES: signed in with its address, or a visitor.
async fn client_as(portal: &TestPortal, email: Option<&str>) -> Client {
    match email {
        Some(email) => portal.signed_in(email).await,
        None => portal.client(),
    }
}

/// Every endpoint, a body it accepts, and who may call it: the permission
/// matrix of docs/security.md.
async fn matrix(portal: &TestPortal) -> Vec<(&'static str, Value, Access)> {
    let mission = first_mission_id(portal).await;
    let member = user_id(portal, "membre@example.org").await;
    // missions
    let board = user_id(portal, "ca@example.org").await;
    let support_mission = common::missions::seed_id(portal, "support-conseil").await;
    // support: a request for the team endpoints to act on.
    let referent = user_id(portal, "referent@example.org").await;
    let requester = portal.signed_in("membre@example.org").await;
    let number = ask(&requester, "it_tools", "normal", "Aide").await;
    vec![
        ("/api/auth/logout", json!({}), Access::Anyone),
        ("/api/auth/me", json!({}), Access::Member),
        ("/api/auth/totp-setup", json!({}), Access::Member),
        (
            "/api/members/search",
            json!({"text": "data", "region": null, "page": 1}),
            Access::Member,
        ),
        ("/api/profile/completion", json!({}), Access::Member),
        ("/api/needs/list", json!({}), Access::Member),
        ("/api/needs/register", json!({"page": 1}), Access::Member),
        ("/api/missions/list", json!({}), Access::Member),
        ("/api/missions/get", json!({"id": mission}), Access::Member),
        // missions (support-conseil offers 8 contributor places: one per role)
        (
            "/api/missions/list",
            json!({"filter": {"kind": null, "skill": null, "commitment": null, "region": null, "open_only": true, "for_you": true}}),
            Access::Member,
        ),
        (
            "/api/missions/save",
            json!({"id": null, "version": 0, "draft": {"title": "", "kind": "mission_shifter", "tsp_referent": "", "what": "", "when": "",
                "deliverables": "", "how_many": "", "region": "", "domains": [], "needs": [], "roles": []}}),
            Access::Member,
        ),
        (
            "/api/missions/apply",
            json!({"id": support_mission, "role": "contributor", "message": ""}),
            Access::Member,
        ),
        ("/api/missions/mine", json!({}), Access::Member),
        ("/api/missions/member", json!({"user_id": member}), Access::Member),
        ("/api/missions/review-queue", json!({}), Access::Board),
        (
            "/api/missions/set-referent",
            json!({"id": mission, "user_id": board}),
            Access::Oversight,
        ),
        // a null user_id removes the referent
        (
            "/api/missions/set-referent",
            json!({"id": mission, "user_id": null}),
            Access::Oversight,
        ),
        (
            "/api/support/create",
            json!({"category": "advice", "urgency": "low", "subject": "Conseil", "description": "Quel outil ?"}),
            Access::Member,
        ),
        ("/api/support/mine", json!({}), Access::Member),
        // support
        ("/api/support/categories", json!({}), Access::Member),
        ("/api/support/queue", json!({"include_done": false}), Access::Team),
        ("/api/support/helpers", json!({}), Access::Team),
        ("/api/support/take", json!({"number": number}), Access::Team),
        (
            "/api/support/assign",
            json!({"number": number, "helper_id": referent}),
            Access::Team,
        ),
        (
            "/api/support/set-status",
            json!({"number": number, "status": "in_progress"}),
            Access::Team,
        ),
        ("/api/support/targets", json!({}), Access::Team),
        ("/api/support/dashboard", json!({}), Access::Oversight),
        ("/api/support/category-settings", json!({}), Access::Admin),
        (
            "/api/support/save-category",
            json!({"code": "advice", "label_fr": "Conseil", "label_en": "Advice", "active": true,
                   "position": 5, "referent_ids": [referent], "webhook_url": null}),
            Access::Admin,
        ),
        (
            "/api/support/save-targets",
            json!({"targets": [{"urgency": "critical", "first_response_hours": 2, "resolution_hours": 24}]}),
            Access::Admin,
        ),
        ("/api/support/deliveries", json!({}), Access::Admin),
        (
            "/api/admin/users",
            json!({"query": {"text": null}, "page": 1}),
            Access::Admin,
        ),
        (
            "/api/admin/invite",
            json!({"email": "nouvelle@example.org", "display_name": "Nouvelle", "roles": []}),
            Access::Admin,
        ),
        (
            "/api/admin/set-roles",
            json!({"user_id": member, "roles": ["member"]}),
            Access::Admin,
        ),
        (
            "/api/admin/set-active",
            json!({"user_id": member, "active": true}),
            Access::Admin,
        ),
        ("/api/admin/reset-link", json!({"user_id": member}), Access::Admin),
        (
            "/api/admin/audit",
            json!({"action": null, "text": null, "page": 1}),
            Access::Admin,
        ),
        ("/api/admin/settings", json!({}), Access::Admin),
        ("/api/accounts/activation", json!({}), Access::Oversight),
        (
            "/api/admin/update-settings",
            json!({"require_totp_for_privileged": false}),
            Access::Admin,
        ),
        ("/api/admin/invitations/plan", json!({"query": {"state": "never_signed_in"}}), Access::Admin),
        ("/api/admin/invitations/progress", json!({"batch": "inconnu"}), Access::Admin),
        ("/api/admin/outbox", json!({}), Access::Admin),
        // directory
        (
            "/api/directory/search",
            json!({"query": {"text": "data", "region": ["Bretagne"], "open": false, "page": 1}}),
            Access::Member,
        ),
        ("/api/directory/member", json!({"id": member}), Access::Member),
        ("/api/profile/mine", json!({}), Access::Member),
        ("/api/profile/skills", json!({"prefix": "d"}), Access::Member),
        ("/api/profile/domains", json!({}), Access::Member),
        ("/api/profile/export-data", json!({}), Access::Member),
        ("/api/profile/request-deletion", json!({}), Access::Member),
        // notifications: each caller's own
        ("/api/notifications/list", json!({"page": 1}), Access::Member),
        ("/api/notifications/unread", json!({}), Access::Member),
        ("/api/notifications/read-all", json!({}), Access::Member),
        ("/api/notifications/prefs", json!({}), Access::Member),
        (
            "/api/notifications/save-prefs",
            json!({"prefs": {"choices": [{"kind": "needs", "delivery": "digest"}]}}),
            Access::Member,
        ),
        (
            "/api/directory/domain-add",
            json!({"name": "Océans"}),
            Access::Admin,
        ),
        (
            "/api/directory/domain-remove",
            json!({"name": "Océans"}),
            Access::Admin,
        ),
        ("/api/directory/deletion-requests", json!({}), Access::Admin),
        (
            "/api/directory/import",
            json!({"csv": "nom,email\nA,a@example.org\n", "mapping": null, "commit": false}),
            Access::Admin,
        ),
    ]
    .into_iter()
    // needs
    .chain(common::needs::matrix(portal).await.into_iter().map(|(path, body, roles)| {
        let access = if roles.is_empty() { Access::Member } else { Access::Roles(roles) };
        (path, body, access)
    }))
    .collect()
}

/// Endpoints whose body depends on the caller's own state, walked by their
/// own tests: `profile/save` (the caller's profile, below),
/// `directory/confirm-deletion` (a member who asked, in tests/directory.rs)
/// and `auth/request-link` (anyone, throttled per address: tests/trust.rs).
const OWN_STATE: [&str; 6] = [
    "/api/profile/save",
    // one's own notification, another's is 404: notifications::a_decision_reaches…
    "/api/notifications/open",
    "/api/directory/confirm-deletion",
    "/api/auth/request-link",
    // 409 without a mail server: walked by outbox::a_bulk_invitation_without_mail…
    "/api/admin/invitations/send",
    // a message that gave up: outbox::an_application_mails…
    "/api/admin/outbox/send-again",
];

/// Endpoints whose success needs a secret made just before the call (a
/// one-time link, a fresh code): walked by `the_secret_bearing_endpoints…`.
const NEED_A_FRESH_SECRET: [&str; 5] = [
    "/api/auth/login",
    "/api/auth/accept-invitation",
    "/api/auth/reset-password",
    "/api/auth/change-password",
    "/api/auth/totp-confirm",
];

/// missions: endpoints whose answer depends on the card (its pilots, its
/// status), walked role by role in tests/missions.rs and
/// tests/mission_people.rs.
const DEPEND_ON_THE_CARD: [&str; 10] = [
    "/api/missions/submit",
    "/api/missions/decide",
    "/api/missions/comment",
    "/api/missions/answer",
    "/api/missions/progress",
    "/api/missions/set-status",
    "/api/missions/name-pilot",
    "/api/missions/remove-pilot",
    "/api/missions/conversation",
    "/api/missions/post-message",
];
/// support: endpoints on one request, for its requester and its team only:
/// walked by `only_the_requester_and_the_team_reach_a_support_request`.
const SUPPORT_OWN_RECORDS: [&str; 3] = ["/api/support/get", "/api/support/reply", "/api/support/reopen"];

#[tokio::test]
async fn only_the_requester_and_the_team_reach_a_support_request() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    // Someone outside every demo role files the request the others try to reach.
    let outsider = app::accounts::services::accounts::NewUser {
        email: "autre@example.org".into(),
        display_name: "Une autre".into(),
        roles: vec![app::accounts::model::Role::Member],
        password: PASSWORD.into(),
    };
    app::accounts::services::accounts::create_user(&portal.db, outsider)
        .await
        .unwrap();
    let someone = portal.signed_in("autre@example.org").await;
    let theirs = ask(&someone, "advice", "low", "Pilote").await;
    for (role, email) in ROLES {
        let Some(email) = email else {
            let visitor = portal.client();
            let reply = json!({"number": theirs, "body": "Merci", "internal": false, "status": null});
            for (path, body) in
                SUPPORT_OWN_RECORDS
                    .iter()
                    .zip([json!({"number": theirs}), reply, json!({"number": theirs})])
            {
                assert_eq!(visitor.post(path, body).await.0, 401, "{path}");
            }
            continue;
        };
        let client = portal.signed_in(email).await;
        // Their own request: read, answered, and reopened once resolved.
        let own = ask(&client, "it_tools", "low", role).await;
        assert_eq!(get_status(&client, own).await, 200, "{role}");
        assert_eq!(reply(&client, own, "Merci", false, None).await.0, 200, "{role}");
        assert_eq!(set_status(&admin, own, "resolved").await, 200);
        assert_eq!(reopen(&client, own).await, 200, "{role}");
        // Another member's request: the team reaches it, nobody else.
        let team = ["referent", "board", "admin"].contains(&role);
        let expected = if team { 200 } else { 404 };
        assert_eq!(get_status(&client, theirs).await, expected, "{role}");
        let (status, _) = reply(&client, theirs, "Merci", false, None).await;
        assert_eq!(status, expected, "{role}");
        assert_eq!(
            reopen(&client, theirs).await,
            404,
            "{role}: only the requester reopens"
        );
    }
}

#[tokio::test]
async fn every_endpoint_answers_as_the_permission_matrix_says() {
    let portal = start().await;
    let matrix = matrix(&portal).await;
    let covered: Vec<&str> = matrix
        .iter()
        .map(|(p, _, _)| *p)
        .chain(NEED_A_FRESH_SECRET)
        .chain(DEPEND_ON_THE_CARD)
        .chain(SUPPORT_OWN_RECORDS)
        .chain(OWN_STATE)
        .collect();
    for path in app::platform::strict::paths() {
        assert!(covered.contains(&path), "{path} is missing from the matrix");
    }
    for (role, email) in ROLES {
        for (path, body, access) in &matrix {
            // Each call gets a fresh session (logout ends the previous one).
            let client = client_as(&portal, email).await;
            let (status, answer) = client.post(path, body.clone()).await;
            let expected = match (access, role) {
                (Access::Anyone, _) => 200,
                (_, "anonymous") => 401,
                (Access::Admin, r) if r != "admin" => 403,
                (Access::Roles(allowed), r) if !allowed.contains(&r) => 403,
                (Access::Board, r) if r != "board" => 403,
                (Access::Team, r) if !["referent", "board", "admin"].contains(&r) => 403,
                (Access::Oversight, r) if !["board", "admin"].contains(&r) => 403,
                _ => 200,
            };
            assert_eq!(status, expected, "{role} on {path}: {answer}");
        }
    }
}

/// The rest of the matrix: each role (and a visitor) calls the endpoints that
/// need a fresh secret, with one made for the call.
#[tokio::test]
async fn the_secret_bearing_endpoints_answer_as_the_permission_matrix_says() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let pilot_id = user_id(&portal, "pilote@example.org").await;
    for (n, (role, email)) in ROLES.iter().enumerate() {
        let client = client_as(&portal, *email).await;
        // Anyone holding a link may use it.
        let token = invite(&admin, &format!("invite{n}@example.org"), json!([])).await;
        let accept = json!({"token": token, "password": "une phrase de passe assez longue"});
        assert_eq!(
            client.status("/api/auth/accept-invitation", accept).await,
            200,
            "{role}"
        );
        let (_, link) = admin
            .post("/api/admin/reset-link", json!({"user_id": pilot_id}))
            .await;
        let reset = json!({"token": token_of(&link), "password": PASSWORD});
        assert_eq!(
            client.status("/api/auth/reset-password", reset).await,
            200,
            "{role}"
        );

        // Signed-in accounts act on their own account only.
        let Some(email) = email else {
            // Accepting the invitation signed the visitor in: a new visitor.
            let visitor = portal.client();
            for (path, body) in [
                (
                    "/api/auth/change-password",
                    json!({"current": PASSWORD, "password": PASSWORD}),
                ),
                (
                    "/api/auth/totp-confirm",
                    json!({"code": "000000", "enable": true}),
                ),
            ] {
                assert_eq!(visitor.status(path, body).await, 401, "{path}");
            }
            let (status, _) = visitor.login("membre@example.org", PASSWORD).await;
            assert_eq!(status, 200, "a visitor signs in");
            continue;
        };
        let client = portal.signed_in(email).await;
        let (_, setup) = client.post("/api/auth/totp-setup", json!({})).await;
        let secret = setup["secret"].as_str().unwrap().to_string();
        // On with a code, off with the password.
        let code = totp::current_code(&secret, totp::now()).unwrap();
        for body in [
            json!({"code": code, "enable": true}),
            json!({"enable": false, "password": PASSWORD}),
        ] {
            let (status, answer) = client.post("/api/auth/totp-confirm", body).await;
            assert_eq!(status, 200, "{role} totp: {answer}");
        }
        let change = json!({"current": PASSWORD, "password": PASSWORD});
        assert_eq!(
            client.status("/api/auth/change-password", change).await,
            200,
            "{role}"
        );
        assert_eq!(
            client.login(email, PASSWORD).await.0,
            200,
            "{role} signs in again"
        );
    }
}

#[tokio::test]
async fn the_strict_list_names_every_registered_endpoint_and_the_docs_too() {
    let registered: Vec<String> = server::http::endpoints().into_iter().map(|(p, _)| p).collect();
    let strict: Vec<String> = app::platform::strict::paths()
        .into_iter()
        .map(String::from)
        .collect();
    let mut a = registered.clone();
    let mut b = strict.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let api = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api.md")).unwrap();
    let security =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/security.md")).unwrap();
    for path in registered {
        let short = path.trim_start_matches("/api/");
        assert!(
            api.contains(&format!("`{path}`")),
            "docs/api.md does not list {path}"
        );
        assert!(
            security.contains(&format!("`{short}`")),
            "docs/security.md does not list {short}"
        );
    }
}

#[tokio::test]
async fn bad_bodies_are_refused_with_a_clear_message() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let (status, body) = client.post("/api/needs/list", json!({"admin": true})).await;
    assert_eq!(status, 400);
    assert_eq!(body["fields"][0]["field"], "admin");
    assert_eq!(body["fields"][0]["code"], "unknown");

    let with_status = json!({"category": "advice", "urgency": "low", "subject": "s", "description": "d", "status": "closed"});
    let (status, body) = client.post("/api/support/create", with_status).await;
    assert_eq!(
        (status, body["fields"][0]["field"].clone()),
        (400, json!("status"))
    );

    let (status, body) = client.post("/api/support/create", json!({"category": 3})).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "bad_request");

    for (body, content_type) in [("[]", "application/json"), ("{}", "text/plain")] {
        let status = client
            .send_bytes("/api/needs/list", content_type, body)
            .await
            .status();
        assert_eq!(status, 400, "{body} as {content_type}");
    }
    assert_eq!(client.get_status("/api/needs/list").await, 405);

    // GET works for "who am I", signed in or not.
    assert_eq!(client.get_status("/api/auth/me").await, 200);
    assert_eq!(portal.client().get_status("/api/auth/me").await, 401);
}

/// directory: the photo routes are plain HTTP (binary bodies), outside the
/// registry of server functions; the same guard stands in front of them.
#[tokio::test]
async fn the_photo_routes_want_a_signed_in_member_on_the_portal_itself() {
    let portal = start().await;
    let member = user_id(&portal, "membre@example.org").await;
    let visitor = portal.client();
    let photo = portal.url(&format!("/api/photos/{member}"));
    let upload = portal.url("/api/profile/photo");
    for req in [
        visitor.http.get(&photo),
        visitor.http.post(&upload).body(vec![1, 2, 3]),
        visitor.http.delete(&upload),
    ] {
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 401);
        assert_eq!(
            res.json::<Value>().await.unwrap(),
            json!({"error": "unauthorized"})
        );
    }
    let client = portal.signed_in("membre@example.org").await;
    for req in [
        client.http.post(&upload).body(vec![1, 2, 3]),
        client.http.delete(&upload),
    ] {
        let res = req.header("origin", "https://evil.example").send().await.unwrap();
        assert_eq!(res.status(), 403);
    }
    // Signed in, a member without a photo, or a key that is none, is simply not found.
    for url in [photo, portal.url("/api/photos/..%2Fuser")] {
        assert_eq!(client.http.get(&url).send().await.unwrap().status(), 404);
    }
}

#[tokio::test]
async fn calls_from_another_site_are_refused() {
    let portal = start().await;
    let client = portal.signed_in("membre@example.org").await;
    let request = json!({"category": "advice", "urgency": "low", "subject": "s", "description": "d"});
    let evil = [("origin", "https://evil.example")];
    let res = client.send("/api/support/create", &request, &evil).await;
    assert_eq!(res.status(), 403);
    let cross_site = [("sec-fetch-site", "cross-site")];
    let res = client.send("/api/support/mine", &json!({}), &cross_site).await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        client.post("/api/support/mine", json!({})).await,
        (200, json!([]))
    );
}

#[tokio::test]
async fn repeated_failures_are_throttled_for_that_account_only() {
    let portal = start().await;
    let client = portal.client();
    let wrong = "pas-le-bon-mot-de-passe";
    for _ in 0..5 {
        assert_eq!(client.login("membre@example.org", wrong).await.0, 401);
    }
    let guess = json!({"email": "membre@example.org", "password": wrong});
    let res = client.send("/api/auth/login", &guess, &[]).await;
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // Even the right password waits now…
    assert_eq!(client.login("membre@example.org", PASSWORD).await.0, 429);
    // …but another account signs in.
    assert_eq!(client.login("pilote@example.org", PASSWORD).await.0, 200);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let portal = start().await;
    for path in ["/", "/missions/1", "/healthz"] {
        let res = reqwest::get(portal.url(path)).await.unwrap();
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(
            csp.contains("'sha256-"),
            "the inline loader is allowed by hash: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()["referrer-policy"], "same-origin");
    }
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure_and_host_prefixed() {
    let portal = start_with(Settings::for_public_url("https://portail.example.org")).await;
    let sign_in = json!({"email": "membre@example.org", "password": PASSWORD});
    let res = portal.client().send("/api/auth/login", &sign_in, &[]).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-portal_session=")
            && cookie.contains("Secure")
            && cookie.contains("Path=/")
    );
}

/// The token at the end of a one-time link.
fn token_of(link: &Value) -> String {
    link["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

async fn invite(admin: &Client, email: &str, roles: Value) -> String {
    let (status, link) = admin
        .post(
            "/api/admin/invite",
            json!({"email": email, "display_name": "Zoé Nouvelle", "roles": roles}),
        )
        .await;
    assert_eq!(status, 200, "{link}");
    token_of(&link)
}

#[tokio::test]
async fn an_invitation_works_once_with_a_strong_password() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let token = invite(&admin, "zoe@example.org", json!(["pilot"])).await;

    let guest = portal.client();
    let accept = |password: &str| json!({"token": token, "password": password});
    for (password, code) in [("motdepasse123", "too_common"), ("court", "too_short")] {
        let (status, body) = guest.post("/api/auth/accept-invitation", accept(password)).await;
        assert_eq!(
            (status, body["fields"][0]["code"].clone()),
            (400, json!(code)),
            "{password}"
        );
    }

    let good = accept("un jardin partagé à Rennes");
    let (status, user) = guest.post("/api/auth/accept-invitation", good.clone()).await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["roles"], json!(["member", "pilot"]));
    assert_eq!(
        guest.post("/api/auth/me", json!({})).await.1["email"],
        "zoe@example.org"
    );

    let (status, body) = portal.client().post("/api/auth/accept-invitation", good).await;
    assert_eq!(
        (status, body["fields"][0]["field"].clone()),
        (400, json!("token"))
    );

    // Inviting an address that has an account is a conflict.
    let again = json!({"email": "zoe@example.org", "display_name": "Zoé", "roles": []});
    assert_eq!(admin.status("/api/admin/invite", again).await, 409);
}

#[tokio::test]
async fn an_expired_invitation_is_refused() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let token = invite(&admin, "tard@example.org", json!([])).await;
    portal
        .run("UPDATE account_token SET expires_at = time::now() - 1h")
        .await;
    let accept = json!({"token": token, "password": "un jardin partagé à Rennes"});
    let visitor = portal.client();
    assert_eq!(visitor.status("/api/auth/accept-invitation", accept).await, 400);
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_and_ends_old_sessions() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let id = user_id(&portal, "membre@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    let (status, link) = admin.post("/api/admin/reset-link", json!({"user_id": id})).await;
    assert_eq!(status, 200);
    assert!(link["url"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:3000/reinitialisation/"));
    let token = token_of(&link);

    let new = "les vélos de Nantes 2026";
    let reset = json!({"token": token, "password": new});
    // Each step from a browser of its own.
    let visitor = || portal.client();
    assert_eq!(
        visitor().status("/api/auth/reset-password", reset.clone()).await,
        200
    );
    assert_eq!(member.status("/api/auth/me", json!({})).await, 401);
    assert_eq!(visitor().login("membre@example.org", new).await.0, 200);
    assert_eq!(visitor().status("/api/auth/reset-password", reset).await, 400);
}

#[tokio::test]
async fn administrators_manage_roles_and_activation_and_everything_is_audited() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let member = portal.signed_in("membre@example.org").await;
    let _ = portal.client().login("ca@example.org", "faux-mot-de-passe").await;
    let id = user_id(&portal, "membre@example.org").await;

    let pilot = json!({"user_id": id, "roles": ["pilot"]});
    assert_eq!(admin.status("/api/admin/set-roles", pilot).await, 200);
    assert_eq!(
        member.post("/api/auth/me", json!({})).await.1["roles"],
        json!(["member", "pilot"])
    );

    let off = json!({"user_id": id, "active": false});
    assert_eq!(admin.status("/api/admin/set-active", off).await, 200);
    assert_eq!(
        member.status("/api/auth/me", json!({})).await,
        401,
        "deactivation ends sessions at once"
    );
    // Nobody is not found; an administrator keeps their own access and admin role.
    let admin_id = user_id(&portal, "admin@example.org").await;
    for (path, body, expected) in [
        (
            "/api/admin/set-active",
            json!({"user_id": admin_id, "active": false}),
            409,
        ),
        (
            "/api/admin/set-roles",
            json!({"user_id": "nobody", "roles": []}),
            404,
        ),
        (
            "/api/admin/set-roles",
            json!({"user_id": admin_id, "roles": ["board"]}),
            409,
        ),
    ] {
        assert_eq!(admin.status(path, body.clone()).await, expected, "{path} {body}");
    }

    let log: Page<AuditEntry> = admin
        .call(
            "/api/admin/audit",
            json!({"action": null, "text": null, "page": 1}),
        )
        .await;
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    for action in ["login", "login_failed", "roles_changed", "deactivated"] {
        assert!(actions.contains(&action), "{action} missing from {actions:?}");
    }
    let failed = log.items.iter().find(|e| e.action == "login_failed").unwrap();
    assert_eq!(failed.target, "ca@example.org");
    assert_eq!(failed.ip, "127.0.0.1");

    let only = common::audit(&admin, "deactivated").await;
    let entry = &only.items[0];
    assert_eq!(
        (only.total, entry.target.as_str(), entry.actor_email.as_str()),
        (1, "membre@example.org", "admin@example.org")
    );
}

#[tokio::test]
async fn a_second_factor_is_asked_once_turned_on() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let setup: Value = member.call("/api/auth/totp-setup", json!({})).await;
    let secret = setup["secret"].as_str().unwrap().to_string();
    assert!(setup["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/"));
    let wrong = json!({"code": "000000", "enable": true});
    assert_eq!(member.status("/api/auth/totp-confirm", wrong).await, 400);
    let code = totp::current_code(&secret, totp::now()).unwrap();
    let on = json!({"code": code, "enable": true});
    assert_eq!(member.status("/api/auth/totp-confirm", on).await, 200);

    let client = portal.client();
    let (status, body) = client.login("membre@example.org", PASSWORD).await;
    assert_eq!((status, body), (401, json!({"error": "totp_required"})));
    // The next code: the one that turned the factor on is used up.
    let code = totp::current_code(&secret, totp::now() + 30).unwrap();
    let with_code = json!({"email": "membre@example.org", "password": PASSWORD, "totp": code});
    let (status, me) = client.post("/api/auth/login", with_code).await;
    assert_eq!(status, 200);
    assert_eq!(me["totp_enabled"], true);
}

#[tokio::test]
async fn when_required_board_and_admin_accounts_must_turn_on_their_second_factor() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    common::update_settings(&admin, json!({"require_totp_for_privileged": true})).await;
    let board = portal.signed_in("ca@example.org").await;
    assert_eq!(
        board.post("/api/needs/list", json!({})).await,
        (403, json!({"error": "totp_setup_required"}))
    );
    // It can still see who it is, and set the factor up; members are not concerned.
    let member = portal.signed_in("membre@example.org").await;
    for (who, client, path) in [
        ("board", &board, "/api/auth/me"),
        ("board", &board, "/api/auth/totp-setup"),
        ("member", &member, "/api/needs/list"),
    ] {
        assert_eq!(client.status(path, json!({})).await, 200, "{who} on {path}");
    }
}

#[tokio::test]
async fn links_are_mailed_when_a_sendmail_program_is_configured() {
    let dir = tempfile::tempdir().unwrap();
    let (mailer, outbox) = common::file_mailer(dir.path());
    let mut settings = Settings::for_public_url("https://portail.example.org");
    settings.outbox.mailer = Some(mailer);
    let portal = start_with(settings).await;

    // Over http the Secure cookie would not come back: sign in by hand.
    let client = portal.client();
    let sign_in = json!({"email": "admin@example.org", "password": PASSWORD});
    let res = client.send("/api/auth/login", &sign_in, &[]).await;
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let invitation = json!({"email": "lea@example.org", "display_name": "Léa Roux", "roles": ["referent"]});
    let res = client
        .send("/api/admin/invite", &invitation, &[("cookie", &cookie)])
        .await;
    assert_eq!(res.status(), 200);
    let link: Value = res.json().await.unwrap();
    assert_eq!(link["mailed"], true);
    let mut mail = String::new();
    for _ in 0..100 {
        mail = common::mail::unquote(&std::fs::read_to_string(&outbox).unwrap_or_default());
        if !mail.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(mail.contains("To: lea@example.org\r\n"), "{mail}");
    assert!(mail.contains("From: noreply@portail.example.org\r\n"));
    assert!(mail.contains("Bonjour Léa Roux"));
    assert!(mail.contains(link["url"].as_str().unwrap()));
    assert!(link["url"]
        .as_str()
        .unwrap()
        .starts_with("https://portail.example.org/invitation/"));
}

/// Values no form would send, for any field: wrong types, injection-shaped
/// strings, markup, control characters, a very long text.
fn hostile_values() -> Vec<Value> {
    vec![
        json!(null),
        json!(7),
        json!(-1e308),
        json!(true),
        json!([]),
        json!({"$gt": ""}),
        json!("'; DELETE user; --"),
        json!("\"; REMOVE TABLE user; SELECT * FROM user WHERE \"\" = \""),
        json!("⟩; DELETE session; LET $x = ⟨"),
        json!("user:⟨admin⟩"),
        json!("<script>window.__pwned = 1</script><img src=x onerror=alert(1)>"),
        json!("\u{0000}\u{0007}\u{001b}[31m\u{202e}\u{feff}"),
        json!("é".repeat(200_000)),
    ]
}

/// Every endpoint, as an administrator (who may call them all), gets each
/// field replaced by each hostile value, then whole bodies that are not JSON
/// objects at all: the answer is never a server error, an error always says
/// what went wrong, and the accounts are still all there afterwards.
/// Endpoints are probed a few at a time, like clients arriving together.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_survives_hostile_input() {
    let portal = start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let users_before = emails(&portal).await;
    let at_once = Arc::new(tokio::sync::Semaphore::new(6));
    let mut probes = tokio::task::JoinSet::new();
    for (path, body, _) in matrix(&portal).await {
        if path == "/api/auth/logout" {
            continue; // would end the session the other calls use
        }
        let (admin, at_once) = (admin.clone(), at_once.clone());
        probes.spawn(async move {
            let _turn = at_once.acquire().await.unwrap();
            probe_with_hostile_input(&admin, path, &body).await
        });
    }
    while let Some(probe) = probes.join_next().await {
        probe.unwrap();
    }
    // Probes run in any order, so a hostile value that happens to be valid
    // (`"commit": true`) may create the one member its body names; no other
    // account may appear, and none may vanish.
    let users_after = emails(&portal).await;
    assert!(users_before.is_subset(&users_after), "no account vanished");
    let appeared: Vec<_> = users_after.difference(&users_before).collect();
    assert!(
        appeared
            .iter()
            .all(|e| ["a@example.org", "nouvelle@example.org"].contains(&e.as_str())),
        "only the accounts the bodies name may appear: {appeared:?}"
    );
    assert!(server::db::is_healthy(&portal.db).await);
}

async fn probe_with_hostile_input(admin: &Client, path: &str, body: &Value) {
    for field in body.as_object().unwrap().keys() {
        for value in hostile_values() {
            let mut sent = body.clone();
            sent[field.as_str()] = value.clone();
            let (status, answer) = admin.post(path, sent).await;
            let shown: String = value.to_string().chars().take(60).collect();
            assert!(status < 500, "{path} {field} = {shown}: {status} {answer}");
            if status >= 400 {
                assert!(
                    answer["error"].is_string(),
                    "{path} {field}: {status} without a typed error: {answer}"
                );
            }
        }
    }
    for raw in [
        &b"{\"text\": \"\xff\xfe\"}"[..],
        b"{\"text\": ",
        b"null",
        b"\"chaine\"",
        &b"[".repeat(10_000)[..],
    ] {
        let res = admin
            .http
            .post(format!("{}{path}", admin.base))
            .header("content-type", "application/json")
            .body(raw.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{path} with a malformed body");
    }
}

async fn emails(portal: &TestPortal) -> std::collections::BTreeSet<String> {
    let mut r = portal.db.query("SELECT VALUE email FROM user").await.unwrap();
    r.take::<Vec<String>>(0).unwrap().into_iter().collect()
}

/// directory: each role saves its own profile; nobody else's can be named.
#[tokio::test]
async fn every_role_saves_its_own_profile_and_only_admins_confirm_erasures() {
    let portal = start().await;
    let visitor = portal.client();
    let any_profile = serde_json::to_value(app::directory::model::Profile::default()).unwrap();
    let (status, _) = visitor
        .post("/api/profile/save", json!({ "profile": any_profile }))
        .await;
    assert_eq!(status, 401);
    let member = user_id(&portal, "membre@example.org").await;
    for (role, email) in ROLES.iter().skip(1) {
        let client = portal.signed_in(email.unwrap()).await;
        let (_, mut profile) = client.post("/api/profile/mine", json!({})).await;
        profile["pronouns"] = json!("iel");
        // The id in the body is not the one saved: the session names the account.
        profile["id"] = json!(member);
        let (status, saved) = client
            .post("/api/profile/save", json!({"profile": profile}))
            .await;
        assert_eq!(status, 200, "{role}: {saved}");
        assert_ne!(saved["id"] == json!(member), *role != "member", "{role}");
        let (status, _) = client
            .post("/api/directory/confirm-deletion", json!({"user_id": member}))
            .await;
        // Admins reach the service, which finds no request: 404.
        assert_eq!(status, if *role == "admin" { 404 } else { 403 }, "{role}");
    }
}
