//! One module per page.

pub mod account;
pub mod admin;
pub mod directory;
pub mod directory_admin;
pub mod home;
pub mod login;
pub mod member;
pub mod missions;
pub mod needs;
pub mod not_found;
pub mod passwords;
pub mod profile;
pub mod support;
