//! One module per page.

pub mod account;
pub mod admin;
pub mod directory;
pub mod home;
pub mod login;
pub mod missions;
pub mod needs;
// needs
pub mod architecture;
pub mod need;
pub mod needs_dashboard;
pub mod not_found;
pub mod passwords;
pub mod support;
