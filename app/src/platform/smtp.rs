//! A small SMTP client (EHLO, MAIL FROM, RCPT TO, DATA, QUIT) for the
//! support notifications. It speaks plain SMTP to a relay the portal trusts:
//! a local postfix or the association's relay on its private network, which
//! holds TLS and the credentials to the outside world.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::platform::mail;

#[derive(Clone, Debug)]
pub struct SmtpRelay {
    /// host:port, e.g. `127.0.0.1:25`.
    pub addr: String,
    /// The From header, e.g. `Portail des Shifters <noreply@example.org>`.
    pub from: String,
    /// The name this portal gives in EHLO.
    pub helo: String,
}

/// The address inside `Name <address>`, or the whole text.
fn envelope(from: &str) -> &str {
    match (from.find('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => &from[a + 1..b],
        _ => from.trim(),
    }
}

/// Lines starting with a dot get a second one (RFC 5321, 4.5.2).
fn dot_stuffed(message: &str) -> String {
    message
        .split("\r\n")
        .map(|line| {
            if line.starts_with('.') {
                format!(".{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Reads one (possibly multi-line) reply; Ok when its code starts with `expected`.
async fn reply<R: AsyncBufReadExt + Unpin>(reader: &mut R, expected: char) -> Result<(), String> {
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the relay closed the connection".into());
        }
        if line.len() >= 4 && line.as_bytes()[3] == b'-' {
            continue;
        }
        return if line.starts_with(expected) {
            Ok(())
        } else {
            Err(format!("the relay answered: {}", line.trim()))
        };
    }
}

impl SmtpRelay {
    /// Sends one plain-text message to `to`; the error says where it failed.
    pub async fn send(&self, to: &str, subject: &str, body: &str, timeout: Duration) -> Result<(), String> {
        if [to, &self.from, &self.helo]
            .iter()
            .any(|s| s.contains(['\r', '\n']))
        {
            return Err("line break in an address".into());
        }
        tokio::time::timeout(timeout, self.exchange(to, subject, body))
            .await
            .map_err(|_| "the relay did not answer in time".to_string())?
    }

    async fn exchange(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let stream = TcpStream::connect(&self.addr)
            .await
            .map_err(|e| format!("cannot reach {}: {e}", self.addr))?;
        let (read, mut write) = stream.into_split();
        let mut reader = BufReader::new(read);
        reply(&mut reader, '2').await?;
        let commands = [
            (format!("EHLO {}\r\n", self.helo), '2'),
            (format!("MAIL FROM:<{}>\r\n", envelope(&self.from)), '2'),
            (format!("RCPT TO:<{}>\r\n", envelope(to)), '2'),
            ("DATA\r\n".to_string(), '3'),
        ];
        for (command, expected) in commands {
            write
                .write_all(command.as_bytes())
                .await
                .map_err(|e| e.to_string())?;
            reply(&mut reader, expected).await?;
        }
        let message = mail::message(&self.from, to, subject, &body.replace("\r\n", "\n"));
        write
            .write_all(format!("{}\r\n.\r\n", dot_stuffed(message.trim_end_matches("\r\n"))).as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        reply(&mut reader, '2').await?;
        // The message is accepted; a failed goodbye changes nothing.
        let _ = write.write_all(b"QUIT\r\n").await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_and_dots() {
        assert_eq!(envelope("Portail <noreply@x.org>"), "noreply@x.org");
        assert_eq!(envelope("a@b.org"), "a@b.org");
        assert_eq!(dot_stuffed("a\r\n.b\r\n..c"), "a\r\n..b\r\n...c");
    }
}
