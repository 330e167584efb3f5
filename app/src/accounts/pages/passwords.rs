//! The pages that set a password from a one-time link, and the form they share.

use leptos::prelude::*;

use crate::accounts::api::auth::{accept_invitation, reset_password};
use crate::accounts::texts::AccountTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::session::{use_session, SessionState};
use crate::platform::ui::feedback::ErrorNote;
use crate::platform::ui::form::{PasswordField, SubmitButton, TextField};
use crate::platform::url::set_address;

/// The password a member chooses, here or on their account page, or its
/// confirmation (`confirm`).
#[component]
pub fn NewPasswordField(
    value: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
    #[prop(optional)] confirm: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (name, label): (_, fn(&AccountTexts) -> &'static str) = match confirm {
        true => ("confirm", |t| t.confirm_password),
        false => ("password", |t| t.new_password),
    };
    view! { <PasswordField name autocomplete="new-password" label=i18n.text(label) value error /> }
}

/// The six-digit code of an authenticator app.
#[component]
pub fn TotpCodeField(
    name: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = i18n.text::<AccountTexts>(|t| t.totp_code);
    view! { <TextField name autocomplete="one-time-code" required=true label value error /> }
}

/// Password and confirmation; dispatches `action` with the password once
/// both match.
#[component]
pub fn NewPasswordForm<O: Send + Sync + 'static>(
    submit_label: Signal<&'static str>,
    error: RwSignal<Option<AppError>>,
    action: Action<String, O>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if password.get_untracked() != confirm.get_untracked() {
            error.set(Some(AppError::field(
                "confirm",
                "mismatch",
                "Les deux mots de passe diffèrent.",
            )));
            return;
        }
        error.set(None);
        action.dispatch(password.get_untracked());
    };
    view! {
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <form class="stack" on:submit=submit novalidate>
            <NewPasswordField value=password error />
            <NewPasswordField confirm=true value=confirm error />
            <SubmitButton text=submit_label pending=action.pending() />
        </form>
    }
}

/// `/invitation/:token`: the invited person chooses a password and is signed in.
#[component]
pub fn AcceptInvitationPage(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = RwSignal::new(None::<AppError>);
    let accept =
        Action::new_local(move |password: &String| accept_invitation(token.clone(), password.clone()));
    Effect::new(move |_| match accept.value().get() {
        Some(Ok(user)) => {
            // The home page, in place of the used link (which then leaves the history).
            set_address("/", true);
            session.state.set(SessionState::SignedIn(user));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <section class="login card">
            <h1>{move || i18n.tr::<AccountTexts>().invitation_title}</h1>
            <p class="intro">{move || i18n.tr::<AccountTexts>().invitation_intro}</p>
            <NewPasswordForm
                submit_label={i18n.text::<AccountTexts>(|t| t.activate_account)}
                error
                action=accept
            />
        </section>
    }
}

/// `/reinitialisation/:token`: a new password through a reset link.
#[component]
pub fn ResetPasswordPage(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let reset = Action::new_local(move |password: &String| reset_password(token.clone(), password.clone()));
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    Effect::new(move |_| {
        if let Some(Err(e)) = reset.value().get() {
            error.set(Some(e));
        }
    });
    view! {
        <section class="login card">
            <h1>{move || i18n.tr::<AccountTexts>().reset_title}</h1>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <p class="intro">{move || i18n.tr::<AccountTexts>().reset_intro}</p>
                        <NewPasswordForm
                            submit_label={i18n.text::<CommonTexts>(|t| t.save)}
                            error
                            action=reset
                        />
                    }
                }
            >
                <p class="alert success" role="status">
                    {move || i18n.tr::<AccountTexts>().reset_done}
                </p>
                <a href="/">{move || i18n.tr::<AccountTexts>().go_sign_in}</a>
            </Show>
        </section>
    }
}
