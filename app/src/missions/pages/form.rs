//! The mission card form: the card's own structure, a live preview, a
//! draft saved on the server as one types, and what is missing before
//! the board can review it.
//!
//! A draft is never lost on a closed tab: the edits not yet on the server
//! are also kept in the browser's storage, and are sent at once (a
//! `keepalive` request, which outlives the page) when the page is hidden,
//! left or closed. Reopened, the form offers the browser's copy when it is
//! newer than the saved card.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::form_fields::{split, NeedChoices, RolesEditor};
use crate::directory::model::REGIONS;
use crate::missions::api::{get_mission, save_mission, submit_mission, SaveMission};
use crate::missions::model::MissionStatus;
use crate::missions::model::{MissionCard, MissionKind};
use crate::missions::model::{MissionDraft, MissionRole, PersonRef, Saved};
use crate::missions::pages::card::MissionSheet;
use crate::missions::texts::MissionTexts;
use crate::needs::api::register::list_needs;
use crate::needs::model::NeedRef;
use crate::platform::error::AppError;
use crate::platform::i18n::{use_i18n, I18n};
use crate::platform::timer::Timeout;
use crate::platform::ui::feedback::{on_result, ErrorNote, Loaded};
use crate::platform::ui::form::{submit_to, CodeOptions};
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

/// How long typing must pause before the draft is saved.
pub(super) const AUTOSAVE_DELAY_MS: u32 = 800;

#[component]
pub fn NewMissionPage() -> impl IntoView {
    let draft = MissionDraft {
        kind: MissionKind::CODES[0].to_string(),
        roles: vec![MissionRole::one_pilot()],
        ..MissionDraft::default()
    };
    view! { <MissionForm id=None version=0 draft /> }
}

#[component]
pub fn EditMissionPage() -> impl IntoView {
    let params = use_params_map();
    let card = LocalResource::new(move || get_mission(params.with(|p| p.get("id").unwrap_or_default())));
    view! {
        <Loaded
            resource=card
            render={move |card: MissionCard| {
                let draft = card.draft();
                view! { <MissionForm id=Some(card.id) version=card.version draft /> }
            }}
        />
    }
}

/// Edits not yet on the server, kept in the browser: the card's version they
/// were made on, and the fields.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct LocalCopy {
    pub(super) version: i64,
    pub(super) draft: MissionDraft,
}

impl LocalCopy {
    /// Worth offering: it differs from the saved card and nobody saved the
    /// card since it was made.
    fn newer_than(&self, version: i64, saved: &MissionDraft) -> bool {
        self.version >= version && self.draft != *saved
    }
}

pub(super) fn copy_key(id: Option<&str>) -> String {
    format!(
        "{}mission:{}",
        crate::platform::session::DRAFT_PREFIX,
        id.unwrap_or("new")
    )
}

/// The browser's side: storage, page visibility and the request that
/// outlives the page. Without a browser (server build) they do nothing.
mod browser {
    use super::LocalCopy;
    use crate::missions::model::Saved;

    #[cfg(feature = "csr")]
    use crate::platform::session::storage;

    pub fn read(key: &str) -> Option<LocalCopy> {
        #[cfg(feature = "csr")]
        {
            let text = storage()?.get_item(key).ok().flatten()?;
            serde_json::from_str(&text).ok()
        }
        #[cfg(not(feature = "csr"))]
        {
            let _ = key;
            None
        }
    }

    pub fn write(key: &str, copy: &LocalCopy) {
        #[cfg(feature = "csr")]
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(copy)) {
            // A full storage only costs the extra copy: the server save goes on.
            let _ = storage.set_item(key, &text);
        }
        #[cfg(not(feature = "csr"))]
        let _ = (key, copy);
    }

    pub fn forget(key: &str) {
        #[cfg(feature = "csr")]
        if let Some(storage) = storage() {
            let _ = storage.remove_item(key);
        }
        #[cfg(not(feature = "csr"))]
        let _ = key;
    }

    pub fn page_hidden() -> bool {
        #[cfg(feature = "csr")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden())
        }
        #[cfg(not(feature = "csr"))]
        false
    }

    /// POSTs `body` to `url` as JSON in a `keepalive` request, which the
    /// browser completes even once the page is gone (it carries the session
    /// cookie and the page's origin, as the server's checks want; a beacon
    /// could not say the body is JSON). `done` hears the answer if the page
    /// is still there.
    pub fn send_keepalive(url: &'static str, body: String, done: impl FnOnce(Option<Saved>) + 'static) {
        use crate::platform::client;
        let Ok(pending) = client::send_json(url, body, true) else {
            return done(None);
        };
        leptos::task::spawn_local(async move {
            let text = client::answer(pending).await.ok();
            done(text.and_then(|t| serde_json::from_str::<Saved>(&t).ok()));
        });
    }
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum SaveState {
    Idle,
    Saving,
    Saved,
}

#[component]
pub(super) fn MissionForm(id: Option<String>, version: i64, draft: MissionDraft) -> impl IntoView {
    let i18n = use_i18n();
    let is_new = id.is_none();
    // The browser's copy of edits never saved, if newer than this card.
    let found = browser::read(&copy_key(id.as_deref()));
    let restorable = RwSignal::new(found.filter(|c| c.newer_than(version, &draft)));
    if restorable.get_untracked().is_none() {
        browser::forget(&copy_key(id.as_deref()));
    }
    let id = RwSignal::new(id);
    let version = RwSignal::new(version);
    let draft = RwSignal::new(draft);
    let error = RwSignal::new(None::<AppError>);
    let state = RwSignal::new(SaveState::Idle);
    let submitted = RwSignal::new(false);
    // Set by every edit; the autosave clears it once the server has it.
    let dirty = RwSignal::new(false);

    let save = Action::new_local(move |_: &()| {
        save_mission(id.get_untracked(), version.get_untracked(), draft.get_untracked())
    });
    // The pending autosave, if any: replaced (rescheduled) or dropped
    // (flushed or left), it is cancelled.
    let timer = StoredValue::new_local(None::<Timeout>);
    let schedule = move || {
        let autosave = Timeout::new(AUTOSAVE_DELAY_MS, move || {
            if save.pending().get_untracked() {
                // One save at a time: the next one follows this one.
                return;
            }
            dirty.set(false);
            state.set(SaveState::Saving);
            save.dispatch(());
        });
        timer.set_value(Some(autosave));
    };
    // Keeps the browser's copy in step: gone once the server has every edit,
    // else rewritten under the card's id and version.
    let keep_copy = move || {
        let key = copy_key(id.get_untracked().as_deref());
        if dirty.get_untracked() {
            let copy = LocalCopy {
                version: version.get_untracked(),
                draft: draft.get_untracked(),
            };
            browser::write(&key, &copy);
        } else {
            browser::forget(&key);
        }
    };
    let saved_as = move |saved: Saved| {
        if id.get_untracked().is_none() {
            browser::forget(&copy_key(None));
        }
        id.set(Some(saved.id));
        version.set(saved.version);
        error.set(None);
        state.set(SaveState::Saved);
        keep_copy();
    };
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            saved_as(saved);
            if dirty.get_untracked() {
                schedule();
            }
        }
        Some(Err(e)) => {
            error.set(Some(e));
            state.set(SaveState::Idle);
        }
        None => {}
    });
    let edit = move |f: Box<dyn FnOnce(&mut MissionDraft)>| {
        draft.update(|d| f(d));
        dirty.set(true);
        submitted.set(false);
        keep_copy();
        schedule();
    };
    let edit = StoredValue::new(edit);

    // Leaving, closing or hiding the page sends the pending edits at once.
    let flush = move || {
        if dirty.try_get_untracked() != Some(true) {
            return;
        }
        timer.set_value(None);
        dirty.set(false);
        state.set(SaveState::Saving);
        let body = SaveMission {
            id: id.get_untracked(),
            version: version.get_untracked(),
            draft: draft.get_untracked(),
        };
        let Ok(body) = serde_json::to_string(&body) else {
            return;
        };
        if id.get_untracked().is_none() {
            // The card this creates is found among "my cards": a copy offered
            // on the next new form would only make a second one.
            browser::forget(&copy_key(None));
        }
        browser::send_keepalive(SaveMission::PATH, body, move |answer| {
            // The page may be gone by now: the signals then answer None.
            match answer {
                Some(saved) if dirty.try_get_untracked().is_some() => saved_as(saved),
                Some(_) => {}
                // Refused (a save crossed it) or lost: the usual autosave retries.
                None if dirty.try_set(true).is_none() => {
                    state.set(SaveState::Idle);
                    schedule();
                }
                None => {}
            }
        });
    };
    let listeners = [
        window_event_listener_untyped("pagehide", move |_| flush()),
        window_event_listener_untyped("beforeunload", move |_| flush()),
        window_event_listener_untyped("visibilitychange", move |_| {
            if browser::page_hidden() {
                flush()
            }
        }),
    ];
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
        // Leaving the form inside the portal: the timer must not outlive it.
        flush();
        timer.set_value(None);
    });
    let restore = move |_| {
        if let Some(copy) = restorable.get_untracked() {
            edit.with_value(|e| e(Box::new(move |d| *d = copy.draft)));
        }
        restorable.set(None);
    };
    let discard = move |_| {
        browser::forget(&copy_key(id.get_untracked().as_deref()));
        restorable.set(None);
    };
    let change = move |f: fn(&mut MissionDraft, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            edit.with_value(|e| e(Box::new(move |d| f(d, value))));
        }
    };

    let submit = Action::new_local(move |_: &()| async move {
        let id = id.get_untracked().ok_or(AppError::NotFound)?;
        submit_mission(id, version.get_untracked()).await
    });
    on_result(submit, error, move |saved| {
        version.set(saved.version);
        submitted.set(true);
    });

    let text_field = move |name: &'static str,
                           label: fn(&I18n) -> &'static str,
                           multiline: bool,
                           get: fn(&MissionDraft) -> String,
                           set: fn(&mut MissionDraft, String)| {
        let id = format!("mission-{name}");
        let input = if multiline {
            view! {
                <textarea
                    id=id.clone()
                    name=name
                    prop:value=move || draft.with(get)
                    on:input=change(set)
                ></textarea>
            }
            .into_any()
        } else {
            view! { <input id=id.clone() name=name prop:value=move || draft.with(get) on:input=change(set) /> }.into_any()
        };
        view! {
            <div>
                <label for=id>{move || label(&i18n)}</label>
                {input}
            </div>
        }
    };
    let needs = LocalResource::new(|| list_needs(None));
    let missing = move || draft.with(|d| d.missing());

    view! {
        <p class="no-print">
            <A href="/missions">{move || i18n.tr::<MissionTexts>().back_to_missions}</A>
        </p>
        <h1>{i18n.text::<MissionTexts>(if is_new { |t| t.new_title } else { |t| t.edit_title })}</h1>
        <p class="intro">{move || i18n.tr::<MissionTexts>().form_intro}</p>
        <Show when=move || restorable.with(Option::is_some)>
            <div class="alert info restore" role="status">
                <p>{move || i18n.tr::<MissionTexts>().restore_found}</p>
                <button type="button" class="primary" on:click=restore>
                    {move || i18n.tr::<MissionTexts>().restore}
                </button>
                " "
                <button type="button" class="secondary" on:click=discard>
                    {move || i18n.tr::<MissionTexts>().discard}
                </button>
            </div>
        </Show>
        <div class="mission-editor">
            <form class="stack card" on:submit=submit_to(submit) novalidate>
                {text_field(
                    "title",
                    |i| i.tr::<MissionTexts>().title,
                    false,
                    |d| d.title.clone(),
                    |d, v| d.title = v,
                )}
                <div>
                    <label for="mission-kind-field">{move || i18n.tr::<MissionTexts>().mission_kind}</label>
                    <select id="mission-kind-field" on:change=change(|d, v| d.kind = v)>
                        <CodeOptions
                            codes=MissionKind::CODES
                            current=Signal::derive(move || draft.with(|d| d.kind.clone()))
                        />
                    </select>
                </div>
                {text_field(
                    "tsp_referent",
                    |i| i.tr::<MissionTexts>().mission_tsp_referent,
                    true,
                    |d| d.tsp_referent.clone(),
                    |d, v| d.tsp_referent = v,
                )}
                <h2>{move || i18n.tr::<MissionTexts>().mission_framing}</h2>
                {text_field(
                    "what",
                    |i| i.tr::<MissionTexts>().mission_what,
                    true,
                    |d| d.what.clone(),
                    |d, v| d.what = v,
                )}
                {text_field(
                    "when",
                    |i| i.tr::<MissionTexts>().mission_when,
                    true,
                    |d| d.when.clone(),
                    |d, v| d.when = v,
                )}
                {text_field(
                    "deliverables",
                    |i| i.tr::<MissionTexts>().mission_deliverables,
                    true,
                    |d| d.deliverables.clone(),
                    |d, v| d.deliverables = v,
                )}
                {text_field(
                    "how_many",
                    |i| i.tr::<MissionTexts>().mission_how_many,
                    true,
                    |d| d.how_many.clone(),
                    |d, v| d.how_many = v,
                )}
                <div>
                    <label for="mission-region-field">{move || i18n.tr::<MissionTexts>().region}</label>
                    <select id="mission-region-field" on:change=change(|d, v| d.region = v)>
                        <option value="">{move || i18n.tr::<MissionTexts>().everywhere}</option>
                        {REGIONS
                            .iter()
                            .map(|r| {
                                view! {
                                    <option value=*r selected=move || draft.with(|d| d.region == *r)>
                                        {*r}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <label for="mission-domains">
                        {move || i18n.tr::<MissionTexts>().domains}" ("
                        {move || i18n.tr::<MissionTexts>().comma_hint}")"
                    </label>
                    <input
                        id="mission-domains"
                        prop:value=move || draft.with(|d| d.domains.join(", "))
                        on:change=change(|d, v| d.domains = split(&v))
                    />
                </div>
                <RolesEditor draft edit />
                <fieldset>
                    <legend>{move || i18n.tr::<MissionTexts>().needs}</legend>
                    <Loaded
                        resource=needs
                        render={move |needs: Vec<NeedRef>| view! { <NeedChoices needs draft edit /> }}
                    />
                </fieldset>
                // Typed but not yet on the server ("dirty"): say so until it is.
                <div class="save-state" role="status">
                    {move || match state.get() {
                        _ if dirty.get() => i18n.tr::<MissionTexts>().saving,
                        SaveState::Saving => i18n.tr::<MissionTexts>().saving,
                        SaveState::Saved => i18n.tr::<MissionTexts>().saved,
                        SaveState::Idle => {
                            if id.get().is_some() { "" } else { i18n.tr::<MissionTexts>().not_saved_yet }
                        }
                    }}
                </div>
                {move || error.get().map(|error| view! { <ErrorNote error /> })}
                {move || {
                    let missing = missing();
                    if missing.is_empty() {
                        view! { <p class="alert success">{move || i18n.tr::<MissionTexts>().complete}</p> }
                            .into_any()
                    } else {
                        view! {
                            <div class="alert missing">
                                <p>{move || i18n.tr::<MissionTexts>().missing}</p>
                                <ul>
                                    {missing
                                        .into_iter()
                                        .map(|f| {
                                            view! {
                                                <li>{move || i18n.tr::<MissionTexts>().field_name(f)}</li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                            .into_any()
                    }
                }}
                <Show when=move || submitted.get()>
                    <div class="alert success" role="status">
                        {move || i18n.tr::<MissionTexts>().submitted}
                        " "
                        {move || {
                            id.get()
                                .map(|id| {
                                    view! {
                                        <A href=format!(
                                            "/missions/{id}",
                                        )>{move || i18n.tr::<MissionTexts>().preview}</A>
                                    }
                                })
                        }}
                    </div>
                </Show>
                <button
                    type="submit"
                    class="primary"
                    disabled=move || {
                        !missing().is_empty() || id.get().is_none() || save.pending().get() || dirty.get()
                            || submitted.get()
                    }
                >
                    {move || i18n.tr::<MissionTexts>().submit}
                </button>
            </form>
            <section class="preview" aria-label={move || i18n.tr::<MissionTexts>().preview}>
                <h2>{move || i18n.tr::<MissionTexts>().preview}</h2>
                {move || {
                    let draft = draft.get();
                    view! {
                        <MissionSheet
                            draft
                            series=String::new()
                            pilots=Vec::new()
                            referent=PersonRef::default()
                            status=MissionStatus::Draft
                        />
                    }
                }}
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_copy_is_offered_only_when_newer_than_the_saved_card() {
        let saved = MissionDraft {
            title: "Inventaire".into(),
            ..MissionDraft::default()
        };
        let typed = MissionDraft {
            title: "Inventaire des outils".into(),
            ..MissionDraft::default()
        };
        let copy = LocalCopy {
            version: 3,
            draft: typed,
        };
        assert!(copy.newer_than(3, &saved));
        // The server has it already (the keepalive save went through).
        assert!(!copy.newer_than(3, &copy.draft.clone()));
        // Someone saved the card since: the copy is older than the card.
        assert!(!copy.newer_than(4, &saved));
        assert_eq!(copy_key(None), "draft:mission:new");
        assert_eq!(copy_key(Some("abc")), "draft:mission:abc");
    }
}
