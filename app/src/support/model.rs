//! What the browser knows of support requests: categories, queue, thread,
//! targets, dashboard, deliveries.

use serde::{Deserialize, Serialize};

use crate::platform::codes::{code_enum, Urgency};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportRequestSummary {
    pub number: u64,
    pub subject: String,
    pub category: String,
    pub urgency: Urgency,
    pub status: RequestStatus,
    pub created_at: String,
}

pub const SUPPORT_CATEGORIES: [&str; 6] = [
    "firefighter",
    "communication_web",
    "it_tools",
    "data_portal",
    "advice",
    "other",
];
code_enum! {
    /// Where a request stands.
    pub enum RequestStatus { New, Taken, InProgress, Waiting, Resolved, Closed }
}

impl RequestStatus {
    /// Resolved or closed: nothing left to do (a requester may reopen).
    pub fn is_done(self) -> bool {
        matches!(self, RequestStatus::Resolved | RequestStatus::Closed)
    }
}

/// How a notification went out: the outbox's channels.
pub use crate::platform::outbox::Channel;

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
    pub urgency: Urgency,
    pub first_response_hours: u32,
    pub resolution_hours: u32,
}

/// One request in the support team's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportQueueItem {
    pub number: u64,
    pub subject: String,
    pub category: String,
    pub urgency: Urgency,
    pub status: RequestStatus,
    pub created_at: String,
    pub requester_name: String,
    pub assignee_name: Option<String>,
    /// Past its first-response or resolution target.
    pub overdue: bool,
}

code_enum! {
    /// What an entry of a request's thread is.
    pub enum MessageKind {
        Message,
        /// Seen by the support team only.
        Note, Event,
    }
}

/// One entry of a request's thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportMessage {
    pub kind: MessageKind,
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
    /// Bumped by every change: taking or handing over carries it back.
    pub version: i64,
    pub subject: String,
    pub category: String,
    pub urgency: Urgency,
    pub status: RequestStatus,
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
    pub channel: Channel,
    pub target: String,
    pub attempts: u64,
    pub last_error: String,
    pub delivered_at: Option<String>,
    pub next_attempt_at: String,
    pub gave_up: bool,
    pub created_at: String,
}

pub const SUPPORT_AGE_BRACKETS: [&str; 4] = ["age_day", "age_week", "age_month", "age_older"];
