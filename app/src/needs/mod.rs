//! The IT needs register and the architecture catalogue: needs, supports and
//! comments, statuses, solutions submitted to the board, the dashboard.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
pub mod texts;
