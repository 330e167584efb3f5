//! What the browser knows of accounts: roles, the signed-in user, the
//! administrators' views.

use serde::{Deserialize, Serialize};

use crate::platform::codes::code_enum;

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

/// Accounts that can sign in, and those of them that did at least once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Activation {
    pub accounts: u64,
    pub activated: u64,
}

impl Activation {
    fn add(&mut self, other: Activation) {
        self.accounts += other.accounts;
        self.activated += other.activated;
    }

    /// Whole percent activated (0 for no account).
    pub fn percent(&self) -> u64 {
        (self.activated * 100).checked_div(self.accounts).unwrap_or(0)
    }
}

/// A region's activation, with each of its local groups'. `None` is an
/// account without a region (or a group).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionActivation {
    pub region: Option<String>,
    pub counts: Activation,
    pub groups: Vec<(Option<String>, Activation)>,
}

/// How far the roll-out went, for the board and the administrators.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivationReport {
    pub total: Activation,
    pub regions: Vec<RegionActivation>,
}

impl ActivationReport {
    /// The report of per-group counts, in the order given (regions sorted).
    pub fn from_groups(
        groups: impl IntoIterator<Item = (Option<String>, Option<String>, Activation)>,
    ) -> Self {
        let mut report = ActivationReport::default();
        for (region, group, counts) in groups {
            report.total.add(counts);
            match report.regions.iter_mut().find(|r| r.region == region) {
                Some(r) => {
                    r.counts.add(counts);
                    r.groups.push((group, counts));
                }
                None => report.regions.push(RegionActivation {
                    region,
                    counts,
                    groups: vec![(group, counts)],
                }),
            }
        }
        report
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
    pub state: AccountState,
    pub region: Option<String>,
    pub local_group: Option<String>,
}

code_enum! {
    /// Where an account stands in the roll-out: imported and never signed
    /// in, sent a link not yet used, signed in at least once, or turned off.
    pub enum AccountState { NeverSignedIn, Invited, Active, Deactivated }
}

/// The administrators' filters on the accounts (every field optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountQuery {
    /// Part of the name or the address.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub state: Option<AccountState>,
    #[serde(default)]
    pub role: Option<Role>,
    /// A region or a local group, as written on the profiles (any case).
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub local_group: Option<String>,
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
    /// Only the board and administrators may export the whole directory
    /// (members still export a filtered selection).
    #[serde(default)]
    pub reserve_directory_export: bool,
    /// Webhooks may reach the portal's own network (a relay of the
    /// association's); off, loopback and private addresses are refused.
    #[serde(default)]
    pub allow_private_webhooks: bool,
    /// Bulk invitations leave at this pace.
    #[serde(default = "default_invitations_per_minute")]
    pub invitations_per_minute: u32,
}

fn default_invitations_per_minute() -> u32 {
    60
}

/// What a bulk invitation would do, for the administrator to confirm.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InvitationPlan {
    /// Accounts that can sign in and match the filters.
    pub matching: u64,
    /// Of those, invited in the last 7 days (left out unless asked).
    pub recently_invited: u64,
    pub to_send: u64,
    pub per_minute: u32,
}

/// An address a bulk invitation could not reach, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationFailure {
    pub email: String,
    pub error: String,
}

/// Where a bulk invitation stands; its report once `pending` is 0.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InvitationProgress {
    pub batch: String,
    pub total: u64,
    pub sent: u64,
    pub failed: u64,
    pub pending: u64,
    /// Of the pending, those that failed once and wait to be tried again.
    pub retrying: u64,
    /// When the last mail is due (RFC 3339), while some are pending.
    pub ends_at: Option<String>,
    pub failures: Vec<InvitationFailure>,
}

/// Audit actions, shown through labels in the audit log page.
pub const AUDIT_ACTIONS: [&str; 22] = [
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
    "invitations_sent",
    "message_sent_again",
    "totp_enabled",
    "totp_disabled",
    "settings_changed",
    // directory
    "directory_exported",
    // missions
    "mission_decision",
    "mission_referent",
    "mission_team",
    // support
    "support_assigned",
    "support_status_changed",
    "support_settings_changed",
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
}
