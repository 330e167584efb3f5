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

/// The button that opens and closes a panel (`controls`, its id) on small
/// screens: the header's menu, the directory's filters.
#[component]
pub fn ToggleButton(
    class: &'static str,
    controls: &'static str,
    open: RwSignal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            aria-controls=controls
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {children()}
        </button>
    }
}
