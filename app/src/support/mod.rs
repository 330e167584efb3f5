//! IT & web support: requests, their thread, the team's queue with service
//! targets, the dashboard, categories and notifications.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
pub mod texts;
