//! Previous and next page buttons for a paged list.

use leptos::prelude::*;

use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;

/// "Page 2 of 9" between its two buttons; nothing when there is one page.
/// `go` receives the page asked for.
#[component]
pub fn Pager(current: u64, pages: u64, go: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let (first, last) = (current <= 1, current >= pages);
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label={move || i18n.tr::<CommonTexts>().pagination}>
                <button type="button" class="secondary" disabled=first on:click=move |_| go.run(current - 1)>
                    {move || i18n.tr::<CommonTexts>().previous_page}
                </button>
                <span>{move || (i18n.tr::<CommonTexts>().page_of)(current, pages)}</span>
                <button type="button" class="secondary" disabled=last on:click=move |_| go.run(current + 1)>
                    {move || i18n.tr::<CommonTexts>().next_page}
                </button>
            </nav>
        }
    })
}
