//! The application shell: language, session, header, routes.

mod areas;
mod header;
mod home;
mod member;
mod not_found;
mod visitor;

use leptos::prelude::*;

use crate::platform::i18n::CommonTexts;
use crate::platform::i18n::{use_i18n, I18n};
use crate::platform::session::{self, Session, SessionState};
use crate::platform::ui::feedback::LoadingNote;
use crate::shell::header::{initial_lang, remember_lang, VisitorHeader};
use crate::shell::texts::ShellTexts;
use crate::shell::visitor::VisitorRoutes;

/// The whole portal. The first load carries the shell and the signed-out
/// pages (`crate::shell::visitor`); the signed-in portal, with the router,
/// comes in a chunk of its own (`crate::shell::member`), and every page past
/// the home page in its area's chunk the first time one of its pages opens
/// (`crate::shell::areas`).
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n {
        lang: RwSignal::new(initial_lang()),
    };
    provide_context(i18n);
    Effect::new(move |_| remember_lang(i18n.lang.get()));
    let session = Session::start();
    provide_context(session);
    // Someone was signed in here: their portal and the page's area start
    // coming now, beside the session check, not after it.
    if session::was_signed_in() {
        member::prefetch();
        #[cfg(feature = "csr")]
        areas::prefetch(&window().location().pathname().unwrap_or_default());
    }
    Effect::new(move |_| match session.state.get() {
        SessionState::SignedIn(_) => session::remember_signed_in(true),
        SessionState::SignedOut => session::remember_signed_in(false),
        SessionState::Checking | SessionState::Unreachable => {}
    });

    view! {
        <a class="skip-link" href="#main">
            {move || i18n.tr::<ShellTexts>().skip_to_content}
        </a>
        {move || match session.state.get() {
            SessionState::SignedIn(_) => view! { <SignedIn /> }.into_any(),
            SessionState::Checking => view! { <VisitorPage page=LoadingNote /> }.into_any(),
            SessionState::SignedOut => view! { <VisitorPage page=VisitorRoutes /> }.into_any(),
            SessionState::Unreachable => view! { <VisitorPage page=Unreachable /> }.into_any(),
        }}
        <footer class="site-footer">{move || i18n.tr::<ShellTexts>().footer}</footer>
    }
}

/// The member's portal, once its chunk is here (at once after the first
/// time: the browser keeps it).
#[component]
fn SignedIn() -> impl IntoView {
    view! {
        <Suspense fallback=|| {
            view! { <VisitorPage page=LoadingNote /> }
        }>{Suspend::new(member::member_portal())}</Suspense>
    }
}

/// A page under the visitor's header. Someone filling in one of its forms
/// is about to sign in: the member's portal starts coming then.
#[component]
fn VisitorPage<P: IntoView>(page: fn() -> P) -> impl IntoView {
    view! {
        <VisitorHeader />
        <main id="main" tabindex="-1" on:focusin=|_| member::prefetch()>
            {page()}
        </main>
    }
}

#[component]
fn Unreachable() -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::platform::session::use_session();
    view! {
        <div class="alert error" role="alert">
            <p>{move || i18n.tr::<CommonTexts>().error_network}</p>
            <button type="button" class="secondary" on:click=move |_| session.refresh()>
                {move || i18n.tr::<ShellTexts>().retry}
            </button>
        </div>
    }
}
pub mod texts;
