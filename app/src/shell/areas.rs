//! The portal's areas, each compiled into a wasm chunk of its own (wasm-split
//! at each `#[lazy]` area function, see scripts/wasm-split.sh) and fetched the
//! first time one of its pages opens. The first load carries the shell, the
//! sign-in and the home page only; members never download the staff areas.
//! One chunk per area rather than per page: the pages of an area share most
//! of their code, and fewer, larger files compress better.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::accounts::model::Role;
use crate::accounts::pages::{account, admin};
use crate::directory::pages::{
    admin as directory_admin, import as directory_import, member, profile, search as directory,
};
use crate::missions::pages::{form as mission_form, list as missions, review as mission_review};
use crate::needs::pages::{architecture, dashboard as needs_dashboard, need, register as needs};
use crate::platform::error::AppError;
use crate::platform::session::use_session;
use crate::platform::ui::feedback::ErrorNote;
use crate::support::pages::{ask as support, request as support_request, team as support_team};

/// An area: its pages, the lazy function that shows one of them, and a route
/// type per page for the router (which awaits the chunk, then shows the page).
macro_rules! lazy_area {
    ($(#[$doc:meta])* $area:ident, $pages:ident {
        $($route:ident: $page:ident => $view:expr),* $(,)?
    }) => {
        #[derive(Clone, Copy)]
        enum $pages {
            $($page),*
        }

        $(#[$doc])*
        #[lazy]
        fn $area(page: $pages) -> AnyView {
            match page {
                $($pages::$page => $view.into_any()),*
            }
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_route: Self) -> AnyView {
                    $area($pages::$page).await
                }
            }
        )*
    };
}

lazy_area! {
    /// The directory and one's own profile.
    directory_area, DirectoryPages {
        DirectoryRoute: Search => view! { <directory::DirectoryPage /> },
        MemberRoute: Member => view! { <member::MemberPageView /> },
        ProfileRoute: Profile => view! { <profile::ProfilePage /> },
    }
}

lazy_area! {
    /// The IT needs register.
    needs_area, NeedsPages {
        NeedsRoute: Register => view! { <needs::NeedsPage /> },
        NewNeedRoute: New => view! { <needs::NewNeedPage /> },
        NeedRoute: Need => view! { <need::NeedPage /> },
        EditNeedRoute: Edit => view! { <needs::EditNeedPage /> },
    }
}

lazy_area! {
    /// Mission cards: the list, a card, the pilots' form.
    missions_area, MissionsPages {
        MissionsRoute: List => view! { <missions::MissionsPage /> },
        NewMissionRoute: New => view! { <mission_form::NewMissionPage /> },
        EditMissionRoute: Edit => view! { <mission_form::EditMissionPage /> },
        MissionRoute: Mission => view! { <missions::MissionPage /> },
    }
}

lazy_area! {
    /// Asking the support team, following one's requests, and one's account
    /// (both small).
    support_area, SupportPages {
        SupportRoute: Ask => view! { <support::SupportPage /> },
        RequestRoute: Request => view! { <support_request::RequestPage /> },
        AccountRoute: Account => view! { <account::AccountPage /> },
    }
}

lazy_area! {
    /// The board's and IT referents' pages: review of mission cards, the
    /// needs dashboard and the architecture map.
    staff_board_area, BoardPages {
        ReviewRoute: Review => view! { <mission_review::ReviewPage /> },
        NeedsDashboardRoute: NeedsDashboard => view! { <needs_dashboard::NeedsDashboardPage /> },
        ArchitectureRoute: Architecture => view! { <architecture::ArchitecturePage /> },
    }
}

lazy_area! {
    /// The support team's queue, dashboard and settings.
    staff_support_area, SupportTeamPages {
        QueueRoute: Queue => view! { <support_team::QueuePage /> },
        SupportDashboardRoute: Dashboard => view! { <support_team::DashboardPage /> },
        SupportSettingsRoute: Settings => view! { <AdminOnly><support_team::SupportSettingsPage /></AdminOnly> },
    }
}

lazy_area! {
    /// Administration: accounts, audit log, settings, directory upkeep.
    staff_admin_area, AdminPages {
        UsersRoute: Users => view! { <AdminOnly><admin::UsersPage /></AdminOnly> },
        AuditRoute: Audit => view! { <AdminOnly><admin::AuditPage /></AdminOnly> },
        SettingsRoute: Settings => view! { <AdminOnly><admin::SettingsPage /></AdminOnly> },
        DirectoryAdminRoute: DirectoryAdmin => view! { <AdminOnly><directory_admin::DirectoryAdminPage /></AdminOnly> },
        DirectoryImportRoute: DirectoryImport => view! { <AdminOnly><directory_import::DirectoryImportPage /></AdminOnly> },
    }
}

/// Starts fetching the code behind one of the header's links as soon as the
/// pointer or the keyboard focus reaches it, so that the click rarely waits
/// for its area (each chunk is fetched once, whoever asks first).
#[cfg(feature = "csr")]
pub fn prefetch(path: &str) {
    use leptos::task::spawn_local;
    match path {
        "/annuaire" | "/profil" => spawn_local(__preload_directory_area()),
        "/besoins" => spawn_local(__preload_needs_area()),
        "/missions" => spawn_local(__preload_missions_area()),
        "/support" | "/compte" => spawn_local(__preload_support_area()),
        "/admin" => spawn_local(__preload_staff_admin_area()),
        _ => {}
    }
}

/// Administration pages show nothing of themselves to other roles (the
/// server refuses their calls anyway).
#[component]
fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let is_admin = move || session.user().is_some_and(|u| u.has(Role::Admin));
    view! {
        <Show when=is_admin fallback=|| view! { <ErrorNote error=AppError::Forbidden /> }>
            {children()}
        </Show>
    }
}
