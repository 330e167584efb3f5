//! Small building blocks the pages of every feature share.

pub mod feedback;
pub mod files;
pub mod form;
pub mod markdown;
pub mod nav;
pub mod pager;
