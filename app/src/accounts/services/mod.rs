//! Accounts on the server: passwords and sessions, one-time links, bulk
//! invitations, TOTP.

pub mod accounts;
pub mod invitations;
pub mod links;
pub mod totp;
