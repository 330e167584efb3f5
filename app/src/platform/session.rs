//! Who is signed in, as known by the browser. The server checks again on
//! every call; this only decides what to show.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::accounts::api::auth;
use crate::accounts::model::CurrentUser;
use crate::platform::error::AppError;

#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    Checking,
    SignedOut,
    SignedIn(CurrentUser),
    /// The server could not be reached to know.
    Unreachable,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

impl Session {
    /// Asks the server who we are, once at start-up.
    pub fn start() -> Session {
        let session = Session {
            state: RwSignal::new(SessionState::Checking),
        };
        session.refresh();
        session
    }

    pub fn refresh(self) {
        spawn_local(async move {
            let next = match auth::me().await {
                Ok(user) => SessionState::SignedIn(user),
                Err(AppError::Unauthorized) => SessionState::SignedOut,
                Err(_) => SessionState::Unreachable,
            };
            // Signed in, the first screen is the member's portal, which
            // marks itself once drawn (its code may still be coming).
            let drawn = !matches!(next, SessionState::SignedIn(_));
            self.state.set(next);
            if drawn {
                request_animation_frame(mark_ready);
            }
        });
    }

    pub fn user(&self) -> Option<CurrentUser> {
        match self.state.get() {
            SessionState::SignedIn(user) => Some(user),
            _ => None,
        }
    }

    /// A server function answered 401: the session ended on the server.
    pub fn expired(&self) {
        self.state.set(SessionState::SignedOut);
    }
}

/// This browser's `localStorage`, if it lets the portal use it (a browser
/// that blocks it makes every reader here fall back, never fail).
#[cfg(feature = "csr")]
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Browser storage keys under this prefix hold a member's unsaved words
/// (a mission card typed offline): they go at sign-out, so that the next
/// person on a shared computer does not find them.
pub const DRAFT_PREFIX: &str = "draft:";

/// Removes every draft this browser kept.
pub fn forget_drafts() {
    #[cfg(feature = "csr")]
    if let Some(storage) = storage() {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(DRAFT_PREFIX))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
}

/// Browser storage key present while someone is signed in on this browser:
/// at the next start the member's portal starts coming at once, beside the
/// session check, rather than after it. It says nothing of who.
#[cfg(feature = "csr")]
const SIGNED_IN_HERE: &str = "signed-in";

/// Keeps the mark in step with the session (set signed in, gone signed out).
pub fn remember_signed_in(signed_in: bool) {
    #[cfg(feature = "csr")]
    if let Some(storage) = storage() {
        let _ = match signed_in {
            true => storage.set_item(SIGNED_IN_HERE, "1"),
            false => storage.remove_item(SIGNED_IN_HERE),
        };
    }
    #[cfg(not(feature = "csr"))]
    let _ = signed_in;
}

/// Whether someone was signed in on this browser when it last ran the portal.
pub fn was_signed_in() -> bool {
    #[cfg(feature = "csr")]
    return storage()
        .and_then(|s| s.get_item(SIGNED_IN_HERE).ok().flatten())
        .is_some();
    #[cfg(not(feature = "csr"))]
    false
}

/// The first screen is drawn: browser benchmarks measure up to this mark.
pub fn mark_ready() {
    #[cfg(feature = "csr")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("portal-ready");
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
