//! Small building blocks shared by the pages.

pub mod feedback;
pub mod files;
pub mod form;
pub mod header;
pub mod markdown;
pub mod pager;
pub mod session;
