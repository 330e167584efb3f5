//! Sign-in throttling, kept in the database so that every `portal serve`
//! process counts the same failures.
//!
//! Within 15 minutes, from the 5th failure for one account (or the 20th from
//! one address) each further attempt waits, and the wait doubles with every
//! new failure: 1, 2, 4… minutes, up to 15.

use serde::Deserialize;

use crate::platform::db::{first, Db};
use crate::platform::error::AppError;

const WINDOW_SECS: i64 = 15 * 60;
const PER_ACCOUNT: i64 = 5;
const PER_ADDRESS: i64 = 20;
const FIRST_DELAY_SECS: i64 = 60;

#[derive(Deserialize)]
struct Failures {
    account: i64,
    address: i64,
    /// Seconds since the last failure (for the account, else the address).
    account_since_last: Option<i64>,
    address_since_last: Option<i64>,
}

fn wait_for(failures: i64, threshold: i64, since_last: Option<i64>) -> i64 {
    if failures < threshold {
        return 0;
    }
    let doublings = (failures - threshold).min(4) as u32;
    let delay = (FIRST_DELAY_SECS * 2_i64.pow(doublings)).min(WINDOW_SECS);
    (delay - since_last.unwrap_or(0)).max(0)
}

/// 429 with the seconds to wait, when this account or address tried too often.
pub async fn check(db: &Db, email: &str, ip: &str) -> Result<(), AppError> {
    let mut resp = db
        .query(
            "LET $since = time::now() - <duration>$window;
             LET $acc = SELECT VALUE at FROM login_failure WHERE email = $email AND at > $since;
             LET $adr = SELECT VALUE at FROM login_failure WHERE ip = $ip AND at > $since;
             RETURN {
                 account: array::len($acc),
                 address: array::len($adr),
                 account_since_last: IF array::len($acc) > 0 { duration::secs(time::now() - array::max($acc)) } ELSE { NONE },
                 address_since_last: IF array::len($adr) > 0 { duration::secs(time::now() - array::max($adr)) } ELSE { NONE }
             };",
        )
        .bind(("window", format!("{WINDOW_SECS}s")))
        .bind(("email", email.to_string()))
        .bind(("ip", ip.to_string()))
        .await?
        .check()?;
    let Some(f) = first::<Failures>(&mut resp, 3)? else {
        return Ok(());
    };
    let wait = wait_for(f.account, PER_ACCOUNT, f.account_since_last).max(wait_for(
        f.address,
        PER_ADDRESS,
        f.address_since_last,
    ));
    if wait > 0 {
        Err(AppError::TooManyRequests {
            retry_after_secs: wait as u64,
        })
    } else {
        Ok(())
    }
}

pub async fn record_failure(db: &Db, email: &str, ip: &str) -> Result<(), AppError> {
    db.query("CREATE login_failure CONTENT { email: $email, ip: $ip }; DELETE login_failure WHERE at < time::now() - 1d;")
        .bind(("email", email.to_string()))
        .bind(("ip", ip.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// A successful sign-in forgets the account's failures.
pub async fn clear(db: &Db, email: &str) -> Result<(), AppError> {
    db.query("DELETE login_failure WHERE email = $email")
        .bind(("email", email.to_string()))
        .await?
        .check()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::wait_for;

    #[test]
    fn the_wait_grows_with_each_failure() {
        assert_eq!(wait_for(4, 5, Some(0)), 0);
        assert_eq!(wait_for(5, 5, Some(0)), 60);
        assert_eq!(wait_for(6, 5, Some(0)), 120);
        assert_eq!(wait_for(7, 5, Some(30)), 210);
        assert_eq!(wait_for(50, 5, Some(0)), 900);
        assert_eq!(wait_for(5, 5, Some(61)), 0);
    }
}
