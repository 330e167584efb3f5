//! What the server sends to the browser (DTOs). Database rows are separate
//! types on the server side; only these shapes cross the wire.

use serde::{Deserialize, Serialize};

// needs: the register and architecture DTOs.
/// Profiles and the directory (issue 4).
pub mod directory;
pub mod needs;

/// Roles an account can hold (several at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Pilot,
    Referent,
    Board,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Member,
        Role::Pilot,
        Role::Referent,
        Role::Board,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Pilot => "pilot",
            Role::Referent => "referent",
            Role::Board => "board",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The signed-in account, as the browser sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// The account signs in with a second factor.
    #[serde(default)]
    pub totp_enabled: bool,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// One member in the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberCard {
    pub id: String,
    pub display_name: String,
    pub region: Option<String>,
    pub local_group: Option<String>,
    pub profession: Option<String>,
    pub domains: Vec<String>,
    pub skills: Vec<String>,
    pub member_since_year: Option<i32>,
}

impl MemberCard {
    /// Initials shown in place of a photo.
    pub fn initials(&self) -> String {
        self.display_name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect::<String>()
            .to_uppercase()
    }
}

/// One page of a list, with the total for the pager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }

    /// Page `page` (from 1; past the end, the last) of the whole ordered
    /// list. `all` is walked lazily: only the page's items are produced.
    pub fn slice(all: impl ExactSizeIterator<Item = T>, page: u64, per_page: u64) -> Page<T> {
        let total = all.len() as u64;
        let page = page.clamp(1, total.div_ceil(per_page).max(1));
        let items = all
            .skip(((page - 1) * per_page) as usize)
            .take(per_page as usize)
            .collect();
        Page {
            items,
            total,
            page,
            per_page,
        }
    }
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

// missions: the cards' DTOs live in models/missions.rs.
pub mod missions;
pub use missions::{MissionCard, MissionSummary};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportRequestSummary {
    pub number: u64,
    pub subject: String,
    pub category: String,
    pub urgency: String,
    pub status: String,
    pub created_at: String,
}

/// The French regions, plus abroad.
pub const REGIONS: [&str; 19] = [
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Guadeloupe",
    "Guyane",
    "Hauts-de-France",
    "Île-de-France",
    "La Réunion",
    "Martinique",
    "Mayotte",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Étranger",
];

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
pub const MISSION_KINDS: [&str; 2] = ["mission_shifter", "pilotage_shifters"];
pub const MISSION_STATUSES: [&str; 8] = [
    "draft",
    "submitted",
    "changes_requested",
    "approved",
    "rejected",
    "active",
    "completed",
    "archived",
];
pub const SUPPORT_CATEGORIES: [&str; 6] = [
    "firefighter",
    "communication_web",
    "it_tools",
    "data_portal",
    "advice",
    "other",
];
pub const SUPPORT_URGENCIES: [&str; 4] = ["low", "normal", "high", "critical"];
pub const SUPPORT_STATUSES: [&str; 6] = ["new", "taken", "in_progress", "waiting", "resolved", "closed"];

/// Every stored code that the interface shows through a label.
pub const ALL_CODES: &[&str] = &[
    "member",
    "pilot",
    "referent",
    "board",
    "admin",
    "must",
    "should",
    "could",
    "wont",
    "new",
    "in_analysis",
    "solution_proposed",
    "submitted",
    "accepted",
    "rejected",
    "to_rework",
    "deploying",
    "deployed",
    "draft",
    "changes_requested",
    "approved",
    "active",
    "completed",
    "archived",
    "mission_shifter",
    "pilotage_shifters",
    "working_group",
    "mission",
    "other",
    "internal_communication",
    "collaboration",
    "forms",
    "website",
    "data",
    "security",
    "hosting",
    "firefighter",
    "communication_web",
    "it_tools",
    "data_portal",
    "advice",
    "low",
    "normal",
    "high",
    "critical",
    "taken",
    "in_progress",
    "waiting",
    "resolved",
    "closed",
    // support
    "age_day",
    "age_week",
    "age_month",
    "age_older",
    "webhook",
    "email",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn initials_take_two_words() {
        let m = MemberCard {
            id: "x".into(),
            display_name: "élise du Pont".into(),
            region: None,
            local_group: None,
            profession: None,
            domains: vec![],
            skills: vec![],
            member_since_year: None,
        };
        assert_eq!(m.initials(), "ÉD");
    }

    #[test]
    fn page_count_rounds_up() {
        let p: Page<()> = Page {
            items: vec![],
            total: 41,
            page: 1,
            per_page: 20,
        };
        assert_eq!(p.page_count(), 3);
        let empty: Page<()> = Page {
            items: vec![],
            total: 0,
            page: 1,
            per_page: 20,
        };
        assert_eq!(empty.page_count(), 1);
    }
}

/// An account as the administrators see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub active: bool,
    pub totp_enabled: bool,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor_email: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub ip: String,
}

/// A one-time link (invitation or password reset) to hand to its recipient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OneTimeLink {
    pub url: String,
    pub expires_at: String,
    /// The link was also mailed to its recipient.
    pub mailed: bool,
}

/// What an authenticator app needs to add the account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub secret: String,
    pub otpauth_uri: String,
}

/// Settings the administrators change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PortalSettings {
    /// Admin and board accounts must use a second factor.
    pub require_totp_for_privileged: bool,
}

/// Audit actions, shown through labels in the audit log page.
pub const AUDIT_ACTIONS: [&str; 19] = [
    "login",
    "login_failed",
    "logout",
    "invitation",
    "invitation_accepted",
    "roles_changed",
    "deactivated",
    "reactivated",
    "password_changed",
    "reset_link",
    "totp_enabled",
    "totp_disabled",
    "settings_changed",
    // missions
    "mission_decision",
    "mission_referent",
    "mission_team",
    // support
    "support_assigned",
    "support_status_changed",
    "support_settings_changed",
];

// ---- support (issue 7): categories, queue, thread, targets, dashboard, deliveries ----

/// Someone named in the support team (referent, helper).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: String,
    pub display_name: String,
}

/// A support category as the request form shows it (the list is data that
/// administrators edit; `code` is what requests store).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportCategory {
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
    pub active: bool,
}

impl SupportCategory {
    pub fn label(&self, french: bool) -> &str {
        if french {
            &self.label_fr
        } else {
            &self.label_en
        }
    }
}

/// A category as administrators edit it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportCategorySettings {
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
    pub active: bool,
    pub position: i64,
    pub referents: Vec<PersonRef>,
    /// Slack- or Mattermost-compatible incoming webhook.
    pub webhook_url: Option<String>,
}

/// Target times for one urgency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportTarget {
    pub urgency: String,
    pub first_response_hours: u32,
    pub resolution_hours: u32,
}

/// One request in the support team's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportQueueItem {
    pub number: u64,
    pub subject: String,
    pub category: String,
    pub urgency: String,
    pub status: String,
    pub created_at: String,
    pub requester_name: String,
    pub assignee_name: Option<String>,
    /// Past its first-response or resolution target.
    pub overdue: bool,
}

/// One entry of a request's thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportMessage {
    /// `message`, `note` (support team only) or `event`.
    pub kind: String,
    pub author_name: String,
    pub body: String,
    /// For events: `taken`, `assigned`, `status`, `reopened`.
    pub event: String,
    pub at: String,
}

/// A request with its thread, as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportRequestDetail {
    pub number: u64,
    pub subject: String,
    pub category: String,
    pub urgency: String,
    pub status: String,
    pub description: String,
    pub tool: String,
    pub contact: String,
    pub created_at: String,
    pub requester_name: String,
    pub assignee: Option<PersonRef>,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub overdue: bool,
    /// The viewer is on the support team for this request (may act, sees notes).
    pub can_handle: bool,
    /// The viewer is the requester and may still reopen it.
    pub can_reopen: bool,
    pub thread: Vec<SupportMessage>,
}

/// A count for one code (category, status, age bracket).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeCount {
    pub code: String,
    pub count: u64,
    /// Of which past their target (queues only).
    pub overdue: u64,
}

/// Response times of the requests created in one week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekTimes {
    /// Monday of the week, `2026-11-23`.
    pub week: String,
    pub created: u64,
    /// Median hours to the first answer, if any request was answered.
    pub first_response_hours: Option<f64>,
    /// Median hours to resolution, if any request was resolved.
    pub resolution_hours: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportDashboard {
    /// Open requests per category, with how many are overdue.
    pub queues: Vec<CodeCount>,
    pub by_status: Vec<CodeCount>,
    /// Open requests by age: `age_day`, `age_week`, `age_month`, `age_older`.
    pub by_age: Vec<CodeCount>,
    pub weeks: Vec<WeekTimes>,
}

/// One notification and how its delivery went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportDelivery {
    pub number: u64,
    pub channel: String,
    pub target: String,
    pub attempts: u64,
    pub last_error: String,
    pub delivered_at: Option<String>,
    pub next_attempt_at: String,
    pub gave_up: bool,
    pub created_at: String,
}

pub const SUPPORT_AGE_BRACKETS: [&str; 4] = ["age_day", "age_week", "age_month", "age_older"];
