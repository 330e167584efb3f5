//! Support notifications: each is a row of the portal's outbox
//! (`platform::outbox`), written in the same transaction as the request or
//! answer it announces, then delivered, retried and listed like every other
//! message.
//!
//! Channels: the category's incoming webhook (JSON `{"text": …}`, which Slack
//! and Mattermost both accept) and e-mail when a mail server is configured.

use serde::{Deserialize, Serialize};

use crate::accounts::model::CurrentUser;
use crate::notifications::model::{Delivery, NotificationKind};
use crate::notifications::services::Notice;
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::i18n::Lang;
use crate::platform::outbox::Source;
use crate::platform::said::Both;
use crate::support::model::{RequestStatus, SupportDelivery};
use crate::support::services::requests::RequestRow;
use crate::support::services::NewRequest;

pub use crate::platform::outbox::Outbound;

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

/// The team answered, asked for details or resolved: the requester is told
/// by e-mail, in `lang`.
fn answer(
    out: &Outbound,
    lang: Lang,
    requester_email: &str,
    subject: &str,
    body: &str,
    status: &str,
) -> Vec<OutboxEntry> {
    if !out.email {
        return Vec::new();
    }
    let (hello, head, subject_head, see) = match lang {
        Lang::Fr => (
            "Bonjour,",
            match status {
                "waiting" => "L'équipe support vous demande des précisions sur votre demande n° {n}.",
                "resolved" => "Votre demande n° {n} est résolue. Si ce n'est pas le cas, vous pouvez la rouvrir pendant 14 jours.",
                _ => "L'équipe support a répondu à votre demande n° {n}.",
            },
            "[Support] Votre demande n° {n} : ",
            "Voir la demande et répondre :",
        ),
        Lang::En => (
            "Hello,",
            match status {
                "waiting" => "The support team asks you for details on your request no. {n}.",
                "resolved" => "Your request no. {n} is resolved. If it is not, you can reopen it for 14 days.",
                _ => "The support team answered your request no. {n}.",
            },
            "[Support] Your request no. {n}: ",
            "See the request and answer:",
        ),
    };
    vec![OutboxEntry {
        channel: "email".into(),
        target: requester_email.into(),
        urgent: false,
        subject_head: subject_head.into(),
        subject_text: subject.into(),
        body_head: format!("{hello}\n\n{head}\n\n"),
        body_text: body.into(),
        body_foot: format!("\n\n{see}{}\n", link(out)),
    }]
}

/// Leaves a notification about request `number` for `users`. Given `out`,
/// those who chose it get the centre's mail; without it (`None`) the mail,
/// if any, is support's own richer one, written with the change.
pub async fn tell(
    db: &Db,
    out: Option<&Outbound>,
    kind: NotificationKind,
    users: Vec<String>,
    actor: Option<&CurrentUser>,
    text: Both,
    number: u64,
) -> Result<(), AppError> {
    let notice = Notice {
        kind,
        users,
        actor,
        text,
        link: format!("/support/demandes/{number}"),
    };
    let out = out.cloned().unwrap_or_default();
    crate::notifications::services::notify(db, &out, Source::Support, notice).await
}

/// Tells the support team (`users`) about request `number`: those who
/// chose it get the centre's mail.
pub async fn tell_team(
    db: &Db,
    out: &Outbound,
    users: Vec<String>,
    actor: Option<&CurrentUser>,
    text: Both,
    number: u64,
) -> Result<(), AppError> {
    tell(
        db,
        Some(out),
        NotificationKind::SupportTeam,
        users,
        actor,
        text,
        number,
    )
    .await
}

/// The mail that tells the requester of an answer or of the new status,
/// when `tell` and they chose mail for their requests.
pub(super) async fn answer_if(
    db: &Db,
    out: &Outbound,
    tell: bool,
    row: &RequestRow,
    body: &str,
    status: RequestStatus,
) -> Result<Vec<OutboxEntry>, AppError> {
    if !tell {
        return Ok(Vec::new());
    }
    Ok(match requester_mail(db, &row.requester_id).await? {
        Some(lang) => answer(out, lang, &row.requester_email, &row.subject, body, status.code()),
        None => Vec::new(),
    })
}

/// The language of support's mail to the requester, when they want its
/// answers by mail at once.
async fn requester_mail(db: &Db, requester: &str) -> Result<Option<Lang>, AppError> {
    use crate::notifications::services::{deliveries, lang_of};
    let ways = deliveries(db, NotificationKind::Support, &[requester.to_string()]).await?;
    if ways.get(requester) != Some(&Delivery::Mail) {
        return Ok(None);
    }
    Ok(Some(lang_of(db, requester).await?))
}

/// The latest notifications about requests and how their delivery went
/// (administrators). The notification centre's own mails (a hand-over, a
/// late request) name no request number: they show among all messages in
/// Réglages when they fail.
pub async fn deliveries(db: &Db) -> Result<Vec<SupportDelivery>, AppError> {
    let mut resp = db
        .query(
            "SELECT number, channel, target, attempts, last_error, gave_up, created_at AS at,
                 IF delivered_at != NONE THEN <string> delivered_at END AS delivered_at,
                 <string> next_attempt_at AS next_attempt_at, <string> created_at AS created_at
             FROM outbox WHERE source = 'support' AND number != NONE ORDER BY at DESC LIMIT 200",
        )
        .await?
        .check()?;
    rows::<SupportDelivery>(&mut resp, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(answer(&Outbound::default(), Lang::Fr, "a@b.org", "s", "b", "waiting").is_empty());
    }

    #[test]
    fn the_requester_reads_the_answer_in_their_language() {
        let out = Outbound {
            email: true,
            public_url: "https://portail.example.org".into(),
        };
        let [fr] = &answer(&out, Lang::Fr, "a@b.org", "Imprimante", "Réponse", "resolved")[..] else {
            panic!("one mail")
        };
        assert_eq!(fr.subject_head, "[Support] Votre demande n° {n} : ");
        assert!(fr
            .body_head
            .starts_with("Bonjour,\n\nVotre demande n° {n} est résolue."));
        let [en] = &answer(&out, Lang::En, "a@b.org", "Printer", "Answer", "waiting")[..] else {
            panic!("one mail")
        };
        assert_eq!(en.subject_head, "[Support] Your request no. {n}: ");
        assert!(en.body_head.contains("The support team asks you for details"));
        assert!(en.body_foot.starts_with("\n\nSee the request and answer:"));
    }
}
