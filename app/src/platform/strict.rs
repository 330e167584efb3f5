//! Unknown fields are refused: every endpoint's body must name only the
//! function's arguments. `#[api]` registers each endpoint here (its path and
//! the check of its arguments), so no list is kept by hand; a test compares
//! the registrations with the server functions Leptos registered.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// One endpoint of the API, as `#[api]` registers it.
pub struct Endpoint {
    pub path: &'static str,
    /// Callable signed out (sign-in, links); the others want a session
    /// before their body is read.
    pub public: bool,
    pub unknown_fields: fn(&Value) -> Vec<String>,
}

inventory::collect!(Endpoint);

/// The keys of `body` that `T` does not know. A body that does not
/// parse is left to the server function, which says why.
pub fn unknown<T: DeserializeOwned + Serialize>(body: &Value) -> Vec<String> {
    let Some(given) = body.as_object() else {
        return Vec::new();
    };
    let Ok(parsed) = serde_json::from_value::<T>(body.clone()) else {
        return Vec::new();
    };
    let known = serde_json::to_value(&parsed).unwrap_or_default();
    given
        .keys()
        .filter(|k| known.get(k.as_str()).is_none())
        .cloned()
        .collect()
}

fn by_path() -> &'static HashMap<&'static str, &'static Endpoint> {
    static MAP: OnceLock<HashMap<&'static str, &'static Endpoint>> = OnceLock::new();
    MAP.get_or_init(|| inventory::iter::<Endpoint>().map(|e| (e.path, e)).collect())
}

/// Fields of `body` unknown to the endpoint at `path`.
pub fn unknown_fields(path: &str, body: &Value) -> Vec<String> {
    by_path()
        .get(path)
        .map(|e| (e.unknown_fields)(body))
        .unwrap_or_default()
}

/// True for an endpoint callable signed out.
pub fn is_public(path: &str) -> bool {
    by_path().get(path).is_some_and(|e| e.public)
}

/// Every endpoint of the API.
pub fn paths() -> Vec<&'static str> {
    by_path().keys().copied().collect()
}
