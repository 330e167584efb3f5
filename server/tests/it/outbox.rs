//! The outbox: every mail and webhook leaves once, through a real SMTP
//! server (aiosmtpd) and a local webhook receiver, from one process or from
//! two `portal serve` processes on one SurrealDB server; mail through
//! STARTTLS with authentication; bulk invitations at their rate.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use app::accounts::model::InvitationProgress;
use app::platform::context::Settings;
use app::platform::mail::Mailer;
use app::support::model::Channel;
use serde_json::json;

use crate::common;
use common::mail::{webhook_receiver, Received, SinkOptions, SmtpSink};
use common::process::signed_in;
use common::process::{
    portal_serve_with, static_dir, surreal_bin, surreal_start, wait_for, wait_for_surreal, Process,
};
use common::{seed_members, Client, TestPortal};

/// How many messages each recipient got.
fn per_recipient(mails: &[Received]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for mail in mails {
        *counts.entry(mail.rcpt().to_string()).or_insert(0) += 1;
    }
    counts
}

/// The one-time link in a mail.
fn link_in(mail: &Received) -> String {
    mail.body
        .split_whitespace()
        .find(|w| w.contains("/reinitialisation/"))
        .unwrap_or_else(|| panic!("no link in {}", mail.body))
        .to_string()
}

#[tokio::test]
async fn mail_goes_through_starttls_with_authentication() {
    let sink = SmtpSink::start(SinkOptions {
        starttls: true,
        login: Some("portail:mot de passe"),
        ..SinkOptions::default()
    })
    .await;
    let ca = std::fs::read(sink.ca.as_ref().unwrap()).unwrap();
    let url = format!(
        "smtp://portail:mot%20de%20passe@127.0.0.1:{}?tls=required",
        sink.port
    );
    let from = "Portail des Shifters <noreply@example.org>";
    let mailer = Mailer::from_url(&url, from, Some(&ca), Duration::from_secs(10)).unwrap();
    assert!(!mailer.describe.contains("mot"), "{}", mailer.describe);
    mailer
        .send(
            "lea@example.org",
            "Été : votre accès",
            "Bonjour Léa,\nvoici le lien.",
        )
        .await
        .unwrap();
    let got = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 1);
    assert!(got[0].tls, "sent after STARTTLS");
    assert_eq!(got[0].login.as_deref(), Some("portail"));
    assert_eq!(got[0].to, ["lea@example.org"]);
    assert_eq!(got[0].subject, "Été : votre accès");
    assert_eq!(
        got[0].body.replace("\r\n", "\n"),
        "Bonjour Léa,\nvoici le lien.\n"
    );

    // A wrong password, or a certificate nobody vouches for, sends nothing.
    let wrong = url.replace("mot%20de%20passe", "faux");
    let refused = Mailer::from_url(&wrong, from, Some(&ca), Duration::from_secs(2)).unwrap();
    assert!(refused.send("lea@example.org", "s", "b").await.is_err());
    let untrusted = Mailer::from_url(&url, from, None, Duration::from_secs(10)).unwrap();
    assert!(untrusted.send("lea@example.org", "s", "b").await.is_err());
    assert_eq!(sink.received().len(), 1);
}

/// A portal whose mail goes to `sink`, its delivery task running.
async fn portal_mailing_to(sink: &SmtpSink, db: Option<app::platform::db::Db>) -> (TestPortal, Settings) {
    portal_mailing_with(sink, db, 10).await
}

/// The same, giving up after `max_attempts`.
async fn portal_mailing_with(
    sink: &SmtpSink,
    db: Option<app::platform::db::Db>,
    max_attempts: u32,
) -> (TestPortal, Settings) {
    let mut settings = Settings::for_public_url("http://portail.test");
    settings.outbox.max_attempts = max_attempts;
    settings.outbox.mailer =
        Some(Mailer::from_url(&sink.url(), "noreply@portail.test", None, Duration::from_secs(10)).unwrap());
    settings.outbox.poll = Duration::from_millis(100);
    settings.outbox.backoff = Duration::from_millis(200);
    let portal = match db {
        Some(db) => common::serve(db, settings.clone()).await,
        None => common::start_idle(settings.clone()).await,
    };
    common::deliver_from(&portal, &settings);
    (portal, settings)
}

async fn set_rate(admin: &Client, per_minute: u32) {
    let settings = json!({"require_totp_for_privileged": false, "invitations_per_minute": per_minute,
                          "allow_private_webhooks": true});
    common::update_settings(admin, settings).await;
}

async fn follow(admin: &Client, batch: &str) -> InvitationProgress {
    let (status, body) = admin
        .post("/api/admin/invitations/progress", json!({"batch": batch}))
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

#[tokio::test]
async fn a_bulk_invitation_goes_out_at_its_rate_once_per_address() {
    let sink = SmtpSink::start(SinkOptions::default()).await;
    let db = common::empty_db().await;
    seed_members(&db, 1000).await;
    let (portal, _) = portal_mailing_to(&sink, Some(db)).await;
    let admin = portal.signed_in("admin@example.org").await;
    // 6,000 a minute: one every 10 ms.
    set_rate(&admin, 6000).await;

    let filters = json!({"query": {"state": "never_signed_in", "text": "@shifters.example"}});
    let (status, plan) = admin.post("/api/admin/invitations/plan", filters.clone()).await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(
        (plan["matching"].clone(), plan["to_send"].clone()),
        (json!(1000), json!(1000))
    );
    assert_eq!(plan["per_minute"], 6000);

    let started = Instant::now();
    let (status, queued) = admin.post("/api/admin/invitations/send", filters.clone()).await;
    assert_eq!(status, 200, "{queued}");
    let batch = queued["batch"].as_str().unwrap().to_string();
    assert_eq!(queued["total"], 1000);
    // Progress, then the report.
    let mut seen_between = false;
    let report = loop {
        let now = follow(&admin, &batch).await;
        seen_between |= now.sent > 0 && now.pending > 0;
        if now.pending == 0 {
            break now;
        }
        assert!(started.elapsed() < Duration::from_secs(240), "{now:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(seen_between, "progress shows while mails leave");
    assert_eq!((report.sent, report.failed), (1000, 0), "{report:?}");
    let mails = sink.wait_for(1000, Duration::from_secs(10)).await;
    let counts = per_recipient(&mails);
    assert_eq!(counts.len(), 1000);
    assert!(counts.values().all(|&n| n == 1), "each address once");
    // At the rate: 1,000 mails 10 ms apart take at least 9.99 s.
    let span = mails.iter().map(|m| m.at).fold(f64::MIN, f64::max)
        - mails.iter().map(|m| m.at).fold(f64::MAX, f64::min);
    assert!(span >= 9.0, "{span} s");

    eprintln!("1,000 invitations sent in {:?}", started.elapsed());
    // They are now "invited": the same filters find nobody. Without the
    // state, the 7-day rule leaves them out; asked explicitly, it would not.
    let (_, plan) = admin.post("/api/admin/invitations/plan", filters.clone()).await;
    assert_eq!(plan["matching"], 0, "{plan}");
    let filters = json!({"query": {"text": "@shifters.example"}});
    let (_, plan) = admin.post("/api/admin/invitations/plan", filters.clone()).await;
    assert_eq!(
        (plan["to_send"].clone(), plan["recently_invited"].clone()),
        (json!(0), json!(1000))
    );
    let (status, again) = admin.post("/api/admin/invitations/send", filters.clone()).await;
    assert_eq!(status, 200);
    assert_eq!(again["total"], 0);
    let forced = json!({"query": filters["query"], "again": true});
    let (_, plan) = admin.post("/api/admin/invitations/plan", forced).await;
    assert_eq!(plan["to_send"], 1000);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.received().len(), 1000);

    // A mailed link works once: the member chooses a password and signs in.
    let mail = mails
        .iter()
        .find(|m| m.rcpt() == "membre00007@shifters.example")
        .unwrap();
    assert_eq!(mail.subject, "Bienvenue sur le Portail des Shifters");
    let token = link_in(mail).rsplit('/').next().unwrap().to_string();
    let visitor = portal.client();
    let password = "un nouveau mot de passe solide";
    let choose = json!({"token": token, "password": password});
    let (status, body) = visitor.post("/api/auth/reset-password", choose).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = visitor.login("membre00007@shifters.example", password).await;
    assert_eq!(status, 200);
    let audit = common::audit(&admin, "invitations_sent").await;
    assert_eq!(audit.total, 2, "both runs are in the audit log");
}

#[tokio::test]
async fn a_bulk_invitation_without_mail_is_refused_with_a_reason() {
    let portal = common::start().await;
    let admin = portal.signed_in("admin@example.org").await;
    let (status, body) = admin.post("/api/admin/invitations/send", json!({})).await;
    assert_eq!(status, 409);
    assert!(body.to_string().contains("PORTAL_SMTP_URL"), "{body}");
    let member = portal.signed_in("membre@example.org").await;
    assert_eq!(member.status("/api/admin/invitations/plan", json!({})).await, 403);
}

#[tokio::test]
async fn an_application_mails_the_pilot_once_and_chat_markup_stays_text() {
    let sink = SmtpSink::start(SinkOptions::default()).await;
    let (portal, _) = portal_mailing_with(&sink, None, 1).await;
    let (hook, hooks) = webhook_receiver().await;
    let admin = portal.signed_in("admin@example.org").await;

    // A webhook to this machine is refused until an administrator allows it.
    let referent = common::user_id(&portal, "referent@example.org").await;
    let category = json!({"code": "advice", "label_fr": "Conseil", "label_en": "Advice", "active": true,
                          "position": 5, "referent_ids": [referent], "webhook_url": hook});
    assert_eq!(common::support::save_category(&admin, category).await.0, 200);
    let member = portal.signed_in("membre@example.org").await;
    common::support::ask(
        &member,
        "advice",
        "low",
        "<!channel> @here voir <https://x.org|ici>",
    )
    .await;
    let refused = loop {
        let deliveries = common::support::deliveries(&admin).await;
        let hook_row = deliveries.into_iter().find(|d| d.channel == Channel::Webhook);
        if let Some(row) = hook_row.filter(|r| r.attempts > 0) {
            break row;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(refused.last_error.contains("réseau privé"), "{refused:?}");
    assert!(hooks.lock().unwrap().is_empty());
    // Given up at once (one attempt here): listed for the administrators,
    // who allow the local network and send it again.
    let (status, given_up) = admin.post("/api/admin/outbox", json!({})).await;
    assert_eq!(status, 200, "{given_up}");
    assert_eq!(given_up.as_array().unwrap().len(), 1, "{given_up}");
    assert_eq!(given_up[0]["source"], "support");
    let id = json!({"id": given_up[0]["id"]});
    assert_eq!(
        member.status("/api/admin/outbox/send-again", id.clone()).await,
        403
    );
    set_rate(&admin, 60).await;
    assert_eq!(
        admin.status("/api/admin/outbox/send-again", id.clone()).await,
        200
    );
    let again = admin.status("/api/admin/outbox/send-again", id).await;
    assert_eq!(again, 404, "no longer given up");
    let deadline = Instant::now() + Duration::from_secs(20);
    while hooks.lock().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the webhook never came");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let text = hooks.lock().unwrap()[0]["text"].as_str().unwrap().to_string();
    assert!(
        text.contains("&lt;!channel&gt; @\u{200B}here voir &lt;https://x.org|ici&gt;"),
        "{text}"
    );
    assert_eq!(admin.post("/api/admin/outbox", json!({})).await.1, json!([]));

    // An application: the pilot is told in the portal and by one mail.
    let chat = common::missions::make_pilot(&portal, "chat4ever", "pilote@example.org").await;
    let (status, body) =
        common::missions::apply(&member, &chat, "contributor", "Je connais Mattermost.").await;
    assert_eq!(status, 200, "{body}");
    let deadline = Instant::now() + Duration::from_secs(20);
    let to_pilot = loop {
        let got: Vec<Received> = sink
            .received()
            .into_iter()
            .filter(|m| m.rcpt() == "pilote@example.org" && m.body.contains("candidate"))
            .collect();
        if !got.is_empty() || Instant::now() > deadline {
            break got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(to_pilot.len(), 1);
    assert!(to_pilot[0].body.contains("candidate"), "{}", to_pilot[0].body);
    assert!(to_pilot[0]
        .body
        .contains(&format!("http://portail.test/missions/{chat}")));
}

/// Two `portal serve` processes on one SurrealDB server, mailing to one
/// SMTP server; the first answers `(processes, urls)`.
async fn two_processes(
    sink: &SmtpSink,
    data: &std::path::Path,
    lease_secs: u64,
) -> (Process, Vec<(Process, String)>) {
    let surreal = surreal_bin().expect("SURREAL_BIN");
    let db_port = common::process::free_port();
    let database = surreal_start(&surreal, db_port, &data.join("surreal.db"));
    wait_for_surreal(db_port).await;
    let static_dir = static_dir(data);
    let env = [
        ("PORTAL_SMTP_URL", sink.url()),
        ("PORTAL_OUTBOX_POLL_MS", "200".to_string()),
        ("PORTAL_OUTBOX_LEASE_SECS", lease_secs.to_string()),
        ("PORTAL_DEMO_MEMBERS", "40".to_string()),
    ];
    let a = portal_serve_with(db_port, &static_dir, true, &env);
    wait_for(&a.1, 200).await;
    let b = portal_serve_with(db_port, &static_dir, false, &env);
    wait_for(&b.1, 200).await;
    (database, vec![a, b])
}

async fn request_link(base: &str, email: &str) {
    let res = reqwest::Client::new()
        .post(format!("{base}/api/auth/request-link"))
        .header("origin", base)
        .json(&json!({"email": email}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_send_each_message_once() {
    if surreal_bin().is_none() {
        return;
    }
    let sink = SmtpSink::start(SinkOptions::default()).await;
    let (hook, hooks) = webhook_receiver().await;
    let dir = tempfile::tempdir().unwrap();
    let (_database, portals) = two_processes(&sink, dir.path(), 150).await;
    let (a, b) = (&portals[0].1, &portals[1].1);
    let admin = signed_in(a, "admin@example.org").await;
    set_rate(&admin, 6000).await;
    let referent = admin
        .post(
            "/api/admin/users",
            json!({"query": {"text": "referent@example.org"}}),
        )
        .await
        .1["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let category = json!({"code": "advice", "label_fr": "Conseil", "label_en": "Advice", "active": true,
                          "position": 5, "referent_ids": [referent], "webhook_url": hook});
    assert_eq!(common::support::save_category(&admin, category).await.0, 200);

    // Through A: forty invitations. Through B: three support requests (a
    // webhook call and a mail to the referent each) and a link asked for.
    let filters = json!({"query": {"text": "@shifters.example"}});
    let (status, queued) = admin.post("/api/admin/invitations/send", filters).await;
    assert_eq!((status, queued["total"].clone()), (200, json!(40)), "{queued}");
    let member = signed_in(b, "membre@example.org").await;
    for n in 1..=3 {
        common::support::ask(&member, "advice", "low", &format!("Question {n}")).await;
    }
    request_link(b, "membre00002@shifters.example").await;
    // An unknown address gets the same answer and no mail.
    request_link(a, "personne@example.org").await;

    sink.wait_for(44, Duration::from_secs(90)).await;
    // Time for a second sending, if there were to be one.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mails = sink.received();
    let mut sent: HashMap<(String, String), usize> = HashMap::new();
    for mail in &mails {
        *sent
            .entry((mail.rcpt().to_string(), mail.subject.clone()))
            .or_insert(0) += 1;
    }
    assert!(sent.values().all(|&n| n == 1), "{sent:?}");
    assert_eq!(mails.len(), 44, "40 invitations, 3 referent mails, 1 link");
    assert_eq!(per_recipient(&mails)["referent@example.org"], 3);
    assert_eq!(per_recipient(&mails)["membre00002@shifters.example"], 2);
    assert!(!per_recipient(&mails).contains_key("personne@example.org"));
    assert_eq!(hooks.lock().unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sender_killed_mid_delivery_leaves_the_message_to_another_process() {
    if surreal_bin().is_none() {
        return;
    }
    // The first message hangs in the SMTP exchange long enough to kill its sender.
    let sink = SmtpSink::start(SinkOptions {
        stall_first: Some(Duration::from_secs(8)),
        ..SinkOptions::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (_database, mut portals) = two_processes(&sink, dir.path(), 3).await;
    let (b_process, b) = portals.pop().unwrap();
    let (mut a_process, a) = portals.pop().unwrap();
    // Only A runs while the message is claimed: B is stopped for the moment.
    let b_pid = b_process.0.id().to_string();
    std::process::Command::new("kill")
        .args(["-STOP", &b_pid])
        .status()
        .unwrap();
    request_link(&a, "membre00003@shifters.example").await;
    // A claimed it and is in the middle of the exchange: kill it there.
    tokio::time::sleep(Duration::from_secs(2)).await;
    a_process.0.kill().unwrap();
    a_process.0.wait().unwrap();
    std::process::Command::new("kill")
        .args(["-CONT", &b_pid])
        .status()
        .unwrap();
    wait_for(&b, 200).await;
    // B takes it once A's lease (3 s) ran out; the stalled exchange, whose
    // sender is gone, never counts.
    sink.wait_for(1, Duration::from_secs(60)).await;
    tokio::time::sleep(Duration::from_secs(9)).await;
    let mails = sink.received();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].rcpt(), "membre00003@shifters.example");
    drop(b_process);
}
