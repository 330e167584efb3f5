//! Mail through `lettre`, configured by one URL (`PORTAL_SMTP_URL`):
//! - `smtp://host:587?tls=required` (STARTTLS), `smtps://user:pass@host:465`
//!   (implicit TLS), `smtp://localhost:25` (a local relay, plain);
//! - `sendmail://` (the machine's `sendmail`) or `sendmail:///path/to/program`.
//!
//! Messages are plain UTF-8 text sent 8-bit, so links stay readable in any
//! mail client and in the test sinks.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSendmailTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Sendmail(AsyncSendmailTransport<Tokio1Executor>),
}

/// Sends the portal's mails; cheap to clone (SMTP connections are pooled).
#[derive(Clone)]
pub struct Mailer {
    transport: std::sync::Arc<Transport>,
    from: Mailbox,
    /// An exchange that takes longer is abandoned (a server that stops
    /// answering mid-way would otherwise hold the delivery).
    timeout: Duration,
    /// What the configuration says, without its password (for the logs).
    pub describe: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe)
    }
}

/// The URL without its password, for logs and error messages.
fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = url[scheme + 3..at].split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

impl Mailer {
    /// A mailer for `url` sending as `from` (`Name <address>`). `ca_pem`
    /// adds a root certificate to trust (a relay with the association's own
    /// certificate authority). Each SMTP exchange gives up after `timeout`.
    pub fn from_url(
        url: &str,
        from: &str,
        ca_pem: Option<&[u8]>,
        timeout: Duration,
    ) -> Result<Mailer, String> {
        let describe = without_password(url);
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("adresse d'expéditeur invalide « {from} » : {e}"))?;
        let transport = if let Some(rest) = url.strip_prefix("sendmail://") {
            match rest.trim_start_matches('/') {
                "" => Transport::Sendmail(AsyncSendmailTransport::new()),
                path => Transport::Sendmail(AsyncSendmailTransport::new_with_command(format!("/{path}"))),
            }
        } else {
            let invalid = |e: lettre::transport::smtp::Error| format!("{describe} : {e}");
            let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(invalid)?
                .timeout(Some(timeout));
            if let Some(pem) = ca_pem {
                // from_url chose the TLS mode with the public roots: the same
                // mode again, with the extra root.
                let host = url
                    .split("://")
                    .nth(1)
                    .and_then(|r| r.rsplit('@').next())
                    .and_then(|r| r.split([':', '/', '?']).next())
                    .unwrap_or_default();
                let params = TlsParameters::builder(host.to_string())
                    .add_root_certificate(Certificate::from_pem(pem).map_err(invalid)?)
                    .build_rustls()
                    .map_err(invalid)?;
                let tls = if url.starts_with("smtps://") {
                    Tls::Wrapper(params)
                } else if url.contains("tls=opportunistic") {
                    Tls::Opportunistic(params)
                } else {
                    Tls::Required(params)
                };
                builder = builder.tls(tls);
            }
            Transport::Smtp(builder.build())
        };
        Ok(Mailer {
            transport: std::sync::Arc::new(transport),
            from,
            timeout,
            describe,
        })
    }

    /// Sends one plain-text message; the error says why it was not accepted.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| format!("adresse invalide « {to} » : {e}"))?;
        let body = Body::new_with_encoding(
            body.replace('\r', "").replace('\n', "\r\n"),
            ContentTransferEncoding::EightBit,
        )
        .or_else(|body| Body::new_with_encoding(body, ContentTransferEncoding::QuotedPrintable))
        .map_err(|_| "message impossible à encoder".to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        let sent = async {
            match self.transport.as_ref() {
                Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| e.to_string()),
                Transport::Sendmail(sendmail) => sendmail.send(message).await.map_err(|e| e.to_string()),
            }
        };
        tokio::time::timeout(self.timeout, sent)
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "pas de réponse du serveur de mail en {} s",
                    self.timeout.as_secs()
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_stay_out_of_the_logs() {
        assert_eq!(
            without_password("smtps://portail:s3cret@mail.example.org:465"),
            "smtps://portail:***@mail.example.org:465"
        );
        assert_eq!(without_password("smtp://localhost:25"), "smtp://localhost:25");
    }

    #[test]
    fn a_bad_url_or_sender_is_refused_with_a_reason() {
        let timeout = Duration::from_secs(1);
        assert!(Mailer::from_url("ftp://x", "a@b.org", None, timeout).is_err());
        assert!(Mailer::from_url("smtp://localhost", "pas une adresse", None, timeout).is_err());
        assert!(Mailer::from_url("sendmail://", "Portail <a@b.org>", None, timeout).is_ok());
    }
}
