use leptos::prelude::*;

use crate::accounts::api::auth;
use crate::accounts::pages::passwords::TotpCodeField;
use crate::accounts::texts::AccountTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::session::{use_session, SessionState};
use crate::platform::ui::feedback::{on_result, ErrorNote};
use crate::platform::ui::form::{PasswordField, SubmitButton, TextField};

/// The address a member signs in with, or asks a link for.
#[component]
fn EmailField(value: RwSignal<String>, error: RwSignal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField
            name="email"
            kind="email"
            autocomplete="username"
            required=true
            label=Signal::derive(move || i18n.tr::<CommonTexts>().email)
            value
            error
        />
    }
}

/// The only page a signed-out visitor sees, whatever the address.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let totp = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    // The code field appears once the server says the account needs it.
    let needs_code = RwSignal::new(false);
    let sign_in = Action::new_local(move |(email, password, code): &(String, String, String)| {
        let code = (!code.is_empty()).then(|| code.clone());
        auth::login(email.clone(), password.clone(), code)
    });
    Effect::new(move |_| match sign_in.value().get() {
        Some(Ok(user)) => session.state.set(SessionState::SignedIn(user)),
        Some(Err(e)) => {
            if matches!(e, AppError::TotpRequired)
                || e.field_message("totp", i18n.tr::<CommonTexts>()).is_some()
            {
                needs_code.set(true);
            }
            error.set(Some(e));
        }
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        sign_in.dispatch((
            email.get_untracked(),
            password.get_untracked(),
            totp.get_untracked(),
        ));
    };
    view! {
        <section class="login card" aria-labelledby="login-title">
            <h1 id="login-title">{move || i18n.tr::<AccountTexts>().login_title}</h1>
            <p class="intro">{move || i18n.tr::<AccountTexts>().login_intro}</p>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <form class="stack" on:submit=submit novalidate>
                <EmailField value=email error />
                <PasswordField
                    name="password"
                    autocomplete="current-password"
                    label=Signal::derive(move || i18n.tr::<CommonTexts>().password)
                    value=password
                    error
                />
                <Show when=move || needs_code.get()>
                    <TotpCodeField name="totp" value=totp error />
                </Show>
                <SubmitButton
                    text={i18n.text::<AccountTexts>(|t| t.sign_in)}
                    busy={i18n.text::<AccountTexts>(|t| t.signing_in)}
                    pending=sign_in.pending()
                />
            </form>
            <p>
                <a href="/acces">{move || i18n.tr::<AccountTexts>().access_link}</a>
            </p>
        </section>
    }
}

/// `/acces`: a member who never signed in (imported from a list) or who
/// forgot their password asks for a link to choose one.
#[component]
pub fn AccessPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let sent = RwSignal::new(false);
    let ask = Action::new_local(move |email: &String| auth::request_link(email.clone()));
    on_result(ask, error, move |()| sent.set(true));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ask.dispatch(email.get_untracked());
    };
    view! {
        <section class="login card" aria-labelledby="access-title">
            <h1 id="access-title">{move || i18n.tr::<AccountTexts>().access_title}</h1>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <Show
                when=move || sent.get()
                fallback=move || {
                    view! {
                        <p class="intro">{move || i18n.tr::<AccountTexts>().access_intro}</p>
                        <form class="stack" on:submit=submit novalidate>
                            <EmailField value=email error />
                            <SubmitButton
                                text={i18n.text::<AccountTexts>(|t| t.access_send)}
                                pending=ask.pending()
                            />
                        </form>
                    }
                }
            >
                <p class="alert success" role="status">
                    {move || i18n.tr::<AccountTexts>().access_sent}
                </p>
            </Show>
            <p>
                <a href="/">{move || i18n.tr::<AccountTexts>().back_to_sign_in}</a>
            </p>
        </section>
    }
}
