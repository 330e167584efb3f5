//! The browser's side of the API: each endpoint is one POST of its arguments
//! as JSON (see the `#[api]` attribute). The request itself is one shared,
//! non-generic function, so an endpoint adds only its own (de)serialisers to
//! the bundle. The server build compiles the same calls as errors: it never
//! makes them.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::platform::error::AppError;

/// Calls the endpoint at `path` with `args`; its answer, or its error.
pub async fn call<T: DeserializeOwned>(path: &str, args: &impl Serialize) -> Result<T, AppError> {
    let body = serde_json::to_string(args).map_err(|_| AppError::Internal)?;
    let text = answer(send_json(path, body, false)?).await?;
    serde_json::from_str(&text).map_err(|e| AppError::Network {
        message: e.to_string(),
    })
}

/// A request under way (the browser's fetch promise).
pub struct Pending {
    #[cfg(feature = "csr")]
    promise: js_sys::Promise,
}

/// Starts a POST of `body` as JSON at once. With `keepalive`, the browser
/// completes it even once the page is gone (it still carries the session
/// cookie and the page's origin, as the server's checks want).
pub fn send_json(path: &str, body: String, keepalive: bool) -> Result<Pending, AppError> {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsValue;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(&body));
        let headers = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into());
        let _ = js_sys::Reflect::set(&headers, &"Accept".into(), &"application/json".into());
        if keepalive {
            // Not among web-sys' setters.
            let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
        }
        send(path, &init, &headers)
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = (path, body, keepalive);
        Err(AppError::Internal)
    }
}

/// Starts a request to `path` as `init` describes it, with `headers` and
/// the language the page shows: what the server writes for the member
/// (errors, notifications, later mails) follows it.
#[cfg(feature = "csr")]
pub fn send(path: &str, init: &web_sys::RequestInit, headers: &js_sys::Object) -> Result<Pending, AppError> {
    let window = web_sys::window().ok_or(AppError::Internal)?;
    let shown = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("lang"));
    if let Some(lang) = shown {
        let _ = js_sys::Reflect::set(headers, &"Accept-Language".into(), &lang.into());
    }
    init.set_headers(headers);
    Ok(Pending {
        promise: window.fetch_with_str_and_init(path, init),
    })
}

/// The text of a successful answer; for any other, the server's `AppError`
/// (or one told by the status when the body is not ours, from a proxy say).
pub async fn answer(pending: Pending) -> Result<String, AppError> {
    #[cfg(feature = "csr")]
    {
        let response: web_sys::Response = wasm_bindgen::JsCast::unchecked_into(wait(pending.promise).await?);
        let text = match response.text() {
            Ok(promise) => wait(promise).await?.as_string().unwrap_or_default(),
            Err(_) => String::new(),
        };
        if response.ok() {
            return Ok(text);
        }
        Err(serde_json::from_str(&text).unwrap_or_else(|_| by_status(response.status())))
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = pending;
        Err(AppError::Internal)
    }
}

/// Awaits a browser promise; a rejection is a network error.
#[cfg(feature = "csr")]
pub async fn wait(promise: js_sys::Promise) -> Result<wasm_bindgen::JsValue, AppError> {
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| AppError::Network {
            message: e.as_string().unwrap_or_else(|| "fetch".into()),
        })
}

#[cfg(feature = "csr")]
fn by_status(status: u16) -> AppError {
    match status {
        401 => AppError::Unauthorized,
        403 => AppError::Forbidden,
        404 => AppError::NotFound,
        413 => AppError::PayloadTooLarge,
        429 => AppError::TooManyRequests { retry_after_secs: 0 },
        500..=501 => AppError::Internal,
        _ => AppError::Network {
            message: format!("HTTP {status}"),
        },
    }
}
