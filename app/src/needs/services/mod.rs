//! Needs on the server: the register and the architecture catalogue.

pub mod architecture;
pub mod needs;
