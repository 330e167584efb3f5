//! Form fields that show their own error, linked for screen readers.

use leptos::prelude::*;

use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;

/// A form's `on:submit`: the browser stays on the page and `action` runs
/// with `input()`, what the form sends.
pub fn submit_with<I, O>(
    action: Action<I, O>,
    input: impl Fn() -> I + Send + Sync + 'static,
) -> impl Fn(leptos::ev::SubmitEvent) + Send + Sync + 'static
where
    I: Send + Sync + 'static,
    O: Send + Sync + 'static,
{
    move |ev| {
        ev.prevent_default();
        action.dispatch(input());
    }
}

/// `submit_with` for an action that takes nothing.
pub fn submit_to<O>(action: Action<(), O>) -> impl Fn(leptos::ev::SubmitEvent) + Send + Sync + 'static
where
    O: Send + Sync + 'static,
{
    submit_with(action, || ())
}

/// A plain button (not a submit) that dispatches `action` with `input`
/// (nothing by default) when clicked; its children are its text.
#[component]
pub fn ActionButton<I, O>(
    action: Action<I, O>,
    class: &'static str,
    #[prop(optional)] input: I,
    #[prop(optional)] disabled: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView
where
    I: Clone + Default + Send + Sync + 'static,
    O: Send + Sync + 'static,
{
    view! {
        <button
            type="button"
            class=class
            disabled=move || disabled.is_some_and(|d| d.get())
            on:click=move |_| {
                action.dispatch(input.clone());
            }
        >
            {children()}
        </button>
    }
}

/// A form's submit button (`primary` unless told), disabled while `pending`;
/// given `busy`, it says that instead of `text` meanwhile.
#[component]
pub fn SubmitButton(
    #[prop(into)] text: Signal<&'static str>,
    #[prop(default = "primary")] class: &'static str,
    #[prop(optional, into)] pending: Option<Signal<bool>>,
    #[prop(optional)] busy: Option<Signal<&'static str>>,
) -> impl IntoView {
    let pending = move || pending.is_some_and(|p| p.get());
    view! {
        <button type="submit" class=class disabled=pending>
            {move || match busy {
                Some(busy) if pending() => busy.get(),
                _ => text.get(),
            }}
        </button>
    }
}

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
        <textarea id=id required=required bind:value=value></textarea>
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
                bind:value=value
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
                bind:value=value
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
                <CodeOptions codes current=value />
            </select>
            <p class="field-error" id=error_id>
                {message}
            </p>
        </div>
    }
}

/// One field of a form written as data, for the forms that line up several
/// (`Fields`): a `TextField` (of any input type, or multiline) or a
/// `CodeSelect`.
#[derive(Clone, Copy)]
pub struct Field {
    name: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    input: FieldInput,
    required: bool,
}

#[derive(Clone, Copy)]
enum FieldInput {
    Text(&'static str),
    Multiline,
    Codes(&'static [&'static str]),
}

impl Field {
    fn new(
        name: &'static str,
        label: Signal<&'static str>,
        value: RwSignal<String>,
        input: FieldInput,
    ) -> Self {
        Field {
            name,
            label,
            value,
            input,
            required: false,
        }
    }

    /// A one-line text input.
    pub fn text(name: &'static str, label: Signal<&'static str>, value: RwSignal<String>) -> Self {
        Field::new(name, label, value, FieldInput::Text("text"))
    }

    /// A number input.
    pub fn number(name: &'static str, label: Signal<&'static str>, value: RwSignal<String>) -> Self {
        Field::new(name, label, value, FieldInput::Text("number"))
    }

    /// A text area.
    pub fn multiline(name: &'static str, label: Signal<&'static str>, value: RwSignal<String>) -> Self {
        Field::new(name, label, value, FieldInput::Multiline)
    }

    /// A list of codes (see `CodeSelect`).
    pub fn codes(
        name: &'static str,
        label: Signal<&'static str>,
        codes: &'static [&'static str],
        value: RwSignal<String>,
    ) -> Self {
        Field::new(name, label, value, FieldInput::Codes(codes))
    }

    /// Another input type (`url`, `email`…) for a one-line input.
    pub fn kind(self, kind: &'static str) -> Self {
        Field {
            input: FieldInput::Text(kind),
            ..self
        }
    }

    /// The field must be filled.
    pub fn required(self) -> Self {
        Field {
            required: true,
            ..self
        }
    }
}

/// `fields` one after another, each showing its own error.
#[component]
pub fn Fields(fields: Vec<Field>, error: RwSignal<Option<AppError>>) -> impl IntoView {
    fields
        .into_iter()
        .map(
            |Field {
                 name,
                 label,
                 value,
                 input,
                 required,
             }| match input {
                FieldInput::Text(kind) => {
                    view! { <TextField name kind label value error required /> }.into_any()
                }
                FieldInput::Multiline => {
                    view! { <TextField name multiline=true label value error required /> }.into_any()
                }
                FieldInput::Codes(codes) => view! { <CodeSelect name label codes value error /> }.into_any(),
            },
        )
        .collect_view()
}

/// The options of a list of codes, shown through their translated labels;
/// `current` is the code selected.
#[component]
pub fn CodeOptions(codes: &'static [&'static str], #[prop(into)] current: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    codes
        .iter()
        .map(|code| {
            view! {
                <option value=*code selected=move || current.with(|c| c == code)>
                    {move || i18n.label(code)}
                </option>
            }
        })
        .collect_view()
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
