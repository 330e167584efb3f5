use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::feedback::LoadingNote;
use crate::i18n::use_i18n;
use crate::models::is_staff_path;

/// An address this bundle has no page for. When the other bundle has one
/// (a staff page reached from the member bundle, or the reverse), the
/// browser loads that address in full; otherwise, "not found".
#[component]
pub fn NotFoundPage(
    /// Whether this is the staff bundle.
    staff: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let path = location.pathname.get_untracked();
    if is_staff_path(&path) != staff {
        let address = format!(
            "{path}{}{}",
            location.search.get_untracked(),
            location.hash.get_untracked()
        );
        load_in_full(&address);
        return view! { <LoadingNote /> }.into_any();
    }
    view! {
        <section class="empty">
            <h1>{move || i18n.t().not_found_title}</h1>
            <p>{move || i18n.t().not_found_text}</p>
            <A href="/">{move || i18n.t().back_home}</A>
        </section>
    }
    .into_any()
}

/// Replaces the page with `address` loaded from the server (the router has
/// already put it in the history).
fn load_in_full(address: &str) {
    #[cfg(feature = "csr")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(address);
    }
    #[cfg(not(feature = "csr"))]
    let _ = address;
}
