//! Database helpers every feature's services use: the shared handle, the
//! checks of a response, the retry of a conflicting write, row decoding.

use std::future::Future;
use std::ops::Deref;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use surrealdb::engine::any::Any;
use surrealdb::method::Query;
use surrealdb::opt::QueryResult;
use surrealdb::types::SurrealValue;
use surrealdb::IndexedResults;
use surrealdb::Surreal;

use crate::platform::error::{AppError, ConcurrentWrite};

/// The database handle, cheap to clone. Cloning a `Surreal` handle opens a
/// new SurrealDB session, and on a server every new session signs in again
/// (an Argon2 check, hundreds of milliseconds): the portal shares one.
#[derive(Clone, Debug)]
pub struct Db(Arc<Surreal<Any>>);

impl Db {
    pub fn new(connection: Surreal<Any>) -> Db {
        Db(Arc::new(connection))
    }
}

impl Deref for Db {
    type Target = Surreal<Any>;

    fn deref(&self) -> &Surreal<Any> {
        &self.0
    }
}

/// SurrealDB refuses a transaction that raced a concurrent one on the same
/// keys (optimistic concurrency); the whole transaction can run again.
pub fn is_write_conflict(err: &surrealdb::Error) -> bool {
    err.query_details() == Some(&surrealdb::types::QueryError::TransactionConflict)
        || err.message().contains("can be retried")
}

impl From<surrealdb::Error> for AppError {
    fn from(err: surrealdb::Error) -> Self {
        if is_write_conflict(&err) {
            return AppError::WriteConflict {
                message: ConcurrentWrite,
            };
        }
        // The details stay in the server log; the caller only learns it failed.
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

/// The error that says why a response failed. Inside a failed transaction
/// all statements report "not executed due to a failed transaction"; the one
/// that says why (a write conflict, which can run again, first) decides.
fn cause(resp: &mut IndexedResults) -> Option<surrealdb::Error> {
    let mut errors: Vec<(usize, surrealdb::Error)> = resp.take_errors().into_iter().collect();
    errors.sort_by_key(|(index, _)| *index);
    let cause = errors
        .iter()
        .position(|(_, err)| is_write_conflict(err))
        .or_else(|| {
            errors
                .iter()
                .position(|(_, err)| !err.message().contains("failed transaction"))
        })
        .unwrap_or(0);
    errors.into_iter().nth(cause).map(|(_, err)| err)
}

/// Checks every statement of a response (see `cause`).
pub fn check_all(mut resp: IndexedResults) -> Result<IndexedResults, AppError> {
    match cause(&mut resp) {
        Some(err) => Err(err.into()),
        None => Ok(resp),
    }
}

/// How a write that checks its own rules failed: the query refused it with
/// `THROW 'code'` (one of a feature's `R`), or the database failed.
pub enum Failed<R> {
    Refused(R),
    Db(surrealdb::Error),
}

impl<R> Failed<R> {
    /// A write that raced a concurrent one and can run again.
    pub fn can_retry(&self) -> bool {
        matches!(self, Failed::Db(err) if is_write_conflict(err))
    }
}

/// Checks a response whose query throws the codes that `refusal` reads
/// (a `code_enum!`'s `from_code`), so that callers match refusals on
/// variants rather than on error texts.
pub fn check_refusals<R>(
    mut resp: IndexedResults,
    refusal: fn(&str) -> Option<R>,
) -> Result<IndexedResults, Failed<R>> {
    let Some(err) = cause(&mut resp) else {
        return Ok(resp);
    };
    // SurrealDB reports `THROW 'x'` as a thrown error saying "An error occurred: x".
    let code = err
        .is_thrown()
        .then(|| err.message().rsplit(": ").next().unwrap_or_default())
        .and_then(refusal);
    Err(code.map_or(Failed::Db(err), Failed::Refused))
}

/// Runs a write transaction again while it collides with concurrent writes
/// to the same records (a shared counter, a popular need), pausing a little
/// longer each time; after a few attempts the caller gets the 409.
pub async fn retry_on_conflict<T, F, Fut>(mut attempt: F) -> Result<T, AppError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    const ATTEMPTS: u32 = 8;
    for n in 1.. {
        match attempt().await {
            Err(AppError::WriteConflict { .. }) if n < ATTEMPTS => {
                // Spread the retries so that the racers do not collide again.
                let pause = 2u64.pow(n) + u64::from(rand::random::<u8>() % 8);
                tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
            }
            other => return other,
        }
    }
    unreachable!("the loop returns")
}

/// Reads statement `index` as rows of `T` (database rows are plain serde
/// structs, separate from the DTOs sent to the browser).
pub fn rows<T: DeserializeOwned>(resp: &mut IndexedResults, index: usize) -> Result<Vec<T>, AppError> {
    let values: Vec<serde_json::Value> = resp.take(index)?;
    values
        .into_iter()
        .map(|v| {
            serde_json::from_value(v).map_err(|err| {
                tracing::error!(error = %err, "unexpected row shape");
                AppError::Internal
            })
        })
        .collect()
}

/// The first row of statement `index`, if any.
pub fn first<T: DeserializeOwned>(resp: &mut IndexedResults, index: usize) -> Result<Option<T>, AppError> {
    Ok(rows(resp, index)?.into_iter().next())
}

/// Checks that the write of statement `index` (which returns the ids of the
/// records it changed) changed one at least: else the caller answers `none`.
pub fn changed_or(resp: &mut IndexedResults, index: usize, none: AppError) -> Result<(), AppError> {
    let changed: Vec<String> = resp.take(index)?;
    if changed.is_empty() {
        return Err(none);
    }
    Ok(())
}

/// A count from `SELECT count() AS n … GROUP ALL` (no row means zero).
pub fn count(resp: &mut IndexedResults, index: usize) -> Result<u64, AppError> {
    #[derive(serde::Deserialize)]
    struct Count {
        n: u64,
    }
    Ok(first::<Count>(resp, index)?.map_or(0, |c| c.n))
}

/// A one-statement query run and checked, its result read: the common
/// case (queries of several statements read theirs with `rows(&mut resp, i)`).
pub trait Fetch: Sized + Send {
    fn run(self) -> impl Future<Output = Result<IndexedResults, AppError>> + Send;

    /// Its rows, as `T`.
    fn rows<T: DeserializeOwned>(self) -> impl Future<Output = Result<Vec<T>, AppError>> + Send {
        async { rows(&mut self.run().await?, 0) }
    }

    /// Its first row, if any.
    fn first<T: DeserializeOwned>(self) -> impl Future<Output = Result<Option<T>, AppError>> + Send {
        async { first(&mut self.run().await?, 0) }
    }

    /// Its `count() AS n … GROUP ALL` (zero when no row).
    fn count(self) -> impl Future<Output = Result<u64, AppError>> + Send {
        async { count(&mut self.run().await?, 0) }
    }

    /// What a `SELECT VALUE …` gave (`Option<R>` after `FROM ONLY`, `Vec<R>` otherwise).
    fn value<R>(self) -> impl Future<Output = Result<R, AppError>> + Send
    where
        R: SurrealValue,
        usize: QueryResult<R>,
    {
        async { Ok(self.run().await?.take(0)?) }
    }
}

impl Fetch for Query<'_, Any> {
    async fn run(self) -> Result<IndexedResults, AppError> {
        Ok(self.await?.check()?)
    }
}

/// The year of a stored datetime (`2019-11-02T…`).
pub fn year_of(datetime: Option<&str>) -> Option<i32> {
    datetime.and_then(|d| d.get(0..4)).and_then(|y| y.parse().ok())
}

/// Record keys come from URLs: accept only what our own ids look like,
/// so that a hostile id is a 404, never a query error.
pub fn check_key(key: &str) -> Result<(), AppError> {
    let ok = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
