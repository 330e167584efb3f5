//! What the browser knows of notifications: the kinds a member chooses how
//! to receive, one item of the list, and the choices.

use serde::{Deserialize, Serialize};

use crate::platform::codes::code_enum;
use crate::platform::page::Page;

code_enum! {
    /// What a notification is about: the unit of a member's choices.
    pub enum NotificationKind {
        /// A card submitted or a solution waiting for the board.
        Review,
        /// Applications to one's cards, and the answers to one's own.
        Missions,
        /// The board's decisions and comments on what one proposed.
        Decisions,
        /// The needs one wrote or supports: accepted, rejected, deployed.
        Needs,
        /// One's support requests: an answer, a question, a resolution.
        Support,
        /// Requests handed to one, answered by their requester, or late.
        SupportTeam,
        /// Each Monday, the new missions that fit one's profile (asked for).
        ForYou,
    }
}

impl NotificationKind {
    /// How the kind reaches a member who never chose: a mail at once, as
    /// the portal always did, except the weekly selection, which members
    /// ask for.
    pub fn default_delivery(self) -> Delivery {
        match self {
            NotificationKind::ForYou => Delivery::Portal,
            _ => Delivery::Mail,
        }
    }
}

code_enum! {
    /// How a kind of notification reaches a member.
    pub enum Delivery {
        /// Only in the portal's list (and the bell).
        Portal,
        /// In the portal, and a mail at once.
        Mail,
        /// In the portal, and one mail a day gathering them.
        Digest,
    }
}

/// One notification, as the member's list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: String,
    pub kind: NotificationKind,
    /// The sentence, with the name of whoever acted as it is today.
    pub text: String,
    /// Where it leads, inside the portal.
    pub link: String,
    pub at: String,
    pub read: bool,
}

/// A page of the member's notifications, newest first, and how many are unread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationList {
    pub page: Page<NotificationItem>,
    pub unread: u64,
}

/// A member's choice for one kind.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindChoice {
    pub kind: NotificationKind,
    pub delivery: Delivery,
}

/// The kinds a member may receive (staff kinds only for staff), each with
/// its delivery: the default where they never chose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationPrefs {
    pub choices: Vec<KindChoice>,
}
