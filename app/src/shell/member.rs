//! The signed-in portal: the router, the member's header, the live channel
//! and every page's route. It is a chunk of its own (`#[lazy]`), fetched once the
//! session says someone is signed in, or as soon as someone starts filling
//! in a sign-in or password form (`prefetch`): a visitor who only opens
//! the sign-in page downloads none of it.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

use crate::shell::areas::*;
use crate::shell::header::MemberHeader;
use crate::shell::{home, not_found};

#[lazy]
pub fn member_portal() -> AnyView {
    view! { <MemberPortal /> }.into_any()
}

/// Starts fetching the member's portal (the form being filled in will
/// most likely sign someone in).
pub fn prefetch() {
    #[cfg(feature = "csr")]
    leptos::task::spawn_local(__preload_member_portal());
}

#[component]
fn MemberPortal() -> impl IntoView {
    // Open while the member is signed in: this view goes at sign-out.
    crate::notifications::live::provide_live();
    request_animation_frame(crate::platform::session::mark_ready);
    view! {
        <Router>
            <MemberHeader />
            <main id="main" tabindex="-1">
                <PortalRoutes />
            </main>
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
