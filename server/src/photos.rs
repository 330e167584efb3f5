//! Profile photos over plain HTTP: a file's raw bytes do not fit the JSON
//! server functions. Same guard as they have (the session cookie, the
//! cross-site check), and the only routes allowed a body above 1 MiB.
//!
//! - `POST /api/profile/photo`: the file as the body; answers `{"photo": url}`.
//! - `DELETE /api/profile/photo`: back to the initials.
//! - `GET /api/photos/{id}`: the stored JPEG, if the caller may see it.

use app::directory::model::photo_url;
use app::directory::services::photos;
use app::platform::context::{require_in, AppState};
use app::platform::error::AppError;
use app::platform::throttle::{self, Guarded};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::net::SocketAddr;
use tower_http::limit::RequestBodyLimitLayer;

use crate::respond::{answer, caller};
use app::platform::said::said;

/// A photo may change; its address carries its version, so a day in the
/// viewer's own browser cache is safe (a hidden photo's address is no
/// longer handed out).
const PHOTO_CACHE: &str = "private, max-age=86400";

pub fn router<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route(
            "/api/profile/photo",
            post(upload)
                .delete(remove)
                // The upload's own limit replaces the 1 MiB of every other route.
                .layer(RequestBodyLimitLayer::new(photos::MAX_UPLOAD)),
        )
        .route("/api/photos/{id}", get(serve))
        .with_state(app)
}

async fn upload(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(
        async {
            let user = caller(&state, &headers).await?;
            let ip =
                app::platform::context::caller_address(peer.ip(), &headers, &state.settings.trusted_proxies);
            let upload = Guarded::PhotoUpload { user_id: &user.id };
            throttle::attempt(&state.db, upload, &ip.to_string()).await?;
            let bytes = to_bytes(body, photos::MAX_UPLOAD)
                .await
                .map_err(|_| AppError::PayloadTooLarge)?;
            if bytes.is_empty() {
                return Err(AppError::Unprocessable {
                    message: said("Aucun fichier reçu.", "No file received."),
                });
            }
            let version = photos::save(&state.db, &user, bytes.to_vec()).await?;
            Ok(Json(serde_json::json!({ "photo": photo_url(&user.id, version) })).into_response())
        }
        .await,
    )
}

async fn remove(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer(
        async {
            let user = caller(&state, &headers).await?;
            photos::remove(&state.db, &user).await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        .await,
    )
}

async fn serve(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    answer(
        async {
            let viewer = require_in(&state, &headers, &[]).await?;
            let jpeg = photos::for_viewer(&state.db, &viewer, &id).await?;
            let length = HeaderValue::from(jpeg.len());
            let mut res = Body::from(jpeg).into_response();
            let h = res.headers_mut();
            h.insert(CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
            h.insert(CONTENT_LENGTH, length);
            h.insert(CACHE_CONTROL, HeaderValue::from_static(PHOTO_CACHE));
            Ok(res)
        }
        .await,
    )
}
