//! The endpoints of the needs register and of the architecture catalogue.

pub mod architecture;
pub mod register;
