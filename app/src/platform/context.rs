//! What server functions need on the server: the shared state, the session
//! cookie, and the one guard every server function calls first.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use leptos::prelude::*;

use crate::accounts::model::{CurrentUser, Role};
use crate::accounts::services::accounts;
use crate::accounts::services::accounts::SessionPolicy;
use crate::accounts::services::links::Issuer;
use crate::platform::db::Db;
use crate::platform::error::AppError;
use crate::platform::mail::Mailer;
use crate::platform::settings;
use crate::support::services::notify::{NotifyConfig, Outbound};

/// Shared by every request, provided to server functions as context.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// The address members use (links in invitations start with it).
    pub public_url: String,
    /// True when the public URL is https: the cookie is then `Secure` with the `__Host-` prefix.
    pub secure_cookies: bool,
    /// Behind a reverse proxy, the caller's address is the first of X-Forwarded-For.
    pub behind_proxy: bool,
    pub sessions: SessionPolicy,
    /// Mails invitations and reset links when a sendmail program is configured.
    pub mailer: Option<Mailer>,
    /// Support notifications: SMTP relay, delivery task settings.
    pub notify: NotifyConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            public_url: "http://127.0.0.1:3000".into(),
            secure_cookies: false,
            behind_proxy: false,
            sessions: SessionPolicy::default(),
            mailer: None,
            notify: NotifyConfig::default(),
        }
    }
}

impl Settings {
    /// Settings for a portal reached at `public_url`.
    pub fn for_public_url(public_url: &str) -> Settings {
        Settings {
            public_url: public_url.trim_end_matches('/').to_string(),
            secure_cookies: public_url.starts_with("https://"),
            ..Settings::default()
        }
    }

    /// Who issues a one-time link, with how this portal reaches people.
    pub fn issuer<'a>(&'a self, by: &'a CurrentUser, ip: &'a str) -> Issuer<'a> {
        Issuer {
            by,
            ip,
            public_url: &self.public_url,
            mailer: self.mailer.as_ref(),
        }
    }

    /// How support notifications go out from this portal.
    pub fn outbound(&self) -> Outbound {
        Outbound {
            email: self.notify.smtp.is_some(),
            public_url: self.public_url.clone(),
        }
    }

    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-portal_session"
        } else {
            "portal_session"
        }
    }

    pub fn session_cookie(&self, token: &str) -> String {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            self.cookie_name(),
            self.sessions.absolute.as_secs()
        )
    }

    pub fn clearing_cookie(&self) -> String {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
            self.cookie_name()
        )
    }
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}

pub fn db() -> Result<Db, AppError> {
    Ok(state()?.db)
}

/// The session token sent by the browser, if any.
pub fn session_token() -> Option<String> {
    let parts = use_context::<Parts>()?;
    token_in(&parts.headers, state().ok()?.settings.cookie_name())
}

/// The session cookie named `name` among `headers`.
fn token_in(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// The caller's address, for throttling and the audit log.
pub fn client_ip() -> String {
    let Some(parts) = use_context::<Parts>() else {
        return String::new();
    };
    let behind_proxy = state().map(|s| s.settings.behind_proxy).unwrap_or(false);
    if behind_proxy {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_string());
        if let Some(ip) = forwarded.filter(|ip| !ip.is_empty()) {
            return ip;
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_default()
}

/// The signed-in account, or 401.
pub async fn current_user() -> Result<CurrentUser, AppError> {
    user_with_token(&state()?, session_token()).await
}

async fn user_with_token(state: &AppState, token: Option<String>) -> Result<CurrentUser, AppError> {
    let token = token.ok_or(AppError::Unauthorized)?;
    accounts::user_for_session(&state.db, &token, &state.settings.sessions)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// The guard every server function calls first: 401 when signed out, 403
/// when the account holds none of `roles` (an empty list means any member).
pub async fn require(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = current_user().await?;
    allowed(&state()?.db, user, roles).await
}

/// The same guard for the few plain HTTP routes (binary bodies), which read
/// the session cookie from the request's `headers`.
pub async fn require_in(
    state: &AppState,
    headers: &HeaderMap,
    roles: &[Role],
) -> Result<CurrentUser, AppError> {
    let token = token_in(headers, state.settings.cookie_name());
    let user = user_with_token(state, token).await?;
    allowed(&state.db, user, roles).await
}

async fn allowed(db: &Db, user: CurrentUser, roles: &[Role]) -> Result<CurrentUser, AppError> {
    require_second_factor(db, &user).await?;
    if roles.is_empty() || roles.iter().any(|r| user.has(*r)) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Records in the audit log what the signed-in `user` just did, from the caller's address.
pub async fn audit(user: &CurrentUser, action: &str, target: &str, detail: &str) -> Result<(), AppError> {
    let actor = crate::platform::audit::Actor::user(user, &client_ip());
    crate::platform::audit::record(&db()?, &actor, action, target, detail).await
}

/// When the administrators require it, admin and board accounts must turn on
/// their second factor before anything else.
async fn require_second_factor(db: &Db, user: &CurrentUser) -> Result<(), AppError> {
    let privileged = user.has(Role::Admin) || user.has(Role::Board);
    if privileged && !user.totp_enabled && settings::get(db).await?.require_totp_for_privileged {
        return Err(AppError::TotpSetupRequired);
    }
    Ok(())
}
