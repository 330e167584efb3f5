//! Accounts, passwords and sessions.

use std::time::Duration;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{check_key, first, Db};
use crate::error::{check_text, validated, AppError, FieldError};
use crate::models::{CurrentUser, Role};

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

pub const MIN_PASSWORD_CHARS: usize = 12;

/// Argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|err| {
            tracing::error!(error = %err, "password hashing failed");
            AppError::Internal
        })
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A hash to verify against when the e-mail is unknown, so that an unknown
/// address and a wrong password take the same time.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not-a-real-password").expect("hashing works"))
}

pub fn check_password_strength(password: &str) -> Result<(), AppError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::field(
            "password",
            "too_short",
            &format!("Le mot de passe doit compter au moins {MIN_PASSWORD_CHARS} caractères."),
        ));
    }
    Ok(())
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn check_email(errors: &mut Vec<FieldError>, email: &str) {
    check_text(errors, "email", email, true, 254);
    let valid = email
        .split_once('@')
        .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.') && !domain.starts_with('.'));
    if !email.is_empty() && !valid {
        errors.push(FieldError {
            field: "email".into(),
            code: "invalid".into(),
            message: "Adresse e-mail invalide.".into(),
        });
    }
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
    check_text(&mut errors, "display_name", &new.display_name, true, 120);
    validated(errors)?;
    check_password_strength(&new.password)?;
    if find_by_email(db, &email).await?.is_some() {
        return Err(AppError::Conflict {
            message: "Un compte existe déjà avec cette adresse.".into(),
        });
    }
    let hash = hash_password(&new.password)?;
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
                AppError::Conflict {
                    message: "Un compte existe déjà avec cette adresse.".into(),
                }
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
}

impl UserRow {
    fn into_current(self) -> CurrentUser {
        CurrentUser {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            roles: self.roles.iter().filter_map(|r| Role::from_code(r)).collect(),
        }
    }
}

const USER_FIELDS: &str = "record::id(id) AS id, email, display_name, roles, password_hash, active";

async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, AppError> {
    let mut resp = db
        .query(format!(
            "SELECT {USER_FIELDS} FROM user WHERE email = $email LIMIT 1"
        ))
        .bind(("email", normalize_email(email)))
        .await?;
    first(&mut resp, 0)
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Sessions are stored by the hash of their token: a copy of the database
/// does not let anyone sign in.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Checks the credentials and opens a new session (a fresh token each time).
pub async fn login(db: &Db, email: &str, password: &str) -> Result<(String, CurrentUser), AppError> {
    let user = find_by_email(db, email).await?;
    let Some(user) = user else {
        verify_password(dummy_hash(), password);
        return Err(AppError::BadCredentials);
    };
    if !verify_password(&user.password_hash, password) || !user.active {
        return Err(AppError::BadCredentials);
    }
    let token = new_token();
    db.query(
        "CREATE session CONTENT {
            token_hash: $hash, user: type::record('user', $user),
            created_at: time::now(), last_seen: time::now()
        }",
    )
    .bind(("hash", token_hash(&token)))
    .bind(("user", user.id.clone()))
    .await?
    .check()?;
    Ok((token, user.into_current()))
}

/// The account behind a session token, if the session is still alive.
/// Touches the session so that the idle timeout counts from now.
pub async fn user_for_session(
    db: &Db,
    token: &str,
    policy: &SessionPolicy,
) -> Result<Option<CurrentUser>, AppError> {
    if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let mut resp = db
        .query(
            "LET $s = (SELECT * FROM ONLY session WHERE token_hash = $hash
                 AND last_seen > time::now() - $idle
                 AND created_at > time::now() - $absolute LIMIT 1);
             IF $s != NONE { UPDATE $s.id SET last_seen = time::now() };
             SELECT record::id(id) AS id, email, display_name, roles, password_hash, active
                 FROM user WHERE $s != NONE AND id = $s.user AND active = true;",
        )
        .bind(("hash", token_hash(token)))
        .bind(("idle", policy.idle))
        .bind(("absolute", policy.absolute))
        .await?
        .check()?;
    let user: Option<UserRow> = first(&mut resp, 2)?;
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
    let hash = hash_password(password)?;
    db.query(
        "BEGIN;
         UPDATE type::record('user', $id) SET password_hash = $hash;
         DELETE session WHERE user = type::record('user', $id);
         COMMIT;",
    )
    .bind(("id", user.id))
    .bind(("hash", hash))
    .await?
    .check()?;
    Ok(())
}

/// Deactivates an account: it can no longer sign in, and its sessions end now.
pub async fn deactivate(db: &Db, email: &str) -> Result<(), AppError> {
    let user = find_by_email(db, email).await?.ok_or(AppError::NotFound)?;
    db.query(
        "BEGIN;
         UPDATE type::record('user', $id) SET active = false;
         DELETE session WHERE user = type::record('user', $id);
         COMMIT;",
    )
    .bind(("id", user.id))
    .await?
    .check()?;
    Ok(())
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
    let updated: Vec<String> = resp.take(0)?;
    if updated.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// True when the account exists (used by the seed to stay idempotent).
pub async fn email_exists(db: &Db, email: &str) -> Result<bool, AppError> {
    Ok(find_by_email(db, email).await?.is_some())
}
