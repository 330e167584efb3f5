//! The form's two compound fields: the roles (with their commitment) and
//! the needs the mission answers.

use leptos::prelude::*;

use crate::missions::model::{MissionDraft, MissionRole, MISSION_COMMITMENTS, MISSION_ROLES};
use crate::missions::texts::MissionTexts;
use crate::needs::model::NeedRef;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::form::CodeOptions;

pub(super) fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One line per role wanted: how many people, with what skills, for how much time.
#[component]
pub(super) fn RolesEditor<E>(draft: RwSignal<MissionDraft>, edit: StoredValue<E>) -> impl IntoView
where
    E: Fn(Box<dyn FnOnce(&mut MissionDraft)>) + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let apply = move |f: Box<dyn FnOnce(&mut MissionDraft)>| edit.with_value(|e| e(f));
    let count = move || draft.with(|d| d.roles.len());
    // Role `i` as read, and `set` applied to it with what was typed.
    let read = move |i: usize, get: fn(&MissionRole) -> String| {
        draft.with(|d| d.roles.get(i).map(get).unwrap_or_default())
    };
    let write = move |i: usize, set: fn(&mut MissionRole, String), value: String| {
        apply(Box::new(move |d| {
            if let Some(r) = d.roles.get_mut(i) {
                set(r, value);
            }
        }))
    };
    let choice = move |i: usize,
                       codes: &'static [&'static str],
                       get: fn(&MissionRole) -> String,
                       set: fn(&mut MissionRole, String)| {
        view! {
            <select on:change=move |ev| write(i, set, event_target_value(&ev))>
                <CodeOptions codes current=Signal::derive(move || read(i, get)) />
            </select>
        }
    };
    let text = move |i: usize, get: fn(&MissionRole) -> String, set: fn(&mut MissionRole, String)| {
        view! { <input prop:value=move || read(i, get) on:change=move |ev| write(i, set, event_target_value(&ev)) /> }
    };
    view! {
        <fieldset class="mission-roles">
            <legend>{move || i18n.tr::<MissionTexts>().roles}</legend>
            <For each=move || 0..count() key=|i| *i let:i>
                <div class="role-row">
                    <label>
                        {move || i18n.tr::<MissionTexts>().role}
                        {choice(i, &MISSION_ROLES, |r| r.role.clone(), |r, v| r.role = v)}
                    </label>
                    <label>
                        {move || i18n.tr::<MissionTexts>().places}
                        <input
                            type="number"
                            min="1"
                            max="100"
                            prop:value=move || {
                                draft.with(|d| d.roles.get(i).map(|r| r.places).unwrap_or(1).to_string())
                            }
                            on:change=move |ev| {
                                let set: fn(&mut MissionRole, String) = |r, v| {
                                    r.places = v.parse::<u32>().unwrap_or(1).clamp(1, 100);
                                };
                                write(i, set, event_target_value(&ev))
                            }
                        />
                    </label>
                    <label>
                        {move || i18n.tr::<MissionTexts>().skills}
                        {text(i, |r| r.skills.join(", "), |r, v| r.skills = split(&v))}
                    </label>
                    <label>
                        {move || i18n.tr::<MissionTexts>().commitment}
                        {choice(i, &MISSION_COMMITMENTS, |r| r.commitment.clone(), |r, v| r.commitment = v)}
                    </label>
                    <label>
                        {move || i18n.tr::<MissionTexts>().duration}
                        {text(i, |r| r.duration.clone(), |r, v| r.duration = v)}
                    </label>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| apply(
                            Box::new(move |d| {
                                if i < d.roles.len() {
                                    d.roles.remove(i);
                                }
                            }),
                        )
                    >
                        {move || i18n.tr::<MissionTexts>().remove_role}
                    </button>
                </div>
            </For>
            <button
                type="button"
                class="secondary"
                on:click=move |_| apply(
                    Box::new(|d| {
                        d.roles
                            .push(MissionRole {
                                role: "contributor".into(),
                                places: 1,
                                commitment: "light".into(),
                                ..MissionRole::default()
                            })
                    }),
                )
            >
                {move || i18n.tr::<MissionTexts>().add_role}
            </button>
        </fieldset>
    }
}

#[component]
pub(super) fn NeedChoices<E>(
    needs: Vec<NeedRef>,
    draft: RwSignal<MissionDraft>,
    edit: StoredValue<E>,
) -> impl IntoView
where
    E: Fn(Box<dyn FnOnce(&mut MissionDraft)>) + Send + Sync + 'static,
{
    needs
        .into_iter()
        .map(|n| {
            let (a, b) = (n.id.clone(), n.id.clone());
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || draft.with(|d| d.needs.contains(&a))
                        on:change=move |_| {
                            let id = b.clone();
                            edit.with_value(|e| e(
                                Box::new(move |d| {
                                    if let Some(pos) = d.needs.iter().position(|x| *x == id) {
                                        d.needs.remove(pos);
                                    } else {
                                        d.needs.push(id);
                                    }
                                }),
                            ))
                        }
                    />
                    {n.title}
                </label>
            }
        })
        .collect_view()
}
