//! The HTTP service: the API (Leptos server functions), the health check and
//! the built front end, with the layers every response goes through.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use app::directory::api::profiles::ImportMembers;
use app::directory::model::IMPORT_MAX_BYTES;
use app::platform::context::AppState;
use app::platform::error::{AppError, FieldError};
use app::platform::said::{answering_in, lang_of_request, said};
use axum::body::{to_bytes, Body};
use axum::extract::DefaultBodyLimit;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use leptos::prelude::provide_context;
use leptos::server_fn::ServerFn;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::respond::{error_response, is_cross_site};

/// Request bodies above this answer 413 (except the photo upload, see photos.rs).
pub const BODY_LIMIT: usize = 1024 * 1024;
/// The member import sends a whole CSV file as one JSON string (escaping
/// adds to its size): its route alone takes more.
pub const IMPORT_BODY_LIMIT: usize = 2 * IMPORT_MAX_BYTES as usize + 64 * 1024;
/// Error bodies are small JSON; anything larger is not ours to rewrite.
const ERROR_BODY_MAX: usize = 64 * 1024;

#[derive(Clone)]
struct HttpState {
    app: AppState,
    /// Paths of every registered server function.
    endpoints: Arc<HashSet<String>>,
}

/// Every registered API endpoint, sorted (docs/api.md lists the same).
pub fn endpoints() -> Vec<(String, Method)> {
    let mut all: Vec<_> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_string(), method))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

pub fn router(app: AppState, static_dir: &Path) -> Router {
    let request_timeout = app.settings.request_timeout;
    let hsts = app.settings.secure_cookies;
    let state = HttpState {
        app,
        endpoints: Arc::new(endpoints().into_iter().map(|(path, _)| path).collect()),
    };
    let index = static_dir.join("index.html");
    let front = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        // Deep links (/missions/42) get the app, which routes them itself.
        .fallback(ServeFile::new(index).precompressed_br().precompressed_gzip());

    let photos = crate::photos::router(state.app.clone());
    let exports = crate::exports::router(state.app.clone());
    let live = crate::live::router(state.app.clone());
    let import = Router::new()
        .route(ImportMembers::PATH, any(api))
        .layer(RequestBodyLimitLayer::new(IMPORT_BODY_LIMIT))
        // The server function reads the body again, under axum's own limit.
        .layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/{*endpoint}", any(api))
        // Not an endpoint either (the front end must not answer these).
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
        .fallback_service(front)
        // Innermost first: the body limit answers inside json_errors, so its
        // 413 comes out as JSON like every other API error.
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        // Added after that limit: the photo upload and the import have their
        // own; the downloads take no body.
        .merge(photos)
        .merge(exports)
        .merge(live)
        .merge(import)
        .layer(middleware::from_fn(cache_policy))
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn(language))
        // A client that trickles its body in is answered 408 (its headers
        // have their own deadline, see listen.rs).
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::new(security_headers(static_dir, hsts)),
            add_security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// 200 only when the database answers.
async fn healthz(State(state): State<HttpState>) -> impl IntoResponse {
    if crate::db::is_healthy(&state.app.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// The API: the checks every call goes through, then the server function.
async fn api(State(state): State<HttpState>, req: Request) -> Response {
    match checked_api_request(&state, req).await {
        Ok(req) => {
            let app = state.app.clone();
            let call = leptos_axum::handle_server_fns_with_context(move || provide_context(app.clone()), req);
            // A call runs to its end even when the client goes away (a closed
            // tab, a timeout): dropped halfway, a write would leave its
            // database transaction open and its later statements unrun.
            let lang = app::platform::said::asked_lang();
            tokio::spawn(app::platform::said::answering_in(lang, call))
                .await
                .map(IntoResponse::into_response)
                .unwrap_or_else(|err| {
                    tracing::error!(error = %err, "an API call ended abnormally");
                    error_response(&AppError::Internal)
                })
        }
        Err(res) => res,
    }
}

/// Refuses what must never reach a server function: unknown endpoints,
/// wrong methods, cross-site calls, bodies that are not a JSON object or
/// that name unknown fields. `GET /api/auth/me` is served as its POST.
async fn checked_api_request(state: &HttpState, req: Request) -> Result<Request, Response> {
    let path = req.uri().path().to_string();
    if !state.endpoints.contains(&path) {
        return Err(error_response(&AppError::NotFound));
    }
    let (mut parts, body) = req.into_parts();
    if parts.method == Method::GET && path == "/api/auth/me" {
        parts.method = Method::POST;
        parts
            .headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        return Ok(Request::from_parts(parts, Body::from("{}")));
    }
    if parts.method != Method::POST {
        let mut res = bad_request(&said(
            "Utilisez POST avec un corps JSON.",
            "Use POST with a JSON body.",
        ));
        *res.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        return Err(res);
    }
    if is_cross_site(&parts.headers, &state.app.settings.origins) {
        return Err(error_response(&AppError::Forbidden));
    }
    // Who calls, before a byte of the body is read: signed out, only the
    // public endpoints answer (the server function reuses this lookup).
    if !app::platform::strict::is_public(&path) {
        let user = app::platform::context::signed_in(&state.app, &parts.headers)
            .await
            .map_err(|err| error_response(&err))?;
        parts.extensions.insert(user);
    }
    let is_json = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return Err(bad_request(&said(
            "Le corps doit être du JSON (Content-Type: application/json).",
            "The body must be JSON (Content-Type: application/json).",
        )));
    }
    // Each route's body limit layer caps the size (1 MiB, more for the import).
    let bytes = to_bytes(body, usize::MAX)
        .await
        .map_err(|_| error_response(&AppError::PayloadTooLarge))?;
    let value: serde_json::Value = if bytes.is_empty() {
        serde_json::Value::Object(Default::default())
    } else {
        serde_json::from_slice(&bytes).map_err(|e| {
            bad_request(&said(
                format!("JSON invalide : {e}"),
                format!("Invalid JSON: {e}"),
            ))
        })?
    };
    if !value.is_object() {
        return Err(bad_request(&said(
            "Le corps doit être un objet JSON.",
            "The body must be a JSON object.",
        )));
    }
    let unknown = app::platform::strict::unknown_fields(&path, &value);
    if !unknown.is_empty() {
        let fields = unknown
            .into_iter()
            .map(|field| FieldError {
                field,
                code: "unknown".into(),
                message: said("Champ inconnu.", "Unknown field."),
            })
            .collect();
        return Err(error_response(&AppError::Validation { fields }));
    }
    let body = if bytes.is_empty() {
        Body::from("{}")
    } else {
        Body::from(bytes)
    };
    Ok(Request::from_parts(parts, body))
}

async fn not_found() -> Response {
    error_response(&AppError::NotFound)
}

fn bad_request(message: &str) -> Response {
    error_response(&AppError::BadRequest {
        message: message.into(),
    })
}

/// Answers each request in the language its caller reads (see
/// `app::platform::said`): errors, notifications listed, downloads.
async fn language(req: Request, next: Next) -> Response {
    let accept = req.headers().get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let lang = lang_of_request(req.uri().query(), accept);
    answering_in(lang, next.run(req)).await
}

/// Gives every API error its HTTP status. Server functions encode their
/// `AppError` as JSON (always with status 500); this reads it back and sets
/// the status the error stands for. Oversized bodies become a JSON 413.
async fn json_errors(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status().is_success() {
        return res;
    }
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return error_response(&AppError::PayloadTooLarge);
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_BODY_MAX).await else {
        return error_response(&AppError::Internal);
    };
    match serde_json::from_slice::<AppError>(&bytes) {
        // Answered by our own checks with the right status (and headers): keep it.
        Ok(err)
            if err.status() == parts.status.as_u16() || parts.status == StatusCode::METHOD_NOT_ALLOWED =>
        {
            Response::from_parts(parts, Body::from(bytes))
        }
        Ok(err) => error_response(&err),
        Err(_) => error_response(&AppError::Internal),
    }
}

/// The headers every response carries.
struct SecurityHeaders {
    csp: HeaderValue,
    /// Served over https: browsers are told to never use plain http here.
    hsts: bool,
}

/// A Content-Security-Policy that allows our own origin only, plus the
/// inline loader in index.html (scripts/wasm-split.sh writes it), by hash.
fn security_headers(static_dir: &Path, hsts: bool) -> SecurityHeaders {
    let index = std::fs::read_to_string(static_dir.join("index.html")).unwrap_or_default();
    let hashes: String = inline_scripts(&index)
        .map(|script| {
            use base64::Engine;
            use sha2::Digest;
            let digest = sha2::Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    SecurityHeaders {
        csp: HeaderValue::from_str(&csp).expect("ASCII policy"),
        hsts,
    }
}

/// The bodies of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attrs, after) = rest.split_once('>')?;
        if attrs.contains("src=") {
            return None;
        }
        after.split_once("</script>").map(|(body, _)| body)
    })
}

async fn add_security_headers(
    State(headers): State<Arc<SecurityHeaders>>,
    req: Request,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert("content-security-policy", headers.csp.clone());
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if headers.hsts {
        h.insert(
            "strict-transport-security",
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// Hashed assets are cached for ever; everything else is revalidated.
async fn cache_policy(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if path.starts_with("/api/photos/") && res.status().is_success() {
        // Served with its own policy (a versioned address, private cache).
    } else if path.starts_with("/api/") || path == "/healthz" {
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if is_hashed_asset(&path) && res.status().is_success() {
        res.headers_mut().insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    } else {
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    res
}

/// Trunk names built files `name-<hex hash>.ext`; the split wasm
/// lives in a directory named that way (`app-<16 hex>/main.js`).
fn is_hashed_asset(path: &str) -> bool {
    let mut segments = path.rsplit('/');
    let file = segments.next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("").trim_end_matches("_bg");
    let dir = segments.next().unwrap_or("");
    has_content_hash(stem) || (file.contains('.') && has_content_hash(dir))
}

/// Trunk prints its 64-bit hashes without leading zeros, so a few are shorter.
fn has_content_hash(name: &str) -> bool {
    name.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// Where the built front end is, checked at start so a missing build is a clear error.
pub fn check_static_dir(dir: &Path) -> anyhow::Result<PathBuf> {
    let index = dir.join("index.html");
    if !index.is_file() {
        anyhow::bail!(
            "{} is missing: build the front end first (make front, or make run)",
            index.display()
        );
    }
    Ok(dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_trunk_hashed_files() {
        assert!(is_hashed_asset("/app-3f2a9c0d1e2b4a5f_bg.wasm"));
        assert!(is_hashed_asset("/app-3f2a9c0d1e2b4a5f.js"));
        assert!(is_hashed_asset("/main-39ab80d632c254c.css"));
        assert!(is_hashed_asset("/app-3f2a9c0d1e2b4a5f/split_needs_area_151.wasm"));
        assert!(!is_hashed_asset("/app-3f2a9c0d1e2b4a5f/"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/missions/42"));
    }
}
