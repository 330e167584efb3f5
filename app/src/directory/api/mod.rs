//! The endpoints of the directory.

pub mod members;
pub mod profiles;
