//! The application shell: language, session, header, routes.

mod areas;
mod header;
mod home;
mod not_found;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

use crate::accounts::pages::{login, passwords};
use crate::platform::i18n::CommonTexts;
use crate::platform::i18n::{use_i18n, I18n};
use crate::platform::session::{Session, SessionState};
use crate::platform::ui::feedback::LoadingNote;
use crate::shell::areas::*;
use crate::shell::header::{initial_lang, remember_lang, SiteHeader};
use crate::shell::texts::ShellTexts;

/// The whole portal. The first load carries the shell, the sign-in and the
/// home page; every other page's code comes in its area's chunk the first
/// time one of its pages opens (`crate::shell::areas`).
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n {
        lang: RwSignal::new(initial_lang()),
    };
    provide_context(i18n);
    Effect::new(move |_| remember_lang(i18n.lang.get()));
    let session = Session::start();
    provide_context(session);
    crate::notifications::live::provide_live(Signal::derive(move || {
        matches!(session.state.get(), SessionState::SignedIn(_))
    }));

    view! {
        <Router>
            <a class="skip-link" href="#main">
                {move || i18n.tr::<ShellTexts>().skip_to_content}
            </a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                {move || match session.state.get() {
                    SessionState::Checking => view! { <LoadingNote /> }.into_any(),
                    SessionState::SignedOut => view! { <PublicRoutes /> }.into_any(),
                    SessionState::Unreachable => view! { <Unreachable /> }.into_any(),
                    SessionState::SignedIn(_) => view! { <PortalRoutes /> }.into_any(),
                }}
            </main>
            <footer class="site-footer">{move || i18n.tr::<ShellTexts>().footer}</footer>
        </Router>
    }
}

/// Every page, signed in. Deep links reload fine: the server answers
/// index.html for any path that is not a file or an API call.
#[component]
fn PortalRoutes() -> impl IntoView {
    view! {
        <Routes fallback=not_found::NotFoundPage>
            <Route path=path!("/") view=home::HomePage />
            // directory
            <Route path=path!("/annuaire") view={Lazy::<DirectoryRoute>::new()} />
            <Route path=path!("/annuaire/activation") view={Lazy::<ActivationRoute>::new()} />
            <Route path=path!("/annuaire/:id") view={Lazy::<MemberRoute>::new()} />
            <Route path=path!("/profil") view={Lazy::<ProfileRoute>::new()} />
            // needs (the fixed paths first)
            <Route path=path!("/besoins") view={Lazy::<NeedsRoute>::new()} />
            <Route path=path!("/besoins/nouveau") view={Lazy::<NewNeedRoute>::new()} />
            <Route path=path!("/besoins/architecture") view={Lazy::<ArchitectureRoute>::new()} />
            <Route path=path!("/besoins/tableau-de-bord") view={Lazy::<NeedsDashboardRoute>::new()} />
            <Route path=path!("/besoins/:id") view={Lazy::<NeedRoute>::new()} />
            <Route path=path!("/besoins/:id/modifier") view={Lazy::<EditNeedRoute>::new()} />
            // missions (the fixed paths first)
            <Route path=path!("/missions") view={Lazy::<MissionsRoute>::new()} />
            <Route path=path!("/missions/nouvelle") view={Lazy::<NewMissionRoute>::new()} />
            <Route path=path!("/missions/revue") view={Lazy::<ReviewRoute>::new()} />
            <Route path=path!("/missions/:id/modifier") view={Lazy::<EditMissionRoute>::new()} />
            <Route path=path!("/missions/:id") view={Lazy::<MissionRoute>::new()} />
            // support
            <Route path=path!("/support") view={Lazy::<SupportRoute>::new()} />
            <Route path=path!("/support/demandes/:number") view={Lazy::<RequestRoute>::new()} />
            <Route path=path!("/support/file") view={Lazy::<QueueRoute>::new()} />
            <Route path=path!("/support/tableau") view={Lazy::<SupportDashboardRoute>::new()} />
            <Route path=path!("/support/reglages") view={Lazy::<SupportSettingsRoute>::new()} />
            <Route path=path!("/compte") view={Lazy::<AccountRoute>::new()} />
            <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} />
            // administration
            <Route path=path!("/admin") view={Lazy::<UsersRoute>::new()} />
            <Route path=path!("/admin/journal") view={Lazy::<AuditRoute>::new()} />
            <Route path=path!("/admin/reglages") view={Lazy::<SettingsRoute>::new()} />
            <Route path=path!("/admin/annuaire") view={Lazy::<DirectoryAdminRoute>::new()} />
            <Route path=path!("/admin/annuaire/import") view={Lazy::<DirectoryImportRoute>::new()} />
        </Routes>
    }
}

/// Signed out: the one-time link pages, and the sign-in page for every
/// other address (the page asked for appears once signed in).
#[component]
fn PublicRoutes() -> impl IntoView {
    view! {
        <Routes fallback=login::LoginPage>
            <Route path=path!("/invitation/:token") view=passwords::AcceptInvitationPage />
            <Route path=path!("/reinitialisation/:token") view=passwords::ResetPasswordPage />
            <Route path=path!("/acces") view=login::AccessPage />
        </Routes>
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
