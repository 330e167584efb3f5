//! The notification centre: what concerns a member, from every area, in one
//! list with a bell in the header; how each kind reaches them (in the
//! portal, a mail at once or a daily digest); and the live channel that
//! keeps the bell and the busy pages current without reloading.

pub mod api;
#[cfg(feature = "ssr")]
pub mod hub;
pub mod live;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
pub mod texts;
