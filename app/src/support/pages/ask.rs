//! Asking for help: the request form and the member's own requests, with
//! links to the team's pages for those who handle requests.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::accounts::model::Role;
use crate::notifications::live::use_live;
use crate::platform::codes::Urgency;
use crate::platform::error::{check_text, AppError};
use crate::platform::i18n::CommonTexts;
use crate::platform::i18n::{use_i18n, Lang};
use crate::platform::session::use_session;
use crate::platform::ui::feedback::{on_result, CodeBadge, DataTable, ErrorNote, Loaded};
use crate::platform::ui::form::{CodeSelect, Field, Fields, SubmitButton, TextField};
use crate::platform::ui::nav::NavItem;
use crate::support::api::{create_support_request, my_support_requests, support_categories, OVERSIGHT, TEAM};
use crate::support::model::{SupportCategory, SupportRequestSummary};
use crate::support::texts::SupportTexts;

/// The label of a category code in the current language (the code itself if unknown).
pub fn category_label(categories: &[SupportCategory], code: &str, lang: Lang) -> String {
    categories
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.label(lang == Lang::Fr).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The support team's pages, shown to those who may use them.
#[component]
pub fn SupportNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let has = move |roles: &'static [Role]| session.user().is_some_and(|u| roles.iter().any(|r| u.has(*r)));
    view! {
        <Show when=move || has(&TEAM)>
            <nav class="main-nav sub-nav" aria-label={move || i18n.tr::<CommonTexts>().nav_support}>
                <ul>
                    <NavItem
                        href="/support"
                        exact=true
                        text={i18n.text::<SupportTexts>(|t| t.support_title)}
                    />
                    <NavItem href="/support/file" text={i18n.text::<SupportTexts>(|t| t.nav_queue)} />
                    <Show when=move || has(&OVERSIGHT)>
                        <NavItem
                            href="/support/tableau"
                            text={i18n.text::<SupportTexts>(|t| t.nav_dashboard)}
                        />
                    </Show>
                    <Show when=move || has(&[Role::Admin])>
                        <NavItem
                            href="/support/reglages"
                            text={i18n.text::<SupportTexts>(|t| t.nav_settings)}
                        />
                    </Show>
                </ul>
            </nav>
        </Show>
    }
}

#[component]
pub fn SupportPage() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let mine = LocalResource::new(move || {
        live.support.track();
        my_support_requests()
    });
    let categories = LocalResource::new(support_categories);
    view! {
        <SupportNav />
        <h1>{move || i18n.tr::<SupportTexts>().support_title}</h1>
        <p class="intro">{move || i18n.tr::<SupportTexts>().support_intro}</p>
        <Loaded
            resource=categories
            render={move |categories: Vec<SupportCategory>| {
                let form_categories = categories.clone();
                view! {
                    <RequestForm categories=form_categories on_created=move || mine.refetch() />
                    <h2>{move || i18n.tr::<SupportTexts>().support_mine}</h2>
                    <Loaded
                        resource=mine
                        render={move |requests: Vec<SupportRequestSummary>| {
                            view! { <MyRequests requests categories=categories.clone() /> }
                        }}
                    />
                }
            }}
        />
    }
}

/// Errors the browser can tell before sending (the server checks again).
fn local_errors(subject: &str, description: &str, tool: &str, contact: &str) -> Option<AppError> {
    let mut errors = Vec::new();
    check_text(&mut errors, "subject", subject, true, 200);
    check_text(&mut errors, "description", description, true, 10_000);
    check_text(&mut errors, "tool", tool, false, 300);
    check_text(&mut errors, "contact", contact, false, 300);
    (!errors.is_empty()).then_some(AppError::Validation { fields: errors })
}

#[component]
fn RequestForm(
    categories: Vec<SupportCategory>,
    on_created: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let offered: Vec<SupportCategory> = categories.into_iter().filter(|c| c.active).collect();
    let category = RwSignal::new(
        offered
            .iter()
            .find(|c| c.code == "it_tools")
            .or(offered.first())
            .map(|c| c.code.clone())
            .unwrap_or_default(),
    );
    let urgency = RwSignal::new("normal".to_string());
    let subject = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let tool = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let created = RwSignal::new(None::<u64>);
    // Validates as one types: a field's message shows once it has been
    // filled in (or the form sent), so nobody is scolded before typing.
    let submitted = RwSignal::new(false);
    let filled = RwSignal::new(Vec::<&'static str>::new());
    Effect::new(move |_| {
        let values = [
            ("subject", subject.get()),
            ("description", description.get()),
            ("tool", tool.get()),
            ("contact", contact.get()),
        ];
        let mut seen = filled.get_untracked();
        for (name, value) in &values {
            if !value.trim().is_empty() && !seen.contains(name) {
                seen.push(name);
            }
        }
        let found = local_errors(&values[0].1, &values[1].1, &values[2].1, &values[3].1);
        let shown = match found {
            Some(AppError::Validation { fields }) if !submitted.get_untracked() => {
                let fields: Vec<_> = fields
                    .into_iter()
                    .filter(|f| seen.contains(&f.field.as_str()))
                    .collect();
                (!fields.is_empty()).then_some(AppError::Validation { fields })
            }
            other => other,
        };
        filled.set(seen);
        // A server error stays until the member changes something.
        if shown.is_some() || matches!(error.get_untracked(), Some(AppError::Validation { .. })) {
            error.set(shown);
        }
    });
    let send = Action::new_local(move |_: &()| {
        create_support_request(
            category.get_untracked(),
            urgency.get_untracked(),
            subject.get_untracked(),
            description.get_untracked(),
            Some(tool.get_untracked()),
            Some(contact.get_untracked()),
        )
    });
    on_result(send, error, move |number| {
        created.set(Some(number));
        submitted.set(false);
        filled.set(Vec::new());
        subject.set(String::new());
        description.set(String::new());
        tool.set(String::new());
        contact.set(String::new());
        on_created();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        created.set(None);
        submitted.set(true);
        let found = local_errors(
            &subject.get_untracked(),
            &description.get_untracked(),
            &tool.get_untracked(),
            &contact.get_untracked(),
        );
        if found.is_some() {
            error.set(found);
        } else {
            send.dispatch(());
        }
    };
    let urgent = move || category.get() == "firefighter" || urgency.get() == "critical";
    view! {
        {move || {
            created
                .get()
                .map(|n| {
                    view! {
                        <div class="alert success" role="status">
                            {move || (i18n.tr::<SupportTexts>().support_created)(n)}
                            " "
                            <A href=format!(
                                "/support/demandes/{n}",
                            )>{move || i18n.tr::<SupportTexts>().open_request}</A>
                        </div>
                    }
                })
        }}
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <form class="stack card" on:submit=submit novalidate>
            <div>
                <label for="field-category">{move || i18n.tr::<CommonTexts>().support_category}</label>
                <select
                    id="field-category"
                    name="category"
                    on:change=move |ev| category.set(event_target_value(&ev))
                >
                    {offered
                        .into_iter()
                        .map(|c| {
                            let code = c.code.clone();
                            let value = c.code.clone();
                            let selected = move || category.get() == code;
                            view! {
                                <option value=value selected=selected>
                                    {move || c.label(i18n.lang.get() == Lang::Fr).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <CodeSelect
                name="urgency"
                label={i18n.text::<CommonTexts>(|t| t.support_urgency)}
                codes=&Urgency::CODES
                value=urgency
                error
            />
            <Show when=urgent>
                <p class="alert warning">{move || i18n.tr::<SupportTexts>().urgent_note}</p>
            </Show>
            <Fields
                error
                fields=vec![
                    Field::text("subject", i18n.text::<CommonTexts>(|t| t.support_subject), subject)
                        .required(),
                    Field::multiline(
                            "description",
                            i18n.text::<SupportTexts>(|t| t.support_description),
                            description,
                        )
                        .required(),
                    Field::text("tool", i18n.text::<SupportTexts>(|t| t.tool), tool),
                ]
            />
            <p class="help">{move || i18n.tr::<SupportTexts>().tool_help}</p>
            <TextField name="contact" label={i18n.text::<SupportTexts>(|t| t.contact)} value=contact error />
            <p class="help">{move || i18n.tr::<SupportTexts>().contact_help}</p>
            <SubmitButton
                text={i18n.text::<SupportTexts>(|t| t.support_submit)}
                busy={i18n.text::<SupportTexts>(|t| t.support_sending)}
                pending=send.pending()
            />
        </form>
    }
}

#[component]
fn MyRequests(requests: Vec<SupportRequestSummary>, categories: Vec<SupportCategory>) -> impl IntoView {
    let i18n = use_i18n();
    let is_empty = requests.is_empty();
    view! {
        <DataTable
            headers=|t| vec![t.col_number, t.support_subject, t.support_category, t.col_status]
            empty=|t| t.support_none
            is_empty
        >
            {requests
                .into_iter()
                .map(|r| {
                    let categories = categories.clone();
                    let href = format!("/support/demandes/{}", r.number);
                    view! {
                        <tr>
                            <td>{r.number}</td>
                            <td>
                                <A href=href>{r.subject}</A>
                            </td>
                            <td>{move || category_label(&categories, &r.category, i18n.lang.get())}</td>
                            <td>
                                <CodeBadge code=r.status />
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}
