//! Loading and error states, the same everywhere.

use leptos::prelude::*;

use crate::platform::error::AppError;
use crate::platform::i18n::{use_i18n, CommonTexts};
use crate::platform::session::use_session;

/// Follows an action's answer: on success the error shown so far goes and
/// `then` gets the value; a failure is kept in `error` for an `ErrorNote`.
pub fn on_result<I, T>(
    action: Action<I, Result<T, AppError>>,
    error: RwSignal<Option<AppError>>,
    then: impl Fn(T) + 'static,
) where
    I: 'static,
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| match action.value().get() {
        Some(Ok(value)) => {
            error.set(None);
            then(value);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
}

#[component]
pub fn LoadingNote() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status">
            {move || i18n.tr::<CommonTexts>().loading}
        </p>
    }
}

/// Says, while `shown`, that what the member just did went through.
#[component]
pub fn DoneNote(shown: RwSignal<bool>, text: Signal<&'static str>) -> impl IntoView {
    view! {
        <Show when=move || shown.get()>
            <p class="alert success" role="status">
                {text}
            </p>
        </Show>
    }
}

/// An error in words the member understands; a 401 sends back to sign-in.
#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    if error == AppError::Unauthorized {
        use_session().expired();
    }
    view! {
        <div class="alert error" role="alert">
            <strong>{move || i18n.tr::<CommonTexts>().error_title}</strong>
            " — "
            {move || error.describe(i18n.tr::<CommonTexts>())}
        </div>
    }
}

/// Shows `render` with the loaded value, a loading note meanwhile, or the error.
#[component]
pub fn Loaded<T, V, F>(resource: LocalResource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    view! {
        <Transition fallback=LoadingNote>
            {move || {
                resource
                    .get()
                    .map(|result| match result {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorNote error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// `Loaded` for a view that needs two resources: `render` gets both values
/// once both are there (`first` is loaded first).
#[component]
pub fn LoadedBoth<A, B, V, F>(
    first: LocalResource<Result<A, AppError>>,
    second: LocalResource<Result<B, AppError>>,
    render: F,
) -> impl IntoView
where
    A: Clone + Send + Sync + 'static,
    B: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(A, B) -> V + Send + Sync + 'static,
{
    let render = std::sync::Arc::new(render);
    view! {
        <Loaded
            resource=first
            render={move |a: A| {
                let render = render.clone();
                view! { <Loaded resource=second render={move |b: B| render(a.clone(), b)} /> }
            }}
        />
    }
}

/// A coloured label for a stored code (status, priority…).
#[component]
pub fn CodeBadge(#[prop(into)] code: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge {code}");
    view! { <span class=class>{move || i18n.label(&code)}</span> }
}

/// A table in its scrolling frame, with a header row of `columns` (an empty
/// text for a blank header); its children are the body's rows.
#[component]
pub fn Table(
    #[prop(optional)] class: Option<&'static str>,
    columns: Vec<Signal<&'static str>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class=class>
                <thead>
                    <tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// A table with translated column headers, or a helpful note when it has no row.
#[component]
pub fn DataTable(
    headers: fn(&'static CommonTexts) -> Vec<&'static str>,
    empty: fn(&'static CommonTexts) -> &'static str,
    is_empty: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    if is_empty {
        return view! { <p class="empty">{move || empty(i18n.tr::<CommonTexts>())}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        {move || {
                            headers(i18n.tr::<CommonTexts>())
                                .into_iter()
                                .map(|h| view! { <th scope="col">{h}</th> })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
    .into_any()
}
