//! The pages of accounts.

pub mod account;
pub mod admin;
pub mod login;
pub mod passwords;
