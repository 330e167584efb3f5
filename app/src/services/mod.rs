//! Plain service functions over the database handle: everything the server
//! functions do, testable without HTTP. Only compiled with `ssr`.

pub mod accounts;
pub mod audit;
pub mod directory;
pub mod import;
pub mod links;
pub mod mail;
pub mod members;
pub mod missions;
pub mod needs;
pub mod profiles;
pub mod settings;
pub mod support;
pub mod throttle;
pub mod totp;

use serde::de::DeserializeOwned;
use surrealdb::engine::any::Any;
use surrealdb::IndexedResults;
use surrealdb::Surreal;

use crate::error::AppError;

/// The database handle, cheap to clone (one shared connection).
pub type Db = Surreal<Any>;

impl From<surrealdb::Error> for AppError {
    fn from(err: surrealdb::Error) -> Self {
        // The details stay in the server log; the caller only learns it failed.
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
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

/// A count from `SELECT count() AS n … GROUP ALL` (no row means zero).
pub fn count(resp: &mut IndexedResults, index: usize) -> Result<u64, AppError> {
    #[derive(serde::Deserialize)]
    struct Count {
        n: u64,
    }
    Ok(first::<Count>(resp, index)?.map_or(0, |c| c.n))
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
