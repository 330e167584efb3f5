//! What every feature uses: the typed error, the texts' language, the
//! browser's JSON client, the session, small UI pieces, paging; on the
//! server the request context and guard, database helpers, mail and the outbox,
//! audit and throttling.

pub mod client;
pub mod codes;
#[cfg(feature = "csr")]
pub mod crash;
pub mod encoding;
pub mod error;
pub mod i18n;
pub mod labels;
pub mod outbox;
pub mod page;
pub mod said;
pub mod session;
pub mod timer;
pub mod ui;
pub mod url;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod snapshots;
#[cfg(feature = "ssr")]
pub mod strict;
#[cfg(feature = "ssr")]
pub mod text;
#[cfg(feature = "ssr")]
pub mod throttle;
