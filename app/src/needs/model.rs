//! The needs register and the architecture catalogue: what crosses the wire,
//! and the status rules both the server and the pages read.

use serde::{Deserialize, Serialize};

use crate::accounts::model::Role;

/// Who may move a need from one status to another: the one table the server
/// applies and docs/security.md quotes. Administrators are the IT
/// coordination (analysis, solutions, deployment); the board decides.
pub const NEED_TRANSITIONS: &[(&str, &str, &[Role])] = &[
    ("new", "in_analysis", &[Role::Admin]),
    ("in_analysis", "solution_proposed", &[Role::Admin]),
    ("solution_proposed", "in_analysis", &[Role::Admin]),
    ("solution_proposed", "submitted", &[Role::Admin]),
    ("submitted", "accepted", &[Role::Board]),
    ("submitted", "rejected", &[Role::Board]),
    ("submitted", "to_rework", &[Role::Board]),
    ("to_rework", "in_analysis", &[Role::Admin]),
    ("accepted", "deploying", &[Role::Admin]),
    ("deploying", "deployed", &[Role::Admin]),
];

/// Board decisions need a written reason.
pub const DECISION_STATUSES: [&str; 3] = ["accepted", "rejected", "to_rework"];

/// The statuses `roles` may move a need in status `from` to.
pub fn allowed_targets(from: &str, roles: &[Role]) -> Vec<&'static str> {
    NEED_TRANSITIONS
        .iter()
        .filter(|(f, _, who)| *f == from && who.iter().any(|r| roles.contains(r)))
        .map(|(_, to, _)| *to)
        .collect()
}

pub const NEED_URGENCIES: [&str; 4] = ["low", "normal", "high", "critical"];
pub const NEED_SORTS: [&str; 3] = ["priority", "support", "age"];
pub const COMPONENT_STATUSES: [&str; 4] = ["adopted", "trial", "retired", "refused"];
pub const SOLUTION_DECISIONS: [&str; 3] = ["accepted", "rejected", "to_rework"];
pub const EXPORT_FORMATS: [&str; 2] = ["markdown", "csv"];
/// Why a tool is flagged by the consistency check.
pub const FLAG_PROBLEMS: [&str; 4] = ["unknown_tool", "trial", "retired", "refused"];
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
    pub origin: String,
    pub origin_name: String,
    pub category: String,
    pub priority: String,
    pub status: String,
    pub urgency: String,
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
    pub transitions: Vec<String>,
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
    pub status: String,
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
    /// `created`, `edited`, `status`, `merged_into`, `merged_from`, `decision`.
    pub action: String,
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// None to create one.
    pub id: Option<String>,
    pub name: String,
    /// The need category it serves.
    pub purpose: String,
    pub description: String,
    pub status: String,
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
    /// One of FLAG_PROBLEMS.
    pub problem: String,
    /// Adopted components with the same purpose.
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolutionRef {
    pub id: String,
    pub title: String,
    pub status: String,
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
    pub status: String,
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
    pub status: String,
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
    pub by_status: Vec<(String, u64)>,
    pub by_origin: Vec<(String, u64)>,
    pub by_category: Vec<(String, u64)>,
    /// Open needs (not merged, not rejected, not "won't").
    pub total: u64,
    /// Of those, answered by an accepted solution built only on adopted components.
    pub covered: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedSummary {
    pub id: String,
    pub title: String,
    pub origin: String,
    pub origin_name: String,
    pub category: String,
    pub priority: String,
    pub status: String,
}

pub const NEED_PRIORITIES: [&str; 4] = ["must", "should", "could", "wont"];
pub const NEED_STATUSES: [&str; 9] = [
    "new",
    "in_analysis",
    "solution_proposed",
    "submitted",
    "accepted",
    "rejected",
    "to_rework",
    "deploying",
    "deployed",
];
pub const NEED_ORIGINS: [&str; 4] = ["working_group", "mission", "board", "other"];
pub const NEED_CATEGORIES: [&str; 8] = [
    "internal_communication",
    "collaboration",
    "forms",
    "website",
    "data",
    "security",
    "hosting",
    "other",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_decides_and_the_it_coordination_analyses() {
        assert_eq!(
            allowed_targets("new", &[Role::Member, Role::Admin]),
            ["in_analysis"]
        );
        assert!(allowed_targets("new", &[Role::Member, Role::Board]).is_empty());
        assert_eq!(
            allowed_targets("submitted", &[Role::Member, Role::Board]),
            ["accepted", "rejected", "to_rework"]
        );
        assert!(allowed_targets("submitted", &[Role::Member, Role::Admin]).is_empty());
    }
}
