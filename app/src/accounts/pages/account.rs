//! `/compte`: the member's own password and second factor.

use leptos::prelude::*;

use crate::accounts::api::auth::{change_password, start_totp, totp_confirm};
use crate::accounts::model::TotpSetup;
use crate::accounts::pages::passwords::{NewPasswordField, TotpCodeField};
use crate::accounts::texts::AccountTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::session::use_session;
use crate::platform::ui::feedback::{on_result, DoneNote, ErrorNote};
use crate::platform::ui::form::{ActionButton, PasswordField, SubmitButton};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.tr::<AccountTexts>().nav_account}</h1>
        <div class="grid">
            <ChangePasswordCard />
            <SecondFactorCard />
        </div>
    }
}

/// The password the member has now, asked before a change that needs it.
#[component]
fn CurrentPasswordField(
    name: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PasswordField
            name
            autocomplete="current-password"
            label={i18n.text::<AccountTexts>(|t| t.current_password)}
            value
            error
        />
    }
}

/// "Sign out my other sessions": offered where a member changes what proves
/// who they are.
#[component]
fn SignOutOthers(value: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check">
            <input
                type="checkbox"
                name="sign_out_others"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {move || i18n.tr::<AccountTexts>().sign_out_others}
        </label>
    }
}

#[component]
fn ChangePasswordCard() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let others = RwSignal::new(true);
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(false);
    let change = Action::new_local(move |(current, password, others): &(String, String, bool)| {
        change_password(current.clone(), password.clone(), Some(*others))
    });
    on_result(change, error, move |()| {
        current.set(String::new());
        password.set(String::new());
        done.set(true);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(false);
        change.dispatch((
            current.get_untracked(),
            password.get_untracked(),
            others.get_untracked(),
        ));
    };
    view! {
        <section class="card">
            <h2>{move || i18n.tr::<AccountTexts>().change_password_title}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <DoneNote shown=done text={i18n.text::<AccountTexts>(|t| t.password_changed)} />
            <form class="stack" on:submit=submit novalidate>
                <CurrentPasswordField name="current" value=current error />
                <NewPasswordField value=password error />
                <SignOutOthers value=others />
                <SubmitButton text={i18n.text::<CommonTexts>(|t| t.save)} pending=change.pending() />
            </form>
        </section>
    }
}

#[component]
fn SecondFactorCard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let enabled = move || session.user().is_some_and(|u| u.totp_enabled);
    let setup = RwSignal::new(None::<TotpSetup>);
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let others = RwSignal::new(true);
    let error = RwSignal::new(None::<AppError>);
    let start = Action::new_local(move |_: &()| start_totp());
    // On: a code from the app proves it is set up. Off: the password proves it is the member.
    let confirm = Action::new_local(move |enable: &bool| {
        let enable = *enable;
        totp_confirm(
            code.get_untracked(),
            enable,
            (!enable).then(|| password.get_untracked()),
            Some(others.get_untracked()),
        )
    });
    on_result(start, error, move |s| setup.set(Some(s)));
    on_result(confirm, error, move |()| {
        setup.set(None);
        code.set(String::new());
        password.set(String::new());
        session.refresh();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        confirm.dispatch(!enabled());
    };
    let code_form = move || {
        view! {
            <form class="stack" on:submit=submit novalidate>
                <TotpCodeField name="code" value=code error />
                <SignOutOthers value=others />
                <SubmitButton text={i18n.text::<AccountTexts>(|t| t.totp_confirm)} />
            </form>
        }
    };
    let password_form = move || {
        view! {
            <form class="stack" on:submit=submit novalidate>
                <CurrentPasswordField name="password" value=password error />
                <SubmitButton class="secondary" text={i18n.text::<AccountTexts>(|t| t.totp_disable)} />
            </form>
        }
    };
    view! {
        <section class="card">
            <h2>{move || i18n.tr::<AccountTexts>().totp_title}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            {move || {
                if enabled() {
                    view! {
                        <p class="alert success">{move || i18n.tr::<AccountTexts>().totp_on_text}</p>
                        {password_form()}
                    }
                        .into_any()
                } else if let Some(s) = setup.get() {
                    view! {
                        <p>{move || i18n.tr::<AccountTexts>().totp_secret_help}</p>
                        <p>
                            <code class="secret">{s.secret}</code>
                        </p>
                        <p class="muted">
                            <a href=s.otpauth_uri>{move || i18n.tr::<AccountTexts>().totp_open_app}</a>
                        </p>
                        {code_form()}
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="muted">{move || i18n.tr::<AccountTexts>().totp_off_text}</p>
                        <ActionButton action=start class="secondary">
                            {move || i18n.tr::<AccountTexts>().totp_start}
                        </ActionButton>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
