//! Accounts on the server: accounts and sessions, passwords, one-time
//! links, bulk invitations, TOTP, the administrators' list.

pub mod accounts;
pub mod invitations;
pub mod links;
pub mod passwords;
pub mod roster;
pub mod totp;
