//! The pages of the needs register.

pub mod architecture;
pub mod dashboard;
pub mod need;
pub mod register;
