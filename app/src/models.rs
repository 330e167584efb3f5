//! What the server sends to the browser (DTOs). Database rows are separate
//! types on the server side; only these shapes cross the wire.

use serde::{Deserialize, Serialize};

/// Profiles and the directory (issue 4).
pub mod directory;

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissionSummary {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub board_referent: String,
}

/// A mission card laid out like the association's own cards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissionCard {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub pilots: String,
    pub board_referent: String,
    pub tsp_referent: String,
    pub what: String,
    pub when: String,
    pub deliverables: String,
    pub how_many: String,
}

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
pub const AUDIT_ACTIONS: [&str; 13] = [
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
];
