//! The Shifters Portal: pages, components, shared models and the server
//! functions the browser calls. Built for the browser with `csr` (by Trunk)
//! and for the server with `ssr` (linked into the `portal` binary).

// The server build's page types nest deeper than the default allows.
#![recursion_limit = "256"]

pub mod api;
pub mod areas;
pub mod components;
#[cfg(feature = "csr")]
pub mod crash;
pub mod error;
pub mod i18n;
pub mod models;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod ssr;

mod shell;
pub use shell::App;
