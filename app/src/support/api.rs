//! Support requests: filing and following one (any member), handling them
//! (the support team: referents for their categories, board and admins for
//! all), statistics (board, admins) and settings (admins).

use app_macros::api;

use crate::accounts::model::Role;
use crate::platform::error::AppError;
use crate::support::model::{
    PersonRef, SupportCategory, SupportCategorySettings, SupportDashboard, SupportDelivery, SupportQueueItem,
    SupportRequestDetail, SupportRequestSummary, SupportTarget,
};

/// Who handles support requests.
pub const TEAM: [Role; 3] = [Role::Referent, Role::Board, Role::Admin];
/// Who sees the statistics.
pub const OVERSIGHT: [Role; 2] = [Role::Board, Role::Admin];

/// Asks the support team for help (any member); answers the request number.
#[api("support/create")]
pub async fn create_support_request(
    category: String,
    urgency: String,
    subject: String,
    description: String,
    tool: Option<String>,
    contact: Option<String>,
) -> Result<u64, AppError> {
    use crate::support::services;
    use crate::support::services::NewRequest;
    let user = crate::platform::context::require(&[]).await?;
    let state = crate::platform::context::state()?;
    let urgent = services::is_urgent(&category, &urgency);
    let new = NewRequest {
        category,
        urgency,
        subject,
        description,
        tool: tool.unwrap_or_default(),
        contact: contact.unwrap_or_default(),
    };
    let number = services::create(&state.db, &user, new, &state.settings.outbound()).await?;
    if urgent {
        state.settings.outbox.wake.notify_one();
    }
    Ok(number)
}

/// The requests of the signed-in member.
#[api("support/mine")]
pub async fn my_support_requests() -> Result<Vec<SupportRequestSummary>, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::support::services::mine(&crate::platform::context::db()?, &user.id).await
}

/// The categories of the request form (any member).
#[api("support/categories")]
pub async fn support_categories() -> Result<Vec<SupportCategory>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::support::services::categories(&crate::platform::context::db()?).await
}

/// One request and its thread: its requester (without internal notes) or its team.
#[api("support/get")]
pub async fn support_request(number: u64) -> Result<SupportRequestDetail, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::support::services::detail(&crate::platform::context::db()?, &user, number).await
}

/// Adds a message: the requester answers; the team answers, asks for details
/// (`status: "waiting"`) or writes an internal note.
#[api("support/reply")]
pub async fn support_reply(
    number: u64,
    body: String,
    internal: bool,
    status: Option<String>,
) -> Result<(), AppError> {
    use crate::support::services;
    use crate::support::services::Reply;
    let user = crate::platform::context::require(&[]).await?;
    let state = crate::platform::context::state()?;
    let reply = Reply {
        body,
        internal,
        status,
    };
    services::reply(&state.db, &user, number, reply, &state.settings.outbound()).await
}

/// The requester reopens a resolved request (within 14 days).
#[api("support/reopen")]
pub async fn support_reopen(number: u64) -> Result<(), AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::support::services::reopen(&crate::platform::context::db()?, &user, number).await
}

/// The team's queue: past their target first (open requests unless `include_done`).
#[api("support/queue")]
pub async fn support_queue(include_done: bool) -> Result<Vec<SupportQueueItem>, AppError> {
    let user = crate::platform::context::require(&TEAM).await?;
    crate::support::services::queue(&crate::platform::context::db()?, &user, include_done).await
}

/// The support team, to hand a request over or name referents.
#[api("support/helpers")]
pub async fn support_helpers() -> Result<Vec<PersonRef>, AppError> {
    crate::platform::context::require(&TEAM).await?;
    crate::support::services::helpers(&crate::platform::context::db()?).await
}

/// Takes a request (assigned to the caller); with the `version` the page
/// showed, a 409 when someone changed it meanwhile.
#[api("support/take")]
pub async fn support_take(number: u64, #[server(default)] version: Option<i64>) -> Result<(), AppError> {
    let user = crate::platform::context::require(&TEAM).await?;
    crate::support::services::take(&crate::platform::context::db()?, &user, number, version).await?;
    crate::platform::context::audit(&user, "support_assigned", &format!("#{number}"), &user.email).await
}

/// Hands a request to another helper (the `version` as for `take`).
#[api("support/assign")]
pub async fn support_assign(
    number: u64,
    helper_id: String,
    #[server(default)] version: Option<i64>,
) -> Result<(), AppError> {
    let user = crate::platform::context::require(&TEAM).await?;
    let db = crate::platform::context::db()?;
    let out = crate::platform::context::outbound()?;
    let helper = crate::support::services::assign(&db, &out, &user, number, &helper_id, version).await?;
    crate::platform::context::audit(
        &user,
        "support_assigned",
        &format!("#{number}"),
        &helper.display_name,
    )
    .await
}

/// Changes the status of a request (resolved, closed, waiting…).
#[api("support/set-status")]
pub async fn support_set_status(number: u64, status: String) -> Result<(), AppError> {
    let user = crate::platform::context::require(&TEAM).await?;
    let state = crate::platform::context::state()?;
    crate::support::services::set_status(&state.db, &user, number, &status, &state.settings.outbound())
        .await?;
    crate::platform::context::audit(&user, "support_status_changed", &format!("#{number}"), &status).await
}

/// Targets per urgency (the team reads them, admins change them).
#[api("support/targets")]
pub async fn support_targets() -> Result<Vec<SupportTarget>, AppError> {
    crate::platform::context::require(&TEAM).await?;
    crate::support::services::targets(&crate::platform::context::db()?).await
}

/// Queues, statuses, ages and response times (board, admins).
#[api("support/dashboard")]
pub async fn support_stats() -> Result<SupportDashboard, AppError> {
    crate::platform::context::require(&OVERSIGHT).await?;
    crate::support::services::dashboard(&crate::platform::context::db()?).await
}

/// Categories with referents and webhooks (admin).
#[api("support/category-settings")]
pub async fn support_category_list() -> Result<Vec<SupportCategorySettings>, AppError> {
    crate::platform::context::require(&[Role::Admin]).await?;
    crate::support::services::category_settings(&crate::platform::context::db()?).await
}

/// Creates or updates a category (admin).
#[api("support/save-category")]
#[allow(clippy::too_many_arguments)]
pub async fn support_save_category(
    code: String,
    label_fr: String,
    label_en: String,
    active: bool,
    position: i64,
    referent_ids: Vec<String>,
    webhook_url: Option<String>,
) -> Result<(), AppError> {
    use crate::support::services;
    use crate::support::services::CategoryInput;
    let admin = crate::platform::context::require(&[Role::Admin]).await?;
    let target = code.clone();
    let input = CategoryInput {
        code,
        label_fr,
        label_en,
        active,
        position,
        referent_ids,
        webhook_url,
    };
    services::save_category(&crate::platform::context::db()?, input).await?;
    crate::platform::context::audit(&admin, "support_settings_changed", &target, "").await
}

/// Replaces the targets per urgency (admin).
#[api("support/save-targets")]
pub async fn support_save_targets(targets: Vec<SupportTarget>) -> Result<(), AppError> {
    let admin = crate::platform::context::require(&[Role::Admin]).await?;
    crate::support::services::save_targets(&crate::platform::context::db()?, targets).await?;
    crate::platform::context::audit(&admin, "support_settings_changed", "targets", "").await
}

/// The latest notifications and their delivery (admin).
#[api("support/deliveries")]
pub async fn support_deliveries() -> Result<Vec<SupportDelivery>, AppError> {
    crate::platform::context::require(&[Role::Admin]).await?;
    crate::support::services::notify::deliveries(&crate::platform::context::db()?).await
}
