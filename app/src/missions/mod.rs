//! Mission cards: proposed by pilots, reviewed by the board, applied for by
//! members, followed by their team.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
pub mod texts;
