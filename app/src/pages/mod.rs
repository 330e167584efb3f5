//! One module per page.

pub mod account;
pub mod admin;
pub mod directory;
pub mod home;
pub mod login;
pub mod missions;
pub mod needs;
pub mod not_found;
pub mod passwords;
pub mod support;
// support
pub mod support_request;
pub mod support_team;
