use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::models::CurrentUser;

/// Signs in with e-mail and password; sets the session cookie.
#[server(endpoint = "auth/login", input = Json)]
pub async fn login(email: String, password: String) -> Result<CurrentUser, AppError> {
    use crate::services::accounts;
    use crate::ssr;
    let state = ssr::state()?;
    if let Some(old) = ssr::session_token() {
        // A new session id at each sign-in: the old one ends here.
        accounts::logout(&state.db, &old).await?;
    }
    let (token, user) = accounts::login(&state.db, &email, &password).await?;
    ssr::set_cookie(&state.settings.session_cookie(&token));
    Ok(user)
}

/// Ends the current session.
#[server(endpoint = "auth/logout", input = Json)]
pub async fn logout() -> Result<(), AppError> {
    use crate::services::accounts;
    use crate::ssr;
    let state = ssr::state()?;
    if let Some(token) = ssr::session_token() {
        accounts::logout(&state.db, &token).await?;
    }
    ssr::set_cookie(&state.settings.clearing_cookie());
    Ok(())
}

/// The signed-in account and its roles; 401 when signed out.
#[server(endpoint = "auth/me", input = Json)]
pub async fn me() -> Result<CurrentUser, AppError> {
    crate::ssr::current_user().await
}
