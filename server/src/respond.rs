//! How the HTTP layer answers for the portal: an `AppError` as its JSON body
//! and status, and the cross-site check. Shared by the API (http.rs) and the
//! plain routes (photos.rs, exports.rs).

use app::accounts::model::CurrentUser;
use app::platform::context::{require_in, AppState};
use app::platform::error::AppError;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// A call from another site: the browser says so (`Sec-Fetch-Site`), or its
/// `Origin` is none of the portal's own. The request's `Host` is never
/// trusted for this: the caller writes it.
pub fn is_cross_site(headers: &axum::http::HeaderMap, origins: &[String]) -> bool {
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return true;
    }
    headers
        .get(axum::http::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|origin| !origins.iter().any(|o| o.eq_ignore_ascii_case(origin)))
}

pub fn error_response(err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(err).unwrap_or_else(|_| r#"{"error":"internal"}"#.into());
    let mut res = (status, [(CONTENT_TYPE, "application/json")], body).into_response();
    if let AppError::TooManyRequests { retry_after_secs } = err {
        res.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(*retry_after_secs));
    }
    res
}

/// A plain route's answer: its response, or its error as JSON.
pub fn answer(result: Result<Response, AppError>) -> Response {
    result.unwrap_or_else(|err| error_response(&err))
}

/// The guard of the plain routes, before any work: called from the
/// portal's own pages, and signed in.
pub async fn caller(state: &AppState, headers: &axum::http::HeaderMap) -> Result<CurrentUser, AppError> {
    if is_cross_site(headers, &state.settings.origins) {
        return Err(AppError::Forbidden);
    }
    require_in(state, headers, &[]).await
}
