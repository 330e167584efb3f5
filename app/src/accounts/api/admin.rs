use app_macros::api;

use crate::accounts::model::{
    AccountQuery, ActivationReport, AuditEntry, InvitationPlan, InvitationProgress, OneTimeLink,
    PortalSettings, Role, UserSummary,
};
use crate::platform::error::AppError;
use crate::platform::outbox::OutboxItem;
use crate::platform::page::Page;

/// Every account, imported ones included, filtered and paged on the server (admin).
#[api("admin/users")]
pub async fn list_users(
    #[server(default)] query: AccountQuery,
    #[server(default)] page: Option<u64>,
) -> Result<Page<UserSummary>, AppError> {
    crate::platform::context::require(&[Role::Admin]).await?;
    crate::accounts::services::roster::list_users(&crate::platform::context::db()?, &query, page).await
}

/// Per region and local group, how many accounts were activated (board, admin).
#[api("accounts/activation")]
pub async fn activation() -> Result<ActivationReport, AppError> {
    crate::platform::context::require(&[Role::Board, Role::Admin]).await?;
    crate::accounts::services::roster::activation(&crate::platform::context::db()?).await
}

/// Invites an address with roles; answers the one-time link to send (admin).
#[api("admin/invite")]
pub async fn invite(email: String, display_name: String, roles: Vec<Role>) -> Result<OneTimeLink, AppError> {
    use crate::accounts::services::links;
    use crate::platform::context;
    let admin = context::require(&[Role::Admin]).await?;
    let state = context::state()?;
    let ip = context::client_ip();
    let issuer = state.settings.issuer(&admin, &ip);
    let link = links::invite(&state.db, &issuer, &email, &display_name, &roles).await?;
    state.settings.outbox.wake.notify_one();
    Ok(link)
}

/// How many accounts a bulk invitation with these filters would reach (admin).
#[api("admin/invitations/plan")]
pub async fn plan_invitations(
    #[server(default)] query: AccountQuery,
    #[server(default)] again: bool,
) -> Result<InvitationPlan, AppError> {
    crate::platform::context::require(&[Role::Admin]).await?;
    crate::accounts::services::invitations::plan(&crate::platform::context::db()?, &query, again).await
}

/// Queues a bulk invitation of the accounts matching the filters; answers
/// its progress (admin).
#[api("admin/invitations/send")]
pub async fn send_invitations(
    #[server(default)] query: AccountQuery,
    #[server(default)] again: bool,
) -> Result<InvitationProgress, AppError> {
    use crate::platform::context;
    let admin = context::require(&[Role::Admin]).await?;
    let state = context::state()?;
    if state.settings.outbox.mailer.is_none() {
        return Err(AppError::Conflict {
            message: crate::platform::said::said(
                "Aucun serveur de mail n'est configuré (PORTAL_SMTP_URL) : les invitations ne partiraient pas.",
                "No mail server is configured (PORTAL_SMTP_URL): the invitations would not go out.",
            ),
        });
    }
    let actor = crate::platform::audit::Actor::user(&admin, &context::client_ip());
    let progress = crate::accounts::services::invitations::send(&state.db, &actor, &query, again).await?;
    state.settings.outbox.wake.notify_one();
    Ok(progress)
}

/// Where a bulk invitation stands, and what failed (admin).
#[api("admin/invitations/progress")]
pub async fn follow_invitations(batch: String) -> Result<InvitationProgress, AppError> {
    crate::platform::context::require(&[Role::Admin]).await?;
    crate::accounts::services::invitations::progress(&crate::platform::context::db()?, &batch).await
}

/// The messages (mails, webhooks) that gave up, newest first (admin).
#[api("admin/outbox")]
pub async fn given_up_messages() -> Result<Vec<OutboxItem>, AppError> {
    crate::platform::context::require(&[Role::Admin]).await?;
    crate::platform::outbox::given_up(&crate::platform::context::db()?).await
}

/// Sends a message that gave up again (admin).
#[api("admin/outbox/send-again")]
pub async fn send_again(id: String) -> Result<(), AppError> {
    use crate::platform::context;
    let admin = context::require(&[Role::Admin]).await?;
    crate::platform::db::check_key(&id)?;
    let state = context::state()?;
    crate::platform::outbox::send_again(&state.db, &id).await?;
    state.settings.outbox.wake.notify_one();
    context::audit(&admin, "message_sent_again", &id, "").await
}

/// Replaces the roles of an account (admin).
#[api("admin/set-roles")]
pub async fn set_roles(user_id: String, roles: Vec<Role>) -> Result<(), AppError> {
    use crate::accounts::services::accounts;
    use crate::platform::context;
    let admin = context::require(&[Role::Admin]).await?;
    if admin.id == user_id && !roles.contains(&Role::Admin) {
        // Nobody locks the portal out of its administration by mistake.
        return Err(AppError::Conflict {
            message: crate::platform::said::said(
                "Vous ne pouvez pas retirer votre propre rôle d'administrateur.",
                "You cannot remove your own administrator role.",
            ),
        });
    }
    let db = context::db()?;
    accounts::set_roles(&db, &user_id, &roles).await?;
    let email = accounts::email_of(&db, &user_id).await?;
    let codes: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    context::audit(&admin, "roles_changed", &email, &codes.join(",")).await
}

/// Turns an account off (its sessions end at once) or back on (admin).
#[api("admin/set-active")]
pub async fn set_active(user_id: String, active: bool) -> Result<(), AppError> {
    use crate::accounts::services::accounts;
    use crate::platform::context;
    let admin = context::require(&[Role::Admin]).await?;
    if admin.id == user_id && !active {
        return Err(AppError::Conflict {
            message: crate::platform::said::said(
                "Vous ne pouvez pas désactiver votre propre compte.",
                "You cannot deactivate your own account.",
            ),
        });
    }
    let db = context::db()?;
    accounts::set_active(&db, &user_id, active).await?;
    let email = accounts::email_of(&db, &user_id).await?;
    let action = if active { "reactivated" } else { "deactivated" };
    context::audit(&admin, action, &email, "").await
}

/// A one-time password-reset link for an account (admin).
#[api("admin/reset-link")]
pub async fn reset_link(user_id: String) -> Result<OneTimeLink, AppError> {
    use crate::accounts::services::links;
    use crate::platform::context;
    let admin = context::require(&[Role::Admin]).await?;
    let state = context::state()?;
    let ip = context::client_ip();
    let issuer = state.settings.issuer(&admin, &ip);
    let link = links::reset_link(&state.db, &issuer, &user_id).await?;
    state.settings.outbox.wake.notify_one();
    Ok(link)
}

/// The audit log, newest first, filtered by action, text and a range of
/// days, paged (admin).
#[api("admin/audit")]
pub async fn audit_log(
    action: Option<String>,
    text: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<u64>,
) -> Result<Page<AuditEntry>, AppError> {
    use crate::platform::audit;
    use crate::platform::audit::AuditQuery;
    crate::platform::context::require(&[Role::Admin]).await?;
    let query = AuditQuery {
        action,
        text,
        from,
        to,
        page,
    };
    audit::list(&crate::platform::context::db()?, &query).await
}

/// The portal settings (admin).
#[api("admin/settings")]
pub async fn get_settings() -> Result<PortalSettings, AppError> {
    crate::platform::context::require(&[Role::Admin]).await?;
    crate::platform::settings::get(&crate::platform::context::db()?).await
}

/// Changes the portal settings (admin).
#[api("admin/update-settings")]
pub async fn update_settings(
    require_totp_for_privileged: bool,
    #[server(default)] reserve_directory_export: bool,
    #[server(default)] allow_private_webhooks: bool,
    #[server(default)] invitations_per_minute: Option<u32>,
) -> Result<(), AppError> {
    use crate::platform::context;
    use crate::platform::settings;
    let admin = context::require(&[Role::Admin]).await?;
    let db = context::db()?;
    let invitations_per_minute = invitations_per_minute.unwrap_or(60);
    if !(1..=6000).contains(&invitations_per_minute) {
        return Err(AppError::field(
            "invitations_per_minute",
            "range",
            &crate::platform::said::said(
                "Entre 1 et 6 000 invitations par minute.",
                "Between 1 and 6,000 invitations a minute.",
            ),
        ));
    }
    settings::set(
        &db,
        &PortalSettings {
            require_totp_for_privileged,
            reserve_directory_export,
            allow_private_webhooks,
            invitations_per_minute,
        },
    )
    .await?;
    let detail = format!(
        "require_totp_for_privileged={require_totp_for_privileged} \
         reserve_directory_export={reserve_directory_export} \
         allow_private_webhooks={allow_private_webhooks} invitations_per_minute={invitations_per_minute}"
    );
    context::audit(&admin, "settings_changed", "", &detail).await
}
