//! The Shifters Portal: one folder per feature (accounts, directory, needs,
//! missions, support, notifications), each with its DTOs, endpoints, texts, pages and (on
//! the server) services; `platform` for what every feature uses; `shell` for
//! the router, header and home page. Built for the browser with `csr` (by
//! Trunk) and for the server with `ssr` (linked into the `portal` binary).

// The server build's page types nest deeper than the default allows.
#![recursion_limit = "256"]

pub mod accounts;
pub mod directory;
pub mod missions;
pub mod needs;
pub mod notifications;
pub mod platform;
pub mod support;

mod shell;
pub use shell::App;
