//! Support on the server: requests and who may read them, their handling,
//! the team's settings, the dashboard, and notifications (an outbox).

pub mod dashboard;
pub mod escalation;
pub mod handling;
pub mod notify;
pub mod requests;
pub mod settings;

pub use dashboard::dashboard;
pub use escalation::escalate;
pub use handling::{assign, reopen, reply, set_status, take, Reply};
pub use requests::{create, detail, is_urgent, mine, queue, validate, NewRequest, REOPEN_DAYS};
pub use settings::{
    categories, category_settings, helpers, save_category, save_targets, targets, CategoryInput,
};
