//! The portal's areas, each compiled into a wasm chunk of its own (wasm-split
//! at each `#[lazy]` area function, see scripts/wasm-split.sh) and fetched the
//! first time one of its pages opens. The first load carries the shell, the
//! sign-in and the home page only; members never download the staff areas.
//! One chunk per area rather than per page: the pages of an area share most
//! of their code, and fewer, larger files compress better.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;

use leptos_router::components::A;

use crate::accounts::model::Role;
use crate::platform::i18n::use_i18n;
use crate::platform::session::use_session;
use crate::shell::texts::ShellTexts;
use crate::support::api::{OVERSIGHT, TEAM};
use crate::{accounts, directory, missions, needs, notifications, support};

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
        DirectoryRoute: Search => view! { <directory::pages::search::DirectoryPage /> },
        MemberRoute: Member => view! { <directory::pages::member::MemberPageView /> },
        ProfileRoute: Profile => view! { <directory::pages::profile::ProfilePage /> },
    }
}

lazy_area! {
    /// The IT needs register.
    needs_area, NeedsPages {
        NeedsRoute: Register => view! { <needs::pages::register::NeedsPage /> },
        NewNeedRoute: New => view! { <needs::pages::register::NewNeedPage /> },
        NeedRoute: Need => view! { <needs::pages::need::NeedPage /> },
        EditNeedRoute: Edit => view! { <needs::pages::register::EditNeedPage /> },
    }
}

lazy_area! {
    /// Mission cards: the list, a card, the pilots' form.
    missions_area, MissionsPages {
        MissionsRoute: List => view! { <missions::pages::list::MissionsPage /> },
        NewMissionRoute: New => view! { <missions::pages::form::NewMissionPage /> },
        EditMissionRoute: Edit => view! { <missions::pages::form::EditMissionPage /> },
        MissionRoute: Mission => view! { <missions::pages::card::MissionPage /> },
    }
}

lazy_area! {
    /// Asking the support team, following one's requests, one's account and
    /// one's notifications (all small).
    support_area, SupportPages {
        SupportRoute: Ask => view! { <support::pages::ask::SupportPage /> },
        RequestRoute: Request => view! { <support::pages::request::RequestPage /> },
        AccountRoute: Account => view! { <accounts::pages::account::AccountPage /> },
        NotificationsRoute: Notifications => view! { <notifications::pages::NotificationsPage /> },
    }
}

lazy_area! {
    /// The board's and IT referents' pages: review of mission cards, the
    /// needs dashboard and the architecture map.
    staff_board_area, BoardPages {
        ReviewRoute: Review => view! { <ReservedTo roles=&[Role::Board]><missions::pages::review::ReviewPage /></ReservedTo> },
        NeedsDashboardRoute: NeedsDashboard => view! { <needs::pages::dashboard::NeedsDashboardPage /> },
        ArchitectureRoute: Architecture => view! { <needs::pages::architecture::ArchitecturePage /> },
        ActivationRoute: Activation => view! { <ReservedTo roles=&OVERSIGHT><accounts::pages::activation::ActivationPage /></ReservedTo> },
    }
}

lazy_area! {
    /// The support team's queue, dashboard and settings.
    staff_support_area, SupportTeamPages {
        QueueRoute: Queue => view! { <ReservedTo roles=&TEAM><support::pages::team::QueuePage /></ReservedTo> },
        SupportDashboardRoute: Dashboard => view! { <ReservedTo roles=&OVERSIGHT><support::pages::team::DashboardPage /></ReservedTo> },
        SupportSettingsRoute: Settings => view! { <ReservedTo roles=&[Role::Admin]><support::pages::team::SupportSettingsPage /></ReservedTo> },
    }
}

lazy_area! {
    /// Administration: accounts, audit log, settings, directory upkeep.
    staff_admin_area, AdminPages {
        UsersRoute: Users => view! { <ReservedTo roles=&[Role::Admin]><accounts::pages::admin::UsersPage /></ReservedTo> },
        AuditRoute: Audit => view! { <ReservedTo roles=&[Role::Admin]><accounts::pages::admin::AuditPage /></ReservedTo> },
        SettingsRoute: Settings => view! { <ReservedTo roles=&[Role::Admin]><accounts::pages::admin::SettingsPage /></ReservedTo> },
        DirectoryAdminRoute: DirectoryAdmin => view! { <ReservedTo roles=&[Role::Admin]><directory::pages::admin::DirectoryAdminPage /></ReservedTo> },
        DirectoryImportRoute: DirectoryImport => view! { <ReservedTo roles=&[Role::Admin]><directory::pages::import::DirectoryImportPage /></ReservedTo> },
    }
}

/// Starts fetching the code behind one of the header's links as soon as the
/// pointer or the keyboard focus reaches it, so that the click rarely waits
/// for its area (each chunk is fetched once, whoever asks first).
/// Also at start, for the page asked, when someone was signed in here.
#[cfg(feature = "csr")]
pub fn prefetch(path: &str) {
    use leptos::task::spawn_local;
    let mut segments = path.trim_matches('/').split('/');
    match (segments.next().unwrap_or_default(), segments.next()) {
        ("annuaire", Some("activation"))
        | ("besoins", Some("architecture" | "tableau-de-bord"))
        | ("missions", Some("revue")) => spawn_local(__preload_staff_board_area()),
        ("support", Some("file" | "tableau" | "reglages")) => spawn_local(__preload_staff_support_area()),
        ("annuaire" | "profil", _) => spawn_local(__preload_directory_area()),
        ("besoins", _) => spawn_local(__preload_needs_area()),
        ("missions", _) => spawn_local(__preload_missions_area()),
        ("support" | "compte" | "notifications", _) => spawn_local(__preload_support_area()),
        ("admin", _) => spawn_local(__preload_staff_admin_area()),
        _ => {}
    }
}

/// Staff pages show nothing of themselves to other roles (the server refuses
/// their calls anyway): one clear page says whom they are for, with the way
/// back, rather than a title above an error.
#[component]
fn ReservedTo(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let allowed = move || session.user().is_some_and(|u| roles.iter().any(|r| u.has(*r)));
    view! {
        <Show when=allowed fallback=move || view! { <ReservedPage roles /> }>
            {children()}
        </Show>
    }
}

#[component]
fn ReservedPage(roles: &'static [Role]) -> impl IntoView {
    let i18n = use_i18n();
    let whom = move || {
        roles
            .iter()
            .map(|r| i18n.label(r.code()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <h1>{move || i18n.tr::<ShellTexts>().reserved_title}</h1>
        <p class="alert info">{move || (i18n.tr::<ShellTexts>().reserved_to)(&whom())}</p>
        <p>
            <A href="/">{move || i18n.tr::<ShellTexts>().back_home}</A>
        </p>
    }
}
