//! The architecture catalogue and the solutions (`architecture/*`): any
//! member reads; administrators (the IT coordination) edit the catalogue and
//! propose solutions; the board decides.

use app_macros::api;

#[cfg(feature = "ssr")]
use crate::accounts::model::Role;
use crate::needs::model::{Component, Solution, SolutionInput};
use crate::platform::error::AppError;

/// The components, by name (any member).
#[api("architecture/components")]
pub async fn list_components() -> Result<Vec<Component>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::architecture::components(&crate::platform::context::db()?).await
}

/// Adds (no id) or changes a component (admin); answers its id.
#[api("architecture/save-component")]
pub async fn save_component(component: Component) -> Result<String, AppError> {
    use crate::platform::context;
    let user = context::require(&[Role::Admin]).await?;
    let id = crate::needs::services::architecture::save_component(&context::db()?, &component).await?;
    let detail = format!("{} ({})", component.name.trim(), component.status);
    context::audit(&user, "component_saved", &format!("component:{id}"), &detail).await?;
    Ok(id)
}

/// Every solution with its consistency flags (any member).
#[api("architecture/solutions")]
pub async fn list_solutions() -> Result<Vec<Solution>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::needs::services::architecture::solutions(&crate::platform::context::db()?).await
}

/// Proposes or reworks a solution (admin); answers its id.
#[api("architecture/save-solution")]
pub async fn save_solution(solution: SolutionInput) -> Result<String, AppError> {
    use crate::platform::context;
    let user = context::require(&[Role::Admin]).await?;
    crate::needs::services::architecture::save_solution(&context::db()?, &user, &solution).await
}

/// Puts a solution before the board (admin).
#[api("architecture/submit-solution")]
pub async fn submit_solution(id: String) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[Role::Admin]).await?;
    let out = context::outbound()?;
    let title =
        crate::needs::services::architecture::submit_solution(&context::db()?, &out, &user, &id).await?;
    context::audit(&user, "solution_submitted", &format!("solution:{id}"), &title).await
}

/// The board's decision: `accepted`, `rejected` or `to_rework`, with a
/// written reason (board); kept in the audit log.
#[api("architecture/decide")]
pub async fn decide_solution(id: String, decision: String, reason: String) -> Result<(), AppError> {
    use crate::platform::context;
    let user = context::require(&[Role::Board]).await?;
    let out = context::outbound()?;
    let title =
        crate::needs::services::architecture::decide(&context::db()?, &out, &user, &id, &decision, &reason)
            .await?;
    let detail = format!("{decision} — {title} — {}", reason.trim());
    context::audit(&user, "solution_decided", &format!("solution:{id}"), &detail).await
}
