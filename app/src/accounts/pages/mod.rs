//! The pages of accounts.

pub mod account;
pub mod activation;
pub mod admin;
pub mod invitations;
pub mod login;
pub mod passwords;
