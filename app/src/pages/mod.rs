//! One module per page.

pub mod account;
pub mod admin;
pub mod directory;
pub mod directory_admin;
pub mod directory_import;
pub mod home;
pub mod login;
pub mod member;
pub mod missions;
// missions: the card form and the board review
pub mod mission_form;
pub mod mission_review;
pub mod needs;
// needs
pub mod architecture;
pub mod need;
pub mod needs_dashboard;
pub mod not_found;
pub mod passwords;
pub mod profile;
pub mod support;
// support
pub mod support_request;
pub mod support_team;
