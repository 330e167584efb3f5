//! Mission cards as the browser sees them, and the rules both sides share
//! (what a card needs before the board can review it, the field-by-field
//! difference between two versions).

use serde::{Deserialize, Serialize};

use crate::platform::codes::code_enum;
use crate::platform::page::Page;

/// Roles a card asks for, in the order a card lists them.
pub const MISSION_ROLES: [&str; 3] = ["pilot", "copilot", "contributor"];
/// How much time a role takes: light (< 2 h a week), regular (2–5 h), strong (> 5 h).
pub const MISSION_COMMITMENTS: [&str; 3] = ["light", "regular", "strong"];

/// The fewest hours a month a commitment asks for (the low end of its band:
/// 1 h, 2 h and 5 h a week), to compare with a member's availability.
pub fn commitment_hours(commitment: &str) -> u32 {
    match commitment {
        "light" => 4,
        "regular" => 8,
        _ => 20,
    }
}
/// Every mission code the interface shows through a label.
pub const MISSION_CODES: [&str; 16] = [
    "copilot",
    "contributor",
    "light",
    "regular",
    "strong",
    "pending",
    "declined",
    "created",
    "comment",
    "progress",
    "referent_named",
    "referent_removed",
    "member_joined",
    "pilot_named",
    "pilot_removed",
    "removed",
];
pub const TEXT_MAX: usize = 5000;
pub const SKILLS_MAX: usize = 12;

/// One role a card asks for: how many people, with what skills, for how much time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionRole {
    pub role: String,
    pub places: u32,
    pub skills: Vec<String>,
    pub commitment: String,
    /// In the card's own words ("3-4h/sem pendant 6 mois").
    pub duration: String,
}

impl MissionRole {
    /// One regular pilot: the role a new card starts with.
    pub fn one_pilot() -> MissionRole {
        MissionRole {
            role: "pilot".into(),
            places: 1,
            commitment: "regular".into(),
            ..MissionRole::default()
        }
    }
}

/// The fields a pilot writes (the form, the autosave and the review snapshot).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionDraft {
    pub title: String,
    pub kind: String,
    pub tsp_referent: String,
    pub what: String,
    pub when: String,
    pub deliverables: String,
    pub how_many: String,
    pub region: String,
    pub domains: Vec<String>,
    /// Record ids of the needs this mission answers.
    pub needs: Vec<String>,
    pub roles: Vec<MissionRole>,
}

impl MissionDraft {
    /// The fields still missing before the board can review the card, by name.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        let texts = [
            ("title", &self.title),
            ("kind", &self.kind),
            ("what", &self.what),
            ("when", &self.when),
            ("deliverables", &self.deliverables),
            ("how_many", &self.how_many),
        ];
        for (field, value) in texts {
            if value.trim().is_empty() {
                missing.push(field);
            }
        }
        if !self
            .roles
            .iter()
            .any(|r| r.role == "pilot" || r.role == "copilot")
        {
            missing.push("roles");
        }
        missing
    }

    /// Each field as one line of text, for the difference shown to the board.
    fn fields(&self) -> Vec<(&'static str, String)> {
        let roles = self
            .roles
            .iter()
            .map(|r| {
                format!(
                    "{} × {} ({}; {}) {}",
                    r.places,
                    r.role,
                    r.commitment,
                    r.skills.join(", "),
                    r.duration
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        vec![
            ("title", self.title.clone()),
            ("kind", self.kind.clone()),
            ("tsp_referent", self.tsp_referent.clone()),
            ("what", self.what.clone()),
            ("when", self.when.clone()),
            ("deliverables", self.deliverables.clone()),
            ("how_many", self.how_many.clone()),
            ("region", self.region.clone()),
            ("domains", self.domains.join(", ")),
            ("needs", self.needs.join(", ")),
            ("roles", roles),
        ]
    }

    /// The fields that differ from `before`, with both values.
    pub fn changes_since(&self, before: &MissionDraft) -> Vec<FieldChange> {
        self.fields()
            .into_iter()
            .zip(before.fields())
            .filter(|((_, now), (_, then))| now != then)
            .map(|((field, now), (_, then))| FieldChange {
                field: field.to_string(),
                before: then,
                after: now,
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Missions per page of the list of open missions.
pub const MISSIONS_PER_PAGE: u64 = 20;
/// Cards per page of the board's review queue (each comes with its history).
pub const REVIEW_PER_PAGE: u64 = 10;

/// Filters of the list of open missions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionFilter {
    pub kind: Option<String>,
    /// Part of a skill wanted by one of the roles.
    pub skill: Option<String>,
    pub commitment: Option<String>,
    pub region: Option<String>,
    /// Only the missions with places left.
    pub open_only: bool,
    /// Ranked for the signed-in member (skills, domains, region, availability).
    pub for_you: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissionSummary {
    pub id: String,
    pub title: String,
    pub kind: MissionKind,
    pub status: MissionStatus,
    pub board_referent: String,
    pub region: String,
    pub skills: Vec<String>,
    pub commitments: Vec<String>,
    pub places_left: u32,
    /// How well the mission fits the member ("for you" view), else 0.
    pub score: u32,
    /// Why it is suggested ("for you" view only).
    pub fit: Option<MissionFit>,
}

/// What a mission and a member have in common, shown as the reason it is suggested.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionFit {
    /// The member's skills some role asks for.
    pub skills: Vec<String>,
    /// The member's domains the mission is about.
    pub domains: Vec<String>,
    /// The mission is in the member's region.
    pub same_region: bool,
    /// `fits` (the lightest role fits the member's monthly hours), `too_much`, or `unknown`.
    pub availability: String,
}

/// A role with its places taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSeats {
    #[serde(flatten)]
    pub role: MissionRole,
    pub taken: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: String,
    pub name: String,
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionEvent {
    pub at: String,
    pub by: String,
    pub kind: MissionEventKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub role: String,
    pub message: String,
    pub status: ApplicationStatus,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedLink {
    pub id: String,
    pub title: String,
}

/// Someone a card names: a portal account (linked to their page) or, for
/// someone outside the portal, the card's own words (no id).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: Option<String>,
    pub name: String,
}

/// One entry of a card's board–pilots conversation: a message, or a board
/// decision with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardMessage {
    pub at: String,
    pub by: String,
    pub from_board: bool,
    /// Set on a decision: what the board decided.
    pub decision: Option<MissionEventKind>,
    pub text: String,
}

/// A mission card laid out like the association's own cards, with its team,
/// history and what the caller may do with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissionCard {
    pub id: String,
    pub title: String,
    pub kind: MissionKind,
    pub status: MissionStatus,
    pub version: i64,
    /// The series the association files the card under ("Nouvelles missions SI").
    pub series: String,
    /// The named pilots, or the card's own words while nobody is named.
    pub pilots: Vec<PersonRef>,
    pub board_referent: PersonRef,
    pub tsp_referent: String,
    pub what: String,
    pub when: String,
    pub deliverables: String,
    pub how_many: String,
    pub region: String,
    pub domains: Vec<String>,
    pub needs: Vec<NeedLink>,
    pub roles: Vec<RoleSeats>,
    pub team: Vec<TeamMember>,
    pub history: Vec<MissionEvent>,
    /// Every application for the pilots; only the caller's own for others.
    pub applications: Vec<Application>,
    pub deliverables_done: String,
    pub can_edit: bool,
    pub can_review: bool,
    pub is_pilot: bool,
    /// Board and administrators: name and remove pilots, archive.
    pub can_staff: bool,
    /// Pilots, proposer and board: the card's conversation.
    pub in_conversation: bool,
}

impl MissionCard {
    /// The editable fields, as the form and the autosave carry them.
    pub fn draft(&self) -> MissionDraft {
        MissionDraft {
            title: self.title.clone(),
            kind: self.kind.code().to_string(),
            tsp_referent: self.tsp_referent.clone(),
            what: self.what.clone(),
            when: self.when.clone(),
            deliverables: self.deliverables.clone(),
            how_many: self.how_many.clone(),
            region: self.region.clone(),
            domains: self.domains.clone(),
            needs: self.needs.iter().map(|n| n.id.clone()).collect(),
            roles: self.roles.iter().map(|r| r.role.clone()).collect(),
        }
    }
}

/// The answer to a save: the id (new on the first save) and the version to send next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub id: String,
    pub version: i64,
}

/// A card waiting for the board, with what changed since its last review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: String,
    pub title: String,
    pub kind: MissionKind,
    pub version: i64,
    pub pilots: String,
    pub board_referent: String,
    pub submitted_at: String,
    pub waiting_days: i64,
    /// Empty on a first review.
    pub changes: Vec<FieldChange>,
    pub first_review: bool,
    /// Comments and decisions so far.
    pub history: Vec<MissionEvent>,
    /// The caller pilots this card: they may not decide on it.
    pub own_card: bool,
}

/// A board member who can be named referent of a mission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardMember {
    pub id: String,
    pub name: String,
}

/// A page of the cards waiting for the board, and who may be named referent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewQueue {
    pub page: Page<ReviewItem>,
    pub board: Vec<BoardMember>,
}

/// The caller's cards (as pilot or proposer) and the teams they belong to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyMissions {
    pub piloted: Vec<MissionSummary>,
    pub joined: Vec<TeamMembership>,
    pub notifications: Vec<Notification>,
}

/// A mission a member belongs to (shown on the member's profile).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMembership {
    pub mission_id: String,
    pub title: String,
    pub role: String,
    pub status: MissionStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub at: String,
    pub text: String,
    pub link: String,
}

code_enum! {
    /// The two kinds of card the association uses.
    pub enum MissionKind { MissionShifter, PilotageShifters }
}

code_enum! {
    /// Where a card stands, from the pilots' draft to its archive.
    pub enum MissionStatus {
        Draft, Submitted, ChangesRequested, Approved, Rejected, Active, Completed, Archived,
    }
}

code_enum! {
    /// Where a member's application to a role stands.
    pub enum ApplicationStatus {
        Pending, Accepted, Declined,
        /// A pilot the board took off the card.
        Removed,
    }
}

code_enum! {
    /// The board's decision on a submitted card (also the status it moves to).
    pub enum MissionDecision { Approved, ChangesRequested, Rejected }
}

code_enum! {
    /// What the history of a card records: its status moves, and the rest.
    pub enum MissionEventKind {
        Created, Submitted, Approved, ChangesRequested, Rejected, Comment, Progress, Active,
        Completed, Archived, ReferentNamed, ReferentRemoved, MemberJoined, PilotNamed, PilotRemoved,
    }
}

impl MissionEventKind {
    /// A board decision (whose snapshot is what the board last reviewed).
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            MissionEventKind::Approved | MissionEventKind::ChangesRequested | MissionEventKind::Rejected
        )
    }
}

impl MissionStatus {
    /// Approved or under way: members may apply.
    pub fn is_open(self) -> bool {
        matches!(self, MissionStatus::Approved | MissionStatus::Active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> MissionDraft {
        MissionDraft {
            title: "Chat4ever".into(),
            kind: "mission_shifter".into(),
            what: "Recenser".into(),
            when: "Mi-novembre".into(),
            deliverables: "Un CdC".into(),
            how_many: "1 pilote".into(),
            roles: vec![MissionRole::one_pilot()],
            ..MissionDraft::default()
        }
    }

    #[test]
    fn a_card_names_what_it_misses() {
        assert!(complete().missing().is_empty());
        let mut d = complete();
        d.what = "  ".into();
        d.roles.clear();
        assert_eq!(d.missing(), ["what", "roles"]);
    }

    #[test]
    fn the_difference_names_changed_fields_only() {
        let before = complete();
        let mut after = complete();
        after.when = "Fin novembre".into();
        let changes = after.changes_since(&before);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "when");
        assert_eq!(changes[0].before, "Mi-novembre");
        assert_eq!(changes[0].after, "Fin novembre");
    }
}
