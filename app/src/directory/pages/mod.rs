//! The pages of the directory.

pub mod admin;
pub mod import;
pub mod member;
pub mod profile;
pub mod search;
