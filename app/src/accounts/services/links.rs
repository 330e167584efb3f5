//! One-time links: invitations (an administrator invites an address with
//! roles; the invited person sets a password) and password resets. Only the
//! hash of a link's token is stored; a link works once, until it expires.

use std::time::Duration;

use serde::Deserialize;

use crate::accounts::services::{accounts, passwords};
use crate::platform::said::said;

use crate::accounts::model::{CurrentUser, OneTimeLink, Role};
use crate::accounts::services::accounts::{new_token, token_hash, NewUser};
use crate::platform::audit;
use crate::platform::audit::Actor;
use crate::platform::db::{first, Db};
use crate::platform::error::{validated, AppError, FieldError};
use crate::platform::outbox::{enqueue, Message, OutboxConfig, Source};

pub const INVITATION_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);
pub const RESET_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// Where links point: `<public url>/invitation/<token>` and `<public url>/reinitialisation/<token>`.
fn link(public_url: &str, path: &str, token: &str) -> String {
    format!("{}/{path}/{token}", public_url.trim_end_matches('/'))
}

struct NewLink<'a> {
    kind: &'static str,
    email: &'a str,
    display_name: &'a str,
    roles: Vec<String>,
    lifetime: Duration,
}

/// Records a link; `by` is the administrator who issued it (none when the
/// member asked for it). A new reset link voids the older ones of the address.
async fn create(db: &Db, by: Option<&CurrentUser>, new: NewLink<'_>) -> Result<(String, String), AppError> {
    let token = new_token();
    // Marking the account touches the directory's change counter, which
    // other writes race for: the loser writes again.
    let mut resp = crate::platform::db::retry_on_conflict(|| async {
        Ok(db
            .query(
                "IF $kind = 'reset' { UPDATE account_token SET used_at = time::now()
                 WHERE email = $email AND kind = 'reset' AND used_at = NONE RETURN NONE };
             CREATE ONLY account_token CONTENT {
                kind: $kind, token_hash: $hash, email: $email, display_name: $name, roles: $roles,
                created_by: IF $by = NONE OR $by = NULL { NONE } ELSE { type::record('user', $by) },
                expires_at: time::now() + $lifetime
            } RETURN VALUE <string> expires_at;
             -- The account shows as invited while its newest link is valid.
             IF $kind = 'reset' { UPDATE user SET link_expires_at = time::now() + $lifetime
                 WHERE email = $email RETURN NONE };",
            )
            .bind(("kind", new.kind))
            .bind(("hash", token_hash(&token)))
            .bind(("email", new.email.to_string()))
            .bind(("name", new.display_name.to_string()))
            .bind(("roles", new.roles.clone()))
            .bind(("by", by.map(|u| u.id.clone())))
            .bind(("lifetime", new.lifetime))
            .await?
            .check()?)
    })
    .await?;
    let expires: Option<String> = resp.take(1)?;
    Ok((token, expires.unwrap_or_default()))
}

#[derive(Deserialize)]
struct LinkRow {
    email: String,
    display_name: String,
    roles: Vec<String>,
}

/// Marks the link used and returns what it carries, in one statement, so
/// that two uses at once cannot both succeed.
async fn consume(db: &Db, kind: &str, token: &str) -> Result<LinkRow, AppError> {
    let mut resp = db
        .query(
            "UPDATE account_token SET used_at = time::now()
                 WHERE token_hash = $hash AND kind = $kind AND used_at = NONE AND expires_at > time::now()
                 RETURN BEFORE",
        )
        .bind(("hash", token_hash(token)))
        .bind(("kind", kind.to_string()))
        .await?
        .check()?;
    first::<LinkRow>(&mut resp, 0)?.ok_or_else(|| {
        AppError::field(
            "token",
            "invalid",
            &said(
                "Ce lien n'est plus valable : demandez-en un nouveau.",
                "This link is no longer valid: ask for a new one.",
            ),
        )
    })
}

/// Who asks for a link, from where, and how the portal reaches people.
pub struct Issuer<'a> {
    pub by: &'a CurrentUser,
    pub ip: &'a str,
    pub public_url: &'a str,
    /// Mail goes out (a mail server is configured).
    pub mail: bool,
}

/// Queues a mail holding a link that the administrator also sees: its body
/// is erased from the outbox once delivered. True when it will be mailed.
async fn mail_link(
    db: &Db,
    issuer: &Issuer<'_>,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<bool, AppError> {
    if !issuer.mail {
        return Ok(false);
    }
    let message = Message {
        secret: true,
        ..Message::mail(Source::Accounts, to, subject, body)
    };
    enqueue(db, vec![message]).await?;
    Ok(true)
}

/// Invites `email` with `roles`; 409 when an account already uses the address.
pub async fn invite(
    db: &Db,
    issuer: &Issuer<'_>,
    email: &str,
    display_name: &str,
    roles: &[Role],
) -> Result<OneTimeLink, AppError> {
    let by = issuer.by;
    let email = accounts::normalize_email(email);
    let mut errors: Vec<FieldError> = Vec::new();
    accounts::check_email(&mut errors, &email);
    accounts::check_display_name(&mut errors, display_name);
    validated(errors)?;
    if accounts::email_exists(db, &email).await? {
        return Err(accounts::address_taken());
    }
    let codes: Vec<String> = roles.iter().map(|r| r.code().to_string()).collect();
    let (token, expires_at) = create(
        db,
        Some(by),
        NewLink {
            kind: "invitation",
            email: &email,
            display_name: display_name.trim(),
            roles: codes.clone(),
            lifetime: INVITATION_LIFETIME,
        },
    )
    .await?;
    audit::record(
        db,
        &Actor::user(by, issuer.ip),
        "invitation",
        &email,
        &codes.join(","),
    )
    .await?;
    let url = link(issuer.public_url, "invitation", &token);
    let body = format!(
        "Bonjour {},\n\n{} vous invite sur le Portail des Shifters.\nChoisissez votre mot de passe avec ce lien (valable 7 jours, une seule fois) :\n\n{url}\n",
        display_name.trim(),
        by.display_name
    );
    let mailed = mail_link(
        db,
        issuer,
        &email,
        "Votre invitation au Portail des Shifters",
        &body,
    )
    .await?;
    Ok(OneTimeLink {
        url,
        expires_at,
        mailed,
    })
}

/// The invited person chooses a password: the account is created and signed in.
pub async fn accept_invitation(
    db: &Db,
    token: &str,
    password: &str,
    ip: &str,
) -> Result<(String, CurrentUser), AppError> {
    // Check the password first: a refused password must not use up the link.
    passwords::check_password_strength(password)?;
    let invitation = consume(db, "invitation", token).await?;
    let roles: Vec<Role> = invitation
        .roles
        .iter()
        .filter_map(|c| Role::from_code(c))
        .collect();
    accounts::create_user(
        db,
        NewUser {
            email: invitation.email.clone(),
            display_name: invitation.display_name,
            roles,
            password: password.into(),
        },
    )
    .await?;
    let (session, user) = accounts::sign_in_new(db, &invitation.email, ip).await?;
    audit::record(
        db,
        &Actor::user(&user, ip),
        "invitation_accepted",
        &user.email,
        "",
    )
    .await?;
    Ok((session, user))
}

/// A password-reset link for an account, issued by an administrator.
pub async fn reset_link(db: &Db, issuer: &Issuer<'_>, user_id: &str) -> Result<OneTimeLink, AppError> {
    let by = issuer.by;
    let email = accounts::email_of(db, user_id).await?;
    let (token, expires_at) = create(
        db,
        Some(by),
        NewLink {
            kind: "reset",
            email: &email,
            display_name: "",
            roles: vec![],
            lifetime: RESET_LIFETIME,
        },
    )
    .await?;
    audit::record(db, &Actor::user(by, issuer.ip), "reset_link", &email, "").await?;
    let url = link(issuer.public_url, "reinitialisation", &token);
    let mailed = mail_link(db, issuer, &email, &reset_subject(), &reset_body(&url)).await?;
    Ok(OneTimeLink {
        url,
        expires_at,
        mailed,
    })
}

/// Sets a new password through a reset link; every session of the account ends.
pub async fn reset_password(db: &Db, token: &str, password: &str, ip: &str) -> Result<(), AppError> {
    passwords::check_password_strength(password)?;
    let reset = consume(db, "reset", token).await?;
    accounts::set_password(db, &reset.email, password).await?;
    let actor = Actor {
        user_id: None,
        email: reset.email.clone(),
        ip: ip.to_string(),
    };
    audit::record(db, &actor, "password_changed", &reset.email, "reset link").await?;
    Ok(())
}

/// The password link's mail, in the language of whoever asked for it (the
/// member on the sign-in page, or the administrator sending it).
fn reset_subject() -> String {
    said(
        "Choisir votre mot de passe du Portail des Shifters",
        "Choose your password for the Shifters Portal",
    )
}

/// The same mail's body, `{lien}` standing for the link until it leaves.
fn reset_template() -> String {
    said(
        "Bonjour,\n\nChoisissez votre mot de passe pour le Portail des Shifters avec ce lien (valable 24 heures, une seule fois) :\n\n{lien}\n\nSi vous n'avez rien demandé, ignorez ce message : votre compte ne change pas.\n",
        "Hello,\n\nChoose your password for the Shifters Portal with this link (valid for 24 hours, once):\n\n{lien}\n\nIf you did not ask for anything, ignore this message: your account does not change.\n",
    )
}

fn reset_body(url: &str) -> String {
    reset_template().replace("{lien}", url)
}

/// Someone asks, from the sign-in page, for a link to choose a password
/// (first sign-in of an imported member, or a forgotten password). The
/// answer, and its timing, are the same whether or not the address has an
/// account or a password: the mail is queued in the background, and its
/// link is made when it leaves. Counted like a sign-in attempt, per address
/// and per client address.
pub async fn request_access(db: &Db, email: &str, ip: &str, outbox: &OutboxConfig) -> Result<(), AppError> {
    let email = accounts::normalize_email(email);
    let mut errors = Vec::new();
    accounts::check_email(&mut errors, &email);
    validated(errors)?;
    crate::platform::throttle::attempt(
        db,
        crate::platform::throttle::Guarded::AccessLink { email: &email },
        ip,
    )
    .await?;
    let actor = Actor {
        user_id: None,
        email: email.clone(),
        ip: ip.to_string(),
    };
    audit::record(db, &actor, "access_link_requested", &email, "").await?;
    if outbox.mailer.is_none() {
        tracing::warn!("an access link was asked for, but no mail server is configured (PORTAL_SMTP_URL)");
        return Ok(());
    }
    let (db, wake) = (db.clone(), outbox.wake.clone());
    tokio::spawn(async move {
        let queued = async {
            if accounts::is_active(&db, &email).await? {
                enqueue(
                    &db,
                    vec![access_mail(
                        Source::Accounts,
                        &email,
                        &reset_subject(),
                        &reset_template(),
                    )],
                )
                .await?;
                wake.notify_one();
            }
            Ok::<(), AppError>(())
        };
        if let Err(err) = queued.await {
            tracing::error!(error = %err, "access link not queued");
        }
    });
    Ok(())
}

/// A mail whose `{lien}` becomes a one-time link to choose a password,
/// made when the mail leaves.
pub fn access_mail(source: Source, to: &str, subject: &str, body: &str) -> Message {
    Message {
        link_for: Some(to.to_string()),
        ..Message::mail(source, to, subject, body)
    }
}

/// Makes the link of an access mail as it leaves: valid 7 days for a bulk
/// invitation (the queue may be long), 24 hours otherwise. None when the
/// address has no active account any more.
pub async fn mint_access_link(
    db: &Db,
    email: &str,
    public_url: &str,
    invitation: bool,
) -> Result<Option<String>, AppError> {
    if !accounts::is_active(db, email).await? {
        return Ok(None);
    }
    let (token, _) = create(
        db,
        None,
        NewLink {
            kind: "reset",
            email,
            display_name: "",
            roles: vec![],
            lifetime: if invitation {
                INVITATION_LIFETIME
            } else {
                RESET_LIFETIME
            },
        },
    )
    .await?;
    Ok(Some(link(public_url, "reinitialisation", &token)))
}
