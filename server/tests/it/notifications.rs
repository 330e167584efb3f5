//! The notification centre: what each event leaves for whom, read and
//! unread, each member's choices (mail at once, the morning digest, the
//! portal only), late support requests, and the live channel, in one
//! process and across two `portal serve` on one SurrealDB server.

use std::collections::HashMap;
use std::time::Duration;

use app::notifications::model::{NotificationList, NotificationPrefs};
use app::platform::context::Settings;
use app::platform::outbox::Outbound;
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::common;
use common::mail::{SinkOptions, SmtpSink};
use common::needs::support;
use common::process::{
    portal_serve_with, signed_in, static_dir, surreal_bin, surreal_start, wait_for, wait_for_surreal,
};
use common::support::{ask, assign, reply, take};
use common::{file_mailer, start_idle, user_id, Client, TestPortal};

pub(crate) async fn list(client: &Client) -> NotificationList {
    client.call("/api/notifications/list", json!({})).await
}

async fn unread(client: &Client) -> u64 {
    client.call("/api/notifications/unread", json!({})).await
}

async fn choose(client: &Client, kind: &str, delivery: &str) {
    let mut prefs: NotificationPrefs = client.call("/api/notifications/prefs", json!({})).await;
    let choice = prefs.choices.iter_mut().find(|c| c.kind.code() == kind).unwrap();
    choice.delivery = app::notifications::model::Delivery::from_code(delivery).unwrap();
    let (status, body) = client
        .post("/api/notifications/save-prefs", json!({ "prefs": prefs }))
        .await;
    assert_eq!(status, 200, "{body}");
}

/// The mails waiting in the outbox, as (recipient, subject, body).
pub(crate) async fn queued(portal: &TestPortal) -> Vec<(String, String, String)> {
    let rows: Vec<Value> = portal
        .rows("SELECT target, subject, body, created_at FROM outbox WHERE channel = 'email' ORDER BY created_at")
        .await;
    rows.into_iter()
        .map(|r| {
            let text = |f: &str| r[f].as_str().unwrap_or_default().to_string();
            (text("target"), text("subject"), text("body"))
        })
        .collect()
}

/// A portal whose mails wait in the outbox, to be counted.
pub(crate) async fn with_mail() -> (TestPortal, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.outbox.mailer = Some(file_mailer(dir.path()).0);
    (start_idle(settings).await, dir)
}

/// The seed's need `key`, put before the board.
async fn submitted_need(portal: &TestPortal, key: &str) -> String {
    let sql = "UPDATE need SET status = 'submitted' WHERE seed_key = $v RETURN VALUE record::id(id)";
    common::key_of(portal, sql, key).await
}

#[tokio::test]
async fn a_decision_reaches_the_needs_supporters_who_read_it_in_the_centre() {
    let (portal, _dir) = with_mail().await;
    let member = portal.signed_in("membre@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    let need = submitted_need(&portal, "securite").await;
    assert_eq!(support(&member, &need, true).await.0, 200);
    assert_eq!(unread(&member).await, 0);
    let (status, body) = common::needs::move_to(&board, &need, "accepted", "Voté en CA du 3 décembre").await;
    assert_eq!(status, 200, "{body}");

    // In the centre: who acted, what, why, and where to look.
    let centre = list(&member).await;
    assert_eq!(centre.unread, 1);
    let item = &centre.page.items[0];
    assert!(!item.read);
    assert_eq!(item.link, format!("/besoins/{need}"));
    assert!(item.text.contains("« accepté »"), "{}", item.text);
    assert!(item.text.contains("Voté en CA du 3 décembre"), "{}", item.text);
    assert_eq!(unread(&member).await, 1);
    // And a mail at once, the default.
    let mails = queued(&portal).await;
    let to_member: Vec<_> = mails.iter().filter(|m| m.0 == "membre@example.org").collect();
    assert_eq!(to_member.len(), 1, "{mails:?}");
    assert!(to_member[0].2.contains(&format!("/besoins/{need}")));
    // The board member who decided is not told of their own act.
    assert_eq!(unread(&board).await, 0);

    // Opening marks it read; another member cannot open it.
    let other = portal.signed_in("pilote@example.org").await;
    let open = json!({"id": item.id});
    assert_eq!(other.status("/api/notifications/open", open).await, 404);
    let link: String = member
        .call("/api/notifications/open", json!({"id": item.id}))
        .await;
    assert_eq!(link, format!("/besoins/{need}"));
    assert_eq!(unread(&member).await, 0);
    assert!(list(&member).await.page.items[0].read);

    // Signed out: nothing.
    let visitor = portal.client();
    assert_eq!(visitor.status("/api/notifications/list", json!({})).await, 401);
}

#[tokio::test]
async fn each_member_chooses_how_each_kind_reaches_them() {
    let (portal, _dir) = with_mail().await;
    let member = portal.signed_in("membre@example.org").await;
    let board = portal.signed_in("ca@example.org").await;

    // A member is offered the kinds that concern members only.
    let prefs: NotificationPrefs = member.call("/api/notifications/prefs", json!({})).await;
    let kinds: Vec<&str> = prefs.choices.iter().map(|c| c.kind.code()).collect();
    assert_eq!(kinds, ["missions", "decisions", "needs", "support", "for_you"]);
    assert!(prefs.choices[..4].iter().all(|c| c.delivery.code() == "mail"));
    let review = json!({"prefs": {"choices": [{"kind": "review", "delivery": "portal"}]}});
    let (status, body) = member.post("/api/notifications/save-prefs", review).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(common::field_names(&body), ["choices"]);
    let unknown = json!({"prefs": {"choices": [{"kind": "needs", "delivery": "pigeon"}]}});
    assert_eq!(member.post("/api/notifications/save-prefs", unknown).await.0, 400);

    // Here only: the centre has it, no mail leaves.
    choose(&member, "needs", "portal").await;
    let need = submitted_need(&portal, "securite").await;
    support(&member, &need, true).await;
    common::needs::move_to(&board, &need, "rejected", "Hors périmètre").await;
    assert_eq!(unread(&member).await, 1);
    assert!(queued(&portal).await.iter().all(|m| m.0 != "membre@example.org"));

    // The morning digest: one mail gathers the day's notifications, once,
    // however many processes look at the same moment.
    choose(&member, "needs", "digest").await;
    for key in ["hebergement", "site-web"] {
        let need = submitted_need(&portal, key).await;
        support(&member, &need, true).await;
        common::needs::move_to(&board, &need, "accepted", "Voté").await;
    }
    assert_eq!(unread(&member).await, 3);
    assert!(queued(&portal).await.iter().all(|m| m.0 != "membre@example.org"));
    let out = Outbound {
        email: true,
        public_url: "https://portail.example.org".into(),
    };
    let later = chrono::Utc::now() + chrono::Duration::minutes(1);
    let send = || app::notifications::services::send_digests(&portal.db, &out, later);
    let (a, b) = tokio::join!(send(), send());
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(send().await.unwrap(), 0);
    let mails = queued(&portal).await;
    let digests: Vec<_> = mails.iter().filter(|m| m.0 == "membre@example.org").collect();
    assert_eq!(digests.len(), 1, "{mails:?}");
    assert!(digests[0].1.contains("résumé du jour"), "{}", digests[0].1);
    let body = &digests[0].2;
    assert_eq!(body.matches("\n- ").count(), 2, "{body}");
    assert!(body.contains("https://portail.example.org/besoins/"), "{body}");
    assert!(
        body.contains("https://portail.example.org/notifications"),
        "{body}"
    );

    // Everything read at once.
    let (status, _) = member.post("/api/notifications/read-all", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(unread(&member).await, 0);
}

#[tokio::test]
async fn support_tells_the_assignee_the_requester_and_escalates_late_requests_once() {
    let (portal, _dir) = with_mail().await;
    let member = portal.signed_in("membre@example.org").await;
    let number = ask(&member, "it_tools", "critical", "Serveur en panne").await;

    // Handed over: the new assignee is told.
    let admin = portal.signed_in("admin@example.org").await;
    let referent = portal.signed_in("referent@example.org").await;
    let referent_id = user_id(&portal, "referent@example.org").await;
    let (status, body) = assign(&admin, number, &referent_id).await;
    assert_eq!(status, 200, "{body}");
    let handed = list(&referent).await;
    assert_eq!(handed.unread, 1);
    assert!(
        handed.page.items[0].text.contains("vous confie la demande"),
        "{:?}",
        handed.page.items[0]
    );
    assert_eq!(handed.page.items[0].link, format!("/support/demandes/{number}"));
    // Its mail (no request number on it) leaves support's delivery list readable.
    let (status, body) = admin.post("/api/support/deliveries", json!({})).await;
    assert_eq!(status, 200, "{body}");

    // The team answers: the requester has it in the centre and support's
    // own mail (with the answer), not a second one.
    let (status, body) = reply(
        &referent,
        number,
        "Redémarré, pouvez-vous vérifier ?",
        false,
        Some("waiting"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(unread(&member).await, 1);
    let to_member: Vec<_> = queued(&portal)
        .await
        .into_iter()
        .filter(|m| m.0 == "membre@example.org")
        .collect();
    assert_eq!(to_member.len(), 1, "{to_member:?}");
    assert!(to_member[0].2.contains("Redémarré"), "{}", to_member[0].2);
    // An internal note tells nobody.
    reply(&referent, number, "Note interne", true, None).await;
    assert_eq!(unread(&member).await, 1);
    // The requester answers: the assignee is told.
    reply(&member, number, "Ça remarche, merci", false, None).await;
    assert_eq!(unread(&referent).await, 2);

    // Late: past the critical target (2 h to answer, 24 h to resolve). The
    // referent hears once, the board once more past twice the resolution
    // target, whichever process looks.
    let other = ask(&member, "it_tools", "critical", "Plus de messagerie").await;
    let out = Outbound::default();
    let now = chrono::Utc::now().timestamp();
    let escalate = |at: i64| app::support::services::escalate(&portal.db, &out, at);
    assert_eq!(escalate(now).await.unwrap(), 0);
    let (a, b) = tokio::join!(escalate(now + 3 * 3600), escalate(now + 3 * 3600));
    assert_eq!(
        a.unwrap() + b.unwrap(),
        1,
        "the new request, once (the first one has an answer)"
    );
    let late = list(&referent).await.page.items;
    assert!(
        late[0].text.contains(&format!("n° {other} dépasse son délai")),
        "{late:?}"
    );
    assert_eq!(escalate(now + 3 * 3600).await.unwrap(), 0);
    let board = portal.signed_in("ca@example.org").await;
    assert_eq!(unread(&board).await, 0);
    assert_eq!(
        escalate(now + 49 * 3600).await.unwrap(),
        2,
        "both requests, to the board"
    );
    assert_eq!(unread(&board).await, 2);
    assert_eq!(escalate(now + 100 * 3600).await.unwrap(), 0);
    take(&referent, other).await;
}

/// Reads the live channel of `client` until `want` arrives.
pub(crate) async fn hears(client: &Client, want: &str) {
    let res = client.get("/api/live").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let mut body = res.bytes_stream();
    let mut seen = String::new();
    // Live means without asking again; how fast is measured, not asserted
    // here (a loaded test machine is slow).
    let heard = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(chunk) = body.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if seen.contains(&format!("data: {want}\n")) {
                return;
            }
        }
    })
    .await;
    assert!(heard.is_ok(), "no {want} within 20 s: {seen:?}");
}

/// Opens `client`'s live channel, then does `act` and waits for `want`.
pub(crate) async fn hears_after<F: std::future::Future<Output = ()>>(client: &Client, want: &str, act: F) {
    let listen = hears(client, want);
    tokio::pin!(listen);
    // The stream is open before the act.
    tokio::select! {
        _ = &mut listen => panic!("heard {want} before acting"),
        _ = tokio::time::sleep(Duration::from_millis(300)) => {}
    }
    act.await;
    listen.await;
}

#[tokio::test]
async fn the_live_channel_tells_each_member_of_their_own_changes_only() {
    let portal = common::start().await;
    let member = portal.signed_in("membre@example.org").await;
    let referent = portal.signed_in("referent@example.org").await;
    // Signed out, or from another site: refused.
    assert_eq!(reqwest::get(portal.url("/api/live")).await.unwrap().status(), 401);
    let number = ask(&member, "it_tools", "normal", "Accès au drive").await;
    hears_after(&member, &format!("support:{number}"), async {
        reply(&referent, number, "Je regarde", false, None).await;
    })
    .await;
    hears_after(&referent, "notifications", async {
        reply(&member, number, "Merci !", false, None).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_tell_each_event_once_and_live() {
    let Some(surreal) = surreal_bin() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(SinkOptions::default()).await;
    let db_port = common::process::free_port();
    let _database = surreal_start(&surreal, db_port, &dir.path().join("surreal.db"));
    wait_for_surreal(db_port).await;
    let static_dir = static_dir(dir.path());
    let env = [
        ("PORTAL_SMTP_URL", sink.url()),
        ("PORTAL_OUTBOX_POLL_MS", "200".to_string()),
    ];
    let (_a_process, a) = portal_serve_with(db_port, &static_dir, true, &env);
    wait_for(&a, 200).await;
    let (_b_process, b) = portal_serve_with(db_port, &static_dir, false, &env);
    wait_for(&b, 200).await;
    let member_a = signed_in(&a, "membre@example.org").await;
    let member_b = signed_in(&b, "membre@example.org").await;
    let pilot_b = signed_in(&b, "pilote@example.org").await;
    let board_a = signed_in(&a, "ca@example.org").await;
    let referent_b = signed_in(&b, "referent@example.org").await;
    let admin_a = signed_in(&a, "admin@example.org").await;

    // Support, across the processes and live: the member follows on B
    // what the team does on A, and the other way round.
    let number = ask(&member_a, "it_tools", "normal", "Accès au drive").await;
    hears_after(&referent_b, "notifications", async {
        let referent = user_id_via(&admin_a, "referent@example.org").await;
        let (status, body) = assign(&admin_a, number, &referent).await;
        assert_eq!(status, 200, "{body}");
    })
    .await;
    hears_after(&member_b, &format!("support:{number}"), async {
        reply(
            &signed_in(&a, "referent@example.org").await,
            number,
            "Accès rétabli",
            false,
            None,
        )
        .await;
    })
    .await;
    reply(&member_b, number, "Merci", false, None).await;

    // Needs: whoever raised one hears of the board's decision.
    let need = common::needs::create(
        &member_b,
        json!({
            "title": "Un agenda partagé", "description": "", "origin": "mission",
            "origin_name": "Coordination SI", "category": "website", "people_affected": 0,
            "urgency": "normal", "current_tool": "", "gap": "", "priority": "should",
        }),
    )
    .await;
    for to in ["in_analysis", "solution_proposed", "submitted"] {
        let (status, body) = common::needs::move_to(&admin_a, &need, to, "").await;
        assert_eq!(status, 200, "{to}: {body}");
    }
    let (status, body) = common::needs::move_to(&board_a, &need, "rejected", "Hors périmètre").await;
    assert_eq!(status, 200, "{body}");

    // Missions: a card submitted to the board, an application to its pilot.
    let draft = common::missions::complete_draft("Coordination des outils");
    let card = common::missions::create(&pilot_b, &draft).await;
    let version = common::missions::version(&pilot_b, &card).await;
    let (status, body) = common::missions::submit(&pilot_b, &card, version).await;
    assert_eq!(status, 200, "{body}");
    let version = common::missions::version(&board_a, &card).await;
    let (status, body) = common::missions::decide(&board_a, &card, version, "approved", "Bienvenue").await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = common::missions::apply(&member_a, &card, "contributor", "Partante").await;
    assert_eq!(status, 200, "{body}");

    // Every mail once, to the right people.
    let expected = [
        ("referent@example.org", "[Support] Demande n°"), // the new request, to its category's referent
        ("referent@example.org", "demandes de support"),  // handed over
        ("membre@example.org", "[Support]"),              // the team's answer
        ("referent@example.org", "demandes de support"),  // the requester's answer
        ("membre@example.org", "besoins suivis"),         // the decision on the need
        ("ca@example.org", "à examiner par le CA"),       // the card submitted
        ("pilote@example.org", "décision du CA"),         // the card approved
        ("pilote@example.org", "missions"),               // the application
    ];
    let mails = sink.wait_for(expected.len(), Duration::from_secs(60)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mails = if sink.received().len() > mails.len() {
        sink.received()
    } else {
        mails
    };
    let mut got: HashMap<String, usize> = HashMap::new();
    for mail in &mails {
        *got.entry(mail.rcpt().to_string()).or_insert(0) += 1;
    }
    let mut want: HashMap<String, usize> = HashMap::new();
    for (to, subject) in expected {
        *want.entry(to.to_string()).or_insert(0) += 1;
        assert!(
            mails
                .iter()
                .any(|m| m.rcpt() == to && m.subject.contains(subject)),
            "no “{subject}” to {to}: {:?}",
            mails
                .iter()
                .map(|m| (m.rcpt().to_string(), m.subject.clone()))
                .collect::<Vec<_>>()
        );
    }
    assert_eq!(
        got,
        want,
        "{:?}",
        mails
            .iter()
            .map(|m| (m.rcpt().to_string(), m.subject.clone()))
            .collect::<Vec<_>>()
    );
}

/// The account key of `email`, as an administrator finds it.
async fn user_id_via(admin: &Client, email: &str) -> String {
    let (_, page) = admin
        .post("/api/admin/users", json!({"query": {"text": email}}))
        .await;
    page["items"][0]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_weekly_selection_reaches_those_who_asked_once() {
    let (portal, _dir) = with_mail().await;
    let member = portal.signed_in("membre@example.org").await;
    let pilot = portal.signed_in("pilote@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    // Off unless asked for.
    let prefs: NotificationPrefs = member.call("/api/notifications/prefs", json!({})).await;
    let weekly = prefs.choices.iter().find(|c| c.kind.code() == "for_you").unwrap();
    assert_eq!(weekly.delivery.code(), "portal");
    portal
        .run("UPDATE user SET skills = ['Data'], domains = ['Numérique'] WHERE email IN ['membre@example.org', 'referent@example.org']")
        .await;
    let card = common::missions::create(
        &pilot,
        &common::missions::complete_draft("Tableau de bord des adhésions"),
    )
    .await;
    let version = common::missions::version(&pilot, &card).await;
    assert_eq!(common::missions::submit(&pilot, &card, version).await.0, 200);
    let version = common::missions::version(&board, &card).await;
    let (status, body) = common::missions::decide(&board, &card, version, "approved", "Oui").await;
    assert_eq!(status, 200, "{body}");

    choose(&member, "for_you", "mail").await;
    let out = Outbound {
        email: true,
        public_url: "https://portail.example.org".into(),
    };
    // Next Monday morning, as two processes would look at once.
    let monday = app::missions::services::for_you::week_start(chrono::Utc::now())
        + chrono::Duration::weeks(1)
        + chrono::Duration::hours(1);
    let send = || app::missions::services::weekly_for_you(&portal.db, &out, monday);
    let (a, b) = tokio::join!(send(), send());
    assert_eq!(
        a.unwrap() + b.unwrap(),
        1,
        "the member who asked, once; not the referent who did not"
    );
    assert_eq!(send().await.unwrap(), 0);
    let centre = list(&member).await;
    let item = centre
        .page
        .items
        .iter()
        .find(|n| n.kind.code() == "for_you")
        .unwrap();
    assert!(
        item.text.contains("« Tableau de bord des adhésions »"),
        "{}",
        item.text
    );
    assert_eq!(item.link, "/missions?pour-vous=1");
    let mails = queued(&portal).await;
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.0 == "membre@example.org" && m.1.contains("missions pour vous"))
            .count(),
        1,
        "{mails:?}"
    );
    let referent = portal.signed_in("referent@example.org").await;
    assert!(list(&referent)
        .await
        .page
        .items
        .iter()
        .all(|n| n.kind.code() != "for_you"));
}

#[tokio::test]
async fn a_solution_goes_to_the_board_and_its_decision_to_its_author_and_the_needs_people() {
    let (portal, _dir) = with_mail().await;
    let admin = portal.signed_in("admin@example.org").await;
    let member = portal.signed_in("membre@example.org").await;
    let proposed =
        "UPDATE need SET status = 'solution_proposed' WHERE seed_key = $v RETURN VALUE record::id(id)";
    let need = common::key_of(&portal, proposed, "site-web").await;
    support(&member, &need, true).await;
    let admin_id = user_id(&portal, "admin@example.org").await;
    let solution: Vec<String> = portal
        .db
        .query(
            "CREATE solution CONTENT { title: 'Un site sur WordPress', complexity: 2,
                 needs: [type::record('need', $need)], creator: type::record('user', $admin) }
             RETURN VALUE record::id(id)",
        )
        .bind(("need", need.clone()))
        .bind(("admin", admin_id))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let solution = solution[0].clone();
    assert_eq!(common::needs::submit_solution(&admin, &solution).await, 200);
    let board = portal.signed_in("ca@example.org").await;
    let waiting = list(&board).await.page.items;
    assert!(
        waiting[0]
            .text
            .contains("soumet une solution à la décision du CA : « Un site sur WordPress »"),
        "{waiting:?}"
    );
    assert_eq!(waiting[0].link, "/besoins/architecture");
    let (status, body) = common::needs::decide(&board, &solution, "accepted", "Moins cher").await;
    assert_eq!(status, 200, "{body}");
    let told = list(&admin).await.page.items;
    assert!(
        told.iter()
            .any(|n| n.kind.code() == "decisions" && n.text.contains("Moins cher")),
        "{told:?}"
    );
    let followers = list(&member).await.page.items;
    assert!(followers[0].text.contains("« accepté »"), "{followers:?}");
}
