//! Mission cards: each function checks the caller's role first; the rules
//! that depend on the card (its pilots, its status) live in the service.

use app_macros::api;

use crate::missions::model::{CardMessage, MissionCard, MissionSummary};
use crate::missions::model::{MissionDraft, MissionFilter, MyMissions, ReviewQueue, Saved, TeamMembership};
use crate::platform::error::AppError;
use crate::platform::page::Page;

/// A page of the missions open to members, filtered; "for you" ranks them
/// (any member; page 1 by default, past the end the last).
#[api("missions/list")]
pub async fn list_missions(
    filter: Option<MissionFilter>,
    page: Option<u64>,
) -> Result<Page<MissionSummary>, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::list(
        &crate::platform::context::db()?,
        &user,
        &filter.unwrap_or_default(),
        page.unwrap_or(1),
    )
    .await
}

/// One mission card, as the caller may see it (any member).
#[api("missions/get")]
pub async fn get_mission(id: String) -> Result<MissionCard, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::get(&crate::platform::context::db()?, &user, &id).await
}

/// Creates a draft (no id) or saves one the caller may edit (any member; the autosave).
#[api("missions/save")]
pub async fn save_mission(id: Option<String>, version: i64, draft: MissionDraft) -> Result<Saved, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::save(
        &crate::platform::context::db()?,
        &user,
        id.as_deref(),
        version,
        &draft,
    )
    .await
}

/// Sends a complete card to the board (its pilots or proposer).
#[api("missions/submit")]
pub async fn submit_mission(id: String, version: i64) -> Result<Saved, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::submit(
        &crate::platform::context::db()?,
        &crate::platform::context::outbound()?,
        &user,
        &id,
        version,
    )
    .await
}

/// A page of the cards waiting for a decision (board; page 1 by default,
/// past the end the last).
#[api("missions/review-queue")]
pub async fn get_review_queue(page: Option<u64>) -> Result<ReviewQueue, AppError> {
    let user = crate::platform::context::require(&[crate::accounts::model::Role::Board]).await?;
    crate::missions::services::review_queue(&crate::platform::context::db()?, &user, page.unwrap_or(1)).await
}

/// Approves, asks for changes or rejects, with a reason (board, never on their own card).
#[api("missions/decide")]
pub async fn decide_mission(
    id: String,
    version: i64,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[crate::accounts::model::Role::Board]).await?;
    let done = crate::missions::services::decide(
        &context::db()?,
        &crate::platform::context::outbound()?,
        &user,
        &id,
        version,
        &decision,
        &reason,
    )
    .await?;
    context::audit(
        &user,
        "mission_decision",
        &done.title,
        &format!("{decision} : {}", reason.trim()),
    )
    .await
}

/// A comment in the card's history (board, or the card's authors).
#[api("missions/comment")]
pub async fn comment_mission(id: String, text: String) -> Result<(), AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::comment(&crate::platform::context::db()?, &user, &id, &text).await
}

/// Names a board member referent of the mission, replacing the previous
/// one, or removes it with a null `user_id` (board, administrators).
#[api("missions/set-referent")]
pub async fn set_referent(id: String, user_id: Option<String>) -> Result<(), AppError> {
    use crate::accounts::model::Role;
    use crate::platform::context;
    let user = context::require(&[Role::Board, Role::Admin]).await?;
    let name =
        crate::missions::services::set_referent(&context::db()?, &user, &id, user_id.as_deref()).await?;
    context::audit(&user, "mission_referent", &id, &name).await
}

/// Applies to a role of an open mission (any member).
#[api("missions/apply")]
pub async fn apply_mission(id: String, role: String, message: String) -> Result<(), AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::apply(
        &crate::platform::context::db()?,
        &crate::platform::context::outbound()?,
        &user,
        &id,
        &role,
        &message,
    )
    .await
}

/// Accepts or declines an application (the card's pilots).
#[api("missions/answer")]
pub async fn answer_application(application_id: String, accept: bool) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[]).await?;
    let done = crate::missions::services::answer(
        &context::db()?,
        &context::outbound()?,
        &user,
        &application_id,
        accept,
    )
    .await?;
    let verdict = if accept { "accepted" } else { "declined" };
    context::audit(
        &user,
        "mission_team",
        &done.mission_title,
        &format!("{verdict} : {}", done.member),
    )
    .await
}

/// Names a member pilot or co-pilot of a card (board, administrators).
#[api("missions/name-pilot")]
pub async fn name_pilot(id: String, user_id: String, role: String) -> Result<(), AppError> {
    use crate::accounts::model::Role;
    use crate::platform::context;
    let user = context::require(&[Role::Board, Role::Admin]).await?;
    let name = crate::missions::services::name_pilot(
        &context::db()?,
        &context::outbound()?,
        &user,
        &id,
        &user_id,
        &role,
    )
    .await?;
    context::audit(&user, "mission_team", &id, &format!("{role} : {name}")).await
}

/// Takes a member off a card's pilots (board, administrators).
#[api("missions/remove-pilot")]
pub async fn remove_pilot(id: String, user_id: String) -> Result<(), AppError> {
    use crate::accounts::model::Role;
    use crate::platform::context;
    let user = context::require(&[Role::Board, Role::Admin]).await?;
    let name =
        crate::missions::services::remove_pilot(&context::db()?, &context::outbound()?, &user, &id, &user_id)
            .await?;
    context::audit(&user, "mission_team", &id, &format!("removed : {name}")).await
}

/// A card's board–pilots conversation (its pilots and proposer, the board).
#[api("missions/conversation")]
pub async fn card_conversation(id: String) -> Result<Vec<CardMessage>, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::conversation(&crate::platform::context::db()?, &user, &id).await
}

/// Writes in a card's conversation; the other side is told (its pilots and
/// proposer, the board).
#[api("missions/post-message")]
pub async fn post_card_message(id: String, text: String) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[]).await?;
    crate::missions::services::post_message(&context::db()?, &context::outbound()?, &user, &id, &text).await
}

/// A progress update on a running mission (the card's pilots).
#[api("missions/progress")]
pub async fn post_progress(id: String, text: String) -> Result<(), AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::progress(&crate::platform::context::db()?, &user, &id, &text).await
}

/// Starts, completes (with its deliverables) or archives a mission (pilots; archiving: board).
#[api("missions/set-status")]
pub async fn set_mission_status(
    id: String,
    version: i64,
    status: String,
    deliverables_done: String,
) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[]).await?;
    let title = crate::missions::services::set_status(
        &context::db()?,
        &user,
        &id,
        version,
        &status,
        &deliverables_done,
    )
    .await?;
    context::audit(&user, "mission_decision", &title, &status).await
}

/// The caller's cards, teams and notifications (any member).
#[api("missions/mine")]
pub async fn get_my_missions() -> Result<MyMissions, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::missions::services::mine(&crate::platform::context::db()?, &user).await
}

/// The missions a member belongs to, for their profile (any member).
#[api("missions/member")]
pub async fn member_missions(user_id: String) -> Result<Vec<TeamMembership>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::missions::services::memberships(&crate::platform::context::db()?, &user_id).await
}
