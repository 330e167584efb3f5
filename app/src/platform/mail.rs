//! Mail, through the machine's sendmail-compatible program (postfix, msmtp,
//! exim…), which holds the SMTP relay, its TLS and its credentials.

use std::path::PathBuf;
use std::process::Stdio;

use tokio::io::AsyncWriteExt;

#[derive(Clone, Debug)]
pub struct Mailer {
    /// e.g. /usr/sbin/sendmail; called as `sendmail -t -i`.
    pub program: PathBuf,
    pub from: String,
}

/// RFC 2047 encoding for a header with accents.
fn encode_header(text: &str) -> String {
    let mut out = String::from("=?UTF-8?Q?");
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => out.push(b as char),
            b' ' => out.push('_'),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out.push_str("?=");
    out
}

/// The message as sendmail reads it on its standard input.
pub fn message(from: &str, to: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}\r\n",
        encode_header(subject),
        body.replace('\n', "\r\n")
    )
}

impl Mailer {
    /// Sends one message; true when sendmail accepted it. A failure is logged,
    /// never fatal: the caller still shows the link to hand over by hand.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> bool {
        // Addresses come validated (no line breaks); refuse anything else.
        if to.contains(['\r', '\n']) || self.from.contains(['\r', '\n']) {
            return false;
        }
        let child = tokio::process::Command::new(&self.program)
            .args(["-t", "-i"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(err) => {
                tracing::error!(error = %err, program = %self.program.display(), "cannot run sendmail");
                return false;
            }
        };
        if let Some(mut stdin) = child.stdin.take() {
            if let Err(err) = stdin
                .write_all(message(&self.from, to, subject, body).as_bytes())
                .await
            {
                tracing::error!(error = %err, "cannot hand the message to sendmail");
            }
        }
        match child.wait().await {
            Ok(status) if status.success() => true,
            other => {
                tracing::error!(?other, "sendmail refused the message");
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_with_accents_are_encoded() {
        assert_eq!(encode_header("Réinit à 2"), "=?UTF-8?Q?R=C3=A9init_=C3=A0_2?=");
        let m = message("a@x.org", "b@y.org", "Été", "ligne 1\nligne 2");
        assert!(m.starts_with("From: a@x.org\r\nTo: b@y.org\r\nSubject: =?UTF-8?Q?=C3=89t=C3=A9?=\r\n"));
        assert!(m.ends_with("\r\n\r\nligne 1\r\nligne 2\r\n"));
    }
}
