//! `portal`: the Shifters Portal's command line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use app::accounts::model::Role;
use app::accounts::services::accounts;
use app::accounts::services::accounts::NewUser;
use app::platform::context::{AppState, Settings};
use clap::{Args, Parser, Subcommand};
use rand::Rng;
use server::mail::MailArgs;
use server::{backup, bench, db, http, mail, migrate, seed};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "portal",
    version,
    about = "Le Portail des Shifters / The Shifters Portal"
)]
struct Cli {
    /// Database URL: surrealkv://path (on disk), mem:// (throw-away) or ws://host:port (SurrealDB server).
    #[arg(long, env = "PORTAL_DB", default_value = db::DEFAULT_URL, global = true)]
    db: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (applies pending migrations first).
    Serve(ServeArgs),
    /// Apply pending schema migrations.
    Migrate,
    /// Add demo accounts, the association's mission cards and needs, and synthetic members.
    Seed(SeedArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Write a full backup of the database to a file.
    Export { file: PathBuf },
    /// Load a full backup into an empty database.
    Import { file: PathBuf },
    /// Measure the directory's searches (use a release build).
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Directory search and facet counts: p50/p95/p99 per kind of search.
    Directory {
        /// Rounds of every search (each round asks as a member and as the board).
        #[arg(long, default_value_t = 100)]
        rounds: usize,
    },
}

#[derive(Args)]
struct ServeArgs {
    #[arg(long, env = "PORTAL_BIND", default_value = "127.0.0.1:3000")]
    bind: SocketAddr,
    /// The address members use; https turns on Secure cookies.
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    public_url: Option<String>,
    /// The front end built by Trunk.
    #[arg(long, env = "PORTAL_STATIC_DIR", default_value = "dist")]
    static_dir: PathBuf,
    /// Seed demo data before serving (what `make run` does; works with mem://).
    #[arg(long)]
    demo: bool,
    /// Behind a reverse proxy on this machine: believe the X-Forwarded-For
    /// of loopback connections (same as --trusted-proxies 127.0.0.1,::1).
    #[arg(long, env = "PORTAL_BEHIND_PROXY")]
    behind_proxy: bool,
    /// The reverse proxies whose X-Forwarded-For is believed, as addresses
    /// or ranges (10.0.0.0/8), separated by commas.
    #[arg(long, env = "PORTAL_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_net)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// The server's key file (created at first start; share it between the
    /// processes of one database, back it up apart from the database).
    #[arg(long, env = "PORTAL_KEY_FILE", default_value = "data/portal.key")]
    key_file: PathBuf,
    #[command(flatten)]
    mail: MailArgs,
    /// Sessions end after this many hours without activity.
    #[arg(long, env = "PORTAL_SESSION_IDLE_HOURS", default_value_t = 8)]
    session_idle_hours: u64,
    /// Sessions end after this many days in all.
    #[arg(long, env = "PORTAL_SESSION_MAX_DAYS", default_value_t = 30)]
    session_max_days: u64,
    #[command(flatten)]
    seed: SeedArgs,
}

#[derive(Args)]
struct SeedArgs {
    /// How many synthetic members to add.
    #[arg(long = "members", env = "PORTAL_DEMO_MEMBERS", default_value_t = 200)]
    members: u64,
    /// Password of the demo accounts (a random one is printed when absent).
    #[arg(long, env = "PORTAL_DEMO_PASSWORD", hide_env_values = true)]
    demo_password: Option<String>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account (the first admin, for instance).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// member, pilot, referent, board or admin; repeat for several.
        #[arg(long = "role", value_parser = parse_role)]
        roles: Vec<Role>,
        /// Read from PORTAL_USER_PASSWORD; a random one is printed when absent.
        #[arg(long, env = "PORTAL_USER_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Set a new password (ends the account's sessions).
    Password {
        #[arg(long)]
        email: String,
        #[arg(long, env = "PORTAL_USER_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Deactivate an account (it can no longer sign in; its sessions end now).
    Deactivate {
        #[arg(long)]
        email: String,
    },
    /// Import members from a CSV file (French Excel, LibreOffice, Outlook…),
    /// as the import page does: headers guessed, every row checked, all or nothing.
    Import {
        file: PathBuf,
        /// Leave the members already in the portal as they are (default:
        /// fill in what their profile lacks, never overwriting).
        #[arg(long)]
        skip_existing: bool,
        /// Only check and report; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Invite in bulk the accounts matching the Comptes page's filters: a
    /// mail each with a link to choose a password, at the configured rate.
    Invite {
        /// e.g. state=never_signed_in,region=Bretagne (state, role, region, group, text).
        #[arg(long, default_value = "", value_parser = mail::parse_filter)]
        filter: app::accounts::model::AccountQuery,
        /// Invite again those invited in the last 7 days.
        #[arg(long)]
        again: bool,
        /// Only say how many would be invited.
        #[arg(long)]
        dry_run: bool,
        /// Queue them for a running `portal serve` (same database) to send;
        /// by default this command sends them and shows the progress.
        #[arg(long)]
        queue_only: bool,
        /// The address members use (the links start with it).
        #[arg(long, env = "PORTAL_PUBLIC_URL")]
        public_url: String,
        #[command(flatten)]
        mail: MailArgs,
    },
}

fn parse_role(code: &str) -> Result<Role, String> {
    Role::from_code(code)
        .ok_or_else(|| format!("unknown role {code} (member, pilot, referent, board, admin)"))
}

/// An address (a single host) or a range.
fn parse_net(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("not an address or a range: {text}"))
}

fn random_password() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// jemalloc rather than the system's allocator: the store's reads and
/// compactions free large blocks on many threads, which glibc keeps in
/// per-thread arenas; jemalloc hands them back to the system within a
/// second, from a thread of its own (measured in docs/performance.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8] = b"background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

// missions: SurrealDB recurses deeply on transactions (debug builds most), and
// the 2 MiB default of worker threads overflowed on concurrent accepts.
fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(8 << 20)
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        // SurrealKV warns "No runtime available for closing the store" even
        // after the store closed cleanly; `db::close` checks that itself.
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                EnvFilter::new("info,surrealdb=warn,surrealkv=warn,surrealkv::lsm=error")
            }),
        )
        // Logs on stderr; stdout carries what the commands print for people.
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let database = db::connect(&cli.db, &db::Credentials::from_env()).await?;

    let result = command(database.clone(), cli.command).await;
    db::close(database, &cli.db).await;
    result
}

async fn command(database: app::platform::db::Db, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve(database, args).await?,
        Command::Migrate => {
            let applied = migrate::run(&database).await?;
            println!(
                "Migrations appliquées : {applied:?} (en base : {:?})",
                migrate::applied(&database).await?
            );
        }
        Command::Seed(args) => {
            migrate::run(&database).await?;
            let password = seed_all(&database, &args).await?;
            print_demo_logins(&password);
        }
        Command::User(cmd) => user(&database, cmd).await?,
        Command::Export { file } => {
            backup::export(&database, &file).await?;
            println!("Sauvegarde écrite dans {}", file.display());
        }
        Command::Import { file } => {
            backup::import(&database, &file).await?;
            println!("Sauvegarde {} chargée", file.display());
        }
        Command::Bench(BenchCommand::Directory { rounds }) => {
            migrate::run(&database).await?;
            bench::directory(&database, rounds).await?;
        }
    }
    Ok(())
}

/// Seeds everything; returns the demo password in use.
async fn seed_all(database: &app::platform::db::Db, args: &SeedArgs) -> anyhow::Result<String> {
    let (password, given) = match &args.demo_password {
        Some(p) => (p.clone(), true),
        None => (random_password(), false),
    };
    seed::demo_accounts(database, &password, given).await?;
    seed::association_content(database).await?;
    seed::synthetic_members(database, args.members).await?;
    Ok(password)
}

fn print_demo_logins(password: &str) {
    println!("Comptes de démonstration (mot de passe : {password}) :");
    for account in &seed::DEMO_ACCOUNTS {
        println!("  {:<22} {}", account.email, account.role.code());
    }
}

async fn serve(database: app::platform::db::Db, args: ServeArgs) -> anyhow::Result<()> {
    let static_dir = http::check_static_dir(&args.static_dir)?;
    let applied = migrate::run(&database).await?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    let demo_password = if args.demo {
        Some(seed_all(&database, &args.seed).await?)
    } else {
        None
    };

    let url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.bind));
    let mut settings = Settings::for_public_url(&url);
    if args.public_url.is_none() {
        // No public URL: the bind address, and on this machine its usual names.
        let port = args.bind.port();
        if args.bind.ip().is_loopback() || args.bind.ip().is_unspecified() {
            settings.origins.extend([
                format!("http://localhost:{port}"),
                format!("http://127.0.0.1:{port}"),
                format!("http://[::1]:{port}"),
            ]);
        }
        if args.bind.ip().is_unspecified() {
            tracing::warn!("no PORTAL_PUBLIC_URL: the API answers browsers on this machine only; set it to the address members use");
        }
    }
    settings.trusted_proxies = args.trusted_proxies.clone();
    if args.behind_proxy {
        settings
            .trusted_proxies
            .extend(["127.0.0.1/32", "::1/128"].map(|n| n.parse::<ipnet::IpNet>().expect("valid range")));
    }
    settings.secret_key = server::secret_key::load_or_create(&args.key_file)?;
    let sealed =
        app::accounts::services::accounts::seal_plain_totp_secrets(&database, &settings.secret_key).await?;
    if sealed > 0 {
        tracing::info!(sealed, "second-factor secrets sealed with the server key");
    }
    settings.outbox = args.mail.outbox(&url)?;
    settings.sessions.idle = std::time::Duration::from_secs(args.session_idle_hours * 3600);
    settings.sessions.absolute = std::time::Duration::from_secs(args.session_max_days * 24 * 3600);
    let state = AppState {
        live: app::notifications::hub::LiveHub::start(database.clone()),
        db: database,
        settings: Arc::new(settings),
    };
    let live = state.live.clone();
    let outbox = tokio::spawn(app::platform::outbox::run(
        state.db.clone(),
        state.settings.outbox.clone(),
        mail::minter(&url),
        live.subscribe().1,
    ));
    let reminders = tokio::spawn(mail::reminders(state.db.clone(), state.settings.outbound()));
    let header_read_timeout = state.settings.header_read_timeout;
    let app = http::router(state, &static_dir);
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    println!("Portail des Shifters prêt : {url}");
    if let Some(password) = demo_password {
        print_demo_logins(&password);
    }
    let shutdown = async move {
        shutdown_signal().await;
        // Open pages' live streams end now rather than at the grace period's end.
        live.stop();
    };
    server::listen::serve(listener, app, header_read_timeout, shutdown).await?;
    // The mail loops hold database handles: they end, so that the store can
    // close (`db::close`). The outbox finishes the message it is sending; the
    // reminders' writes are transactions, which a stop cancels whole.
    reminders.abort();
    let _ = reminders.await;
    let _ = outbox.await;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// SIGTERM or Ctrl-C: stop accepting, finish the requests in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn user(database: &app::platform::db::Db, cmd: UserCommand) -> anyhow::Result<()> {
    migrate::run(database).await?;
    match cmd {
        UserCommand::Add {
            email,
            name,
            roles,
            password,
        } => {
            let (password, generated) = match password {
                Some(p) => (p, false),
                None => (random_password(), true),
            };
            accounts::create_user(
                database,
                NewUser {
                    email: email.clone(),
                    display_name: name,
                    roles,
                    password: password.clone(),
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
            println!("Compte créé : {email}");
            if generated {
                println!("Mot de passe provisoire : {password}");
            }
        }
        UserCommand::Password { email, password } => {
            let password = password.unwrap_or_else(random_password);
            accounts::set_password(database, &email, &password)
                .await
                .map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
            println!("Nouveau mot de passe de {email} : {password}");
        }
        UserCommand::Deactivate { email } => {
            accounts::deactivate(database, &email)
                .await
                .map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
            println!("Compte désactivé : {email}");
        }
        UserCommand::Import {
            file,
            skip_existing,
            dry_run,
        } => import_members(database, &file, skip_existing, dry_run).await?,
        UserCommand::Invite {
            filter,
            again,
            dry_run,
            queue_only,
            public_url,
            mail,
        } => mail::invite(database, &filter, again, dry_run, queue_only, &public_url, &mail).await?,
    }
    Ok(())
}

/// `portal user import`: the file decoded whatever its encoding, then the
/// import page's service; prints the counts and the rejections by reason.
async fn import_members(
    database: &app::platform::db::Db,
    file: &std::path::Path,
    skip_existing: bool,
    dry_run: bool,
) -> anyhow::Result<()> {
    use app::directory::model::ExistingMembers;
    use app::directory::services::import::{import, ImportOptions};
    let bytes = std::fs::read(file)?;
    let options = ImportOptions {
        mapping: None,
        existing: if skip_existing {
            ExistingMembers::Skip
        } else {
            ExistingMembers::Complete
        },
        commit: !dry_run,
    };
    let report = import(database, &app::platform::encoding::decode(&bytes), options)
        .await
        .map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
    println!(
        "{} lignes lues : {} valides (dont {} déjà dans le portail), {} rejetées.",
        report.rows, report.valid, report.existing, report.rejected_rows
    );
    for group in &report.rejected {
        let lines: Vec<String> = group.lines.iter().map(u64::to_string).collect();
        println!(
            "  {} ligne(s) — {} : {}",
            group.lines.len(),
            group.reason,
            lines.join(", ")
        );
    }
    if dry_run {
        println!("Vérification seulement : rien n'a été écrit.");
    } else {
        println!(
            "{} membres créés, {} profils complétés.",
            report.imported, report.completed
        );
        // Done from the command line: the actor is the machine's operator.
        let actor = app::platform::audit::Actor {
            email: "portal user import".into(),
            ip: "cli".into(),
            ..Default::default()
        };
        let detail = format!(
            "{} créés, {} complétés, {} rejetés",
            report.imported, report.completed, report.rejected_rows
        );
        app::platform::audit::record(database, &actor, "members_imported", "", &detail)
            .await
            .map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
    }
    Ok(())
}

/// A command-line message for a service error.
fn describe(err: &app::platform::error::AppError) -> String {
    match err {
        app::platform::error::AppError::Validation { fields } => fields
            .iter()
            .map(|f| format!("{} : {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        app::platform::error::AppError::Conflict { message } => message.clone(),
        app::platform::error::AppError::NotFound => "compte introuvable".into(),
        other => other.to_string(),
    }
}
