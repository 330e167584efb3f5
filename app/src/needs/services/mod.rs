//! Needs on the server: the register as read, changes to needs, exports and
//! the dashboard, and the architecture catalogue (which moves needs'
//! statuses when a solution is decided).

pub mod architecture;
pub mod changes;
mod lines;
mod notify;
pub mod register;
pub mod reports;

pub use changes::{comment, create, merge, move_status, set_support, transition, update};
pub use register::{categories, choices, get, register, save_category, search, similar};
pub use reports::{dashboard, export};
