//! The directory and profiles: search with facets, member pages,
//! the member's own profile, the domains list, GDPR.

use app_macros::api;

use crate::directory::model::{
    Completion, DeletionRequest, DirectoryQuery, DirectoryResult, ExistingMembers, ImportField, ImportReport,
    MemberPage, Profile,
};
use crate::platform::error::AppError;

/// Searches the directory with facet counts, as the caller may see it (any member).
#[api("directory/search")]
pub async fn search_directory(query: DirectoryQuery) -> Result<DirectoryResult, AppError> {
    use crate::directory::services as directory;
    let user = crate::platform::context::require(&[]).await?;
    let db = crate::platform::context::db()?;
    let mut result = directory::search(&db, directory::audience_of(&user), &query).await?;
    result.export_reserved = directory::export::reserved_for(&db, &user).await?;
    Ok(result)
}

/// A member's page, as the caller may see it (any member).
#[api("directory/member")]
pub async fn get_member(id: String) -> Result<MemberPage, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::directory::services::member_page(&crate::platform::context::db()?, &user, &id).await
}

/// The caller's own profile, everything included (any member).
#[api("profile/mine")]
pub async fn my_profile() -> Result<Profile, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::directory::services::profiles::mine(&crate::platform::context::db()?, &user).await
}

/// How complete the caller's profile is, and what is missing (any member;
/// the home page's nudge, lighter than the whole profile).
#[api("profile/completion")]
pub async fn profile_completion() -> Result<Completion, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    let profile = crate::directory::services::profiles::mine(&crate::platform::context::db()?, &user).await?;
    Ok(Completion {
        percent: profile.completeness(),
        missing: profile.missing().into_iter().map(String::from).collect(),
    })
}

/// Saves the caller's own profile and its visibility choices (any member).
#[api("profile/save")]
pub async fn save_profile(profile: Profile) -> Result<Profile, AppError> {
    use crate::directory::services::profiles;
    let user = crate::platform::context::require(&[]).await?;
    let db = crate::platform::context::db()?;
    let was_listed = profiles::mine(&db, &user).await?.in_directory;
    let saved = profiles::save(&db, &user, &profile).await?;
    if was_listed != saved.in_directory {
        let action = if saved.in_directory {
            "directory_joined"
        } else {
            "directory_left"
        };
        crate::platform::context::audit(&user, action, &user.email, "").await?;
    }
    Ok(saved)
}

/// Skills already in use starting with `prefix` (any member).
#[api("profile/skills")]
pub async fn skill_suggestions(prefix: String) -> Result<Vec<String>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::directory::services::profiles::skill_suggestions(&crate::platform::context::db()?, &prefix).await
}

/// The domains of activity members choose from (any member).
#[api("profile/domains")]
pub async fn list_domains() -> Result<Vec<String>, AppError> {
    crate::platform::context::require(&[]).await?;
    crate::directory::services::profiles::domains(&crate::platform::context::db()?).await
}

/// Everything the portal holds about the caller, as JSON (any member).
#[api("profile/export-data")]
pub async fn export_my_data() -> Result<serde_json::Value, AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::directory::services::profiles::export_data(&crate::platform::context::db()?, &user).await
}

/// The caller asks for their data to be erased; an administrator confirms (any member).
#[api("profile/request-deletion")]
pub async fn request_deletion() -> Result<(), AppError> {
    let user = crate::platform::context::require(&[]).await?;
    crate::directory::services::profiles::request_deletion(&crate::platform::context::db()?, &user).await?;
    crate::platform::context::audit(&user, "deletion_requested", &user.email, "").await
}

/// Adds a domain of activity to the list (admin).
#[api("directory/domain-add")]
pub async fn add_domain(name: String) -> Result<Vec<String>, AppError> {
    let admin = crate::platform::context::require(&[crate::accounts::model::Role::Admin]).await?;
    let list =
        crate::directory::services::profiles::add_domain(&crate::platform::context::db()?, &name).await?;
    crate::platform::context::audit(&admin, "domain_added", name.trim(), "").await?;
    Ok(list)
}

/// Removes a domain of activity from the list; members keep it (admin).
#[api("directory/domain-remove")]
pub async fn remove_domain(name: String) -> Result<Vec<String>, AppError> {
    let admin = crate::platform::context::require(&[crate::accounts::model::Role::Admin]).await?;
    let list =
        crate::directory::services::profiles::remove_domain(&crate::platform::context::db()?, &name).await?;
    crate::platform::context::audit(&admin, "domain_removed", &name, "").await?;
    Ok(list)
}

/// Members who asked for their data to be erased (admin).
#[api("directory/deletion-requests")]
pub async fn deletion_requests() -> Result<Vec<DeletionRequest>, AppError> {
    crate::platform::context::require(&[crate::accounts::model::Role::Admin]).await?;
    crate::directory::services::profiles::deletion_requests(&crate::platform::context::db()?).await
}

/// Erases a member who asked for it: anonymised everywhere (admin).
#[api("directory/confirm-deletion")]
pub async fn confirm_deletion(user_id: String) -> Result<(), AppError> {
    let admin = crate::platform::context::require(&[crate::accounts::model::Role::Admin]).await?;
    crate::directory::services::profiles::confirm_deletion(&crate::platform::context::db()?, &user_id)
        .await?;
    crate::platform::context::audit(&admin, "member_erased", &user_id, "").await
}

/// Reads a CSV file of members (its text, decoded): with `commit` false,
/// the preview (mapping, first rows, every row checked); with `commit` true,
/// creates the new members and completes (or skips, per `existing`) those
/// already there, in one transaction (admin).
#[api("directory/import")]
pub async fn import_members(
    csv: String,
    mapping: Option<Vec<Option<ImportField>>>,
    existing: Option<ExistingMembers>,
    commit: bool,
) -> Result<ImportReport, AppError> {
    use crate::directory::services::import::{import, ImportOptions};
    let admin = crate::platform::context::require(&[crate::accounts::model::Role::Admin]).await?;
    let options = ImportOptions {
        mapping,
        existing: existing.unwrap_or_default(),
        commit,
    };
    let report = import(&crate::platform::context::db()?, &csv, options).await?;
    if commit {
        let detail = format!(
            "{} créés, {} complétés, {} rejetés",
            report.imported, report.completed, report.rejected_rows
        );
        crate::platform::context::audit(&admin, "members_imported", "", &detail).await?;
    }
    Ok(report)
}
