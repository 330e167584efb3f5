//! `/profil`: the member edits their profile and chooses, field by field,
//! who sees it; a completeness meter nudges; GDPR export and erasure.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::directory::api::profiles::{
    export_my_data, list_domains, my_profile, request_deletion, save_profile, skill_suggestions,
};
use crate::directory::model::REGIONS;
use crate::directory::model::{Profile, Visibility, LANGUAGES, PROFILE_FIELDS};
use crate::directory::pages::search::Avatar;
use crate::directory::texts::DirTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::ui::feedback::{on_result, DoneNote, ErrorNote, Loaded};
use crate::platform::ui::files::{chosen_file, send_photo, ChosenFile};
use crate::platform::ui::form::{ActionButton, SubmitButton};
use crate::platform::url::encode;

/// The largest photo file the server takes (checked here first to spare the upload).
const MAX_PHOTO_BYTES: u64 = 5 * 1024 * 1024;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded =
        LocalResource::new(|| async { Ok::<_, AppError>((my_profile().await?, list_domains().await?)) });
    view! {
        <h1>{move || i18n.tr::<DirTexts>().profile_title}</h1>
        <Loaded
            resource=loaded
            render={move |(p, domains): (Profile, Vec<String>)| view! { <ProfileForm initial=p domains /> }}
        />
    }
}

fn split_list(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[component]
fn ProfileForm(initial: Profile, domains: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let id = initial.id.clone();
    let skills = RwSignal::new(initial.skills.join(", "));
    let links = RwSignal::new(initial.links.join("\n"));
    let profile = RwSignal::new(initial);
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |p: &Profile| save_profile(p.clone()));
    on_result(save, error, move |p| {
        skills.set(p.skills.join(", "));
        links.set(p.links.join("\n"));
        profile.set(p);
        saved.set(true);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        saved.set(false);
        let mut p = profile.get_untracked();
        p.skills = split_list(&skills.get_untracked(), ',');
        p.links = split_list(&links.get_untracked(), '\n');
        save.dispatch(p);
    };
    // The meter reads the form as it is being filled.
    let current = move || {
        let mut p = profile.get();
        p.skills = split_list(&skills.get(), ',');
        p
    };
    let abroad = move || profile.with(|p| p.region == "Étranger");
    let page_href = format!("/annuaire/{id}");

    view! {
        <Completeness profile=Signal::derive(current) />
        <form class="stack profile-form" on:submit=submit novalidate>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            <Row field="photo" profile error>
                <PhotoEditor profile />
            </Row>
            <TextRow field="display_name" required=true profile error edit=|p| &mut p.display_name />
            <TextRow field="pronouns" profile error edit=|p| &mut p.pronouns />
            <Row field="region" profile error>
                <select
                    id="profile-region"
                    on:change=move |ev| profile.update(|p| p.region = event_target_value(&ev))
                >
                    <option value="" selected=move || profile.with(|p| p.region.is_empty())>
                        {move || i18n.tr::<DirTexts>().none}
                    </option>
                    {REGIONS
                        .iter()
                        .map(|r| {
                            view! {
                                <option value=*r selected=move || profile.with(|p| p.region == *r)>
                                    {move || i18n.tr::<DirTexts>().value("region", r)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Row>
            <Show when=abroad>
                <TextRow field="country" profile error edit=|p| &mut p.country />
            </Show>
            <TextRow field="local_group" profile error edit=|p| &mut p.local_group />
            <TextRow field="member_since" kind="date" profile error edit=|p| &mut p.member_since />
            <Row field="domains" profile error>
                <div id="profile-domains" class="choices">
                    {domains
                        .into_iter()
                        .map(|d| view! { <Choice profile value=d list=|p| &mut p.domains /> })
                        .collect_view()}
                </div>
            </Row>
            <Row field="skills" profile error>
                <input id="profile-skills" type="text" bind:value=skills />
                <p class="muted">{move || i18n.tr::<DirTexts>().skills_help}</p>
                <SkillSuggestions skills />
            </Row>
            <TextRow field="profession" profile error edit=|p| &mut p.profession />
            <Row field="availability" profile error>
                <input
                    id="profile-availability"
                    type="number"
                    min="0"
                    max="200"
                    prop:value=move || {
                        profile.with(|p| p.hours_per_month.map(|h| h.to_string()).unwrap_or_default())
                    }
                    on:input=move |ev| {
                        profile.update(|p| p.hours_per_month = event_target_value(&ev).trim().parse().ok())
                    }
                />
                <label class="inline">
                    <input
                        type="checkbox"
                        prop:checked=move || profile.with(|p| p.open_to_missions)
                        on:change=move |ev| profile.update(|p| p.open_to_missions = event_target_checked(&ev))
                    />
                    {move || i18n.tr::<DirTexts>().field("open_to_missions")}
                </label>
            </Row>
            <Row field="languages" profile error>
                <div id="profile-languages" class="choices">
                    {LANGUAGES
                        .iter()
                        .map(|l| {
                            view! {
                                <Choice
                                    profile
                                    value=l.to_string()
                                    list=|p| &mut p.languages
                                    label_facet="language"
                                />
                            }
                        })
                        .collect_view()}
                </div>
            </Row>
            <TextRow field="email" kind="email" profile error edit=|p| &mut p.contact_email>
                <Show when=move || profile.with(|p| p.contact_email.trim().is_empty())>
                    <p class="muted">
                        {move || i18n.tr::<DirTexts>().email_not_shown} " "
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| profile.update(|p| p.contact_email = p.account_email.clone())
                        >
                            {move || i18n.tr::<DirTexts>().use_sign_in_email}
                        </button>
                    </p>
                </Show>
            </TextRow>
            <TextRow field="chat" profile error edit=|p| &mut p.chat />
            <TextRow field="phone" kind="tel" profile error edit=|p| &mut p.phone />
            <Row field="links" profile error>
                <textarea id="profile-links" rows="3" bind:value=links></textarea>
                <p class="muted">{move || i18n.tr::<DirTexts>().links_help}</p>
            </Row>
            <Row field="bio" profile error>
                <textarea
                    id="profile-bio"
                    rows="6"
                    prop:value=move || profile.with(|p| p.bio.clone())
                    on:input=move |ev| profile.update(|p| p.bio = event_target_value(&ev))
                ></textarea>
                <p class="muted">{move || i18n.tr::<DirTexts>().bio_help}</p>
            </Row>
            <div>
                <label class="inline">
                    <input
                        id="profile-in_directory"
                        type="checkbox"
                        prop:checked=move || profile.with(|p| p.in_directory)
                        on:change=move |ev| profile.update(|p| p.in_directory = event_target_checked(&ev))
                    />
                    {move || i18n.tr::<DirTexts>().in_directory}
                </label>
                <p class="muted">{move || i18n.tr::<DirTexts>().in_directory_help}</p>
            </div>
            <div class="actions">
                <SubmitButton text={i18n.text::<DirTexts>(|t| t.save)} pending=save.pending() />
                <a href=page_href>{move || i18n.tr::<DirTexts>().see_my_page}</a>
            </div>
            <DoneNote shown=saved text={i18n.text::<DirTexts>(|t| t.saved)} />
        </form>
        <MyData requested=profile.get_untracked().deletion_requested />
    }
}

/// The photo: sent as soon as it is chosen (the server re-encodes it), shown
/// as stored, removable; the initials stand in when there is none.
#[component]
fn PhotoEditor(profile: RwSignal<Profile>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let send = move |file: Option<ChosenFile>| {
        problem.set(None);
        if file.as_ref().is_some_and(|f| f.size > MAX_PHOTO_BYTES) {
            problem.set(Some(AppError::PayloadTooLarge));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match send_photo(file).await {
                Ok(photo) => profile.update(|p| p.photo = photo),
                Err(e) => problem.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let has_photo = move || profile.with(|p| p.photo.is_some());
    view! {
        <div class="photo-editor">
            {move || {
                profile
                    .with(|p| {
                        view! { <Avatar name=p.display_name.clone() photo=p.photo.clone() size="large" /> }
                    })
            }} <div class="stack">
                <input
                    id="profile-photo"
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    disabled=move || busy.get()
                    on:change=move |ev| {
                        if let Some(file) = chosen_file(&ev) {
                            send(Some(file));
                        }
                    }
                />
                <p class="muted">{move || i18n.tr::<DirTexts>().photo_help}</p>
                <Show when=has_photo>
                    <button
                        type="button"
                        class="secondary"
                        disabled=move || busy.get()
                        on:click=move |_| send(None)
                    >
                        {move || i18n.tr::<DirTexts>().photo_remove}
                    </button>
                </Show>
                <Show when=move || busy.get()>
                    <p class="muted" role="status">
                        {move || i18n.tr::<DirTexts>().photo_sending}
                    </p>
                </Show>
                <p class="field-error" role="alert">
                    {move || {
                        problem
                            .get()
                            .map(|e| match e {
                                AppError::Unprocessable { message } => message,
                                AppError::PayloadTooLarge => i18n.tr::<DirTexts>().photo_too_large.to_string(),
                                other => other.describe(i18n.tr::<CommonTexts>()).to_string(),
                            })
                    }}
                </p>
            </div>
        </div>
    }
}

/// A labelled field of the form, with who may see it and its error.
#[component]
fn Row(
    field: &'static str,
    profile: RwSignal<Profile>,
    error: RwSignal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("profile-{field}");
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(field, i18n.tr::<CommonTexts>()))
    };
    let chooses = PROFILE_FIELDS.contains(&field);
    view! {
        <div class="profile-row">
            <label for=id>{move || i18n.tr::<DirTexts>().field(field)}</label>
            <div class="profile-input">{children()}</div>
            {chooses.then(|| view! { <VisibilitySelect field profile /> })}
            <p class="field-error">{message}</p>
        </div>
    }
}

/// A row whose input (of type `kind`) edits the text of the profile that
/// `edit` points at. It reads through `edit` too, untracked: reading
/// notifies no one.
#[component]
fn TextRow(
    field: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    profile: RwSignal<Profile>,
    error: RwSignal<Option<AppError>>,
    edit: fn(&mut Profile) -> &mut String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <Row field profile error>
            <input
                id=format!("profile-{field}")
                type=kind
                required=required
                prop:value=move || {
                    profile.track();
                    profile.update_untracked(|p| edit(p).clone())
                }
                on:input=move |ev| profile.update(|p| *edit(p) = event_target_value(&ev))
            />
            {children.map(|children| children())}
        </Row>
    }
}

#[component]
fn VisibilitySelect(field: &'static str, profile: RwSignal<Profile>) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("visibility-{field}");
    view! {
        <div class="visibility">
            <label for=id.clone()>{move || i18n.tr::<DirTexts>().visible_to}</label>
            <select
                id=id
                on:change=move |ev| {
                    let level = Visibility::from_code(&event_target_value(&ev)).unwrap_or_default();
                    profile
                        .update(|p| {
                            if level == Visibility::Members {
                                p.visibility.remove(field);
                            } else {
                                p.visibility.insert(field.to_string(), level);
                            }
                        });
                }
            >
                {Visibility::ALL
                    .iter()
                    .map(|v| {
                        let v = *v;
                        view! {
                            <option
                                value=v.code()
                                selected=move || profile.with(|p| p.visibility_of(field) == v)
                            >
                                {move || i18n.tr::<DirTexts>().value("visibility", v.code())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// One checkbox of a list field (domains, languages).
#[component]
fn Choice(
    profile: RwSignal<Profile>,
    value: String,
    list: fn(&mut Profile) -> &mut Vec<String>,
    #[prop(default = "")] label_facet: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let v = value.clone();
    let shown = value.clone();
    let checked = move || {
        profile.with(|p| {
            let mut p = p.clone();
            list(&mut p).contains(&v)
        })
    };
    view! {
        <label class="inline choice">
            <input
                type="checkbox"
                prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    profile
                        .update(|p| {
                            let l = list(p);
                            l.retain(|x| x != &value);
                            if on {
                                l.push(value.clone());
                            }
                        });
                }
            />
            {move || i18n.tr::<DirTexts>().value(label_facet, &shown)}
        </label>
    }
}

/// Skills already used by other members that start like the one being typed.
#[component]
fn SkillSuggestions(skills: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = Memo::new(move |_| skills.with(|s| s.rsplit(',').next().unwrap_or("").trim().to_string()));
    let found = LocalResource::new(move || {
        let prefix = typed.get();
        async move {
            if prefix.chars().count() < 2 {
                return Vec::new();
            }
            skill_suggestions(prefix).await.unwrap_or_default()
        }
    });
    view! {
        {move || {
            let list = found.get().unwrap_or_default();
            let current = typed.get();
            let list: Vec<String> = list.into_iter().filter(|s| *s != current).collect();
            (!list.is_empty())
                .then(|| {
                    view! {
                        <div class="suggestions" aria-label={move || i18n.tr::<DirTexts>().suggestions}>
                            {list
                                .into_iter()
                                .map(|s| {
                                    let chosen = s.clone();
                                    view! {
                                        <button
                                            type="button"
                                            class="tag"
                                            on:click=move |_| {
                                                skills
                                                    .update(|all| {
                                                        *all = match all.rsplit_once(',').map(|(head, _)| head) {
                                                            Some(head) => format!("{head}, {chosen}, "),
                                                            None => format!("{chosen}, "),
                                                        };
                                                    })
                                            }
                                        >
                                            {s}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })
        }}
    }
}

/// The completeness meter and a gentle nudge towards what is missing.
#[component]
fn Completeness(profile: Signal<Profile>) -> impl IntoView {
    let i18n = use_i18n();
    let percent = move || profile.with(|p| p.completeness());
    let missing = move || profile.with(|p| p.missing());
    view! {
        <section class="card completeness" aria-live="polite">
            <p>
                <strong>{move || (i18n.tr::<DirTexts>().completeness)(percent())}</strong>
            </p>
            <progress max="100" value=move || percent().to_string()></progress>
            {move || {
                let missing = missing();
                if missing.is_empty() {
                    view! { <p class="muted">{move || i18n.tr::<DirTexts>().complete}</p> }.into_any()
                } else {
                    view! {
                        <p class="muted">
                            {move || i18n.tr::<DirTexts>().nudge} " "
                            {missing
                                .iter()
                                .map(|f| i18n.tr::<DirTexts>().field(f))
                                .collect::<Vec<_>>()
                                .join(", ")}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// GDPR: download everything held, ask for erasure.
#[component]
fn MyData(requested: bool) -> impl IntoView {
    let i18n = use_i18n();
    let requested = RwSignal::new(requested);
    let confirming = RwSignal::new(false);
    let export = Action::new_local(|_: &()| export_my_data());
    let erase = Action::new_local(|_: &()| request_deletion());
    Effect::new(move |_| {
        if let Some(Ok(())) = erase.value().get() {
            requested.set(true);
        }
    });
    view! {
        <section class="card">
            <h2>{move || i18n.tr::<DirTexts>().gdpr_title}</h2>
            <p>{move || i18n.tr::<DirTexts>().gdpr_text}</p>
            <div class="actions">
                <ActionButton action=export class="secondary">
                    {move || i18n.tr::<DirTexts>().gdpr_download}
                </ActionButton>
                {move || {
                    export
                        .value()
                        .get()
                        .map(|r| match r {
                            Ok(data) => {
                                let text = serde_json::to_string(&data).unwrap_or_default();
                                let href = format!("data:application/json;charset=utf-8,{}", encode(&text));
                                view! {
                                    <a class="button primary" download="mes-donnees.json" href=href>
                                        {move || i18n.tr::<DirTexts>().gdpr_ready}
                                    </a>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNote error /> }.into_any(),
                        })
                }}
            </div>
            {move || {
                if requested.get() {
                    view! { <p class="alert info">{move || i18n.tr::<DirTexts>().gdpr_requested}</p> }
                        .into_any()
                } else if confirming.get() {
                    view! {
                        <ActionButton action=erase class="danger">
                            {move || i18n.tr::<DirTexts>().gdpr_confirm}
                        </ActionButton>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="secondary" on:click=move |_| confirming.set(true)>
                            {move || i18n.tr::<DirTexts>().gdpr_delete}
                        </button>
                    }
                        .into_any()
                }
            }}
            {move || erase.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorNote error /> })}
        </section>
    }
}
