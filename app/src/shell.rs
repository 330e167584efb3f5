//! The application shell: language, session, header, routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::feedback::{ErrorNote, LoadingNote};
use crate::components::header::{initial_lang, remember_lang, SiteHeader};
use crate::components::session::{Session, SessionState};
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n};
use crate::pages::{
    account, admin, architecture, directory, directory_admin, directory_import, home, login, member,
    mission_form, mission_review, missions, need, needs, needs_dashboard, not_found, passwords, profile,
    support, support_request, support_team,
};

/// The member bundle: what every member loads first.
#[component]
pub fn App() -> impl IntoView {
    view! { <Shell signed_in=|| view! { <PortalRoutes /> }.into_any() /> }
}

/// The staff bundle (`/staff/`, loaded by the staff pages' addresses only):
/// administration, board review, dashboards and the support team's queue.
/// Members never download it.
#[component]
pub fn StaffApp() -> impl IntoView {
    view! { <Shell signed_in=|| view! { <StaffRoutes /> }.into_any() /> }
}

/// Language, session, header and footer around the pages of either bundle.
#[component]
fn Shell(signed_in: fn() -> AnyView) -> impl IntoView {
    let i18n = I18n {
        lang: RwSignal::new(initial_lang()),
    };
    provide_context(i18n);
    Effect::new(move |_| remember_lang(i18n.lang.get()));
    let session = Session::start();
    provide_context(session);

    view! {
        <Router>
            <a class="skip-link" href="#main">{move || i18n.t().skip_to_content}</a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                {move || match session.state.get() {
                    SessionState::Checking => view! { <LoadingNote /> }.into_any(),
                    SessionState::SignedOut => view! { <PublicRoutes /> }.into_any(),
                    SessionState::Unreachable => view! { <Unreachable /> }.into_any(),
                    SessionState::SignedIn(_) => signed_in(),
                }}
            </main>
            <footer class="site-footer">{move || i18n.t().footer}</footer>
        </Router>
    }
}

/// The member bundle's pages. Deep links reload fine: the server answers
/// index.html for any path that is not a file, an API call or one of
/// `STAFF_PATHS` (the staff bundle's index.html).
#[component]
fn PortalRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <not_found::NotFoundPage staff=false /> }>
            <Route path=path!("/") view=home::HomePage />
            <Route path=path!("/annuaire") view=directory::DirectoryPage />
            // directory
            <Route path=path!("/annuaire/:id") view=member::MemberPageView />
            <Route path=path!("/profil") view=profile::ProfilePage />
            <Route path=path!("/besoins") view=needs::NeedsPage />
            // needs
            <Route path=path!("/besoins/nouveau") view=needs::NewNeedPage />
            // Staff pages whose paths the next patterns would take: the fallback loads the staff bundle.
            <Route path=path!("/besoins/architecture") view=|| view! { <not_found::NotFoundPage staff=false /> } />
            <Route path=path!("/besoins/tableau-de-bord") view=|| view! { <not_found::NotFoundPage staff=false /> } />
            <Route path=path!("/missions/revue") view=|| view! { <not_found::NotFoundPage staff=false /> } />
            <Route path=path!("/besoins/:id") view=need::NeedPage />
            <Route path=path!("/besoins/:id/modifier") view=needs::EditNeedPage />
            <Route path=path!("/missions") view=missions::MissionsPage />
            // missions (the fixed paths first)
            <Route path=path!("/missions/nouvelle") view=mission_form::NewMissionPage />
            <Route path=path!("/missions/:id/modifier") view=mission_form::EditMissionPage />
            <Route path=path!("/missions/:id") view=missions::MissionPage />
            <Route path=path!("/support") view=support::SupportPage />
            // support
            <Route path=path!("/support/demandes/:number") view=support_request::RequestPage />
            <Route path=path!("/compte") view=account::AccountPage />
        </Routes>
    }
}

/// The staff bundle's pages (their paths are `STAFF_PATHS`).
#[component]
fn StaffRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <not_found::NotFoundPage staff=true /> }>
            <Route path=path!("/admin/annuaire") view=|| view! { <AdminOnly><directory_admin::DirectoryAdminPage /></AdminOnly> } />
            <Route path=path!("/admin/annuaire/import") view=|| view! { <AdminOnly><directory_import::DirectoryImportPage /></AdminOnly> } />
            <Route path=path!("/besoins/architecture") view=architecture::ArchitecturePage />
            <Route path=path!("/besoins/tableau-de-bord") view=needs_dashboard::NeedsDashboardPage />
            <Route path=path!("/missions/revue") view=mission_review::ReviewPage />
            <Route path=path!("/support/file") view=support_team::QueuePage />
            <Route path=path!("/support/tableau") view=support_team::DashboardPage />
            <Route path=path!("/support/reglages") view=|| view! { <AdminOnly><support_team::SupportSettingsPage /></AdminOnly> } />
            <Route path=path!("/admin") view=|| view! { <AdminOnly><admin::UsersPage /></AdminOnly> } />
            <Route path=path!("/admin/journal") view=|| view! { <AdminOnly><admin::AuditPage /></AdminOnly> } />
            <Route path=path!("/admin/reglages") view=|| view! { <AdminOnly><admin::SettingsPage /></AdminOnly> } />
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
        </Routes>
    }
}

/// Administration pages show nothing of themselves to other roles (the
/// server refuses their calls anyway).
#[component]
fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let session = crate::components::session::use_session();
    let is_admin = move || session.user().is_some_and(|u| u.has(crate::models::Role::Admin));
    view! {
        <Show when=is_admin fallback=|| view! { <ErrorNote error=AppError::Forbidden /> }>
            {children()}
        </Show>
    }
}

#[component]
fn Unreachable() -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::components::session::use_session();
    view! {
        <div class="alert error" role="alert">
            <p>{move || i18n.t().error_network}</p>
            <button type="button" class="secondary" on:click=move |_| session.refresh()>
                {move || i18n.t().retry}
            </button>
        </div>
    }
}
