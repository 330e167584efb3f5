//! The directory's downloads over plain HTTP: a file, not JSON, and
//! streamed, so that 22,000 members never sit in memory as one text.
//!
//! - `GET /api/directory/export/{excel|outlook|vcard}?<the /annuaire page's
//!   parameters>`: the whole selection, as the caller may see it.
//!
//! Same guard as the photo routes (the session cookie, the cross-site
//! check) before anything is read; the service checks the query, the
//! reserved whole-directory export and writes the audit entry.

use app::directory::model::{DirectoryQuery, ExportFormat};
use app::directory::services::export;
use app::platform::context::{caller_address, AppState};
use app::platform::error::AppError;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;

use crate::respond::{answer, caller};

pub fn router<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/api/directory/export/{format}", get(download))
        .with_state(app)
}

async fn download(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(format): Path<String>,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    answer(
        async {
            let user = caller(&state, &headers).await?;
            let format = ExportFormat::from_code(&format).ok_or(AppError::NotFound)?;
            let Query(params) = params.map_err(|err| AppError::BadRequest {
                message: app::platform::said::said(
                    format!("Paramètres illisibles : {}", err.body_text()),
                    format!("Unreadable parameters: {}", err.body_text()),
                ),
            })?;
            let query = DirectoryQuery::from_params(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let ip = caller_address(peer.ip(), &headers, &state.settings.trusted_proxies);
            let file = export::open(&state.db, &user, &ip.to_string(), &query, format).await?;
            let disposition =
                HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.file_name()))
                    .map_err(|_| AppError::Internal)?;
            let content_type = HeaderValue::from_static(file.content_type());
            // Each chunk is written when the connection takes it.
            let mut res = Body::from_stream(futures_util::stream::iter(file.chunks())).into_response();
            let h = res.headers_mut();
            h.insert(CONTENT_TYPE, content_type);
            h.insert(CONTENT_DISPOSITION, disposition);
            h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(res)
        }
        .await,
    )
}
