//! The pages of support.

pub mod ask;
pub mod request;
pub mod team;
