//! The site header: brand, main navigation, account and language.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::accounts::api::auth;
use crate::accounts::model::Role;
use crate::directory::texts::DirTexts;
use crate::notifications::pages::Bell;
use crate::platform::i18n::CommonTexts;
use crate::platform::i18n::{use_i18n, Lang};
use crate::platform::session::use_session;
use crate::platform::ui::nav::{NavItem, ToggleButton};
use crate::shell::texts::ShellTexts;

/// The header a visitor sees (signed out, or while the member's portal
/// comes): the brand and the language switch.
#[component]
pub fn VisitorHeader() -> impl IntoView {
    view! {
        <HeaderBar signed_in=false>
            <div class="site-menu">
                <div class="header-tools">
                    <LangSwitch />
                </div>
            </div>
        </HeaderBar>
    }
}

/// The member's header: navigation, bell, account and language. It comes
/// with the member's portal (`crate::shell::member`).
#[component]
pub fn MemberHeader() -> impl IntoView {
    let i18n = use_i18n();
    // On a phone the links and the account fold into a menu; the bell stays.
    let menu_open = RwSignal::new(false);
    view! {
        <HeaderBar signed_in=true>
            <div class="header-quick">
                <Bell />
                <ToggleButton class="menu-toggle" controls="site-menu" open=menu_open>
                    {move || i18n.tr::<ShellTexts>().menu}
                </ToggleButton>
            </div>
            // Following a link closes the menu.
            <div
                id="site-menu"
                class="site-menu"
                class:open=move || menu_open.get()
                on:click=move |ev| {
                    if link_of(&ev).is_some() {
                        menu_open.set(false);
                    }
                }
            >
                <MainNav />
                <div class="header-tools">
                    <AccountMenu />
                    <LangSwitch />
                </div>
            </div>
        </HeaderBar>
    }
}

/// The header's bar, the brand first (the member's bar folds on a phone).
#[component]
fn HeaderBar(signed_in: bool, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <div class="bar" class:signed-in=signed_in>
                <a class="brand" href="/">
                    <img src="/logo.svg" alt="" width="28" height="28" />
                    {move || i18n.tr::<ShellTexts>().app_name}
                </a>
                {children()}
            </div>
        </header>
    }
}

/// The address of the link an event happened on (or inside), if any.
pub(super) fn link_of(ev: &leptos::web_sys::Event) -> Option<String> {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|el| el.closest("a").ok().flatten())
            .and_then(|a| a.get_attribute("href"))
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = ev;
        None
    }
}

/// The link under the pointer or focus: its area's code starts coming.
fn prefetch_link(ev: impl AsRef<leptos::web_sys::Event>) {
    #[cfg(feature = "csr")]
    if let Some(href) = link_of(ev.as_ref()) {
        crate::shell::areas::prefetch(&href);
    }
    #[cfg(not(feature = "csr"))]
    let _ = ev;
}

#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_admin = move || session.user().is_some_and(|u| u.has(Role::Admin));
    view! {
        <nav
            class="main-nav"
            aria-label={move || i18n.tr::<ShellTexts>().nav_label}
            on:pointerover=prefetch_link
            on:focusin=prefetch_link
        >
            <ul>
                <NavItem href="/" exact=true text={i18n.text::<ShellTexts>(|t| t.nav_home)} />
                <NavItem href="/annuaire" text={i18n.text::<ShellTexts>(|t| t.nav_directory)} />
                // directory
                <NavItem href="/profil" text={i18n.text::<DirTexts>(|t| t.profile_title)} />
                <NavItem href="/besoins" text={i18n.text::<ShellTexts>(|t| t.nav_needs)} />
                <NavItem href="/missions" text={i18n.text::<ShellTexts>(|t| t.nav_missions)} />
                <NavItem href="/support" text={i18n.text::<CommonTexts>(|t| t.nav_support)} />
                <Show when=is_admin>
                    <NavItem href="/admin" text={i18n.text::<CommonTexts>(|t| t.nav_admin)} />
                </Show>
            </ul>
        </nav>
    }
}

#[component]
fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = move || session.user().map(|u| u.display_name).unwrap_or_default();
    let sign_out = move |_| {
        spawn_local(async move {
            // Signed out locally even if the server is unreachable.
            let _ = auth::logout().await;
            crate::platform::session::forget_drafts();
            session.expired();
        });
    };
    view! {
        <A href="/compte" attr:class="who">
            {name}
        </A>
        <button type="button" class="link-button" on:click=sign_out>
            {move || i18n.tr::<ShellTexts>().sign_out}
        </button>
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        // `<html lang>` first: the requests the switch triggers (a list
        // written by the server) ask for the new language.
        let lang = i18n.lang.get_untracked().other();
        remember_lang(lang);
        i18n.lang.set(lang);
    };
    view! {
        <button
            type="button"
            class="link-button"
            lang=move || i18n.lang.get().other().code()
            aria-label={move || i18n.tr::<ShellTexts>().lang_switch_label}
            on:click=switch
        >
            {move || i18n.tr::<ShellTexts>().lang_switch}
        </button>
    }
}

/// The language chosen earlier in this browser, else French: the portal
/// speaks French first, whatever the browser's own language.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "csr")]
    {
        let stored = crate::platform::session::storage()
            .and_then(|s| s.get_item("lang").ok().flatten())
            .and_then(|code| Lang::from_code(&code));
        if let Some(lang) = stored {
            return lang;
        }
    }
    Lang::Fr
}

/// Keeps `<html lang>` and the stored choice in step with the switch.
pub fn remember_lang(lang: Lang) {
    #[cfg(feature = "csr")]
    {
        if let Some(storage) = crate::platform::session::storage() {
            let _ = storage.set_item("lang", lang.code());
        }
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    }
    #[cfg(not(feature = "csr"))]
    let _ = lang;
}
