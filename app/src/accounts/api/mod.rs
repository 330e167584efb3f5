//! The endpoints of accounts: signing in and out, links, TOTP; administration.

pub mod admin;
pub mod auth;
