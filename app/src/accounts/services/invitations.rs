//! Bulk invitations for the roll-out: the accounts that match the Comptes
//! page's filters (say "never signed in, region Bretagne") get a mail with a
//! link to choose their password. The mails go through the outbox, spaced
//! at the configured rate (60 a minute unless changed), after any bulk
//! invitation still under way; each link is made as its mail leaves. An
//! address invited in the last 7 days is left out unless asked again.

use serde::Deserialize;

use crate::accounts::model::{AccountQuery, InvitationFailure, InvitationPlan, InvitationProgress};
use crate::accounts::services::links::access_mail;
use crate::accounts::services::roster::{account_filter, bind_filters};
use crate::platform::audit::{self, Actor};
use crate::platform::db::{first, rows, Db};
use crate::platform::error::AppError;
use crate::platform::outbox::{enqueue, Source};

const SUBJECT: &str = "Bienvenue sur le Portail des Shifters";

fn body(display_name: &str) -> String {
    format!(
        "Bonjour {display_name},\n\n\
         Le Portail des Shifters, l'intranet de l'association, vous attend : l'annuaire des membres, \
         les besoins informatiques, les fiches mission et le support.\n\n\
         Choisissez votre mot de passe avec ce lien (valable 7 jours, une seule fois) :\n\n{{lien}}\n\n\
         Votre identifiant est cette adresse e-mail. Si le lien a expiré, demandez-en un autre depuis \
         la page de connexion (« Première connexion ou mot de passe oublié ? »).\n"
    )
}

#[derive(Deserialize)]
struct Invitee {
    email: String,
    display_name: String,
}

/// The accounts that can sign in and match `query`, and those of them
/// invited in the last 7 days.
async fn select(db: &Db, query: &AccountQuery) -> Result<(Vec<Invitee>, Vec<String>), AppError> {
    let filter = account_filter();
    let mut resp = bind_filters(
        db.query(format!(
            "SELECT email, display_name FROM user WHERE {filter} AND active = true ORDER BY email;
             SELECT VALUE target FROM outbox WHERE source = 'invitations' AND gave_up = false
                 AND created_at > time::now() - 7d;"
        )),
        query,
    )
    .await?
    .check()?;
    Ok((rows(&mut resp, 0)?, rows(&mut resp, 1)?))
}

fn left_out(invitees: Vec<Invitee>, recent: &[String], again: bool) -> (Vec<Invitee>, u64) {
    let recent: std::collections::HashSet<&str> = recent.iter().map(String::as_str).collect();
    let before = invitees.len();
    let kept: Vec<Invitee> = invitees
        .into_iter()
        .filter(|i| again || !recent.contains(i.email.as_str()))
        .collect();
    let skipped = (before - kept.len()) as u64;
    (kept, skipped)
}

/// What `send` would do with these filters.
pub async fn plan(db: &Db, query: &AccountQuery, again: bool) -> Result<InvitationPlan, AppError> {
    let (invitees, recent) = select(db, query).await?;
    let matching = invitees.len() as u64;
    let (kept, skipped) = left_out(invitees, &recent, again);
    Ok(InvitationPlan {
        matching,
        recently_invited: skipped,
        to_send: kept.len() as u64,
        per_minute: crate::platform::settings::get(db).await?.invitations_per_minute,
    })
}

/// Milliseconds until the last bulk invitation already queued is due.
async fn queue_end(db: &Db) -> Result<i64, AppError> {
    let mut resp = db
        .query(
            "SELECT VALUE <string> next_attempt_at FROM outbox
                 WHERE source = 'invitations' AND pending = true ORDER BY next_attempt_at DESC LIMIT 1",
        )
        .await?
        .check()?;
    let last: Option<String> = first(&mut resp, 0)?;
    Ok(last
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .map_or(0, |t| {
            (t.with_timezone(&chrono::Utc) - chrono::Utc::now())
                .num_milliseconds()
                .max(0)
        }))
}

/// Queues the invitations; answers the batch's progress (nothing sent yet).
pub async fn send(
    db: &Db,
    actor: &Actor,
    query: &AccountQuery,
    again: bool,
) -> Result<InvitationProgress, AppError> {
    let (invitees, recent) = select(db, query).await?;
    let (invitees, skipped) = left_out(invitees, &recent, again);
    let per_minute = crate::platform::settings::get(db)
        .await?
        .invitations_per_minute
        .max(1);
    let step = 60_000 / i64::from(per_minute);
    // After the invitations already queued, one step later.
    let end = queue_end(db).await?;
    let start = if end > 0 { end + step } else { 0 };
    let batch = crate::accounts::services::accounts::new_token()[..16].to_string();
    let messages: Vec<_> = invitees
        .iter()
        .enumerate()
        .map(|(i, invitee)| {
            let mut message = access_mail(
                Source::Invitations,
                &invitee.email,
                SUBJECT,
                &body(&invitee.display_name),
            );
            message.batch = Some(batch.clone());
            message.delay_ms = start + step * i as i64;
            message
        })
        .collect();
    for chunk in messages.chunks(1000) {
        enqueue(db, chunk.to_vec()).await?;
    }
    let detail = format!(
        "lot {batch} : {} invitations, {skipped} déjà invités depuis moins de 7 jours, {per_minute} par minute",
        messages.len()
    );
    audit::record(db, actor, "invitations_sent", &describe(query), &detail).await?;
    progress(db, &batch).await
}

/// The filters, as the audit log shows them.
fn describe(query: &AccountQuery) -> String {
    let mut parts = Vec::new();
    if let Some(state) = query.state {
        parts.push(format!("état {}", state.code()));
    }
    if let Some(role) = query.role {
        parts.push(format!("rôle {}", role.code()));
    }
    for (name, value) in [
        ("texte", &query.text),
        ("région", &query.region),
        ("groupe local", &query.local_group),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            parts.push(format!("{name} {}", value.trim()));
        }
    }
    if parts.is_empty() {
        "tous les comptes".into()
    } else {
        parts.join(", ")
    }
}

#[derive(Deserialize)]
struct Counts {
    total: u64,
    sent: u64,
    failed: u64,
    retrying: u64,
}

#[derive(Deserialize)]
struct FailureRow {
    target: String,
    last_error: String,
}

/// How a batch stands: sent, failed (with why), pending, and when it ends.
pub async fn progress(db: &Db, batch: &str) -> Result<InvitationProgress, AppError> {
    let mut resp = db
        .query(
            "SELECT count() AS total, count(delivered_at != NONE) AS sent, count(gave_up = true) AS failed,
                     count(pending = true AND attempts > 0) AS retrying
                 FROM outbox WHERE batch = $batch GROUP ALL;
             SELECT target, last_error FROM outbox
                 WHERE batch = $batch AND last_error != '' ORDER BY target LIMIT 200;
             SELECT VALUE <string> next_attempt_at FROM outbox
                 WHERE batch = $batch AND pending = true ORDER BY next_attempt_at DESC LIMIT 1;",
        )
        .bind(("batch", batch.to_string()))
        .await?
        .check()?;
    let counts: Option<Counts> = first(&mut resp, 0)?;
    let counts = counts.unwrap_or(Counts {
        total: 0,
        sent: 0,
        failed: 0,
        retrying: 0,
    });
    let failures = rows::<FailureRow>(&mut resp, 1)?
        .into_iter()
        .map(|f| InvitationFailure {
            email: f.target,
            error: f.last_error,
        })
        .collect();
    Ok(InvitationProgress {
        batch: batch.to_string(),
        total: counts.total,
        sent: counts.sent,
        failed: counts.failed,
        pending: counts.total - counts.sent - counts.failed,
        retrying: counts.retrying,
        ends_at: first(&mut resp, 2)?,
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_invitations_are_left_out_unless_asked_again() {
        let people = || {
            ["a@x.org", "b@x.org"]
                .map(|e| Invitee {
                    email: e.into(),
                    display_name: String::new(),
                })
                .into()
        };
        let recent = vec!["b@x.org".to_string()];
        let (kept, skipped) = left_out(people(), &recent, false);
        assert_eq!((kept.len(), skipped), (1, 1));
        let (kept, skipped) = left_out(people(), &recent, true);
        assert_eq!((kept.len(), skipped), (2, 0));
    }

    #[test]
    fn the_mail_carries_the_link_placeholder_and_the_way_back() {
        let text = body("Manon");
        assert!(text.starts_with("Bonjour Manon,"));
        assert!(text.contains("\n{lien}\n"));
        assert!(text.contains("Première connexion ou mot de passe oublié ?"));
    }
}
