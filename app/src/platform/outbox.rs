//! One outbox for everything the portal sends: mails and webhooks, from
//! every area. A message is a row, written in the same transaction as what
//! it announces when there is one. The delivery task of every `portal serve`
//! claims due rows with a lease in one statement before sending them, so
//! that any number of processes on one database send each message once; a
//! failure is retried later and later, and a message that gave up stays
//! listed for the administrators, who can send it again.
//!
//! A sender killed in the middle of an exchange leaves its lease to expire:
//! the message then goes out from another process. The receiving server
//! had not accepted it (an SMTP server accepts on the final dot).

use serde::{Deserialize, Serialize};

use crate::platform::codes::code_enum;

code_enum! {
    /// How a message goes out.
    pub enum Channel { Email, Webhook }
}

code_enum! {
    /// The area a message comes from.
    pub enum Source {
        Accounts, Invitations, Missions, Needs, Support,
        /// The daily digest of notifications.
        Digest,
    }
}

/// One message and how its delivery went (administrators).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: String,
    pub source: Source,
    pub channel: Channel,
    pub target: String,
    pub subject: String,
    pub attempts: u64,
    pub last_error: String,
    pub delivered_at: Option<String>,
    pub next_attempt_at: String,
    pub gave_up: bool,
    pub created_at: String,
}

#[cfg(feature = "ssr")]
pub use delivery::*;

#[cfg(feature = "ssr")]
mod delivery {
    use std::future::Future;
    use std::net::{IpAddr, SocketAddr};
    use std::pin::Pin;
    use std::sync::Arc;
    use std::time::Duration;

    use serde::{Deserialize, Serialize};
    use tokio::sync::Notify;

    use super::{Channel, OutboxItem, Source};
    use crate::platform::db::{changed_or, rows, Db};
    use crate::platform::error::AppError;
    use crate::platform::mail::Mailer;

    /// What services need to write messages: whether mail goes out, and
    /// the portal's address for the links.
    #[derive(Clone, Debug, Default)]
    pub struct Outbound {
        pub email: bool,
        pub public_url: String,
    }

    impl Outbound {
        /// `path` (starting with /) as a link members can follow.
        pub fn link(&self, path: &str) -> String {
            format!("{}{path}", self.public_url.trim_end_matches('/'))
        }
    }

    /// A message to write. `link_for` asks for a one-time sign-in link to
    /// that address, made at the moment of sending (so that a long queue
    /// never mails an expired link, and no link waits in the database):
    /// it replaces `{lien}` in the body.
    #[derive(Clone, Debug, Serialize)]
    pub struct Message {
        pub source: Source,
        pub channel: Channel,
        pub target: String,
        pub subject: String,
        pub body: String,
        pub urgent: bool,
        /// The body holds a secret (a link shown to an administrator too):
        /// it is erased once the message is delivered.
        pub secret: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub link_for: Option<String>,
        /// Groups the messages of one bulk sending (its progress and report).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub batch: Option<String>,
        /// Not sent before this many milliseconds from now (bulk rate).
        pub delay_ms: i64,
    }

    impl Message {
        /// A mail from `source`, due at once.
        pub fn mail(source: Source, to: &str, subject: &str, body: &str) -> Message {
            Message {
                source,
                channel: Channel::Email,
                target: to.to_string(),
                subject: subject.to_string(),
                body: body.to_string(),
                urgent: false,
                secret: false,
                link_for: None,
                batch: None,
                delay_ms: 0,
            }
        }
    }

    /// The statement that writes `$outbox_messages` (a list of `Message`),
    /// for services that write messages inside their own transaction.
    pub const ENQUEUE: &str = "FOR $m IN $outbox_messages { CREATE outbox CONTENT {
             source: $m.source, channel: $m.channel, target: $m.target, subject: $m.subject,
             body: $m.body, urgent: $m.urgent, secret: $m.secret, link_for: $m.link_for,
             batch: $m.batch, next_attempt_at: time::now() + duration::from_millis($m.delay_ms)
         } RETURN NONE };";

    /// Writes `messages` on their own.
    pub async fn enqueue(db: &Db, messages: Vec<Message>) -> Result<(), AppError> {
        if messages.is_empty() {
            return Ok(());
        }
        let messages = serde_json::to_value(messages).map_err(|_| AppError::Internal)?;
        db.query(ENQUEUE)
            .bind(("outbox_messages", messages))
            .await?
            .check()?;
        Ok(())
    }

    /// Makes a one-time sign-in link for an address, at sending time; none
    /// when the address has no active account any more.
    pub type MintLink = Arc<
        dyn Fn(Db, String, Source) -> Pin<Box<dyn Future<Output = Result<Option<String>, AppError>> + Send>>
            + Send
            + Sync,
    >;

    /// How messages leave this process.
    #[derive(Clone)]
    pub struct OutboxConfig {
        /// Mails go out only when a mailer is configured.
        pub mailer: Option<Mailer>,
        /// Wakes this process's delivery task (a message due at once).
        pub wake: Arc<Notify>,
        /// The longest wait between two passes (messages written by other processes).
        pub poll: Duration,
        /// Wait before the first retry, doubled at each failure (at most 6 hours).
        pub backoff: Duration,
        /// After this many failed attempts, a message is given up (and stays listed).
        pub max_attempts: u32,
        /// Per attempt.
        pub timeout: Duration,
        /// A claimed message is left to other processes after this time
        /// (longer than `batch` attempts).
        pub lease: Duration,
        /// Messages claimed at once.
        pub batch: usize,
    }

    impl std::fmt::Debug for OutboxConfig {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("OutboxConfig")
                .field("mailer", &self.mailer)
                .field("poll", &self.poll)
                .field("lease", &self.lease)
                .finish_non_exhaustive()
        }
    }

    impl Default for OutboxConfig {
        fn default() -> Self {
            OutboxConfig {
                mailer: None,
                wake: Arc::new(Notify::new()),
                poll: Duration::from_secs(5),
                backoff: Duration::from_secs(30),
                max_attempts: 10,
                timeout: Duration::from_secs(10),
                lease: Duration::from_secs(150),
                batch: 10,
            }
        }
    }

    /// The wait after the `attempts`-th failure: backoff, doubled each time, at most 6 hours.
    pub fn retry_delay(config: &OutboxConfig, attempts: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
        config
            .backoff
            .saturating_mul(factor)
            .min(Duration::from_secs(6 * 3600))
    }

    #[derive(Debug, Deserialize)]
    struct Claimed {
        id: String,
        source: Source,
        channel: Channel,
        target: String,
        subject: String,
        body: String,
        attempts: u32,
        link_for: Option<String>,
    }

    /// Takes up to `batch` due messages for `owner`. The claim is one UPDATE
    /// that checks the lease as it writes: two processes claiming the same
    /// row conflict, and only one commits; a row leased meanwhile is skipped.
    async fn claim(db: &Db, config: &OutboxConfig, owner: &str) -> Result<Vec<Claimed>, AppError> {
        let mut resp = db
            .query(
                "LET $due = (SELECT VALUE id FROM outbox
                     WHERE pending = true AND next_attempt_at <= time::now()
                         AND (lease_until = NONE OR lease_until <= time::now())
                     ORDER BY next_attempt_at LIMIT $batch);
                 UPDATE $due SET lease_until = time::now() + duration::from_millis($lease), lease_owner = $owner
                     WHERE pending = true AND (lease_until = NONE OR lease_until <= time::now())
                     RETURN record::id(id) AS id, source, channel, target, subject, body, attempts, link_for;",
            )
            .bind(("batch", config.batch as i64))
            .bind(("lease", config.lease.as_millis() as i64))
            .bind(("owner", owner.to_string()))
            .await?
            .check()?;
        rows(&mut resp, 1)
    }

    /// Members' text in a Slack or Mattermost message stays text: `<!channel>`,
    /// `<url|texte>` and `@here` lose their meaning.
    pub fn escape_chat_markup(text: &str) -> String {
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        ["@here", "@channel", "@all"].iter().fold(escaped, |t, mention| {
            t.replace(mention, &mention.replacen('@', "@\u{200B}", 1))
        })
    }

    /// Loopback, private, link-local and unspecified addresses: the portal's
    /// own network, which a webhook must not reach unless allowed.
    pub fn is_private(ip: IpAddr) -> bool {
        match ip {
            IpAddr::V4(v4) => {
                v4.is_loopback()
                    || v4.is_private()
                    || v4.is_link_local()
                    || v4.is_unspecified()
                    || v4.is_broadcast()
                    || v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1])
            }
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => is_private(IpAddr::V4(v4)),
                None => {
                    v6.is_loopback()
                        || v6.is_unspecified()
                        || (v6.segments()[0] & 0xfe00) == 0xfc00
                        || (v6.segments()[0] & 0xffc0) == 0xfe80
                }
            },
        }
    }

    async fn post_webhook(
        config: &OutboxConfig,
        url: &str,
        text: &str,
        allow_private: bool,
    ) -> Result<(), String> {
        let parsed = reqwest::Url::parse(url).map_err(|_| "adresse de webhook invalide".to_string())?;
        let host = parsed
            .host_str()
            .ok_or("adresse de webhook sans hôte")?
            .to_string();
        let port = parsed.port_or_known_default().unwrap_or(443);
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.trim_matches(['[', ']']), port))
            .await
            .map_err(|e| format!("hôte du webhook introuvable : {e}"))?
            .collect();
        if !allow_private && addrs.iter().any(|a| is_private(a.ip())) {
            return Err(format!(
                "webhook refusé : {host} est sur un réseau privé (réglage « webhooks vers le réseau interne »)"
            ));
        }
        // The checked addresses are the ones used, and a redirect is not followed.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .resolve_to_addrs(&host, &addrs)
            .timeout(config.timeout)
            .build()
            .map_err(|e| e.to_string())?;
        let res = client
            .post(parsed)
            .json(&serde_json::json!({ "text": escape_chat_markup(text) }))
            .send()
            .await
            .map_err(|e| format!("webhook injoignable : {e}"))?;
        if res.status().is_success() {
            Ok(())
        } else {
            Err(format!("le webhook a répondu HTTP {}", res.status().as_u16()))
        }
    }

    /// What a claimed message became.
    enum Outcome {
        Sent,
        Failed(String),
        /// Nothing to send any more (the account of a sign-in link is gone).
        Void(String),
    }

    async fn send(
        db: &Db,
        config: &OutboxConfig,
        mint: &MintLink,
        row: &Claimed,
        allow_private: bool,
    ) -> Outcome {
        let body = match &row.link_for {
            Some(email) => match mint(db.clone(), email.clone(), row.source).await {
                Ok(Some(url)) => row.body.replace("{lien}", &url),
                Ok(None) => return Outcome::Void("aucun compte actif à cette adresse".into()),
                Err(err) => return Outcome::Failed(format!("lien impossible à créer : {err}")),
            },
            None => row.body.clone(),
        };
        let sent = match row.channel {
            Channel::Webhook => post_webhook(config, &row.target, &body, allow_private).await,
            Channel::Email => match &config.mailer {
                Some(mailer) => mailer.send(&row.target, &row.subject, &body).await,
                None => Err("aucun serveur de mail configuré (PORTAL_SMTP_URL)".into()),
            },
        };
        match sent {
            Ok(()) => Outcome::Sent,
            Err(error) => Outcome::Failed(error),
        }
    }

    async fn settle(db: &Db, config: &OutboxConfig, row: &Claimed, outcome: Outcome) -> Result<(), AppError> {
        let attempts = row.attempts + 1;
        let query = match outcome {
            Outcome::Sent => {
                tracing::info!(channel = %row.channel, "message delivered");
                db.query(
                    "UPDATE type::record('outbox', $id) SET pending = false, delivered_at = time::now(),
                         attempts = $attempts, last_error = '', lease_until = NONE,
                         body = IF secret THEN '' ELSE body END RETURN NONE",
                )
            }
            Outcome::Void(error) => db
                .query(
                    "UPDATE type::record('outbox', $id) SET pending = false, gave_up = true,
                         attempts = $attempts, last_error = $error, lease_until = NONE RETURN NONE",
                )
                .bind(("error", error)),
            Outcome::Failed(error) => {
                let gave_up = attempts >= config.max_attempts;
                tracing::warn!(channel = %row.channel, attempts, gave_up, %error, "message not delivered");
                db.query(
                    "UPDATE type::record('outbox', $id) SET pending = !$gave_up, gave_up = $gave_up,
                         attempts = $attempts, last_error = $error, lease_until = NONE,
                         next_attempt_at = time::now() + duration::from_millis($wait) RETURN NONE",
                )
                .bind(("error", error))
                .bind(("gave_up", gave_up))
                .bind(("wait", retry_delay(config, attempts).as_millis() as i64))
            }
        };
        query
            .bind(("id", row.id.clone()))
            .bind(("attempts", attempts as i64))
            .await?
            .check()?;
        Ok(())
    }

    /// One pass: claims due messages and sends them, until none is due;
    /// answers how many were delivered.
    pub async fn deliver_due(
        db: &Db,
        config: &OutboxConfig,
        mint: &MintLink,
        owner: &str,
    ) -> Result<usize, AppError> {
        let allow_private = crate::platform::settings::get(db).await?.allow_private_webhooks;
        let mut delivered = 0;
        loop {
            let claimed = match claim(db, config, owner).await {
                Ok(claimed) => claimed,
                // Another process took these rows first.
                Err(AppError::WriteConflict { .. }) => return Ok(delivered),
                Err(err) => return Err(err),
            };
            if claimed.is_empty() {
                return Ok(delivered);
            }
            // Side by side: a mail server's round trips, not this process, set the pace.
            let outcomes = futures::future::join_all(
                claimed
                    .iter()
                    .map(|row| send(db, config, mint, row, allow_private)),
            )
            .await;
            for (row, outcome) in claimed.iter().zip(outcomes) {
                if matches!(outcome, Outcome::Sent) {
                    delivered += 1;
                }
                settle(db, config, row, outcome).await?;
            }
        }
    }

    /// How long until the next pending message is due (at most `poll`).
    async fn until_next(db: &Db, config: &OutboxConfig) -> Duration {
        let next = db
            .query(
                "SELECT VALUE <string> next_attempt_at FROM outbox
                     WHERE pending = true ORDER BY next_attempt_at LIMIT 1",
            )
            .await
            .ok()
            .and_then(|mut r| r.take::<Vec<String>>(0).ok())
            .and_then(|v| v.into_iter().next())
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok());
        match next {
            Some(at) => (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
                .to_std()
                .unwrap_or(Duration::ZERO)
                .clamp(Duration::from_millis(20), config.poll),
            None => config.poll,
        }
    }

    /// The delivery task of this process: a pass when something is due,
    /// when woken, and at least every `poll`; it ends between two passes once
    /// `stop` turns true, never halfway through a message.
    pub async fn run(
        db: Db,
        config: OutboxConfig,
        mint: MintLink,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let owner = format!("{}-{:016x}", std::process::id(), rand::random::<u64>());
        while !*stop.borrow() {
            if let Err(err) = deliver_due(&db, &config, &mint, &owner).await {
                tracing::error!(error = %err, "outbox: pass failed");
            }
            let wait = until_next(&db, &config).await;
            tokio::select! {
                _ = config.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                Ok(_) = stop.wait_for(|stopping| *stopping) => {}
            }
        }
    }

    /// The fields of an `OutboxItem`, which the rows read straight into.
    const ITEM: &str =
        "record::id(id) AS id, source, channel, target, subject, attempts, last_error, gave_up,
         IF delivered_at != NONE THEN <string> delivered_at END AS delivered_at,
         <string> next_attempt_at AS next_attempt_at, <string> created_at AS created_at, created_at AS at";

    /// The messages that gave up, newest first (administrators send them again).
    pub async fn given_up(db: &Db) -> Result<Vec<OutboxItem>, AppError> {
        let mut resp = db
            .query(format!(
                "SELECT {ITEM} FROM outbox WHERE gave_up = true ORDER BY at DESC LIMIT 200"
            ))
            .await?
            .check()?;
        rows(&mut resp, 0)
    }

    /// Puts a message that gave up back in the queue, due at once.
    pub async fn send_again(db: &Db, id: &str) -> Result<(), AppError> {
        let mut resp = db
            .query(
                "UPDATE type::record('outbox', $id) SET pending = true, gave_up = false, attempts = 0,
                     last_error = '', next_attempt_at = time::now(), lease_until = NONE
                     WHERE gave_up = true RETURN VALUE record::id(id)",
            )
            .bind(("id", id.to_string()))
            .await?
            .check()?;
        changed_or(&mut resp, 0, AppError::NotFound)
    }

    /// The latest messages of a source, newest first.
    pub async fn latest(db: &Db, source: Source, limit: u64) -> Result<Vec<OutboxItem>, AppError> {
        let mut resp = db
            .query(format!(
                "SELECT {ITEM} FROM outbox WHERE source = $source ORDER BY at DESC LIMIT $limit"
            ))
            .bind(("source", source.code()))
            .bind(("limit", limit as i64))
            .await?
            .check()?;
        rows(&mut resp, 0)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn retries_back_off_exponentially_up_to_six_hours() {
            let config = OutboxConfig::default();
            assert_eq!(retry_delay(&config, 1), Duration::from_secs(30));
            assert_eq!(retry_delay(&config, 2), Duration::from_secs(60));
            assert_eq!(retry_delay(&config, 4), Duration::from_secs(240));
            assert_eq!(retry_delay(&config, 30), Duration::from_secs(6 * 3600));
        }

        #[test]
        fn chat_markup_from_members_stays_text() {
            assert_eq!(
                escape_chat_markup("<!channel> voir <https://x.org|ici> @here & co"),
                "&lt;!channel&gt; voir &lt;https://x.org|ici&gt; @\u{200B}here &amp; co"
            );
        }

        #[test]
        fn the_portal_network_is_recognised() {
            for private in [
                "127.0.0.1",
                "10.1.2.3",
                "192.168.1.1",
                "172.16.0.1",
                "169.254.1.1",
                "::1",
                "fd00::1",
                "::ffff:10.0.0.1",
                "100.64.0.1",
            ] {
                assert!(is_private(private.parse().unwrap()), "{private}");
            }
            for public in ["93.184.216.34", "2606:2800:220:1::1"] {
                assert!(!is_private(public.parse().unwrap()), "{public}");
            }
        }
    }
}
