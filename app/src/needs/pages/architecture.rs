//! The architecture catalogue, the solutions and the board's decisions,
//! and the category list (administrators).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::accounts::model::Role;
use crate::needs::api::architecture::{
    decide_solution, list_components, list_solutions, save_component, save_solution, submit_solution,
};
use crate::needs::api::register::{list_needs, need_categories, save_need_category};
use crate::needs::model::{Component, ComponentStatus, Decision, NeedCategory};
use crate::needs::model::{Solution, SolutionInput, SolutionStatus};
use crate::needs::pages::need::Flags;
use crate::needs::pages::register::{category_label, loaded, Categories, CategorySelect, NeedsNav};
use crate::needs::texts::NeedsTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::session::use_session;
use crate::platform::ui::feedback::{on_result, CodeBadge, DataTable, ErrorNote, Loaded};
use crate::platform::ui::form::{submit_to, ActionButton, Field, Fields, SubmitButton, TextField};

fn label(f: fn(&NeedsTexts) -> &'static str) -> Signal<&'static str> {
    use_i18n().text(f)
}

#[component]
pub fn ArchitecturePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is = move |role: Role| session.user().is_some_and(|u| u.has(role));
    let components = LocalResource::new(list_components);
    let solutions = LocalResource::new(list_solutions);
    let categories = LocalResource::new(need_categories);
    // What the forms below edit: set by a row's "Modifier", cleared once saved.
    let editing_solution = RwSignal::new(None::<Solution>);
    let editing_component = RwSignal::new(None::<Component>);
    view! {
        <h1>{move || i18n.tr::<NeedsTexts>().architecture}</h1>
        <NeedsNav />
        <h2>{move || i18n.tr::<NeedsTexts>().solutions}</h2>
        <Loaded
            resource=solutions
            render={move |list: Vec<Solution>| {
                view! {
                    <SolutionList
                        solutions=list
                        board=is(Role::Board)
                        admin=is(Role::Admin)
                        reload=move || solutions.refetch()
                        edit=editing_solution
                    />
                }
            }}
        />
        <Show when=move || is(Role::Admin)>
            <SolutionForm components editing=editing_solution reload=move || solutions.refetch() />
        </Show>
        <h2>{move || i18n.tr::<NeedsTexts>().components}</h2>
        <Loaded
            resource=components
            render={move |list: Vec<Component>| {
                view! {
                    <ComponentTable components=list categories admin=is(Role::Admin) edit=editing_component />
                }
            }}
        />
        <Show when=move || is(Role::Admin)>
            <ComponentForm categories editing=editing_component reload=move || components.refetch() />
            <CategoryForm categories reload=move || categories.refetch() />
        </Show>
    }
}

#[component]
fn SolutionList(
    solutions: Vec<Solution>,
    board: bool,
    admin: bool,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    /// Where "Modifier" puts a draft or a solution sent back.
    edit: RwSignal<Option<Solution>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if solutions.is_empty() {
        return view! { <p class="empty">{move || i18n.tr::<NeedsTexts>().no_solutions}</p> }.into_any();
    }
    view! {
        <ul class="plain-list solutions">
            {solutions
                .into_iter()
                .map(|s| {
                    let status = s.status;
                    let decided = s.decided_at.clone().map(|at| (s.status, s.decided_by.clone(), at));
                    let submittable = admin && s.status.editable();
                    let decidable = board && s.status == SolutionStatus::Submitted;
                    let (id_submit, id_decide) = (s.id.clone(), s.id.clone());
                    let to_edit = s.clone();
                    let (cost_once, cost_yearly, delay, complexity) = (
                        s.cost_once,
                        s.cost_yearly,
                        s.delay_weeks,
                        s.complexity,
                    );
                    view! {
                        <li class="card solution">
                            <h3>{s.title.clone()} " " <CodeBadge code=status /></h3>
                            <p class="muted">
                                {move || (i18n
                                    .tr::<NeedsTexts>()
                                    .solution_facts)(cost_once, cost_yearly, delay, complexity)}
                            </p>
                            <p>{s.rationale.clone()}</p>
                            <p>
                                <strong>{move || i18n.tr::<NeedsTexts>().sol_needs}</strong>
                                " "
                                {s
                                    .needs
                                    .iter()
                                    .cloned()
                                    .map(|n| {
                                        view! {
                                            <A href=format!("/besoins/{}", n.id)>{n.title}</A>
                                            " "
                                        }
                                    })
                                    .collect_view()}
                            </p>
                            <p>
                                <strong>{move || i18n.tr::<NeedsTexts>().sol_components}</strong>
                                " "
                                {s.components.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(", ")}
                                {(!s.tools.is_empty()).then(|| format!(" + {}", s.tools))}
                            </p>
                            <Flags flags=s.flags.clone() />
                            {decided
                                .map(|(status, by, at)| {
                                    view! {
                                        <p class="decision">
                                            {move || (i18n
                                                .tr::<NeedsTexts>()
                                                .decided)(i18n.label(status.code()), &by, &at)} " — "
                                            <q>{s.decision_reason.clone()}</q>
                                        </p>
                                    }
                                })}
                            <Show when=move || submittable>
                                <EditButton
                                    what=s.title.clone()
                                    on_click={
                                        let s = to_edit.clone();
                                        move || edit.set(Some(s.clone()))
                                    }
                                />
                                " "
                                <SubmitToBoard id=id_submit.clone() reload />
                            </Show>
                            <Show when=move || decidable>
                                <DecisionForm id=id_decide.clone() reload />
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SubmitToBoard(id: String, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let submit = Action::new_local(move |_: &()| submit_solution(id.clone()));
    on_result(submit, error, move |_| reload());
    view! {
        {move || error.get().map(|error| view! { <ErrorNote error /> })}
        <ActionButton action=submit class="primary">
            {move || i18n.tr::<NeedsTexts>().submit_board}
        </ActionButton>
    }
}

/// The board's decision, with its written reason.
#[component]
fn DecisionForm(id: String, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let decision = RwSignal::new(Decision::Accepted.code().to_string());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let decide = Action::new_local(move |_: &()| {
        decide_solution(id.clone(), decision.get_untracked(), reason.get_untracked())
    });
    on_result(decide, error, move |_| reload());
    view! {
        <form class="stack decision-form" on:submit=submit_to(decide) novalidate>
            <h4>{move || i18n.tr::<NeedsTexts>().decide}</h4>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <Fields
                error
                fields=vec![
                    Field::codes("decision", label(|t| t.decision), Decision::CODES, decision),
                    Field::multiline("reason", label(|t| t.reason), reason).required(),
                ]
            />
            <SubmitButton text={i18n.text::<NeedsTexts>(|t| t.decide)} pending=decide.pending() />
        </form>
    }
}

/// Parses a number field (empty or unreadable counts as 0).
/// A row's "Modifier": puts the row into the form below. Its name says
/// which row, for those who hear the page rather than see it.
#[component]
fn EditButton(what: String, on_click: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="secondary"
            aria-label=move || format!("{} « {what} »", i18n.tr::<NeedsTexts>().edit_row)
            on:click=move |_| on_click()
        >
            {move || i18n.tr::<NeedsTexts>().edit_row}
        </button>
    }
}

/// Leaves an edit: the form goes back to adding.
#[component]
fn CancelEdit<T: Clone + Send + Sync + 'static>(editing: RwSignal<Option<T>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || {
            editing.with(Option::is_some)
        }>
            " " <button type="button" class="secondary" on:click=move |_| editing.set(None)>
                {move || i18n.tr::<NeedsTexts>().cancel_edit}
            </button>
        </Show>
    }
}

/// Brings the form being filled into view.
fn scroll_to(id: &str) {
    #[cfg(feature = "csr")]
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view();
    }
    #[cfg(not(feature = "csr"))]
    let _ = id;
}

fn number(value: RwSignal<String>) -> u64 {
    value.get_untracked().trim().parse().unwrap_or(0)
}

/// A list of checkboxes choosing several ids.
#[component]
fn CheckList(
    legend: Signal<&'static str>,
    items: Signal<Vec<(String, String)>>,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="check-list">
            <legend>{legend}</legend>
            {move || {
                items
                    .get()
                    .into_iter()
                    .map(|(id, name)| {
                        let key = id.clone();
                        let toggle = move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            chosen
                                .update(|ids| {
                                    ids.retain(|i| *i != key);
                                    if on {
                                        ids.push(key.clone());
                                    }
                                });
                        };
                        let checked = {
                            let id = id.clone();
                            move || chosen.get().contains(&id)
                        };
                        view! {
                            <label class="check">
                                <input type="checkbox" value=id prop:checked=checked on:change=toggle />
                                {name}
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

#[component]
fn SolutionForm(
    components: LocalResource<Result<Vec<Component>, AppError>>,
    /// A solution being reworked (else the form proposes a new one).
    editing: RwSignal<Option<Solution>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let needs = LocalResource::new(move || list_needs(None));
    let title = RwSignal::new(String::new());
    let need_ids = RwSignal::new(Vec::<String>::new());
    let component_ids = RwSignal::new(Vec::<String>::new());
    let tools = RwSignal::new(String::new());
    let cost_once = RwSignal::new(String::new());
    let cost_yearly = RwSignal::new(String::new());
    let delay = RwSignal::new(String::new());
    let complexity = RwSignal::new("2".to_string());
    let rationale = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    // "Modifier" fills the form with the solution as it stands; done or
    // cancelled, the form is empty again.
    Effect::new(move |_| {
        let s = editing.get();
        title.set(s.as_ref().map(|s| s.title.clone()).unwrap_or_default());
        need_ids.set(
            s.as_ref()
                .map(|s| s.needs.iter().map(|n| n.id.clone()).collect())
                .unwrap_or_default(),
        );
        component_ids.set(
            s.as_ref()
                .map(|s| s.components.iter().map(|c| c.id.clone()).collect())
                .unwrap_or_default(),
        );
        tools.set(s.as_ref().map(|s| s.tools.clone()).unwrap_or_default());
        let figure = |f: fn(&Solution) -> u64| s.as_ref().map(|s| f(s).to_string()).unwrap_or_default();
        cost_once.set(figure(|s| s.cost_once));
        cost_yearly.set(figure(|s| s.cost_yearly));
        delay.set(figure(|s| s.delay_weeks));
        complexity.set(s.as_ref().map_or("2".to_string(), |s| s.complexity.to_string()));
        rationale.set(s.as_ref().map(|s| s.rationale.clone()).unwrap_or_default());
        if s.is_some() {
            scroll_to("solution-form");
        }
    });
    let save = Action::new_local(move |_: &()| {
        save_solution(SolutionInput {
            id: editing.get_untracked().map(|s| s.id),
            title: title.get_untracked(),
            need_ids: need_ids.get_untracked(),
            component_ids: component_ids.get_untracked(),
            tools: tools.get_untracked(),
            cost_once: number(cost_once),
            cost_yearly: number(cost_yearly),
            delay_weeks: number(delay),
            complexity: number(complexity).min(255) as u8,
            rationale: rationale.get_untracked(),
        })
    });
    on_result(save, error, move |_| {
        editing.set(None);
        title.set(String::new());
        rationale.set(String::new());
        reload();
    });
    let heading = move || {
        let t = i18n.tr::<NeedsTexts>();
        if editing.with(Option::is_some) {
            t.edit_solution
        } else {
            t.new_solution
        }
    };
    view! {
        <form id="solution-form" class="stack card" on:submit=submit_to(save) novalidate>
            <h3>{heading}</h3>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <TextField name="title" required=true label=label(|t| t.title) value=title error />
            <CheckList
                legend=label(|t| t.sol_needs)
                chosen=need_ids
                items=Signal::derive(move || {
                    needs
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|n| (n.id, n.title))
                        .collect()
                })
            />
            <CheckList
                legend=label(|t| t.sol_components)
                chosen=component_ids
                items=Signal::derive(move || {
                    components
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|c| (c.id.unwrap_or_default(), c.name))
                        .collect()
                })
            />
            <Fields
                error
                fields=vec![
                    Field::text("tools", label(|t| t.sol_tools), tools),
                    Field::number("cost_once", label(|t| t.cost_once), cost_once),
                    Field::number("cost_yearly", label(|t| t.cost_yearly), cost_yearly),
                    Field::number("delay_weeks", label(|t| t.delay), delay),
                    Field::number("complexity", label(|t| t.complexity), complexity),
                    Field::multiline("rationale", label(|t| t.rationale), rationale).required(),
                ]
            />
            <p class="actions">
                <SubmitButton text=Signal::derive(heading) pending=save.pending() />
                <CancelEdit editing />
            </p>
        </form>
    }
}

#[component]
fn ComponentTable(
    components: Vec<Component>,
    categories: Categories,
    admin: bool,
    /// Where a row's "Modifier" puts its component.
    edit: RwSignal<Option<Component>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_empty = components.is_empty();
    view! {
        <DataTable
            headers=|t| vec![t.col_name, t.col_category, t.col_status, t.col_origin, t.col_detail]
            empty=|t| t.needs_empty
            is_empty
        >
            {components
                .into_iter()
                .map(|c| {
                    let purpose = c.purpose.clone();
                    let to_edit = c.clone();
                    let licence = move || {
                        format!(
                            "{} · {}",
                            if c.free_software {
                                i18n.tr::<NeedsTexts>().free
                            } else {
                                i18n.tr::<NeedsTexts>().proprietary
                            },
                            if c.european {
                                i18n.tr::<NeedsTexts>().european
                            } else {
                                i18n.tr::<NeedsTexts>().outside_europe
                            },
                        )
                    };
                    view! {
                        <tr>
                            <td>
                                <strong>{c.name.clone()}</strong>
                                <br />
                                <span class="muted">{c.description.clone()}</span>
                                {admin
                                    .then(|| {
                                        view! {
                                            <br />
                                            <EditButton
                                                what=c.name.clone()
                                                on_click=move || edit.set(Some(to_edit.clone()))
                                            />
                                        }
                                    })}
                            </td>
                            <td>{move || category_label(&loaded(categories), &purpose, i18n.lang.get())}</td>
                            <td>
                                <CodeBadge code=c.status />
                            </td>
                            <td>{c.hosting.clone()}<br /><span class="muted">{licence}</span></td>
                            <td>
                                {format!("{} €/an", c.yearly_cost)}
                                {(!c.alternatives.is_empty())
                                    .then(|| {
                                        view! {
                                            <br />
                                            <span class="muted">
                                                {move || i18n.tr::<NeedsTexts>().col_alternatives} " : "
                                                {c.alternatives.clone()}
                                            </span>
                                        }
                                    })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

/// Adds a component, or changes the one a row's "Modifier" chose.
#[component]
fn ComponentForm(
    categories: Categories,
    editing: RwSignal<Option<Component>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let purpose = RwSignal::new("other".to_string());
    let description = RwSignal::new(String::new());
    let status = RwSignal::new(ComponentStatus::Trial.code().to_string());
    let hosting = RwSignal::new(String::new());
    let free_software = RwSignal::new(false);
    let european = RwSignal::new(false);
    let cost = RwSignal::new(String::new());
    let alternatives = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        let c = editing.get().unwrap_or_else(|| Component {
            id: None,
            name: String::new(),
            purpose: "other".into(),
            description: String::new(),
            status: ComponentStatus::Trial,
            hosting: String::new(),
            free_software: false,
            european: false,
            yearly_cost: 0,
            alternatives: String::new(),
        });
        let editing = c.id.is_some();
        name.set(c.name);
        purpose.set(c.purpose);
        description.set(c.description);
        status.set(c.status.code().to_string());
        hosting.set(c.hosting);
        free_software.set(c.free_software);
        european.set(c.european);
        cost.set(if editing {
            c.yearly_cost.to_string()
        } else {
            String::new()
        });
        alternatives.set(c.alternatives);
        if editing {
            scroll_to("component-form");
        }
    });
    let save = Action::new_local(move |_: &()| {
        save_component(Component {
            id: editing.get_untracked().and_then(|c| c.id),
            name: name.get_untracked(),
            purpose: purpose.get_untracked(),
            description: description.get_untracked(),
            // The select offers only the catalogue's statuses.
            status: ComponentStatus::from_code(&status.get_untracked()).unwrap_or(ComponentStatus::Trial),
            hosting: hosting.get_untracked(),
            free_software: free_software.get_untracked(),
            european: european.get_untracked(),
            yearly_cost: number(cost),
            alternatives: alternatives.get_untracked(),
        })
    });
    on_result(save, error, move |_| {
        editing.set(None);
        reload();
    });
    let checkbox = move |id: &'static str, text: fn(&NeedsTexts) -> &'static str, value: RwSignal<bool>| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev))
                />
                {move || text(i18n.tr::<NeedsTexts>())}
            </label>
        }
    };
    view! {
        <form id="component-form" class="stack card" on:submit=submit_to(save) novalidate>
            <h3>
                {move || {
                    let t = i18n.tr::<NeedsTexts>();
                    if editing.with(Option::is_some) { t.edit_component } else { t.add_component }
                }}
            </h3>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <TextField name="name" required=true label=label(|t| t.title) value=name error />
            <CategorySelect categories value=purpose />
            <Fields
                error
                fields=vec![
                    Field::text("description", label(|t| t.description), description),
                    Field::codes("status", label(|t| t.status), ComponentStatus::CODES, status),
                    Field::text("hosting", label(|t| t.col_hosting), hosting),
                ]
            />
            {checkbox("field-free_software", |t| t.free_software, free_software)}
            {checkbox("field-european", |t| t.european_host, european)}
            <Fields
                error
                fields=vec![
                    Field::number("yearly_cost", label(|t| t.yearly_cost), cost),
                    Field::text("alternatives", label(|t| t.alternatives), alternatives),
                ]
            />
            <p class="actions">
                <SubmitButton text={i18n.text::<NeedsTexts>(|t| t.save)} pending=save.pending() />
                <CancelEdit editing />
            </p>
        </form>
    }
}

/// Adds a category, or changes the one with the same code.
#[component]
fn CategoryForm(categories: Categories, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let label_fr = RwSignal::new(String::new());
    let label_en = RwSignal::new(String::new());
    let position = RwSignal::new("50".to_string());
    let error = RwSignal::new(None::<AppError>);
    let save = Action::new_local(move |_: &()| {
        save_need_category(NeedCategory {
            code: code.get_untracked().trim().to_string(),
            label_fr: label_fr.get_untracked(),
            label_en: label_en.get_untracked(),
            position: number(position) as i64,
            active: true,
        })
    });
    on_result(save, error, move |_| reload());
    view! {
        <h2>{move || i18n.tr::<NeedsTexts>().categories}</h2>
        <p class="muted">
            {move || {
                loaded(categories)
                    .into_iter()
                    .map(|c| format!("{} ({})", c.label_fr, c.code))
                    .collect::<Vec<_>>()
                    .join(" · ")
            }}
        </p>
        <form class="stack card" on:submit=submit_to(save) novalidate>
            <h3>{move || i18n.tr::<NeedsTexts>().add_category}</h3>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <Fields
                error
                fields=vec![
                    Field::text("code", label(|t| t.code), code).required(),
                    Field::text("label_fr", label(|t| t.label_fr), label_fr).required(),
                    Field::text("label_en", label(|t| t.label_en), label_en).required(),
                    Field::number("position", label(|t| t.position), position),
                ]
            />
            <SubmitButton text={i18n.text::<NeedsTexts>(|t| t.save)} pending=save.pending() />
        </form>
    }
}
