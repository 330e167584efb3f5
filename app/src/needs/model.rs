//! The needs register and the architecture catalogue: what crosses the wire,
//! and the status rules both the server and the pages read.

use serde::{Deserialize, Serialize};

use crate::accounts::model::Role;
use crate::platform::codes::{code_enum, Urgency};

code_enum! {
    /// Where a need stands, from its recording to its deployment.
    pub enum NeedStatus {
        New, InAnalysis, SolutionProposed, Submitted, Accepted, Rejected, ToRework, Deploying,
        Deployed,
    }
}

impl NeedStatus {
    /// Board decisions need a written reason.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            NeedStatus::Accepted | NeedStatus::Rejected | NeedStatus::ToRework
        )
    }

    /// New or sent back: the member who raised it may still edit it.
    pub fn open_to_its_author(self) -> bool {
        matches!(self, NeedStatus::New | NeedStatus::ToRework)
    }
}

code_enum! {
    /// MoSCoW, most important first (the order the register sorts by).
    pub enum NeedPriority { Must, Should, Could, Wont }
}

code_enum! {
    /// Who raised a need.
    pub enum NeedOrigin { WorkingGroup, Mission, Board, Other }
}

code_enum! {
    /// The register's orders: by priority (then support), by support, newest first.
    pub enum NeedSort { Priority, Support, Age }
}

code_enum! {
    /// The formats of the prioritised specification.
    pub enum ExportFormat { Markdown, Csv }
}

code_enum! {
    /// Where a component stands in the architecture.
    pub enum ComponentStatus { Adopted, Trial, Retired, Refused }
}

code_enum! {
    /// Why a tool is flagged by the consistency check.
    pub enum FlagProblem { UnknownTool, Trial, Retired, Refused }
}

code_enum! {
    /// Where a solution stands, from its draft to the board's decision.
    pub enum SolutionStatus { Draft, Submitted, Accepted, Rejected, ToRework }
}

impl SolutionStatus {
    /// A draft or one sent back: the IT coordination may still change it.
    pub fn editable(self) -> bool {
        matches!(self, SolutionStatus::Draft | SolutionStatus::ToRework)
    }
}

code_enum! {
    /// The board's decision on a solution; its needs take the same status.
    pub enum Decision { Accepted, Rejected, ToRework }
}

impl Decision {
    pub fn solution_status(self) -> SolutionStatus {
        match self {
            Decision::Accepted => SolutionStatus::Accepted,
            Decision::Rejected => SolutionStatus::Rejected,
            Decision::ToRework => SolutionStatus::ToRework,
        }
    }

    pub fn need_status(self) -> NeedStatus {
        match self {
            Decision::Accepted => NeedStatus::Accepted,
            Decision::Rejected => NeedStatus::Rejected,
            Decision::ToRework => NeedStatus::ToRework,
        }
    }
}

code_enum! {
    /// What an entry of a need's history records.
    pub enum NeedAction { Created, Edited, Status, MergedInto, MergedFrom, Decision }
}

/// Who may move a need from one status to another: the one table the server
/// applies and docs/security.md quotes. Administrators are the IT
/// coordination (analysis, solutions, deployment); the board decides.
pub const NEED_TRANSITIONS: &[(NeedStatus, NeedStatus, &[Role])] = {
    use NeedStatus::*;
    &[
        (New, InAnalysis, &[Role::Admin]),
        (InAnalysis, SolutionProposed, &[Role::Admin]),
        (SolutionProposed, InAnalysis, &[Role::Admin]),
        (SolutionProposed, Submitted, &[Role::Admin]),
        (Submitted, Accepted, &[Role::Board]),
        (Submitted, Rejected, &[Role::Board]),
        (Submitted, ToRework, &[Role::Board]),
        (ToRework, InAnalysis, &[Role::Admin]),
        (Accepted, Deploying, &[Role::Admin]),
        (Deploying, Deployed, &[Role::Admin]),
    ]
};

/// The statuses `roles` may move a need in status `from` to.
pub fn allowed_targets(from: NeedStatus, roles: &[Role]) -> Vec<NeedStatus> {
    NEED_TRANSITIONS
        .iter()
        .filter(|(f, _, who)| *f == from && who.iter().any(|r| roles.contains(r)))
        .map(|(_, to, _)| *to)
        .collect()
}

/// What the needs area writes to the audit log.
pub const NEEDS_AUDIT_ACTIONS: [&str; 6] = [
    "need_status_changed",
    "need_merged",
    "solution_submitted",
    "solution_decided",
    "component_saved",
    "category_saved",
];

/// Lines per page of the register.
pub const NEEDS_PER_PAGE: u64 = 25;

/// The register's filters and order (every field optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedQuery {
    pub text: Option<String>,
    pub status: Option<String>,
    pub origin: Option<String>,
    pub category: Option<String>,
    pub priority: Option<String>,
    pub urgency: Option<String>,
    /// `priority` (default), `support` or `age` (newest first).
    pub sort: Option<String>,
}

/// One line of the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedItem {
    pub id: String,
    pub title: String,
    pub origin: NeedOrigin,
    pub origin_name: String,
    pub category: String,
    pub priority: NeedPriority,
    pub status: NeedStatus,
    pub urgency: Urgency,
    pub people_affected: u64,
    pub current_tool: String,
    pub gap: String,
    pub support_count: u64,
    pub created_at: String,
}

/// What a member types to record a need (or to edit it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedInput {
    pub title: String,
    pub description: String,
    pub origin: String,
    pub origin_name: String,
    pub category: String,
    pub people_affected: u64,
    pub urgency: String,
    pub current_tool: String,
    pub gap: String,
    pub priority: String,
}

/// A need with everything its page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedDetail {
    pub need: NeedItem,
    /// Bumped by every edit of the fields: the edit form carries it back.
    pub version: i64,
    pub description: String,
    pub raised_by: String,
    pub supported_by_me: bool,
    /// The statuses the caller may move it to.
    pub transitions: Vec<NeedStatus>,
    /// The caller may edit its fields.
    pub can_edit: bool,
    pub merged_into: Option<NeedRef>,
    pub merged_from: Vec<NeedRef>,
    pub comments: Vec<NeedComment>,
    pub history: Vec<NeedEvent>,
    pub solutions: Vec<SolutionRef>,
    pub flags: Vec<ConsistencyFlag>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedRef {
    pub id: String,
    pub title: String,
    pub status: NeedStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedComment {
    pub author_name: String,
    pub body: String,
    pub at: String,
}

/// One entry of a need's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedEvent {
    pub at: String,
    pub actor_name: String,
    pub action: NeedAction,
    pub from_status: String,
    pub to_status: String,
    pub note: String,
}

/// A need category; administrators edit the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedCategory {
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
    pub position: i64,
    pub active: bool,
}

/// A tool or service of the architecture catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// None to create one.
    pub id: Option<String>,
    pub name: String,
    /// The need category it serves.
    pub purpose: String,
    pub description: String,
    pub status: ComponentStatus,
    pub hosting: String,
    pub free_software: bool,
    pub european: bool,
    pub yearly_cost: u64,
    /// Free or European alternatives, in words.
    pub alternatives: String,
}

/// A tool named by a need or a solution that the architecture does not back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyFlag {
    pub tool: String,
    pub problem: FlagProblem,
    /// Adopted components with the same purpose.
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolutionRef {
    pub id: String,
    pub title: String,
    pub status: SolutionStatus,
}

/// What the IT coordination proposes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SolutionInput {
    /// None to create one.
    pub id: Option<String>,
    pub title: String,
    pub need_ids: Vec<String>,
    pub component_ids: Vec<String>,
    /// Other tools it relies on, in words (checked against the catalogue).
    pub tools: String,
    pub cost_once: u64,
    pub cost_yearly: u64,
    pub delay_weeks: u64,
    pub complexity: u8,
    pub rationale: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Solution {
    pub id: String,
    pub title: String,
    pub needs: Vec<NeedRef>,
    pub components: Vec<ComponentRef>,
    pub tools: String,
    pub cost_once: u64,
    pub cost_yearly: u64,
    pub delay_weeks: u64,
    pub complexity: u8,
    pub rationale: String,
    pub status: SolutionStatus,
    pub decision_reason: String,
    pub decided_by: String,
    pub decided_at: Option<String>,
    pub created_by: String,
    pub flags: Vec<ConsistencyFlag>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentRef {
    pub id: String,
    pub name: String,
    pub status: ComponentStatus,
}

/// A text file to download.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    pub filename: String,
    pub mime: String,
    pub content: String,
}

/// Counts for the dashboard charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsDashboard {
    pub by_status: Vec<(NeedStatus, u64)>,
    pub by_origin: Vec<(NeedOrigin, u64)>,
    pub by_category: Vec<(String, u64)>,
    /// Open needs (not merged, not rejected, not "won't").
    pub total: u64,
    /// Of those, answered by an accepted solution built only on adopted components.
    pub covered: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_decides_and_the_it_coordination_analyses() {
        use NeedStatus::*;
        assert_eq!(allowed_targets(New, &[Role::Member, Role::Admin]), [InAnalysis]);
        assert!(allowed_targets(New, &[Role::Member, Role::Board]).is_empty());
        assert_eq!(
            allowed_targets(Submitted, &[Role::Member, Role::Board]),
            [Accepted, Rejected, ToRework]
        );
        assert!(allowed_targets(Submitted, &[Role::Member, Role::Admin]).is_empty());
    }
}
