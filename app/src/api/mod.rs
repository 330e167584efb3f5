//! Server functions: the portal's HTTP API, one fixed path per function
//! (`/api/<area>/<verb>`, JSON in and out). Each body is thin: the guard
//! first, then a service function.

pub mod auth;
pub mod members;
pub mod missions;
pub mod needs;
pub mod support;
