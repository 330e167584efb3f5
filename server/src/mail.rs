//! How this process sends: the mail settings of `portal serve` and `portal
//! user invite`, the outbox's delivery task, and the bulk invitation from
//! the command line.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use app::accounts::model::{AccountQuery, AccountState, Role};
use app::accounts::services::{invitations, links};
use app::platform::audit::Actor;
use app::platform::db::Db;
use app::platform::mail::Mailer;
use app::platform::outbox::{self, MintLink, OutboxConfig, Source};
use clap::Args;

#[derive(Args, Clone, Debug)]
pub struct MailArgs {
    /// Where mail goes: smtp://host:587?tls=required (STARTTLS),
    /// smtps://user:password@host:465 (TLS), smtp://localhost:25 (a local
    /// relay), sendmail:// (this machine's sendmail) or sendmail:///path.
    /// Without it nothing is mailed (links are shown to administrators).
    #[arg(long, env = "PORTAL_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Sender of the mails (default: Portail des Shifters <noreply@ the public host>).
    #[arg(long, env = "PORTAL_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// A certificate authority (PEM) to trust for the mail server, when it
    /// uses the association's own.
    #[arg(long, env = "PORTAL_SMTP_CA_FILE")]
    pub smtp_ca_file: Option<PathBuf>,
    /// A message claimed by a process that stopped is sent by another one
    /// after this many seconds.
    #[arg(long, env = "PORTAL_OUTBOX_LEASE_SECS", default_value_t = 150)]
    pub outbox_lease_secs: u64,
    /// The delivery task looks for messages written by other processes at
    /// least this often (milliseconds).
    #[arg(long, env = "PORTAL_OUTBOX_POLL_MS", default_value_t = 5000)]
    pub outbox_poll_ms: u64,
}

/// The host of a URL (`https://portail.example.org/x` → `portail.example.org`).
fn host_of(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .unwrap_or("localhost")
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost")
}

impl MailArgs {
    /// The outbox settings of a portal reached at `public_url`.
    pub fn outbox(&self, public_url: &str) -> anyhow::Result<OutboxConfig> {
        let mut config = OutboxConfig {
            lease: Duration::from_secs(self.outbox_lease_secs.max(1)),
            poll: Duration::from_millis(self.outbox_poll_ms.max(20)),
            ..OutboxConfig::default()
        };
        if let Some(url) = &self.smtp_url {
            let from = self
                .mail_from
                .clone()
                .unwrap_or_else(|| format!("Portail des Shifters <noreply@{}>", host_of(public_url)));
            let ca = match &self.smtp_ca_file {
                Some(path) => {
                    Some(std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?)
                }
                None => None,
            };
            let mailer = Mailer::from_url(url, &from, ca.as_deref(), config.timeout)
                .map_err(|e| anyhow::anyhow!("PORTAL_SMTP_URL : {e}"))?;
            tracing::info!(mail = %mailer.describe, "mail goes out");
            config.mailer = Some(mailer);
        }
        Ok(config)
    }
}

/// Makes the one-time links of access mails as they leave.
pub fn minter(public_url: &str) -> MintLink {
    let public_url = public_url.to_string();
    Arc::new(move |db, email, source| {
        let public_url = public_url.clone();
        Box::pin(async move {
            links::mint_access_link(&db, &email, &public_url, source == Source::Invitations).await
        })
    })
}

/// `--filter state=never_signed_in,region=Bretagne`: the Comptes page's filters.
pub fn parse_filter(text: &str) -> Result<AccountQuery, String> {
    let mut query = AccountQuery::default();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("« {part} » : attendu clé=valeur"))?;
        let value = value.trim().to_string();
        match key.trim() {
            "state" | "etat" => {
                query.state =
                    Some(AccountState::from_code(&value).ok_or_else(|| {
                        format!("état inconnu {value} ({})", AccountState::CODES.join(", "))
                    })?)
            }
            "role" => {
                query.role = Some(Role::from_code(&value).ok_or_else(|| format!("rôle inconnu {value}"))?)
            }
            "region" => query.region = Some(value),
            "group" | "local_group" => query.local_group = Some(value),
            "text" => query.text = Some(value),
            other => {
                return Err(format!(
                    "filtre inconnu {other} (state, role, region, group, text)"
                ))
            }
        }
    }
    Ok(query)
}

/// `portal user invite`: plans, queues, then (unless `queue_only`) sends
/// the batch from this process at the configured rate, printing progress.
pub async fn invite(
    db: &Db,
    query: &AccountQuery,
    again: bool,
    dry_run: bool,
    queue_only: bool,
    public_url: &str,
    mail: &MailArgs,
) -> anyhow::Result<()> {
    let plan = invitations::plan(db, query, again)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{} compte(s) correspondent ; {} invité(s) depuis moins de 7 jours{} ; {} invitation(s) à envoyer, {} par minute.",
        plan.matching,
        plan.recently_invited,
        if again { ", invités à nouveau" } else { ", laissés de côté" },
        plan.to_send,
        plan.per_minute
    );
    if dry_run || plan.to_send == 0 {
        return Ok(());
    }
    let config = mail.outbox(public_url)?;
    if config.mailer.is_none() && !queue_only {
        anyhow::bail!("aucun serveur de mail : donnez PORTAL_SMTP_URL (ou --queue-only si un `portal serve` les enverra)");
    }
    let actor = Actor {
        user_id: None,
        email: "portal user invite".into(),
        ip: "ligne de commande".into(),
    };
    let mut progress = invitations::send(db, &actor, query, again)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "Lot {} : {} invitation(s) en file.",
        progress.batch, progress.total
    );
    if queue_only {
        return Ok(());
    }
    let mint = minter(public_url);
    let owner = format!("cli-{}", std::process::id());
    // Until every mail was tried once; a retry is left to `portal serve`.
    while progress.pending > progress.retrying {
        outbox::deliver_due(db, &config, &mint, &owner)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let now = invitations::progress(db, &progress.batch)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if now.sent + now.failed != progress.sent + progress.failed {
            println!(
                "  {} envoyée(s), {} en échec, {} en attente",
                now.sent, now.failed, now.pending
            );
        }
        progress = now;
    }
    println!(
        "Terminé : {} envoyée(s), {} en échec, {} à réessayer (par `portal serve`).",
        progress.sent, progress.failed, progress.retrying
    );
    for failure in &progress.failures {
        println!("  {} : {}", failure.email, failure.error);
    }
    Ok(())
}

/// Once a minute: the daily digests and the weekly "pour vous" that are
/// due, and the support requests that just went past a target. Every process runs it; each step is
/// claimed by one of them.
pub async fn reminders(db: app::platform::db::Db, out: app::platform::outbox::Outbound) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        let now = chrono::Utc::now();
        let cutoff = app::notifications::services::digest_cutoff(now);
        if let Err(err) = app::notifications::services::send_digests(&db, &out, cutoff).await {
            tracing::warn!(?err, "daily digests not sent this time");
        }
        if let Err(err) = app::missions::services::weekly_for_you(&db, &out, now).await {
            tracing::warn!(?err, "the weekly selections not sent this time");
        }
        if let Err(err) = app::support::services::escalate(&db, &out, now.timestamp()).await {
            tracing::warn!(?err, "late support requests not checked this time");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_as_the_comptes_page_has_them() {
        let query = parse_filter("state=never_signed_in, region=Bretagne,group=Rennes").unwrap();
        assert_eq!(query.state, Some(AccountState::NeverSignedIn));
        assert_eq!(query.region.as_deref(), Some("Bretagne"));
        assert_eq!(query.local_group.as_deref(), Some("Rennes"));
        assert!(parse_filter("state=dormant").is_err());
        assert!(parse_filter("couleur=bleu").is_err());
    }
}
