//! Support requests over real HTTP against a real SurrealDB: the life of a
//! request, routing to referents, internal notes, targets and overdue
//! ordering, and notifications retried against a local webhook receiver and
//! a local SMTP sink started by the test.

use crate::common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::platform::context::Settings;
use app::platform::mail::Mailer;
use app::platform::outbox::OutboxConfig;
use app::support::model::{Channel, MessageKind, RequestStatus};
use common::support::{
    ask, assign, get, get_status, queue, queue_numbers, reopen, reply, save_category, set_status, take,
};
use common::{start, user_id, Client};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[tokio::test]
async fn a_request_lives_from_filing_to_resolution_and_reopening() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let referent = portal.signed_in("referent@example.org").await;

    let number = ask(&member, "it_tools", "normal", "Vidéo pour le site").await;
    assert_eq!(
        queue_numbers(&referent).await,
        [number],
        "routed to the category's referent"
    );

    assert_eq!(take(&referent, number).await, 200);
    let seen = get(&member, number).await;
    assert_eq!(seen.status, RequestStatus::Taken);
    assert_eq!(seen.assignee.unwrap().display_name, "Claire Martin");
    assert_eq!(seen.tool, "https://theshifters.org");
    assert!(seen.first_response_at.is_none(), "taking is not an answer");

    // The referent asks for details; the requester answers.
    let question = "Quel format de vidéo ?";
    let (status, body) = reply(&referent, number, question, false, Some("waiting")).await;
    assert_eq!(status, 200, "{body}");
    let seen = get(&member, number).await;
    assert_eq!(seen.status, RequestStatus::Waiting);
    assert!(seen.first_response_at.is_some());
    assert_eq!(
        reply(&member, number, "Du MP4, 2 minutes.", false, None).await.0,
        200
    );
    assert_eq!(
        get(&referent, number).await.status,
        RequestStatus::InProgress,
        "the answer puts it back in progress"
    );

    // Resolved: the requester sees it and may reopen it.
    assert_eq!(set_status(&referent, number, "resolved").await, 200);
    let seen = get(&member, number).await;
    assert_eq!(seen.status, RequestStatus::Resolved);
    assert!(seen.resolved_at.is_some());
    assert!(seen.can_reopen);
    assert_eq!(
        common::support::mine(&member).await[0].status,
        RequestStatus::Resolved
    );
    assert!(
        queue_numbers(&referent).await.is_empty(),
        "done requests leave the queue"
    );

    assert_eq!(reopen(&member, number).await, 200);
    let seen = get(&member, number).await;
    assert_eq!(seen.status, RequestStatus::InProgress);
    assert!(seen.resolved_at.is_none());
    let events: Vec<&str> = seen
        .thread
        .iter()
        .filter(|m| m.kind == MessageKind::Event)
        .map(|m| m.event.as_str())
        .collect();
    assert_eq!(events, ["taken", "status", "status", "reopened"]);
    // Not resolved any more: nothing to reopen.
    assert_eq!(reopen(&member, number).await, 409);

    // Past 14 days, a resolved request stays closed for its requester.
    portal
        .db
        .query("UPDATE support_request SET status = 'resolved', resolved_at = time::now() - 15d WHERE number = $n")
        .bind(("n", number as i64))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(reopen(&member, number).await, 409);
    assert!(!get(&member, number).await.can_reopen);

    // Someone else's request does not exist for a member.
    let pilot = portal.signed_in("pilote@example.org").await;
    assert_eq!(get_status(&pilot, number).await, 404);
    assert_eq!(reply(&pilot, number, "Moi aussi", false, None).await.0, 404);
    assert_eq!(reopen(&pilot, number).await, 404);
    assert_eq!(get_status(&member, 999).await, 404);
}

#[tokio::test]
async fn internal_notes_never_reach_the_requester() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let number = ask(&member, "firefighter", "critical", "Nos mails tombent en spam").await;
    let referent = portal.signed_in("referent@example.org").await;

    let secret = "Note interne : vérifier le SPF avec le prestataire";
    assert_eq!(reply(&referent, number, secret, true, None).await.0, 200);
    assert_eq!(
        reply(&referent, number, "Nous regardons.", false, None).await.0,
        200
    );

    // The raw HTTP answer to the requester holds no trace of the note.
    let res = member
        .send("/api/support/get", &json!({"number": number}), &[])
        .await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(!text.contains("SPF"), "{text}");
    assert!(!text.contains("\"note\""), "{text}");
    assert!(text.contains("Nous regardons."));

    let seen = get(&referent, number).await;
    let kinds: Vec<&str> = seen.thread.iter().map(|m| m.kind.code()).collect();
    assert_eq!(kinds, ["note", "message"]);
    assert!(seen.can_handle);
    // The board sees everything too.
    let board = portal.signed_in("ca@example.org").await;
    assert!(get(&board, number)
        .await
        .thread
        .iter()
        .any(|m| m.body.contains("SPF")));

    // The requester can neither write a note nor change the status.
    assert_eq!(reply(&member, number, "note ?", true, None).await.0, 403);
    assert_eq!(
        reply(&member, number, "fini", false, Some("resolved")).await.0,
        403
    );
    let (status, body) = reply(&referent, number, "   ", false, None).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (400, Some("body")));
}

#[tokio::test]
async fn requests_go_to_the_referents_of_their_category_and_can_be_handed_over() {
    let portal = start().await;
    // The seed's data-portal referent.
    let data_referent = user_id(&portal, "data@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    let category = |referents: Vec<String>| {
        json!({"code": "data_portal", "label_fr": "Data-portal", "label_en": "Data portal", "active": true,
               "position": 4, "referent_ids": referents, "webhook_url": null})
    };
    let (status, body) = save_category(&admin, category(vec![data_referent.clone()])).await;
    assert_eq!(status, 200, "{body}");

    // A referent must hold the referent role.
    let pilot_id = user_id(&portal, "pilote@example.org").await;
    let (status, body) = save_category(&admin, category(vec![pilot_id])).await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (400, Some("referent_ids"))
    );
    let mut bad = category(vec![]);
    bad["webhook_url"] = json!("javascript:alert(1)");
    bad["code"] = json!("Data Portal");
    let (status, body) = save_category(&admin, bad).await;
    assert_eq!(status, 400);
    let fields = common::field_names(&body);
    assert_eq!(fields, ["code", "webhook_url"]);

    // A new category, then one turned off: the form offers only active ones.
    let new = json!({"code": "video", "label_fr": "Montage vidéo", "label_en": "Video editing", "active": true,
                     "position": 7, "referent_ids": [data_referent], "webhook_url": ""});
    assert_eq!(save_category(&admin, new.clone()).await.0, 200);
    let member = portal.signed_in("membre@example.org").await;
    let (_, categories) = member.post("/api/support/categories", json!({})).await;
    assert!(categories
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "video" && c["label_en"] == "Video editing"));
    let video = ask(&member, "video", "low", "Monter une vidéo").await;
    let mut off = new;
    off["active"] = json!(false);
    assert_eq!(save_category(&admin, off).await.0, 200);
    let request = json!({"category": "video", "urgency": "low", "subject": "s", "description": "d"});
    let (status, body) = member.post("/api/support/create", request).await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (400, Some("category"))
    );

    let data = ask(&member, "data_portal", "high", "Export du data-portal").await;
    let advice = ask(&member, "advice", "normal", "Une alternative à Dropbox ?").await;
    let zeynep = portal.signed_in("data@example.org").await;
    let claire = portal.signed_in("referent@example.org").await;
    let mut theirs = queue_numbers(&zeynep).await;
    theirs.sort();
    assert_eq!(theirs, [video, data]);
    assert_eq!(queue_numbers(&claire).await, [advice]);
    assert_eq!(get_status(&claire, data).await, 404, "not her category");
    assert_eq!(take(&claire, data).await, 404);
    let board = portal.signed_in("ca@example.org").await;
    assert_eq!(queue_numbers(&board).await.len(), 3);

    // Handed over to Claire: she now sees it.
    let claire_id = user_id(&portal, "referent@example.org").await;
    let (status, body) = assign(&zeynep, data, &claire_id).await;
    assert_eq!(status, 200, "{body}");
    let seen = get(&claire, data).await;
    assert_eq!(seen.assignee.unwrap().display_name, "Claire Martin");
    assert_eq!(seen.status, RequestStatus::Taken);
    let manon_id = user_id(&portal, "membre@example.org").await;
    let (status, _) = assign(&zeynep, data, &manon_id).await;
    assert_eq!(status, 400, "only the support team can be handed a request");

    // Decisions are in the audit log.
    let audit = common::audit(&admin, "support_assigned").await;
    assert_eq!(audit.total, 1);
}

#[tokio::test]
async fn overdue_requests_are_flagged_and_listed_first() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let critical = ask(&member, "it_tools", "critical", "Serveur en panne").await;
    let low = ask(&member, "advice", "low", "Question sur Nextcloud").await;
    // Requests filed earlier (created_at is read-only once written).
    let requester = user_id(&portal, "membre@example.org").await;
    for (number, urgency, hours, answered) in [
        (50, "low", 80, false),
        (51, "normal", 30, true),
        (52, "high", 100, true),
    ] {
        portal
            .run(&format!(
                "CREATE support_request CONTENT {{
                     number: {number}, requester: type::record('user', '{requester}'), category: 'advice',
                     urgency: '{urgency}', subject: 'Ancienne demande', description: 'd', status: 'taken',
                     created_at: time::now() - duration::from_hours({hours}),
                     first_response_at: IF {answered} THEN time::now() - 1h ELSE NONE END
                 }}"
            ))
            .await;
    }
    let referent = portal.signed_in("referent@example.org").await;
    let order: Vec<(u64, bool)> = queue(&referent)
        .await
        .iter()
        .map(|r| (r.number, r.overdue))
        .collect();
    // low: no answer after 80 h (target 72 h); high: 100 h > 72 h to resolve;
    // normal answered, 30 h < 168 h: on time.
    assert_eq!(
        order,
        [
            (52, true),
            (50, true),
            (critical, false),
            (51, false),
            (low, false)
        ]
    );

    // Tighter targets (admin): the normal one is now late too.
    let admin = portal.signed_in("admin@example.org").await;
    let (_, mut targets) = admin.post("/api/support/targets", json!({})).await;
    assert_eq!(
        targets[0],
        json!({"urgency": "critical", "first_response_hours": 2, "resolution_hours": 24})
    );
    targets[2]["resolution_hours"] = json!(24);
    let (status, body) = save_targets(&admin, &targets).await;
    assert_eq!(status, 200, "{body}");
    let second = &queue(&referent).await[1];
    assert_eq!(
        (second.number, second.overdue),
        (51, true),
        "overdue, and more urgent than the low one"
    );
    targets[0]["first_response_hours"] = json!(0);
    assert_eq!(save_targets(&admin, &targets).await.0, 400);

    // The dashboard counts them.
    let board = portal.signed_in("ca@example.org").await;
    let dash = common::support::dashboard(&board).await;
    let advice = dash.queues.iter().find(|q| q.code == "advice").unwrap();
    assert_eq!((advice.count, advice.overdue), (4, 3));
    let taken = dash.by_status.iter().find(|q| q.code == "taken").unwrap();
    assert_eq!(taken.count, 3);
    let ages: Vec<u64> = dash.by_age.iter().map(|a| a.count).collect();
    assert_eq!(ages, [2, 3, 0, 0]);
    assert_eq!(dash.weeks.len(), 8);
    assert_eq!(dash.weeks.iter().map(|w| w.created).sum::<u64>(), 5);
    assert_eq!(member.status("/api/support/dashboard", json!({})).await, 403);
}

/// The targets the administrators set for each urgency.
async fn save_targets(admin: &Client, targets: &Value) -> (u16, Value) {
    let body = json!({ "targets": targets });
    admin.post("/api/support/save-targets", body).await
}

// ------------------------------------------------------------ notifications

/// An incoming-webhook receiver that fails its first `failures` calls.
async fn webhook_receiver(failures: usize) -> (String, Arc<Mutex<Vec<Value>>>) {
    use axum::routing::post;
    let received = Arc::new(Mutex::new(Vec::new()));
    let calls = Arc::new(AtomicUsize::new(0));
    let store = received.clone();
    let app = axum::Router::new().route(
        "/hooks/support",
        post(move |axum::Json(body): axum::Json<Value>| {
            let store = store.clone();
            let calls = calls.clone();
            async move {
                if calls.fetch_add(1, Ordering::SeqCst) < failures {
                    return axum::http::StatusCode::INTERNAL_SERVER_ERROR;
                }
                store.lock().unwrap().push(body);
                axum::http::StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks/support", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

/// A mail sink speaking SMTP; the first `failures` recipients get a 451.
async fn smtp_sink(failures: usize) -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let mails = Arc::new(Mutex::new(Vec::new()));
    let left = Arc::new(AtomicUsize::new(failures));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let store = mails.clone();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (store, left) = (store.clone(), left.clone());
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read);
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut rcpt = String::new();
                loop {
                    let mut line = String::new();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let answer: &[u8] = match line.get(..4).unwrap_or("").to_ascii_uppercase().as_str() {
                        "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "MAIL" => b"250 OK\r\n",
                        "RCPT" => {
                            let failing = left
                                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                                .is_ok();
                            if failing {
                                b"451 4.3.0 try again later\r\n"
                            } else {
                                rcpt = line[8..].trim().trim_matches(['<', '>']).to_string();
                                b"250 OK\r\n"
                            }
                        }
                        "DATA" => {
                            write.write_all(b"354 go ahead\r\n").await.unwrap();
                            let mut data = String::new();
                            loop {
                                let mut l = String::new();
                                lines.read_line(&mut l).await.unwrap();
                                if l == ".\r\n" {
                                    break;
                                }
                                data.push_str(&l);
                            }
                            store.lock().unwrap().push((rcpt.clone(), data));
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => b"500 what?\r\n",
                    };
                    write.write_all(answer).await.unwrap();
                }
            });
        }
    });
    (addr, mails)
}

/// The test's receivers listen on this machine, which webhooks may reach
/// only when an administrator allows it.
async fn allow_private_webhooks(portal: &common::TestPortal) {
    let admin = portal.signed_in("admin@example.org").await;
    let allow = json!({"require_totp_for_privileged": false, "allow_private_webhooks": true});
    common::update_settings(&admin, allow).await;
}

async fn eventually<F: Fn() -> bool>(what: &str, check: F) {
    for _ in 0..200 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn notifications_are_retried_until_the_receivers_accept_them() {
    let (hook, hooks) = webhook_receiver(2).await;
    let (relay, mails) = smtp_sink(1).await;
    let mut settings = Settings::for_public_url("https://portail.example.org");
    settings.outbox = OutboxConfig {
        mailer: Some(
            Mailer::from_url(
                &format!("smtp://{relay}"),
                "Portail des Shifters <noreply@example.org>",
                None,
                Duration::from_secs(5),
            )
            .unwrap(),
        ),
        poll: Duration::from_millis(50),
        backoff: Duration::from_millis(100),
        ..OutboxConfig::default()
    };
    let portal = common::start_idle(settings.clone()).await;
    // The receivers are on this machine: an administrator allows it.
    allow_private_webhooks(&portal).await;
    let admin = portal.signed_in("admin@example.org").await;
    let referent_id = user_id(&portal, "referent@example.org").await;
    let category = json!({"code": "firefighter", "label_fr": "Urgence « pompiers »", "label_en": "\"Firefighter\" emergency",
                          "active": true, "position": 1, "referent_ids": [referent_id], "webhook_url": hook});
    assert_eq!(save_category(&admin, category).await.0, 200);

    // Filed while no delivery task runs: the request is recorded at once,
    // its notifications wait in the outbox.
    let member = portal.signed_in("membre@example.org").await;
    let number = ask(&member, "firefighter", "critical", "Nos mails tombent en spam").await;
    let pending = common::support::deliveries(&admin).await;
    assert_eq!(pending.len(), 2);
    assert!(pending.iter().all(|d| d.delivered_at.is_none()));

    common::deliver_from(&portal, &settings);
    eventually("the webhook", || !hooks.lock().unwrap().is_empty()).await;
    eventually("the e-mail", || !mails.lock().unwrap().is_empty()).await;
    let text = hooks.lock().unwrap()[0]["text"].as_str().unwrap().to_string();
    assert!(text.starts_with("🔥 URGENT"), "{text}");
    assert!(text.contains(&format!("n° {number}")), "{text}");
    assert!(
        text.contains("Nos mails tombent en spam — de Manon Girard"),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("https://portail.example.org/support/demandes/{number}")),
        "{text}"
    );
    let (to, mail) = mails.lock().unwrap()[0].clone();
    let mail = common::mail::unquote(&mail);
    assert_eq!(to, "referent@example.org");
    assert!(mail.contains("Subject: [Support] =?utf-8?b?"), "{mail}");
    assert!(mail.contains("Nos mails tombent en spam"), "{mail}");

    let mut log: Vec<(Channel, u64, bool)> = common::support::deliveries(&admin)
        .await
        .iter()
        .map(|d| (d.channel, d.attempts, d.delivered_at.is_some()))
        .collect();
    log.sort();
    assert_eq!(log, [(Channel::Email, 2, true), (Channel::Webhook, 3, true)]);

    // The helper's answer reaches the requester by e-mail.
    let referent = portal.signed_in("referent@example.org").await;
    let (status, body) = reply(&referent, number, "Le SPF est corrigé.", false, Some("resolved")).await;
    assert_eq!(status, 200, "{body}");
    eventually("the answer", || mails.lock().unwrap().len() == 2).await;
    let (to, mail) = mails.lock().unwrap()[1].clone();
    let mail = common::mail::unquote(&mail);
    assert_eq!(to, "membre@example.org");
    assert!(mail.contains("Le SPF est corrig"), "{mail}");
    // An internal note mails nobody.
    assert_eq!(reply(&referent, number, "note", true, None).await.0, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(mails.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_receiver_that_never_answers_is_given_up_without_losing_the_request() {
    let (hook, hooks) = webhook_receiver(usize::MAX).await;
    let mut settings = Settings::default();
    settings.outbox.poll = Duration::from_millis(20);
    settings.outbox.backoff = Duration::from_millis(10);
    settings.outbox.max_attempts = 3;
    let portal = common::start_idle(settings.clone()).await;
    allow_private_webhooks(&portal).await;
    common::deliver_from(&portal, &settings);
    let admin = portal.signed_in("admin@example.org").await;
    let category = json!({"code": "advice", "label_fr": "Conseil", "label_en": "Advice",
                          "active": true, "position": 5, "referent_ids": [], "webhook_url": hook});
    assert_eq!(save_category(&admin, category).await.0, 200);
    let member = portal.signed_in("membre@example.org").await;
    let number = ask(&member, "advice", "low", "Quel outil de sondage ?").await;
    let mut last = None;
    for _ in 0..200 {
        let delivery = common::support::deliveries(&admin).await.remove(0);
        let gave_up = delivery.gave_up;
        last = Some(delivery);
        if gave_up {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let last = last.unwrap();
    assert_eq!(last.attempts, 3, "{last:?}");
    assert_eq!(last.last_error, "le webhook a répondu HTTP 500");
    assert!(last.delivered_at.is_none());
    assert!(hooks.lock().unwrap().is_empty());
    assert_eq!(get(&member, number).await.status, RequestStatus::New);
}

#[tokio::test]
async fn a_page_loading_several_lists_at_once_gets_them_all() {
    // Each call touches the session; concurrent touches must not fail a call.
    let portal = start().await;
    let board = portal.signed_in("ca@example.org").await;
    let calls = (0..8).map(|i| {
        let client = board.clone();
        let path = if i % 2 == 0 {
            "/api/support/categories"
        } else {
            "/api/support/dashboard"
        };
        async move { client.post(path, json!({})).await }
    });
    for (status, body) in common::at_once(calls).await {
        assert_eq!(status, 200, "{body}");
    }
}
