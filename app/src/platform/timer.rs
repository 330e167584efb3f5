//! A call put off for a while: gloo's `Timeout` in the browser, cancelled
//! when it is dropped (replaced by the next one, or gone with its page).
//! The server build never runs the pages' timers.

#[cfg(feature = "csr")]
pub use gloo_timers::callback::Timeout;

#[cfg(not(feature = "csr"))]
pub struct Timeout;

#[cfg(not(feature = "csr"))]
impl Timeout {
    pub fn new(_millis: u32, _callback: impl FnOnce() + 'static) -> Timeout {
        Timeout
    }
}
