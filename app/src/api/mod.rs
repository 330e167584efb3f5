//! Server functions: the portal's HTTP API, one fixed path per function
//! (`/api/<area>/<verb>`, JSON in and out). Each body is thin: the guard
//! first, then a service function.

pub mod admin;
pub mod client;
// needs
pub mod architecture;
pub mod auth;
pub mod directory;
pub mod members;
pub mod missions;
pub mod needs;
pub mod support;

/// Unknown fields are refused: every endpoint's body must name only the
/// function's arguments. One list of every server function, checked by a
/// test against the registered endpoints.
#[cfg(feature = "ssr")]
pub mod strict {
    use leptos::server_fn::ServerFn;
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::Value;

    use super::{admin, architecture, auth, directory, members, missions, needs, support};

    /// The keys of `body` that `T` does not know. A body that does not
    /// parse is left to the server function, which says why.
    fn unknown<T: DeserializeOwned + Serialize>(body: &Value) -> Vec<String> {
        let Some(given) = body.as_object() else {
            return Vec::new();
        };
        let Ok(parsed) = serde_json::from_value::<T>(body.clone()) else {
            return Vec::new();
        };
        let known = serde_json::to_value(&parsed).unwrap_or_default();
        given
            .keys()
            .filter(|k| known.get(k.as_str()).is_none())
            .cloned()
            .collect()
    }

    macro_rules! endpoints {
        ($($t:ty),* $(,)?) => {
            /// Fields of `body` unknown to the endpoint at `path`.
            pub fn unknown_fields(path: &str, body: &Value) -> Vec<String> {
                $(if path == <$t as ServerFn>::PATH {
                    return unknown::<$t>(body);
                })*
                Vec::new()
            }

            /// Every endpoint of the API.
            pub fn paths() -> Vec<&'static str> {
                vec![$(<$t as ServerFn>::PATH),*]
            }
        };
    }

    endpoints!(
        auth::Login,
        auth::Logout,
        auth::Me,
        auth::AcceptInvitation,
        auth::ResetPassword,
        auth::ChangePassword,
        auth::StartTotp,
        auth::TotpConfirm,
        admin::ListUsers,
        admin::Invite,
        admin::SetRoles,
        admin::SetActive,
        admin::ResetLink,
        admin::AuditLog,
        admin::GetSettings,
        admin::UpdateSettings,
        members::SearchMembers,
        needs::ListNeeds,
        needs::NeedsRegister,
        // needs
        needs::GetNeed,
        needs::SimilarNeeds,
        needs::CreateNeed,
        needs::UpdateNeed,
        needs::SupportNeed,
        needs::CommentNeed,
        needs::ChangeNeedStatus,
        needs::MergeNeed,
        needs::NeedCategories,
        needs::SaveNeedCategory,
        needs::ExportNeeds,
        needs::NeedsDashboardData,
        architecture::ListComponents,
        architecture::SaveComponent,
        architecture::ListSolutions,
        architecture::SaveSolution,
        architecture::SubmitSolution,
        architecture::DecideSolution,
        // end needs
        missions::ListMissions,
        missions::GetMission,
        // missions
        missions::SaveMission,
        missions::SubmitMission,
        missions::GetReviewQueue,
        missions::DecideMission,
        missions::CommentMission,
        missions::SetReferent,
        missions::ApplyMission,
        missions::AnswerApplication,
        missions::PostProgress,
        missions::SetMissionStatus,
        missions::GetMyMissions,
        missions::MemberMissions,
        support::CreateSupportRequest,
        support::MySupportRequests,
        // support
        support::SupportCategories,
        support::SupportRequest,
        support::SupportReply,
        support::SupportReopen,
        support::SupportQueue,
        support::SupportHelpers,
        support::SupportTake,
        support::SupportAssign,
        support::SupportSetStatus,
        support::SupportTargets,
        support::SupportStats,
        support::SupportCategoryList,
        support::SupportSaveCategory,
        support::SupportSaveTargets,
        support::SupportDeliveries,
        // directory
        directory::SearchDirectory,
        directory::GetMember,
        directory::ExportDirectory,
        directory::MyProfile,
        directory::SaveProfile,
        directory::SkillSuggestions,
        directory::ListDomains,
        directory::ExportMyData,
        directory::RequestDeletion,
        directory::AddDomain,
        directory::RemoveDomain,
        directory::DeletionRequests,
        directory::ConfirmDeletion,
        directory::ImportMembers,
    );
}
