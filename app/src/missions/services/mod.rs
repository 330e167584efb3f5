//! Mission cards on the server: the cards and who may read them, the "for
//! you" ranking, pilots' drafts, the board's review, the team and its
//! applications, notifications.

pub mod cards;
pub mod conversation;
pub mod drafts;
pub mod for_you;
mod listing;
pub mod notify;
pub mod pilots;
pub mod ranking;
pub mod review;
pub mod team;

pub use cards::{get, list};
pub use conversation::{conversation, post_message};
pub use drafts::{save, submit};
pub use for_you::weekly_for_you;
pub use pilots::{name_pilot, remove_pilot};
pub use review::{comment, decide, progress, review_queue, set_referent, set_status, Decided};
pub use team::{answer, apply, memberships, mine, Answered};
