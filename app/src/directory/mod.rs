//! The member directory: search with facets, member pages, one's profile and
//! photo, exports, GDPR requests, the domains list and the CSV import.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
pub mod texts;
