//! What server functions need on the server: the shared state, the session
//! cookie, and the one guard every server function calls first.

use std::net::{IpAddr, SocketAddr};
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
use crate::platform::outbox::OutboxConfig;
use crate::platform::secrets::SecretKey;
use crate::platform::settings;
use crate::support::services::notify::Outbound;

/// Shared by every request, provided to server functions as context.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// What changes, for the pages kept live (`/api/live`).
    pub live: crate::notifications::hub::LiveHub,
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// The address members use (links in invitations start with it).
    pub public_url: String,
    /// The origins (`scheme://host:port`) the browser may call the API
    /// from: the public URL's, and without one the bind address's.
    pub origins: Vec<String>,
    /// True when the public URL is https: the cookie is then `Secure` with the `__Host-` prefix.
    pub secure_cookies: bool,
    /// The reverse proxies whose X-Forwarded-For is believed (addresses or
    /// ranges); empty when the portal faces the clients itself.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub sessions: SessionPolicy,
    /// A client must have sent a request's headers within this time.
    pub header_read_timeout: std::time::Duration,
    /// A request (its body included) must be answered within this time.
    pub request_timeout: std::time::Duration,
    /// How messages leave: the mailer (none: nothing is mailed) and the
    /// delivery task's settings.
    pub outbox: OutboxConfig,
    /// Seals what the database must not hold in clear (second-factor secrets).
    pub secret_key: SecretKey,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            public_url: "http://127.0.0.1:3000".into(),
            origins: vec!["http://127.0.0.1:3000".into()],
            secure_cookies: false,
            trusted_proxies: Vec::new(),
            sessions: SessionPolicy::default(),
            header_read_timeout: std::time::Duration::from_secs(10),
            request_timeout: std::time::Duration::from_secs(60),
            outbox: OutboxConfig::default(),
            secret_key: SecretKey::random(),
        }
    }
}

impl Settings {
    /// Settings for a portal reached at `public_url`.
    pub fn for_public_url(public_url: &str) -> Settings {
        Settings {
            public_url: public_url.trim_end_matches('/').to_string(),
            origins: vec![origin_of(public_url)],
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
            mail: self.outbox.mailer.is_some(),
        }
    }

    /// How support notifications go out from this portal.
    pub fn outbound(&self) -> Outbound {
        Outbound {
            email: self.outbox.mailer.is_some(),
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

/// `https://Portail.example.org/app` → `https://portail.example.org`: what
/// a browser sends as `Origin`.
pub fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    format!("{}://{}", scheme.to_lowercase(), authority.to_lowercase())
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

/// Whether the people a service tells are also mailed, and the links' address.
pub fn outbound() -> Result<Outbound, AppError> {
    Ok(state()?.settings.outbound())
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
    let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
        return String::new();
    };
    let trusted = state()
        .map(|s| s.settings.trusted_proxies.clone())
        .unwrap_or_default();
    caller_address(peer.ip(), &parts.headers, &trusted).to_string()
}

/// Who called, when `peer` is the connection's other end: a trusted proxy's
/// X-Forwarded-For is read from the right (each proxy appends the address it
/// saw) and the first address that is not a trusted proxy is the caller; the
/// left part is written by the client and never believed.
pub fn caller_address(peer: IpAddr, headers: &HeaderMap, trusted: &[ipnet::IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|hop| hop.trim().parse().ok())
        .collect();
    forwarded
        .iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .or(forwarded.first())
        .copied()
        .unwrap_or(peer)
}

/// The account the HTTP layer found behind the session cookie, before it
/// read the request's body (see `signed_in`).
#[derive(Clone, Debug)]
pub struct SignedIn(pub CurrentUser);

/// The signed-in account, or 401.
pub async fn current_user() -> Result<CurrentUser, AppError> {
    if let Some(SignedIn(user)) = use_context::<Parts>().and_then(|p| p.extensions.get::<SignedIn>().cloned())
    {
        return Ok(user);
    }
    user_with_token(&state()?, session_token()).await
}

/// The account behind the session cookie among `headers`, or 401: what the
/// HTTP layer asks before reading the body of an endpoint that is not public.
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<SignedIn, AppError> {
    let token = token_in(headers, state.settings.cookie_name());
    user_with_token(state, token).await.map(SignedIn)
}

async fn user_with_token(state: &AppState, token: Option<String>) -> Result<CurrentUser, AppError> {
    let token = token.ok_or(AppError::Unauthorized)?;
    accounts::user_for_session(
        &state.db,
        &token,
        &state.settings.sessions,
        crate::platform::said::asked_lang(),
    )
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

#[cfg(test)]
mod tests {
    use super::caller_address;
    use axum::http::{HeaderMap, HeaderValue};

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn only_trusted_proxies_say_who_called_and_from_the_right() {
        let proxy = "10.0.0.2".parse().unwrap();
        let trusted = ["10.0.0.0/24".parse().unwrap()];
        // The client wrote the first address itself.
        let headers = forwarded("1.2.3.4, 203.0.113.9, 10.0.0.7");
        assert_eq!(
            caller_address(proxy, &headers, &trusted).to_string(),
            "203.0.113.9"
        );
        // Not from a trusted proxy: the header is the caller's own words.
        let direct = "198.51.100.1".parse().unwrap();
        assert_eq!(caller_address(direct, &headers, &trusted), direct);
        assert_eq!(caller_address(proxy, &headers, &[]), proxy);
        // No header: the proxy itself.
        assert_eq!(caller_address(proxy, &HeaderMap::new(), &trusted), proxy);
    }
}
