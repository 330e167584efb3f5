//! The signed-out pages: sign-in, and the pages the mails' links open
//! (access link, invitation, reset). They do without leptos_router, which
//! comes with the member's portal (`crate::shell::member`): four pages only
//! need their address read, and links and the Back button between them,
//! which this does. The router weighed about 18 KB of the visitor's first
//! load (see docs/performance.md).

use leptos::prelude::*;

use crate::accounts::pages::{login, passwords};

/// Which page an address shows a visitor.
#[derive(Clone, Debug, PartialEq)]
enum Page {
    SignIn,
    Access,
    Invitation(String),
    Reset(String),
}

impl Page {
    /// Any address but the three below shows the sign-in page (the page
    /// asked for appears once signed in).
    fn of(path: &str) -> Page {
        let path = path.trim_matches('/');
        match path.split_once('/') {
            None if path == "acces" => Page::Access,
            Some(("invitation", token)) if is_token(token) => Page::Invitation(token.into()),
            Some(("reinitialisation", token)) if is_token(token) => Page::Reset(token.into()),
            _ => Page::SignIn,
        }
    }
}

fn is_token(segment: &str) -> bool {
    !segment.is_empty() && !segment.contains('/')
}

/// The visitor's page for the current address, following the visitor's
/// links and the Back button.
#[component]
pub fn VisitorRoutes() -> impl IntoView {
    let path = RwSignal::new(current_path());
    #[cfg(feature = "csr")]
    {
        let clicks = window_event_listener(leptos::ev::click, move |ev| follow_link(&ev, path));
        let back = window_event_listener(leptos::ev::popstate, move |_| path.set(current_path()));
        on_cleanup(move || {
            clicks.remove();
            back.remove();
        });
    }
    move || match Page::of(&path.get()) {
        Page::SignIn => view! { <login::LoginPage /> }.into_any(),
        Page::Access => view! { <login::AccessPage /> }.into_any(),
        Page::Invitation(token) => view! { <passwords::AcceptInvitationPage token /> }.into_any(),
        Page::Reset(token) => view! { <passwords::ResetPasswordPage token /> }.into_any(),
    }
}

fn current_path() -> String {
    #[cfg(feature = "csr")]
    return window().location().pathname().unwrap_or_default();
    #[cfg(not(feature = "csr"))]
    String::from("/")
}

/// A plain click on a link to one of the portal's pages: the address
/// changes and the page follows, without loading the portal again.
#[cfg(feature = "csr")]
fn follow_link(ev: &leptos::ev::MouseEvent, path: RwSignal<String>) {
    let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
    if ev.default_prevented() || ev.button() != 0 || modified {
        return;
    }
    // A path on this site; anchors (`#main`) and other sites stay the browser's.
    let Some(href) = super::header::link_of(ev).filter(|h| h.starts_with('/') && !h.starts_with("//")) else {
        return;
    };
    ev.prevent_default();
    crate::platform::url::set_address(&href, false);
    // Read back from the address, as after Back: the path alone, whatever
    // query or anchor the link carried.
    path.set(current_path());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_the_visitors_pages() {
        for (path, page) in [
            ("/", Page::SignIn),
            ("/annuaire/42", Page::SignIn),
            ("/acces", Page::Access),
            ("/acces/", Page::Access),
            ("/invitation/abc", Page::Invitation("abc".into())),
            ("/reinitialisation/xyz", Page::Reset("xyz".into())),
            ("/invitation/", Page::SignIn),
            ("/invitation/a/b", Page::SignIn),
        ] {
            assert_eq!(Page::of(path), page, "{path}");
        }
    }
}
