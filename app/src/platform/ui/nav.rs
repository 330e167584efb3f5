//! The entries of the navigation lists (the header's, the sub-navigations).

use leptos::prelude::*;
use leptos_router::components::A;

/// One entry of a navigation list: a link with its translated text;
/// `exact` marks it current on its own address only.
#[component]
pub fn NavItem(
    href: &'static str,
    text: Signal<&'static str>,
    #[prop(optional)] exact: bool,
) -> impl IntoView {
    view! {
        <li>
            <A href exact>
                {text}
            </A>
        </li>
    }
}
