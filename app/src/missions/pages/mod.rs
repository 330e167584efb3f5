//! The pages of mission cards.

pub mod form;
pub mod list;
pub mod review;
