//! Passwords: hashing with Argon2id off the async workers, checking in
//! constant time, and the strength rules.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::platform::error::AppError;
use crate::platform::said::said;

pub const MIN_PASSWORD_CHARS: usize = 12;

/// Argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Argon2 takes about 19 MiB and tens of milliseconds of a core: it runs on
/// the blocking pool, one at a time per core, so that a burst of sign-ins
/// neither stalls the async workers nor piles up memory.
async fn on_argon2_pool<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let permits = PERMITS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _permit = permits.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|err| {
        tracing::error!(error = %err, "password hashing task failed");
        AppError::Internal
    })
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|err| {
            tracing::error!(error = %err, "password hashing failed");
            AppError::Internal
        })
}

pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    on_argon2_pool(move || hash_now(&password)).await?
}

/// Whether a stored hash can be verified at all (imported and erased
/// accounts have none).
pub fn is_usable_hash(hash: &str) -> bool {
    PasswordHash::new(hash).is_ok()
}

/// Verifies `password` against an account's hash. Without a usable hash
/// (unknown address, imported or erased account) it verifies against a
/// dummy one and fails, so that every failure takes the same time.
pub async fn verify_password(hash: Option<&str>, password: &str) -> Result<bool, AppError> {
    let hash = hash.filter(|h| is_usable_hash(h)).map(str::to_owned);
    let password = password.to_owned();
    on_argon2_pool(move || {
        let real = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash().to_owned());
        let matches = PasswordHash::new(&hash)
            .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        matches && real
    })
    .await
}

/// The hash verified when there is no real one.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_now("not-a-real-password").expect("hashing works"))
}

pub fn check_password_strength(password: &str) -> Result<(), AppError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::field(
            "password",
            "too_short",
            &said(
                format!("Le mot de passe doit compter au moins {MIN_PASSWORD_CHARS} caractères."),
                format!("The password must have at least {MIN_PASSWORD_CHARS} characters."),
            ),
        ));
    }
    if is_common_password(password) {
        return Err(AppError::field(
            "password",
            "too_common",
            &said(
                "Ce mot de passe est trop courant : choisissez-en un autre.",
                "This password is too common: choose another one.",
            ),
        ));
    }
    Ok(())
}

/// True for a password from the shipped list of common passwords.
pub fn is_common_password(password: &str) -> bool {
    static LIST: &str = include_str!("common_passwords.txt");
    let lower = password.trim().to_lowercase();
    LIST.lines().filter(|l| !l.starts_with('#')).any(|l| l == lower)
}
