//! mail: a real SMTP server for the tests (aiosmtpd, `tools/smtp_sink.py`)
//! and a webhook receiver, each counting what it accepted.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use super::process::free_port;

/// The Python of the tests' packages: `make` exports its path
/// (scripts/install-deps.sh makes the venv); outside `make`, the clone's own.
pub fn test_python() -> String {
    let python = std::env::var("PORTAL_TEST_PYTHON")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../tools/venv/bin/python").into());
    assert!(
        std::path::Path::new(&python).exists(),
        "{python} is missing: run scripts/install-deps.sh (or make deps), which installs \
         the tests' Python packages (vobject, aiosmtpd) into tools/venv"
    );
    python
}

/// A quoted-printable text as it reads (lines of over 76 characters, a
/// link say, travel that way): soft line breaks joined, `=XX` decoded.
pub fn unquote(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let mut bytes = Vec::with_capacity(joined.len());
    let mut rest = joined.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        match (
            b,
            tail.get(..2)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()),
        ) {
            (b'=', Some(decoded)) => {
                bytes.push(decoded);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One message the server accepted.
#[derive(Clone, Debug, Deserialize)]
pub struct Received {
    pub to: Vec<String>,
    /// The message as it travelled.
    pub data: String,
    /// The subject and the text as a mail client shows them.
    pub subject: String,
    pub body: String,
    pub login: Option<String>,
    pub tls: bool,
    pub at: f64,
}

impl Received {
    /// The one recipient.
    pub fn rcpt(&self) -> &str {
        &self.to[0]
    }
}

#[derive(Default)]
pub struct SinkOptions {
    /// Offer and require STARTTLS, with a certificate made for 127.0.0.1.
    pub starttls: bool,
    /// Require authentication as `user:password`.
    pub login: Option<&'static str>,
    /// Hold the first message this long; accepted only if its sender stayed.
    pub stall_first: Option<Duration>,
}

pub struct SmtpSink {
    pub port: u16,
    /// The certificate to trust (PEM) with `starttls`.
    pub ca: Option<PathBuf>,
    out: PathBuf,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpSink {
    pub async fn start(options: SinkOptions) -> SmtpSink {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let out = dir.path().join("received.jsonl");
        let mut cmd = Command::new(test_python());
        cmd.args([
            "-W",
            "ignore",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../tools/smtp_sink.py"),
        ])
        .args(["--port", &port.to_string()])
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        let mut ca = None;
        if options.starttls {
            let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
            let made = Command::new("openssl")
                .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"])
                .args(["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
                // A server's certificate, not an authority's (rustls refuses those).
                .args([
                    "-addext",
                    "basicConstraints=critical,CA:FALSE",
                    "-addext",
                    "extendedKeyUsage=serverAuth",
                ])
                .arg("-keyout")
                .arg(&key)
                .arg("-out")
                .arg(&cert)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("openssl makes the sink's certificate (scripts/install-deps.sh installs it)");
            assert!(made.success());
            cmd.arg("--tls").arg(&cert).arg(&key);
            ca = Some(cert);
        }
        if let Some(login) = options.login {
            cmd.args(["--login", login]);
        }
        if let Some(stall) = options.stall_first {
            cmd.args(["--stall-first", &stall.as_secs_f64().to_string()]);
        }
        let child = cmd.spawn().expect("the SMTP sink starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(Instant::now() < deadline, "the SMTP sink did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        SmtpSink {
            port,
            ca,
            out,
            child,
            _dir: dir,
        }
    }

    /// `PORTAL_SMTP_URL` for this sink, plain.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Waits (`within` at most) for `n` messages; answers them all.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let deadline = Instant::now() + within;
        loop {
            let got = self.received();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A webhook receiver on this machine: answers its URL and what it got.
pub async fn webhook_receiver() -> (String, Arc<Mutex<Vec<Value>>>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let store = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |axum::Json(body): axum::Json<Value>| {
            let store = store.clone();
            async move {
                store.lock().unwrap().push(body);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, got)
}
