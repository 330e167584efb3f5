//! Accounts: sign-in, one-time links, the second factor, one's account page,
//! and the administration of accounts, settings and the audit log.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
pub mod texts;
