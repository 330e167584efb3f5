//! Accounts on the server: passwords and sessions, one-time links, TOTP.

pub mod accounts;
pub mod links;
pub mod totp;
