//! Support notifications through an outbox: each notification is a row
//! written in the same transaction as the request or answer it announces,
//! then delivered by a background task (`run`, spawned by `portal serve`).
//! A receiver that fails is retried with exponential backoff; the request is
//! never blocked nor lost, and every attempt is visible to administrators.
//!
//! Channels: the category's incoming webhook (JSON `{"text": …}`, which Slack
//! and Mattermost both accept) and e-mail through an SMTP relay when one is
//! configured. Urgent requests wake the task at once; others leave at its
//! next pass (every minute).

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::smtp::SmtpRelay;
use crate::support::model::{Channel, SupportDelivery};
use crate::support::services::NewRequest;

/// How notifications leave this portal.
#[derive(Clone, Debug)]
pub struct NotifyConfig {
    /// E-mail is sent only when a relay is configured.
    pub smtp: Option<SmtpRelay>,
    /// Wakes the delivery task (urgent requests).
    pub wake: Arc<Notify>,
    /// The task's pass interval.
    pub poll: Duration,
    /// Wait before the first retry, doubled at each failure (at most 6 hours).
    pub backoff: Duration,
    /// After this many failed attempts, a notification is given up (and stays listed).
    pub max_attempts: u32,
    /// Per attempt.
    pub timeout: Duration,
}

impl Default for NotifyConfig {
    fn default() -> Self {
        NotifyConfig {
            smtp: None,
            wake: Arc::new(Notify::new()),
            poll: Duration::from_secs(60),
            backoff: Duration::from_secs(30),
            max_attempts: 10,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What the services need to write notifications: whether e-mail goes out,
/// and the address of the portal for the links.
#[derive(Clone, Debug, Default)]
pub struct Outbound {
    pub email: bool,
    pub public_url: String,
}

/// One notification to write. `{n}` in the heads and foot becomes the
/// request number inside the transaction; the texts that come from members
/// (`*_text`) are never rewritten.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub channel: String,
    pub target: String,
    pub urgent: bool,
    pub subject_head: String,
    pub subject_text: String,
    pub body_head: String,
    pub body_text: String,
    pub body_foot: String,
}

fn label(code: &str) -> &'static str {
    crate::platform::labels::label_fr(code)
}

fn link(out: &Outbound) -> String {
    format!(
        "\n{}/support/demandes/{{n}}",
        out.public_url.trim_end_matches('/')
    )
}

/// A new request: the category's webhook, and each referent by e-mail.
pub fn new_request(
    out: &Outbound,
    category_label: &str,
    webhook: Option<&str>,
    referent_emails: &[String],
    new: &NewRequest,
    requester_name: &str,
    urgent: bool,
) -> Vec<OutboxEntry> {
    let alarm = if urgent { "🔥 URGENT — " } else { "" };
    let what = format!("{category_label}, urgence {}", label(&new.urgency).to_lowercase());
    let mut entries = Vec::new();
    if let Some(url) = webhook {
        entries.push(OutboxEntry {
            channel: "webhook".into(),
            target: url.into(),
            urgent,
            subject_head: String::new(),
            subject_text: String::new(),
            body_head: format!("{alarm}Nouvelle demande de support n° {{n}} ({what}) : "),
            body_text: format!("{} — de {requester_name}", new.subject.trim()),
            body_foot: link(out),
        });
    }
    if out.email {
        let mut details = format!(
            "{requester_name}\nObjet : {}\n\n{}\n",
            new.subject.trim(),
            new.description.trim()
        );
        if !new.tool.trim().is_empty() {
            details.push_str(&format!("\nOutil ou adresse : {}", new.tool.trim()));
        }
        if !new.contact.trim().is_empty() {
            details.push_str(&format!("\nJoindre le demandeur : {}", new.contact.trim()));
        }
        for email in referent_emails {
            entries.push(OutboxEntry {
                channel: "email".into(),
                target: email.clone(),
                urgent,
                subject_head: format!("[Support] {alarm}Demande n° {{n}} : "),
                subject_text: new.subject.trim().into(),
                body_head: format!(
                    "Une nouvelle demande de support attend un référent ({what}).\n\nDemande n° {{n}} de "
                ),
                body_text: details.clone(),
                body_foot: format!("\nLa prendre en charge :{}\n", link(out)),
            });
        }
    }
    entries
}

/// The team answered, asked for details or resolved: the requester is told by e-mail.
pub fn answer(
    out: &Outbound,
    requester_email: &str,
    subject: &str,
    body: &str,
    status: &str,
) -> Vec<OutboxEntry> {
    if !out.email {
        return Vec::new();
    }
    let head = match status {
        "waiting" => "L'équipe support vous demande des précisions sur votre demande n° {n}.",
        "resolved" => "Votre demande n° {n} est résolue. Si ce n'est pas le cas, vous pouvez la rouvrir pendant 14 jours.",
        _ => "L'équipe support a répondu à votre demande n° {n}.",
    };
    vec![OutboxEntry {
        channel: "email".into(),
        target: requester_email.into(),
        urgent: false,
        subject_head: "[Support] Votre demande n° {n} : ".into(),
        subject_text: subject.into(),
        body_head: format!("Bonjour,\n\n{head}\n\n"),
        body_text: body.into(),
        body_foot: format!("\n\nVoir la demande et répondre :{}\n", link(out)),
    }]
}

#[derive(Debug, Deserialize)]
struct DueRow {
    id: String,
    number: u64,
    channel: String,
    target: String,
    subject: String,
    body: String,
    attempts: u32,
}

/// The wait after the `attempts`-th failure: backoff, doubled each time, at most 6 hours.
pub fn retry_delay(config: &NotifyConfig, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
    config
        .backoff
        .saturating_mul(factor)
        .min(Duration::from_secs(6 * 3600))
}

async fn send(config: &NotifyConfig, http: &reqwest::Client, row: &DueRow) -> Result<(), String> {
    match row.channel.as_str() {
        "webhook" => {
            let res = http
                .post(&row.target)
                .json(&serde_json::json!({ "text": row.body }))
                .timeout(config.timeout)
                .send()
                .await
                .map_err(|e| format!("webhook unreachable: {e}"))?;
            if res.status().is_success() {
                Ok(())
            } else {
                Err(format!("webhook answered HTTP {}", res.status().as_u16()))
            }
        }
        "email" => match &config.smtp {
            Some(relay) => {
                relay
                    .send(&row.target, &row.subject, &row.body, config.timeout)
                    .await
            }
            None => Err("no SMTP relay configured".into()),
        },
        other => Err(format!("unknown channel {other}")),
    }
}

/// Delivers the notifications that are due; answers how many were delivered.
pub async fn deliver_due(db: &Db, config: &NotifyConfig, http: &reqwest::Client) -> Result<usize, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, number, channel, target, subject, body, attempts, urgent, next_attempt_at
                 FROM support_outbox
                 WHERE delivered_at = NONE AND gave_up = false AND next_attempt_at <= time::now()
                 ORDER BY urgent DESC, next_attempt_at LIMIT 50",
        )
        .await?
        .check()?;
    let due: Vec<DueRow> = rows(&mut resp, 0)?;
    let mut delivered = 0;
    for row in due {
        match send(config, http, &row).await {
            Ok(()) => {
                tracing::info!(number = row.number, channel = %row.channel, "support notification delivered");
                db.query(
                    "UPDATE type::record('support_outbox', $id)
                         SET delivered_at = time::now(), attempts += 1, last_error = '' RETURN NONE",
                )
                .bind(("id", row.id))
                .await?
                .check()?;
                delivered += 1;
            }
            Err(error) => {
                let attempts = row.attempts + 1;
                let gave_up = attempts >= config.max_attempts;
                tracing::warn!(number = row.number, channel = %row.channel, attempts, gave_up, %error, "support notification failed");
                db.query(
                    "UPDATE type::record('support_outbox', $id)
                         SET attempts = $attempts, last_error = $error, gave_up = $gave_up,
                             next_attempt_at = time::now() + duration::from_millis($wait) RETURN NONE",
                )
                .bind(("id", row.id))
                .bind(("attempts", attempts as i64))
                .bind(("error", error))
                .bind(("gave_up", gave_up))
                .bind(("wait", retry_delay(config, attempts).as_millis() as i64))
                .await?
                .check()?;
            }
        }
    }
    Ok(delivered)
}

/// The delivery task: a pass every `poll`, or at once when woken.
pub async fn run(db: Db, config: NotifyConfig) {
    let http = reqwest::Client::new();
    loop {
        if let Err(err) = deliver_due(&db, &config, &http).await {
            tracing::error!(error = %err, "support notifications: pass failed");
        }
        tokio::select! {
            _ = config.wake.notified() => {}
            _ = tokio::time::sleep(config.poll) => {}
        }
    }
}

#[derive(Debug, Deserialize)]
struct DeliveryRow {
    number: u64,
    channel: Channel,
    target: String,
    attempts: u64,
    last_error: String,
    delivered_at: Option<String>,
    next_attempt_at: String,
    gave_up: bool,
    created_at: String,
}

/// The latest notifications and how their delivery went (administrators).
pub async fn deliveries(db: &Db) -> Result<Vec<SupportDelivery>, AppError> {
    let mut resp = db
        .query(
            "SELECT number, channel, target, attempts, last_error, gave_up, created_at AS at,
                 IF delivered_at != NONE THEN <string> delivered_at END AS delivered_at,
                 <string> next_attempt_at AS next_attempt_at, <string> created_at AS created_at
             FROM support_outbox ORDER BY at DESC LIMIT 200",
        )
        .await?
        .check()?;
    Ok(rows::<DeliveryRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| SupportDelivery {
            number: r.number,
            channel: r.channel,
            target: r.target,
            attempts: r.attempts,
            last_error: r.last_error,
            delivered_at: r.delivered_at,
            next_attempt_at: r.next_attempt_at,
            gave_up: r.gave_up,
            created_at: r.created_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_six_hours() {
        let config = NotifyConfig::default();
        assert_eq!(retry_delay(&config, 1), Duration::from_secs(30));
        assert_eq!(retry_delay(&config, 2), Duration::from_secs(60));
        assert_eq!(retry_delay(&config, 4), Duration::from_secs(240));
        assert_eq!(retry_delay(&config, 30), Duration::from_secs(6 * 3600));
    }

    #[test]
    fn member_texts_are_kept_apart_from_the_number() {
        let out = Outbound {
            email: true,
            public_url: "https://portail.example.org/".into(),
        };
        let new = NewRequest {
            category: "firefighter".into(),
            urgency: "critical".into(),
            subject: "Mails {n} en spam".into(),
            description: "d".into(),
            ..NewRequest::default()
        };
        let entries = new_request(
            &out,
            "Urgence",
            Some("http://hook"),
            &["r@x.org".into()],
            &new,
            "Manon",
            true,
        );
        assert_eq!(entries.len(), 2);
        assert!(entries[0].body_head.starts_with("🔥 URGENT"));
        assert_eq!(entries[0].body_text, "Mails {n} en spam — de Manon");
        assert_eq!(
            entries[0].body_foot,
            "\nhttps://portail.example.org/support/demandes/{n}"
        );
        assert_eq!(entries[1].target, "r@x.org");
        assert!(answer(&Outbound::default(), "a@b.org", "s", "b", "waiting").is_empty());
    }
}
