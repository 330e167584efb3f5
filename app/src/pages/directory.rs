use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::members::search_members;
use crate::components::feedback::Loaded;
use crate::i18n::use_i18n;
use crate::models::{MemberCard, Page, REGIONS};

/// The directory; the whole search lives in the URL (`?q=…&region=…&page=…`)
/// so that it can be shared and bookmarked.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let text = move || query.with(|q| q.get("q").unwrap_or_default());
    let region = move || query.with(|q| q.get("region").unwrap_or_default());
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(1));

    let navigate = use_navigate();
    let go = move |q: String, region: String, page: u64| {
        let mut params = Vec::new();
        if !q.is_empty() {
            params.push(format!("q={}", encode(&q)));
        }
        if !region.is_empty() {
            params.push(format!("region={}", encode(&region)));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        let url = if params.is_empty() {
            "/annuaire".to_string()
        } else {
            format!("/annuaire?{}", params.join("&"))
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let go = StoredValue::new(go);

    let results = LocalResource::new(move || {
        let (q, r, p) = (text(), region(), page());
        search_members(Some(q), Some(r), Some(p))
    });

    view! {
        <h1>{move || i18n.t().directory_title}</h1>
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div>
                <label for="directory-q">{move || i18n.t().directory_search}</label>
                <input
                    id="directory-q"
                    type="search"
                    placeholder=move || i18n.t().directory_search_placeholder
                    prop:value=text
                    on:input=move |ev| go.with_value(|go| go(event_target_value(&ev), region(), 1))
                />
            </div>
            <div>
                <label for="directory-region">{move || i18n.t().region}</label>
                <select
                    id="directory-region"
                    on:change=move |ev| go.with_value(|go| go(text(), event_target_value(&ev), 1))
                >
                    <option value="" selected=move || region().is_empty()>{move || i18n.t().all_regions}</option>
                    {REGIONS
                        .iter()
                        .map(|r| view! { <option value=*r selected=move || region() == *r>{*r}</option> })
                        .collect_view()}
                </select>
            </div>
        </form>
        <Loaded
            resource=results
            render={move |found: Page<MemberCard>| {
                let pages = found.page_count();
                let current = found.page;
                view! {
                    <p class="muted" aria-live="polite">{move || (i18n.t().members_count)(found.total)}</p>
                    <MemberGrid members=found.items />
                    <Show when=move || { pages > 1 }>
                        <nav class="pager" aria-label=move || i18n.t().pagination>
                            <button
                                type="button"
                                class="secondary"
                                disabled=move || current <= 1
                                on:click=move |_| go.with_value(|go| go(text(), region(), current - 1))
                            >
                                {move || i18n.t().previous_page}
                            </button>
                            <span>{move || (i18n.t().page_of)(current, pages)}</span>
                            <button
                                type="button"
                                class="secondary"
                                disabled=move || current >= pages
                                on:click=move |_| go.with_value(|go| go(text(), region(), current + 1))
                            >
                                {move || i18n.t().next_page}
                            </button>
                        </nav>
                    </Show>
                }
            }}
        />
    }
}

#[component]
fn MemberGrid(members: Vec<MemberCard>) -> impl IntoView {
    let i18n = use_i18n();
    if members.is_empty() {
        return view! { <p class="empty">{move || i18n.t().directory_empty}</p> }.into_any();
    }
    view! {
        <ul class="grid plain-list">
            {members.into_iter().map(|m| view! { <li><MemberSummary member=m /></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn MemberSummary(member: MemberCard) -> impl IntoView {
    let i18n = use_i18n();
    let initials = member.initials();
    let place = [member.region.clone(), member.local_group.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let since = member.member_since_year;
    view! {
        <article class="card member-card">
            <span class="avatar" aria-hidden="true">{initials}</span>
            <h3>{member.display_name}</h3>
            <p class="muted">{member.profession}</p>
            <p>{place}</p>
            {since.map(|y| view! { <p class="muted">{move || (i18n.t().member_since)(y)}</p> })}
            <ul class="tags">
                {member.skills.into_iter().map(|s| view! { <li class="tag">{s}</li> }).collect_view()}
            </ul>
        </article>
    }
}

/// Percent-encodes a query value.
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_accents_and_spaces() {
        assert_eq!(super::encode("Île de"), "%C3%8Ele%20de");
    }
}
