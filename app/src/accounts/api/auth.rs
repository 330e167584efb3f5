use app_macros::api;

use crate::accounts::model::{CurrentUser, TotpSetup};
use crate::platform::error::AppError;

/// Signs in with e-mail and password (and the second-factor code when the
/// account uses one); sets the session cookie.
#[api("auth/login", public)]
pub async fn login(
    email: String,
    password: String,
    #[server(default)] totp: Option<String>,
) -> Result<CurrentUser, AppError> {
    use crate::accounts::services::accounts;
    use crate::accounts::services::accounts::LoginContext;
    use crate::platform::context;
    let state = context::state()?;
    let ctx = LoginContext {
        totp,
        ip: context::client_ip(),
        key: state.settings.secret_key.clone(),
    };
    let (token, user) = accounts::login(&state.db, &email, &password, &ctx).await?;
    if let Some(old) = context::session_token() {
        // A new session id at each sign-in: the old one ends here.
        accounts::logout(&state.db, &old).await?;
    }
    context::set_cookie(&state.settings.session_cookie(&token));
    Ok(user)
}

/// Ends the current session.
#[api("auth/logout", public)]
pub async fn logout() -> Result<(), AppError> {
    use crate::accounts::services::accounts;
    use crate::platform::context;
    let state = context::state()?;
    if let Ok(user) = context::current_user().await {
        context::audit(&user, "logout", &user.email, "").await?;
    }
    if let Some(token) = context::session_token() {
        accounts::logout(&state.db, &token).await?;
    }
    context::set_cookie(&state.settings.clearing_cookie());
    Ok(())
}

/// The signed-in account and its roles; 401 when signed out.
#[api("auth/me")]
pub async fn me() -> Result<CurrentUser, AppError> {
    crate::platform::context::current_user().await
}

/// Creates the invited account with the chosen password and signs it in.
#[api("auth/accept-invitation", public)]
pub async fn accept_invitation(token: String, password: String) -> Result<CurrentUser, AppError> {
    use crate::accounts::services::links;
    use crate::platform::context;
    let state = context::state()?;
    let (session, user) =
        links::accept_invitation(&state.db, &token, &password, &context::client_ip()).await?;
    context::set_cookie(&state.settings.session_cookie(&session));
    Ok(user)
}

/// Asks for a link to choose a password (first sign-in, forgotten
/// password): the same answer whether or not the address has an account.
#[api("auth/request-link", public)]
pub async fn request_link(email: String) -> Result<(), AppError> {
    use crate::platform::context;
    let state = context::state()?;
    crate::accounts::services::links::request_access(
        &state.db,
        &email,
        &context::client_ip(),
        &state.settings.outbox,
    )
    .await
}

/// Sets a new password through a reset link.
#[api("auth/reset-password", public)]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::platform::context;
    crate::accounts::services::links::reset_password(
        &context::db()?,
        &token,
        &password,
        &context::client_ip(),
    )
    .await
}

/// Changes the signed-in member's password; their other sessions end unless
/// they ask to stay signed in elsewhere.
#[api("auth/change-password")]
pub async fn change_password(
    current: String,
    password: String,
    #[server(default)] sign_out_others: Option<bool>,
) -> Result<(), AppError> {
    use crate::accounts::services::accounts;
    use crate::platform::context;
    let user = context::current_user().await?;
    let token = context::session_token();
    let how = accounts::SelfService {
        ip: &context::client_ip(),
        session_token: token.as_deref(),
        sign_out_others: sign_out_others.unwrap_or(true),
    };
    accounts::change_password(&context::db()?, &user, &current, &password, &how).await?;
    context::audit(&user, "password_changed", &user.email, "").await
}

/// Starts setting up the second factor: a secret for the authenticator app.
#[api("auth/totp-setup")]
pub async fn start_totp() -> Result<TotpSetup, AppError> {
    use crate::platform::context;
    let user = context::current_user().await?;
    let state = context::state()?;
    crate::accounts::services::accounts::begin_totp(&state.db, &state.settings.secret_key, &user).await
}

/// Turns the second factor on (`enable`, with a current code; the other
/// sessions end when asked) or off (with the account's password).
#[api("auth/totp-confirm")]
pub async fn totp_confirm(
    #[server(default)] code: String,
    enable: bool,
    #[server(default)] password: Option<String>,
    #[server(default)] sign_out_others: Option<bool>,
) -> Result<(), AppError> {
    use crate::accounts::services::accounts;
    use crate::platform::context;
    let user = context::current_user().await?;
    let state = context::state()?;
    let ip = context::client_ip();
    if enable {
        let token = context::session_token();
        let how = accounts::SelfService {
            ip: &ip,
            session_token: token.as_deref(),
            sign_out_others: sign_out_others.unwrap_or(false),
        };
        accounts::enable_totp(&state.db, &state.settings.secret_key, &user, &code, &how).await?;
    } else {
        let password = password.unwrap_or_default();
        accounts::disable_totp(&state.db, &user, &password, &ip).await?;
    }
    let action = if enable { "totp_enabled" } else { "totp_disabled" };
    context::audit(&user, action, &user.email, "").await
}
