//! `/admin`: accounts, invitations, the audit log and settings (administrators).

use leptos::prelude::*;

use crate::accounts::api::admin::{
    audit_log, get_settings, invite, list_users, reset_link, set_active, set_roles, update_settings,
};
use crate::accounts::model::{
    AccountQuery, AccountState, AuditEntry, OneTimeLink, PortalSettings, Role, UserSummary, AUDIT_ACTIONS,
};
use crate::accounts::pages::invitations::{BulkInvitation, UndeliveredMessages};
use crate::accounts::texts::AccountTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::i18n::CommonTexts;
use crate::platform::page::Page;
use crate::platform::ui::feedback::{DataTable, ErrorNote, Loaded};
use crate::platform::ui::form::{submit_to, ActionButton, CheckField, SubmitButton, TextField};
use crate::platform::ui::nav::NavItem;
use crate::platform::ui::pager::Pager;

#[component]
pub fn AdminNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.tr::<CommonTexts>().nav_admin}</h1>
        <nav class="main-nav sub-nav" aria-label={move || i18n.tr::<CommonTexts>().nav_admin}>
            <ul>
                <NavItem href="/admin" exact=true text={i18n.text::<AccountTexts>(|t| t.admin_users)} />
                <NavItem href="/admin/journal" text={i18n.text::<AccountTexts>(|t| t.admin_audit)} />
                <NavItem href="/admin/reglages" text={i18n.text::<AccountTexts>(|t| t.admin_settings)} />
                // directory
                <NavItem href="/admin/annuaire" text={i18n.text::<CommonTexts>(|t| t.admin_title)} />
            </ul>
        </nav>
    }
}

/// Shows a one-time link to hand over.
#[component]
fn LinkNote(link: OneTimeLink) -> impl IntoView {
    let i18n = use_i18n();
    let expires = link.expires_at.get(0..10).unwrap_or_default().to_string();
    view! {
        <div class="alert success" role="status">
            <p>{move || i18n.tr::<AccountTexts>().link_to_send.replace("{}", &expires)}</p>
            <p>
                <code class="secret">{link.url}</code>
            </p>
            {link.mailed.then(|| view! { <p>{move || i18n.tr::<AccountTexts>().link_mailed}</p> })}
        </div>
    }
}

/// Checkboxes for the roles (every account is a member anyway).
#[component]
fn RolePicker(#[prop(into)] name: String, roles: RwSignal<Vec<Role>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="roles">
            <legend>{move || i18n.tr::<CommonTexts>().roles}</legend>
            {Role::ALL[1..]
                .iter()
                .map(|role| {
                    let role = *role;
                    let id = format!("{name}-{}", role.code());
                    let label_for = id.clone();
                    view! {
                        <label for=label_for class="check">
                            <input
                                id=id
                                type="checkbox"
                                prop:checked=move || roles.with(|r| r.contains(&role))
                                on:change=move |_| {
                                    roles
                                        .update(|r| {
                                            if let Some(i) = r.iter().position(|x| *x == role) {
                                                r.remove(i);
                                            } else {
                                                r.push(role);
                                            }
                                        })
                                }
                            />
                            {move || i18n.label(role.code())}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A filter's text, none when blank.
fn non_empty(value: String) -> Option<String> {
    (!value.trim().is_empty()).then_some(value)
}

/// What the administrators read for an account's state.
fn state_label(t: &AccountTexts, state: AccountState) -> &'static str {
    match state {
        AccountState::NeverSignedIn => t.state_never_signed_in,
        AccountState::Invited => t.state_invited,
        AccountState::Active => t.state_active,
        AccountState::Deactivated => t.state_deactivated,
    }
}

/// Every account, imported ones included: searched, filtered by state,
/// role, region and local group, and paged on the server.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(AccountQuery::default());
    let page = RwSignal::new(1_u64);
    let users = LocalResource::new(move || list_users(query.get(), Some(page.get())));
    // A new filter starts again from the first page.
    let set = move |change: fn(&mut AccountQuery, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            query.update(|q| change(q, value));
            page.set(1);
        }
    };
    view! {
        <AdminNav />
        <InviteForm on_done=move || users.refetch() />
        <h2>{move || i18n.tr::<AccountTexts>().admin_users}</h2>
        <p>
            <a href="/annuaire/activation">{move || i18n.tr::<AccountTexts>().activation_link}</a>
        </p>
        <div class="filters">
            <div>
                <label for="user-search">{move || i18n.tr::<AccountTexts>().search_accounts}</label>
                <input id="user-search" type="search" on:input=set(|q, v| q.text = non_empty(v)) />
            </div>
            <div>
                <label for="user-state">{move || i18n.tr::<CommonTexts>().col_state}</label>
                <select id="user-state" on:change=set(|q, v| q.state = AccountState::from_code(&v))>
                    <option value="">{move || i18n.tr::<AccountTexts>().any_state}</option>
                    {AccountState::ALL
                        .iter()
                        .map(|s| {
                            let s = *s;
                            view! {
                                <option value=s
                                    .code()>{move || state_label(i18n.tr::<AccountTexts>(), s)}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="user-role">{move || i18n.tr::<AccountTexts>().filter_role}</label>
                <select id="user-role" on:change=set(|q, v| q.role = Role::from_code(&v))>
                    <option value="">{move || i18n.tr::<AccountTexts>().any_role}</option>
                    {Role::ALL
                        .iter()
                        .map(|r| {
                            let r = *r;
                            view! { <option value=r.code()>{move || i18n.label(r.code())}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="user-region">{move || i18n.tr::<CommonTexts>().region}</label>
                <input id="user-region" type="search" on:input=set(|q, v| q.region = non_empty(v)) />
            </div>
            <div>
                <label for="user-group">{move || i18n.tr::<AccountTexts>().filter_local_group}</label>
                <input id="user-group" type="search" on:input=set(|q, v| q.local_group = non_empty(v)) />
            </div>
        </div>
        <BulkInvitation query />
        <Loaded
            resource=users
            render={move |found: Page<UserSummary>| {
                let pages = found.page_count();
                view! {
                    <p class="muted" role="status">
                        {move || (i18n.tr::<AccountTexts>().accounts_found)(found.total)}
                    </p>
                    <UsersTable users=found.items on_change=move || users.refetch() />
                    <Pager current=found.page pages go=Callback::new(move |n| page.set(n)) />
                }
            }}
        />
    }
}

#[component]
fn InviteForm(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    let error = RwSignal::new(None::<AppError>);
    let link = RwSignal::new(None::<OneTimeLink>);
    let send = Action::new_local(move |_: &()| {
        invite(email.get_untracked(), name.get_untracked(), roles.get_untracked())
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(l)) => {
            link.set(Some(l));
            email.set(String::new());
            name.set(String::new());
            roles.set(Vec::new());
            on_done();
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        link.set(None);
        send.dispatch(());
    };
    view! {
        <section class="card">
            <h2>{move || i18n.tr::<AccountTexts>().invite_title}</h2>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            {move || link.get().map(|link| view! { <LinkNote link /> })}
            <form class="stack" on:submit=submit novalidate>
                <TextField
                    name="email"
                    kind="email"
                    required=true
                    label=Signal::derive(move || i18n.tr::<CommonTexts>().email)
                    value=email
                    error
                />
                <TextField
                    name="display_name"
                    required=true
                    label=Signal::derive(move || i18n.tr::<CommonTexts>().display_name)
                    value=name
                    error
                />
                <RolePicker name="invite-role" roles />
                <SubmitButton text={i18n.text::<AccountTexts>(|t| t.invite_submit)} pending=send.pending() />
            </form>
        </section>
    }
}

#[component]
fn UsersTable(users: Vec<UserSummary>, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let is_empty = users.is_empty();
    view! {
        <DataTable
            headers=|t| vec![t.col_name, t.col_email, t.col_roles, t.col_state, t.col_actions]
            empty=|t| t.audit_empty
            is_empty
        >
            {users.into_iter().map(|user| view! { <UserRow user on_change /> }).collect_view()}
        </DataTable>
    }
}

#[component]
fn UserRow(user: UserSummary, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let id = StoredValue::new(user.id.clone());
    let roles = RwSignal::new(
        user.roles
            .iter()
            .copied()
            .filter(|r| *r != Role::Member)
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<AppError>);
    let link = RwSignal::new(None::<OneTimeLink>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |_: &()| set_roles(id.get_value(), roles.get_untracked()));
    let toggle = Action::new_local(move |active: &bool| set_active(id.get_value(), *active));
    let reset = Action::new_local(move |_: &()| reset_link(id.get_value()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => saved.set(true),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    Effect::new(move |_| match toggle.value().get() {
        Some(Ok(())) => on_change(),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    Effect::new(move |_| match reset.value().get() {
        Some(Ok(l)) => link.set(Some(l)),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let active = user.active;
    let state = user.state;
    let picker_name = format!("roles-{}", user.id);
    view! {
        <tr>
            <td>{user.display_name}</td>
            <td>{user.email}</td>
            <td>
                <RolePicker name=picker_name roles />
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        saved.set(false);
                        save.dispatch(());
                    }
                >
                    {move || i18n.tr::<AccountTexts>().save_roles}
                </button>
                <Show when=move || saved.get()>
                    <span class="muted" role="status">
                        " "
                        {move || i18n.tr::<CommonTexts>().saved}
                    </span>
                </Show>
            </td>
            <td>{move || state_label(i18n.tr::<AccountTexts>(), state)}</td>
            <td>
                <ActionButton action=toggle class="secondary" input={!active}>
                    {i18n.text::<AccountTexts>(if active { |t| t.deactivate } else { |t| t.reactivate })}
                </ActionButton>
                " "
                <ActionButton action=reset class="secondary">
                    {move || i18n.tr::<AccountTexts>().reset_link}
                </ActionButton>
                {move || error.get().map(|error| view! { <ErrorNote error /> })}
                {move || link.get().map(|link| view! { <LinkNote link /> })}
            </td>
        </tr>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let page = RwSignal::new(1_u64);
    let entries = LocalResource::new(move || {
        audit_log(
            Some(action.get()),
            Some(text.get()),
            non_empty(from.get()),
            non_empty(to.get()),
            Some(page.get()),
        )
    });
    // A new filter starts again from the first page.
    let set = move |filter: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            filter.set(event_target_value(&ev));
            page.set(1);
        }
    };
    view! {
        <AdminNav />
        <div class="filters">
            <div>
                <label for="audit-action">{move || i18n.tr::<CommonTexts>().col_action}</label>
                <select id="audit-action" on:change=set(action)>
                    <option value="">{move || i18n.tr::<AccountTexts>().all_actions}</option>
                    {AUDIT_ACTIONS
                        .iter()
                        .map(|a| {
                            view! { <option value=*a>{move || i18n.label(a)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="audit-text">{move || i18n.tr::<AccountTexts>().audit_text}</label>
                <input id="audit-text" type="search" on:input=set(text) />
            </div>
            <div>
                <label for="audit-from">{move || i18n.tr::<AccountTexts>().audit_from}</label>
                <input id="audit-from" type="date" on:change=set(from) />
            </div>
            <div>
                <label for="audit-to">{move || i18n.tr::<AccountTexts>().audit_to}</label>
                <input id="audit-to" type="date" on:change=set(to) />
            </div>
        </div>
        <Loaded
            resource=entries
            render={move |found: Page<AuditEntry>| {
                let pages = found.page_count();
                view! {
                    <p class="muted" role="status">
                        {move || (i18n.tr::<AccountTexts>().audit_found)(found.total)}
                    </p>
                    <AuditTable entries=found.items />
                    <Pager current=found.page pages go=Callback::new(move |n| page.set(n)) />
                }
            }}
        />
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let is_empty = entries.is_empty();
    view! {
        <DataTable
            headers=|t| vec![t.col_when, t.col_who, t.col_action, t.col_target, t.col_detail, t.col_ip]
            empty=|t| t.audit_empty
            is_empty
        >
            {entries
                .into_iter()
                .map(|e| {
                    let action = e.action.clone();
                    let when = e.at.replace('T', " ").chars().take(19).collect::<String>();
                    view! {
                        <tr>
                            <td>{when}</td>
                            <td>{e.actor_email}</td>
                            <td>{move || i18n.label(&action)}</td>
                            <td>{e.target}</td>
                            <td>{e.detail}</td>
                            <td>{e.ip}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = LocalResource::new(get_settings);
    view! {
        <AdminNav />
        <Loaded
            resource=settings
            render={move |current: PortalSettings| view! { <SettingsForm current /> }}
        />
        <UndeliveredMessages />
    }
}

#[component]
fn SettingsForm(current: PortalSettings) -> impl IntoView {
    let i18n = use_i18n();
    let require = RwSignal::new(current.require_totp_for_privileged);
    let reserve = RwSignal::new(current.reserve_directory_export);
    let private = RwSignal::new(current.allow_private_webhooks);
    let rate = RwSignal::new(current.invitations_per_minute.to_string());
    let save = Action::new_local(move |_: &()| {
        update_settings(
            require.get_untracked(),
            reserve.get_untracked(),
            private.get_untracked(),
            rate.get_untracked().trim().parse().ok().or(Some(0)),
        )
    });
    let check = move |id: &'static str, value: RwSignal<bool>, label: fn(&AccountTexts) -> &'static str| {
        view! { <CheckField id label={i18n.text::<AccountTexts>(label)} value /> }
    };
    view! {
        <form class="stack card" on:submit=submit_to(save)>
            {check("require-totp", require, |t| t.require_totp_setting)}
            {check("reserve-export", reserve, |t| t.reserve_export_setting)}
            {check("private-webhooks", private, |t| t.private_webhooks_setting)}
            <label for="invitations-rate">{move || i18n.tr::<AccountTexts>().invitations_rate_setting}</label>
            <input id="invitations-rate" type="number" min="1" max="6000" bind:value=rate />
            <SubmitButton text={i18n.text::<CommonTexts>(|t| t.save)} />
            {move || match save.value().get() {
                Some(Ok(())) => {
                    Some(
                        view! {
                            <p class="alert success" role="status">
                                {move || i18n.tr::<CommonTexts>().saved}
                            </p>
                        }
                            .into_any(),
                    )
                }
                Some(Err(error)) => Some(view! { <ErrorNote error /> }.into_any()),
                None => None,
            }}
        </form>
    }
}
