//! Accounts, passwords and sessions.

use std::time::Duration;

use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::platform::audit;

use crate::accounts::model::{CurrentUser, Role, TotpSetup};
use crate::accounts::services::passwords::{
    check_password_strength, hash_password, is_usable_hash, verify_password,
};
use crate::accounts::services::totp;
use crate::platform::audit::Actor;
use crate::platform::db::{changed_or, check_key, first, rows, Db, Fetch};
use crate::platform::error::{check_text, validated, AppError, FieldError};
use crate::platform::i18n::Lang;
use crate::platform::said::said;
use crate::platform::secrets::SecretKey;
use crate::platform::throttle::{self, Guarded};

/// How long sessions live.
#[derive(Clone, Debug)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::from_secs(8 * 3600),
            absolute: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

/// Another account already signs in with this address.
pub(crate) fn address_taken() -> AppError {
    AppError::Conflict {
        message: said(
            "Un compte existe déjà avec cette adresse.",
            "An account already exists with this address.",
        ),
    }
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// One plain address: `local@domain.tld`, at most 254 characters, nothing a
/// mail program would read as a second recipient or a comment.
pub(crate) fn check_email(errors: &mut Vec<FieldError>, email: &str) {
    check_text(errors, "email", email, true, 254);
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !",;:<>()[]\\\"@".contains(c))
    };
    let valid = email.split_once('@').is_some_and(|(user, domain)| {
        plain(user)
            && user.len() <= 64
            && plain(domain)
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    });
    if !email.is_empty() && email.chars().count() <= 254 && !valid {
        errors.push(FieldError {
            field: "email".into(),
            code: "invalid".into(),
            message: said(
                "Une seule adresse e-mail, de la forme nom@domaine.fr.",
                "A single e-mail address, such as name@domain.org.",
            ),
        });
    }
}

/// Characters that would let a name pass for another: controls, and the
/// invisible marks that reorder or hide text (bidirectional overrides,
/// zero-width characters).
fn is_deceptive(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// A display name: 1 to 120 characters, none of them deceptive.
pub(crate) fn check_display_name(errors: &mut Vec<FieldError>, name: &str) {
    check_text(errors, "display_name", name, true, 120);
    if name.chars().any(is_deceptive) {
        errors.push(FieldError {
            field: "display_name".into(),
            code: "invalid".into(),
            message: said(
                "Le nom contient des caractères invisibles ou de contrôle.",
                "The name contains invisible or control characters.",
            ),
        });
    }
}

/// How names are compared for sameness: case, accents and spacing aside.
fn name_key(name: &str) -> String {
    deunicode::deunicode(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A field error when another account (not `except`) already goes by
/// `name`: a member cannot pass for someone else. (Administrators may still
/// invite or import two people who share a name.)
pub(crate) async fn check_name_free(db: &Db, name: &str, except: Option<&str>) -> Result<(), AppError> {
    let mut resp = db
        .query("SELECT VALUE display_name FROM user WHERE record::id(id) != $except")
        .bind(("except", except.unwrap_or_default().to_string()))
        .await?
        .check()?;
    let names: Vec<String> = resp.take(0)?;
    let key = name_key(name);
    if names.iter().any(|n| name_key(n) == key) {
        return Err(AppError::Validation {
            fields: vec![FieldError {
                field: "display_name".into(),
                code: "taken".into(),
                message: said(
                    "Un autre compte porte déjà ce nom : ajoutez une initiale, par exemple.",
                    "Another account already has this name: add an initial, for example.",
                ),
            }],
        });
    }
    Ok(())
}

#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub password: String,
}

fn role_codes(roles: &[Role]) -> Vec<String> {
    let mut codes: Vec<String> = roles.iter().map(|r| r.code().to_string()).collect();
    // Every account is a member.
    if !codes.iter().any(|c| c == "member") {
        codes.insert(0, "member".into());
    }
    codes.dedup();
    codes
}

/// Creates an account; 409 when the e-mail is already taken.
pub async fn create_user(db: &Db, new: NewUser) -> Result<String, AppError> {
    let email = normalize_email(&new.email);
    let mut errors = Vec::new();
    check_email(&mut errors, &email);
    check_display_name(&mut errors, &new.display_name);
    validated(errors)?;
    check_password_strength(&new.password)?;
    if find_by_email(db, &email).await?.is_some() {
        return Err(address_taken());
    }
    let hash = hash_password(&new.password).await?;
    let mut resp = db
        .query(
            "CREATE ONLY user CONTENT {
                email: $email, display_name: $name, roles: $roles,
                password_hash: $hash, active: true
            } RETURN VALUE record::id(id)",
        )
        .bind(("email", email))
        .bind(("name", new.display_name.trim().to_string()))
        .bind(("roles", role_codes(&new.roles)))
        .bind(("hash", hash))
        .await?
        .check()
        .map_err(|err| {
            // The unique index is the last word when two creations race.
            if err.to_string().contains("already contains") {
                address_taken()
            } else {
                AppError::from(err)
            }
        })?;
    let id: Option<String> = resp.take(0)?;
    id.ok_or(AppError::Internal)
}

#[derive(Debug, Deserialize)]
struct UserRow {
    id: String,
    email: String,
    display_name: String,
    roles: Vec<String>,
    password_hash: String,
    active: bool,
    #[serde(default)]
    totp_enabled: Option<bool>,
    totp_secret: Option<String>,
}

impl UserRow {
    fn into_current(self) -> CurrentUser {
        CurrentUser {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            roles: self.roles.iter().filter_map(|r| Role::from_code(r)).collect(),
            totp_enabled: self.totp_enabled.unwrap_or(false),
        }
    }
}

const USER_FIELDS: &str =
    "record::id(id) AS id, email, display_name, roles, password_hash, active, totp_enabled, totp_secret";

async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, AppError> {
    let mut resp = db
        .query(format!(
            "SELECT {USER_FIELDS} FROM user WHERE email = $email LIMIT 1"
        ))
        .bind(("email", normalize_email(email)))
        .await?;
    first(&mut resp, 0)
}

pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Sessions are stored by the hash of their token: a copy of the database
/// does not let anyone sign in.
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// What a sign-in attempt carries besides the credentials.
#[derive(Clone, Debug)]
pub struct LoginContext {
    /// The second-factor code, when the account uses one.
    pub totp: Option<String>,
    /// The caller's address, for throttling and the audit log.
    pub ip: String,
    /// Opens the stored second-factor secret.
    pub key: SecretKey,
}

/// Checks the credentials (and the second factor) and opens a new session
/// (a fresh token each time). Failures are counted and audited.
pub async fn login(
    db: &Db,
    email: &str,
    password: &str,
    ctx: &LoginContext,
) -> Result<(String, CurrentUser), AppError> {
    let email = normalize_email(email);
    // A malformed address is refused before anything is stored.
    let mut errors = Vec::new();
    check_email(&mut errors, &email);
    validated(errors)?;
    let guarded = Guarded::SignIn { email: &email };
    throttle::attempt(db, guarded, &ctx.ip).await?;
    let failed = |reason: &'static str| {
        let actor = Actor {
            user_id: None,
            email: email.clone(),
            ip: ctx.ip.clone(),
        };
        async move { audit::record(db, &actor, "login_failed", &actor.email, reason).await }
    };
    let user = find_by_email(db, &email).await?;
    let hash = user.as_ref().map(|u| u.password_hash.as_str());
    let has_password = hash.is_some_and(is_usable_hash);
    let matches = verify_password(hash, password).await?;
    let user = match user {
        None => {
            failed("unknown e-mail").await?;
            return Err(AppError::BadCredentials);
        }
        Some(user) if !matches || !user.active => {
            failed(if !user.active {
                "deactivated"
            } else if !has_password {
                "no password yet"
            } else {
                "wrong password"
            })
            .await?;
            return Err(AppError::BadCredentials);
        }
        Some(user) => user,
    };
    if user.totp_enabled == Some(true) {
        let Some(code) = ctx.totp.as_deref().filter(|c| !c.trim().is_empty()) else {
            return Err(AppError::TotpRequired);
        };
        if !use_totp_code(db, &ctx.key, &user, code).await? {
            failed("wrong second-factor code").await?;
            return Err(AppError::field(
                "totp",
                "invalid",
                &said("Code incorrect ou expiré.", "Wrong or expired code."),
            ));
        }
    }
    throttle::succeeded(db, guarded, &ctx.ip).await?;
    session_for(db, user, &ctx.ip).await
}

/// Signs in an account that has just proved who it is another way (its
/// invitation, accepted with a new password).
pub(crate) async fn sign_in_new(db: &Db, email: &str, ip: &str) -> Result<(String, CurrentUser), AppError> {
    let user = find_by_email(db, email).await?.ok_or(AppError::NotFound)?;
    session_for(db, user, ip).await
}

/// A new session for `user`, audited.
async fn session_for(db: &Db, user: UserRow, ip: &str) -> Result<(String, CurrentUser), AppError> {
    let token = open_session(db, &user.id).await?;
    let user = user.into_current();
    audit::record(db, &Actor::user(&user, ip), "login", &user.email, "").await?;
    Ok((token, user))
}

/// A new session, and the account's last sign-in stamped in the same
/// request (the administrators follow the roll-out by it).
async fn open_session(db: &Db, user_id: &str) -> Result<String, AppError> {
    let token = new_token();
    // One transaction, run again if it raced another write to the account
    // (several processes starting, another sign-in): a sign-in never fails
    // for that.
    crate::platform::db::retry_on_conflict(|| async {
        crate::platform::db::check_all(
            db.query(
                "BEGIN;
                 CREATE session CONTENT {
                     token_hash: $hash, user: type::record('user', $user),
                     created_at: time::now(), last_seen: time::now()
                 } RETURN NONE;
                 UPDATE type::record('user', $user) SET last_sign_in_at = time::now() RETURN NONE;
                 COMMIT;",
            )
            .bind(("hash", token_hash(&token)))
            .bind(("user", user_id.to_string()))
            .await?,
        )
    })
    .await?;
    Ok(token)
}

/// The account behind a session token, if the session is still alive.
/// Touches the session so that the idle timeout counts from now, and keeps
/// the language the member reads the portal in (`lang`, when the browser
/// said it) for what is written to them later: written when the session's
/// own language changes, so a request reads nothing more than the session.
pub async fn user_for_session(
    db: &Db,
    token: &str,
    policy: &SessionPolicy,
    lang: Option<Lang>,
) -> Result<Option<CurrentUser>, AppError> {
    if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let mut resp = db
        .query(format!(
            "LET $s = (SELECT * FROM ONLY session WHERE token_hash = $hash
                 AND last_seen > time::now() - $idle
                 AND created_at > time::now() - $absolute LIMIT 1);
             IF $s != NONE AND $s.last_seen < time::now() - $touch {{ UPDATE $s.id SET last_seen = time::now() }};
             IF $s != NONE AND $lang != NONE AND $s.lang != $lang {{
                 UPSERT type::record('member_lang', record::id($s.user)) SET lang = $lang RETURN NONE;
                 UPDATE $s.id SET lang = $lang RETURN NONE;
             }};
             SELECT {USER_FIELDS} FROM user WHERE $s != NONE AND id = $s.user AND active = true;"
        ))
        .bind(("lang", lang.map(Lang::code)))
        .bind(("hash", token_hash(token)))
        .bind(("idle", policy.idle))
        .bind(("absolute", policy.absolute))
        .bind(("touch", (policy.idle / 4).min(std::time::Duration::from_secs(60))))
        .await?;
    // Activity is written at most once a minute, and the language when it
    // changes, so that reading pages stays reading; when simultaneous
    // requests of one session race to write them, the one that loses has
    // nothing to redo.
    const TOUCH: usize = 1;
    const LANGUAGE: usize = 2;
    if let Some((_, err)) = resp
        .take_errors()
        .into_iter()
        .find(|(i, _)| *i != TOUCH && *i != LANGUAGE)
    {
        return Err(err.into());
    }
    let user: Option<UserRow> = first(&mut resp, 3)?;
    Ok(user.map(UserRow::into_current))
}

pub async fn logout(db: &Db, token: &str) -> Result<(), AppError> {
    db.query("DELETE session WHERE token_hash = $hash")
        .bind(("hash", token_hash(token)))
        .await?
        .check()?;
    Ok(())
}

/// Sets a new password and ends every session of the account.
pub async fn set_password(db: &Db, email: &str, password: &str) -> Result<(), AppError> {
    check_password_strength(password)?;
    let user = find_by_email(db, email).await?.ok_or(AppError::NotFound)?;
    let hash = hash_password(password).await?;
    db.query(
        "BEGIN;
         UPDATE type::record('user', $id) SET password_hash = $hash, link_expires_at = NONE;
         DELETE session WHERE user = type::record('user', $id);
         UPDATE account_token SET used_at = time::now() WHERE email = $email AND kind = 'reset' AND used_at = NONE;
         COMMIT;",
    )
    .bind(("id", user.id))
    .bind(("hash", hash))
    .bind(("email", user.email))
    .await?
    .check()?;
    Ok(())
}

/// Deactivates an account: it can no longer sign in, and its sessions end now.
pub async fn deactivate(db: &Db, email: &str) -> Result<(), AppError> {
    let user = find_by_email(db, email).await?.ok_or(AppError::NotFound)?;
    set_active(db, &user.id, false).await
}

/// Turns an account on or off; turning it off ends its sessions at once.
pub async fn set_active(db: &Db, user_id: &str, active: bool) -> Result<(), AppError> {
    check_key(user_id)?;
    let mut resp = db
        .query(
            "BEGIN;
             LET $u = (UPDATE type::record('user', $id) SET active = $active RETURN VALUE record::id(id));
             IF $active = false { DELETE session WHERE user = type::record('user', $id) };
             RETURN $u;
             COMMIT;",
        )
        .bind(("id", user_id.to_string()))
        .bind(("active", active))
        .await?
        .check()?;
    let returned = resp.num_statements() - 2;
    let updated: Vec<String> = resp.take(returned)?;
    if updated.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// What a signed-in member proves and asks when changing their password or
/// second factor.
#[derive(Clone, Debug)]
pub struct SelfService<'a> {
    pub ip: &'a str,
    /// The session making the change: it stays open.
    pub session_token: Option<&'a str>,
    /// End every other session of the account.
    pub sign_out_others: bool,
}

/// Checks the member's current password, each try counted per account
/// before it is verified.
async fn prove_password(
    db: &Db,
    user: &CurrentUser,
    password: &str,
    ip: &str,
    field: &str,
) -> Result<(), AppError> {
    let guarded = Guarded::Password { user_id: &user.id };
    throttle::attempt(db, guarded, ip).await?;
    let row = find_by_email(db, &user.email)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !verify_password(Some(&row.password_hash), password).await? {
        return Err(AppError::field(
            field,
            "invalid",
            &said(
                "Le mot de passe actuel est incorrect.",
                "The current password is wrong.",
            ),
        ));
    }
    throttle::succeeded(db, guarded, ip).await
}

/// Ends the account's sessions but the one making the change.
async fn end_other_sessions(db: &Db, user_id: &str, keep: Option<&str>) -> Result<(), AppError> {
    db.query("DELETE session WHERE user = type::record('user', $id) AND token_hash != $keep")
        .bind(("id", user_id.to_string()))
        .bind(("keep", keep.map(token_hash).unwrap_or_default()))
        .await?
        .check()?;
    Ok(())
}

/// A member changes their own password, proving they know the current one;
/// their other sessions end when they ask (the form proposes it).
pub async fn change_password(
    db: &Db,
    user: &CurrentUser,
    current: &str,
    new: &str,
    how: &SelfService<'_>,
) -> Result<(), AppError> {
    check_password_strength(new)?;
    prove_password(db, user, current, how.ip, "current").await?;
    let hash = hash_password(new).await?;
    // The reset links still out are void once the password changed.
    db.query(
        "UPDATE type::record('user', $id) SET password_hash = $hash, link_expires_at = NONE;
         UPDATE account_token SET used_at = time::now() WHERE email = $email AND kind = 'reset' AND used_at = NONE;",
    )
        .bind(("id", user.id.clone()))
        .bind(("hash", hash))
        .bind(("email", user.email.clone()))
        .await?
        .check()?;
    if how.sign_out_others {
        end_other_sessions(db, &user.id, how.session_token).await?;
    }
    Ok(())
}

/// The e-mail of an account, for the audit log.
pub async fn email_of(db: &Db, user_id: &str) -> Result<String, AppError> {
    check_key(user_id)?;
    let email: Option<String> = db
        .query("SELECT VALUE email FROM ONLY type::record('user', $id)")
        .bind(("id", user_id.to_string()))
        .value()
        .await?;
    email.ok_or(AppError::NotFound)
}

/// Starts the second-factor set-up: a new secret, not yet in force, stored
/// sealed with the server's key.
pub async fn begin_totp(db: &Db, key: &SecretKey, user: &CurrentUser) -> Result<TotpSetup, AppError> {
    if user.totp_enabled {
        return Err(AppError::Conflict {
            message: said(
                "La double authentification est déjà active.",
                "Two-factor authentication is already on.",
            ),
        });
    }
    let secret = totp::new_secret();
    db.query("UPDATE type::record('user', $id) SET totp_secret = $secret, totp_last_step = NONE")
        .bind(("id", user.id.clone()))
        .bind(("secret", key.seal(&secret)))
        .await?
        .check()?;
    Ok(TotpSetup {
        otpauth_uri: totp::otpauth_uri(&secret, &user.email),
        secret,
    })
}

/// Checks a second-factor code and uses it up: each code (its 30-second
/// step) works once per account, so one seen over a shoulder or a proxy
/// cannot be replayed.
async fn use_totp_code(db: &Db, key: &SecretKey, user: &UserRow, code: &str) -> Result<bool, AppError> {
    let Some(secret) = user.totp_secret.as_deref().and_then(|s| key.open(s)) else {
        return Ok(false);
    };
    let Some(step) = totp::matching_step(&secret, code, totp::now()) else {
        return Ok(false);
    };
    let mut resp = db
        .query(
            "UPDATE type::record('user', $id) SET totp_last_step = $step
                 WHERE totp_last_step = NONE OR totp_last_step < $step
                 RETURN VALUE record::id(id)",
        )
        .bind(("id", user.id.clone()))
        .bind(("step", step as i64))
        .await?
        .check()?;
    let used: Vec<String> = resp.take(0)?;
    Ok(!used.is_empty())
}

/// Turns the second factor on, once a valid code proves the app is set up
/// (each try counted per account).
pub async fn enable_totp(
    db: &Db,
    key: &SecretKey,
    user: &CurrentUser,
    code: &str,
    how: &SelfService<'_>,
) -> Result<(), AppError> {
    let guarded = Guarded::SecondFactor { user_id: &user.id };
    throttle::attempt(db, guarded, how.ip).await?;
    let row = find_by_email(db, &user.email)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if row.totp_secret.is_none() {
        return Err(AppError::Conflict {
            message: said(
                "Commencez par configurer la double authentification.",
                "Set up two-factor authentication first.",
            ),
        });
    }
    if !use_totp_code(db, key, &row, code).await? {
        return Err(AppError::field(
            "code",
            "invalid",
            &said("Code incorrect ou expiré.", "Wrong or expired code."),
        ));
    }
    throttle::succeeded(db, guarded, how.ip).await?;
    db.query("UPDATE type::record('user', $id) SET totp_enabled = true")
        .bind(("id", user.id.clone()))
        .await?
        .check()?;
    if how.sign_out_others {
        end_other_sessions(db, &user.id, how.session_token).await?;
    }
    Ok(())
}

/// Turns the second factor off: the member proves it is them with their password.
pub async fn disable_totp(db: &Db, user: &CurrentUser, password: &str, ip: &str) -> Result<(), AppError> {
    prove_password(db, user, password, ip, "password").await?;
    db.query("UPDATE type::record('user', $id) SET totp_enabled = false, totp_secret = NONE, totp_last_step = NONE")
        .bind(("id", user.id.clone()))
        .await?
        .check()?;
    Ok(())
}

/// Seals the second-factor secrets stored before sealing existed (run at start).
pub async fn seal_plain_totp_secrets(db: &Db, key: &SecretKey) -> Result<u64, AppError> {
    #[derive(Deserialize)]
    struct Plain {
        id: String,
        secret: String,
    }
    let mut resp = db
        .query("SELECT record::id(id) AS id, totp_secret AS secret FROM user WHERE totp_secret != NONE AND string::starts_with(totp_secret, $prefix) = false")
        .bind(("prefix", crate::platform::secrets::SEALED_PREFIX))
        .await?
        .check()?;
    let plain: Vec<Plain> = rows(&mut resp, 0)?;
    for p in &plain {
        db.query("UPDATE type::record('user', $id) SET totp_secret = $sealed WHERE totp_secret = $plain")
            .bind(("id", p.id.clone()))
            .bind(("sealed", key.seal(&p.secret)))
            .bind(("plain", p.secret.clone()))
            .await?
            .check()?;
    }
    Ok(plain.len() as u64)
}

/// Replaces the roles of an account.
pub async fn set_roles(db: &Db, user_id: &str, roles: &[Role]) -> Result<(), AppError> {
    check_key(user_id)?;
    let mut resp = db
        .query("UPDATE type::record('user', $id) SET roles = $roles RETURN VALUE record::id(id)")
        .bind(("id", user_id.to_string()))
        .bind(("roles", role_codes(roles)))
        .await?
        .check()?;
    changed_or(&mut resp, 0, AppError::NotFound)
}

/// True when an active account uses this address.
pub async fn is_active(db: &Db, email: &str) -> Result<bool, AppError> {
    Ok(find_by_email(db, email).await?.is_some_and(|u| u.active))
}

/// True when the account exists (used by the seed to stay idempotent).
pub async fn email_exists(db: &Db, email: &str) -> Result<bool, AppError> {
    Ok(find_by_email(db, email).await?.is_some())
}
