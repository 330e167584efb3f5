//! Throttling of guesses (sign-ins, password and second-factor checks), kept
//! in the database so that every `portal serve` process counts the same
//! attempts.
//!
//! An attempt is counted before anything is verified, by one atomic write per
//! counter: guesses sent all at once cannot slip in between a check and the
//! record of their failure. Within 15 minutes, from the 5th attempt on one
//! account (or the 20th from one address) each further attempt waits, and
//! the wait doubles with every new one: 1, 2, 4… minutes, up to 15. A
//! success forgets the account's attempts and gives the address its one back.

use std::net::{IpAddr, Ipv6Addr};

use serde::Deserialize;

use crate::platform::db::{check_all, first, retry_on_conflict, Db};
use crate::platform::error::AppError;

const WINDOW_SECS: i64 = 15 * 60;
const PER_ACCOUNT: i64 = 5;
const PER_ADDRESS: i64 = 20;
/// Photo uploads decode images: a member may send ten in a quarter of an hour.
const PHOTOS_PER_ACCOUNT: i64 = 10;
const PHOTOS_PER_ADDRESS: i64 = 60;
const FIRST_DELAY_SECS: i64 = 60;

/// What is being guessed or spent: a sign-in address, a signed-in account's
/// password or second factor (each counted apart), or the costly decoding
/// of a photo upload.
#[derive(Clone, Copy, Debug)]
pub enum Guarded<'a> {
    SignIn {
        email: &'a str,
    },
    Password {
        user_id: &'a str,
    },
    SecondFactor {
        user_id: &'a str,
    },
    PhotoUpload {
        user_id: &'a str,
    },
    /// A link to choose a password, asked for from the sign-in page.
    AccessLink {
        email: &'a str,
    },
}

impl Guarded<'_> {
    fn key(self) -> String {
        match self {
            Guarded::SignIn { email } => format!("account:{email}"),
            Guarded::Password { user_id } => format!("password:{user_id}"),
            Guarded::SecondFactor { user_id } => format!("totp:{user_id}"),
            Guarded::PhotoUpload { user_id } => format!("photo:{user_id}"),
            Guarded::AccessLink { email } => format!("link:{email}"),
        }
    }

    /// Attempts allowed per account and per address before the waits begin.
    fn limits(self) -> (i64, i64) {
        match self {
            Guarded::PhotoUpload { .. } => (PHOTOS_PER_ACCOUNT, PHOTOS_PER_ADDRESS),
            _ => (PER_ACCOUNT, PER_ADDRESS),
        }
    }

    /// Guesses share one counter per address; uploads have their own.
    fn address_key(self, ip: &str) -> String {
        match self {
            Guarded::PhotoUpload { .. } => format!("photo-{}", address_key(ip)),
            _ => address_key(ip),
        }
    }
}

/// The key of a client address: IPv6 clients are grouped by their /64, the
/// block one subscriber usually holds whole.
fn address_key(ip: &str) -> String {
    let grouped = match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{}/64", Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        Ok(IpAddr::V6(v6)) => v6.to_ipv4_mapped().map(|v4| v4.to_string()).unwrap_or_default(),
        _ => ip.to_string(),
    };
    format!("address:{grouped}")
}

/// The attempts made before this one, and the seconds since the last of them.
#[derive(Deserialize)]
struct Before {
    account: i64,
    address: i64,
    account_since_last: Option<i64>,
    address_since_last: Option<i64>,
}

fn wait_for(before: i64, threshold: i64, since_last: Option<i64>) -> i64 {
    if before < threshold {
        return 0;
    }
    let doublings = (before - threshold).min(4) as u32;
    let delay = (FIRST_DELAY_SECS * 2_i64.pow(doublings)).min(WINDOW_SECS);
    (delay - since_last.unwrap_or(0)).max(0)
}

/// Counts one attempt at `what` from `ip`, then answers 429 with the seconds
/// to wait when that account or address tried too often. Call it before
/// verifying anything.
pub async fn attempt(db: &Db, what: Guarded<'_>, ip: &str) -> Result<(), AppError> {
    // Attempts racing on one counter conflict and run again; a crowd that
    // still collides after that is, by itself, too many at once.
    let before = retry_on_conflict(|| count(db, what, ip))
        .await
        .map_err(|err| match err {
            AppError::WriteConflict { .. } => AppError::TooManyRequests { retry_after_secs: 1 },
            other => other,
        })?;
    let (per_account, per_address) = what.limits();
    let wait = wait_for(before.account, per_account, before.account_since_last).max(wait_for(
        before.address,
        per_address,
        before.address_since_last,
    ));
    if wait > 0 {
        Err(AppError::TooManyRequests {
            retry_after_secs: wait as u64,
        })
    } else {
        Ok(())
    }
}

/// Counts the attempt on both counters; answers what came before it.
async fn count(db: &Db, what: Guarded<'_>, ip: &str) -> Result<Before, AppError> {
    // Each UPSERT is one atomic write: parallel attempts each see the ones
    // counted before them. A counter idle for the whole window starts again.
    let resp = db
        .query(
            "LET $since = time::now() - <duration>$window;
             LET $a = (UPSERT ONLY type::record('login_attempt', $account) SET
                 n = IF last_at > $since { n + 1 } ELSE { 1 }, prev_at = last_at, last_at = time::now());
             LET $b = (UPSERT ONLY type::record('login_attempt', $address) SET
                 n = IF last_at > $since { n + 1 } ELSE { 1 }, prev_at = last_at, last_at = time::now());
             DELETE login_attempt WHERE last_at < time::now() - 1d;
             RETURN {
                 account: $a.n - 1,
                 address: $b.n - 1,
                 account_since_last: IF $a.n > 1 { duration::secs(time::now() - $a.prev_at) } ELSE { NONE },
                 address_since_last: IF $b.n > 1 { duration::secs(time::now() - $b.prev_at) } ELSE { NONE }
             };",
        )
        .bind(("window", format!("{WINDOW_SECS}s")))
        .bind(("account", what.key()))
        .bind(("address", what.address_key(ip)))
        .await?;
    first::<Before>(&mut check_all(resp)?, 4)?.ok_or(AppError::Internal)
}

/// A success: the account's attempts are forgotten and the address gets
/// this one back (many members sign in from one office network).
pub async fn succeeded(db: &Db, what: Guarded<'_>, ip: &str) -> Result<(), AppError> {
    // Idempotent, so run again if it raced another attempt's write.
    retry_on_conflict(|| async {
        check_all(
            db.query(
                "DELETE type::record('login_attempt', $account);
                 UPDATE type::record('login_attempt', $address) SET n = math::max([n - 1, 0]);",
            )
            .bind(("account", what.key()))
            .bind(("address", what.address_key(ip)))
            .await?,
        )
    })
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{address_key, wait_for};

    #[test]
    fn the_wait_grows_with_each_attempt() {
        assert_eq!(wait_for(4, 5, Some(0)), 0);
        assert_eq!(wait_for(5, 5, Some(0)), 60);
        assert_eq!(wait_for(6, 5, Some(0)), 120);
        assert_eq!(wait_for(7, 5, Some(30)), 210);
        assert_eq!(wait_for(50, 5, Some(0)), 900);
        assert_eq!(wait_for(5, 5, Some(61)), 0);
    }

    #[test]
    fn ipv6_clients_are_grouped_by_their_64() {
        assert_eq!(
            address_key("2001:db8:1:2:aaaa::1"),
            address_key("2001:db8:1:2:bbbb::9")
        );
        assert_ne!(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:3::1"));
        assert_eq!(address_key("::ffff:192.0.2.7"), "address:192.0.2.7");
        assert_eq!(address_key("192.0.2.7"), "address:192.0.2.7");
    }
}
