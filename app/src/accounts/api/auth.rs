use app_macros::api;

use crate::accounts::model::{CurrentUser, TotpSetup};
use crate::platform::error::AppError;

/// Signs in with e-mail and password (and the second-factor code when the
/// account uses one); sets the session cookie.
#[api("auth/login")]
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
#[api("auth/logout")]
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
#[api("auth/accept-invitation")]
pub async fn accept_invitation(token: String, password: String) -> Result<CurrentUser, AppError> {
    use crate::accounts::services::links;
    use crate::platform::context;
    let state = context::state()?;
    let (session, user) =
        links::accept_invitation(&state.db, &token, &password, &context::client_ip()).await?;
    context::set_cookie(&state.settings.session_cookie(&session));
    Ok(user)
}

/// Sets a new password through a reset link.
#[api("auth/reset-password")]
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

/// Changes the signed-in member's password (every session ends, this one too).
#[api("auth/change-password")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    use crate::accounts::services::accounts;
    use crate::platform::context;
    let user = context::current_user().await?;
    let db = context::db()?;
    accounts::change_password(&db, &user, &current, &password).await?;
    context::audit(&user, "password_changed", &user.email, "").await
}

/// Starts setting up the second factor: a secret for the authenticator app.
#[api("auth/totp-setup")]
pub async fn start_totp() -> Result<TotpSetup, AppError> {
    let user = crate::platform::context::current_user().await?;
    crate::accounts::services::accounts::begin_totp(&crate::platform::context::db()?, &user).await
}

/// Turns the second factor on (`enable`) or off, with a current code.
#[api("auth/totp-confirm")]
pub async fn totp_confirm(code: String, enable: bool) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::current_user().await?;
    let db = context::db()?;
    crate::accounts::services::accounts::confirm_totp(&db, &user, &code, enable).await?;
    let action = if enable { "totp_enabled" } else { "totp_disabled" };
    context::audit(&user, action, &user.email, "").await
}
