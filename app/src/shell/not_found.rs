use leptos::prelude::*;
use leptos_router::components::A;

use crate::platform::i18n::use_i18n;
use crate::shell::texts::ShellTexts;

/// An address the portal has no page for.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="empty">
            <h1>{move || i18n.tr::<ShellTexts>().not_found_title}</h1>
            <p>{move || i18n.tr::<ShellTexts>().not_found_text}</p>
            <A href="/">{move || i18n.tr::<ShellTexts>().back_home}</A>
        </section>
    }
}
