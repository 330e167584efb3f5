//! Form fields that show their own error, linked for screen readers.

use leptos::prelude::*;

use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;

/// The message of the last submission's error for `field`, if any.
fn field_error(
    error: RwSignal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .and_then(|e| e.field_message(field, i18n.tr::<CommonTexts>()))
    }
}

/// A labelled text area bound to `value`, for the short forms that only
/// write a text (a message, a comment, a reason); `id` is unique on the page.
#[component]
pub fn LabelledText(
    #[prop(into)] id: String,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <label for=id.clone()>{label}</label>
        <textarea
            id=id
            required=required
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        ></textarea>
    }
}

/// A checkbox labelled by its children; `id` is unique on the page.
#[component]
pub fn CheckBox(
    #[prop(into)] id: String,
    #[prop(into)] checked: Signal<bool>,
    on_toggle: impl Fn(bool) + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <label class="check" for=label_for>
            <input
                id=id
                type="checkbox"
                prop:checked=checked
                on:change=move |ev| on_toggle(event_target_checked(&ev))
            />
            {children()}
        </label>
    }
}

/// A labelled checkbox bound to `value`.
#[component]
pub fn CheckField(
    #[prop(into)] id: String,
    label: Signal<&'static str>,
    value: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <CheckBox id checked=value on_toggle=move |on| value.set(on)>
            {label}
        </CheckBox>
    }
}

/// A labelled text input bound to `value`.
#[component]
pub fn TextField(
    name: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let message = field_error(error, name);
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=name
                required=required
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=name
                type=kind
                required=required
                autocomplete=autocomplete
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div>
            <label for=id>{label}</label>
            {input}
            <p class="field-error" id=error_id>
                {message}
            </p>
        </div>
    }
}

/// A labelled list of codes, shown through their translated labels.
#[component]
pub fn CodeSelect(
    name: &'static str,
    label: Signal<&'static str>,
    codes: &'static [&'static str],
    value: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let message = field_error(error, name);
    view! {
        <div>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                aria-describedby=error_id.clone()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {codes
                    .iter()
                    .map(|code| {
                        view! {
                            <option value=*code selected=move || value.get() == *code>
                                {move || (i18n.tr::<CommonTexts>().label)(code)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=error_id>
                {message}
            </p>
        </div>
    }
}

/// A required password input (`autocomplete` tells managers which one it is).
#[component]
pub fn PasswordField(
    name: &'static str,
    autocomplete: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    view! { <TextField name kind="password" autocomplete required=true label value error /> }
}
