//! The pages of mission cards.

pub mod card;
pub mod form;
pub mod form_fields;
pub mod list;
pub mod people;
pub mod review;
