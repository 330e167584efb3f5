//! Query strings the pages build (filters in the address, data links).

use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `path`, then `?a&b` when there are parameters.
pub fn with_query(path: &str, params: &[String]) -> String {
    match params.is_empty() {
        true => path.to_string(),
        false => format!("{path}?{}", params.join("&")),
    }
}

/// Changes the address without the router (the visitor's pages have none):
/// a new history entry, or in place when `replace`.
pub fn set_address(path: &str, replace: bool) {
    #[cfg(feature = "csr")]
    if let Ok(history) = leptos::prelude::window().history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = match replace {
            true => history.replace_state_with_url(&state, "", Some(path)),
            false => history.push_state_with_url(&state, "", Some(path)),
        };
    }
    #[cfg(not(feature = "csr"))]
    let _ = (path, replace);
}

/// Rewrites the address in place (no new history entry, no scroll): how a
/// page keeps its filters in the address.
pub fn use_replace_url() -> impl Fn(&str) + Clone + Send + Sync + 'static {
    let navigate = use_navigate();
    move |url| {
        navigate(
            url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_accents_and_spaces() {
        assert_eq!(encode("Île de"), "%C3%8Ele%20de");
    }
}
