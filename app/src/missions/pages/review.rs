//! The board's review of submitted mission cards: how long each has waited,
//! what changed since the last review, comments and a decision with its reason.

use leptos::prelude::*;
use leptos_router::components::A;

use super::card::HistoryList;
use crate::missions::api::{comment_mission, decide_mission, get_review_queue, set_referent};
use crate::missions::model::{BoardMember, MissionDecision, ReviewItem, ReviewQueue};
use crate::missions::pages::people::Conversation;
use crate::missions::texts::MissionTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::feedback::{on_result, ErrorNote, Loaded, Table};
use crate::platform::ui::form::{
    submit_to, submit_with, ActionButton, CodeOptions, LabelledText, SubmitButton,
};
use crate::platform::ui::pager::Pager;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let queue = LocalResource::new(move || get_review_queue(Some(page.get())));
    let reload = move || queue.refetch();
    view! {
        <p>
            <A href="/missions">{move || i18n.tr::<MissionTexts>().back_to_missions}</A>
        </p>
        <h1>{move || i18n.tr::<MissionTexts>().review_title}</h1>
        <p class="intro">{move || i18n.tr::<MissionTexts>().review_intro}</p>
        <Loaded
            resource=queue
            render={move |queue: ReviewQueue| {
                if queue.page.items.is_empty() {
                    return view! { <p class="empty">{move || i18n.tr::<MissionTexts>().review_empty}</p> }
                        .into_any();
                }
                let (current, pages) = (queue.page.page, queue.page.page_count());
                let board = queue.board.clone();
                view! {
                    {queue
                        .page
                        .items
                        .into_iter()
                        .map(|item| view! { <ReviewCard item board=board.clone() reload /> })
                        .collect_view()}
                    <Pager current pages go=Callback::new(move |p| page.set(p)) />
                }
                    .into_any()
            }}
        />
    }
}

#[component]
fn ReviewCard(
    item: ReviewItem,
    board: Vec<BoardMember>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let done = move |r: Result<(), AppError>| match r {
        Ok(()) => reload(),
        Err(e) => error.set(Some(e)),
    };
    let (id, version) = (item.id.clone(), item.version);
    let decision = RwSignal::new(MissionDecision::ChangesRequested.code().to_string());
    let reason = RwSignal::new(String::new());
    let decide = Action::new_local({
        let id = id.clone();
        move |_: &()| {
            decide_mission(
                id.clone(),
                version,
                decision.get_untracked(),
                reason.get_untracked(),
            )
        }
    });
    on_result(decide, error, move |()| reload());
    let comment = RwSignal::new(String::new());
    let send_comment = Action::new_local({
        let id = id.clone();
        move |_: &()| comment_mission(id.clone(), comment.get_untracked())
    });
    on_result(send_comment, error, move |()| reload());
    let href = format!("/missions/{}", item.id);
    let waited = item.waiting_days;
    let kind = item.kind;
    let key = item.id.clone();
    let (title, pilots, referent_name) = (
        item.title.clone(),
        item.pilots.clone(),
        item.board_referent.clone(),
    );
    let label = title.clone();
    let (first_review, own_card, history) = (item.first_review, item.own_card, item.history.clone());
    view! {
        <article class="card review-item" aria-label=label>
            <h2>
                <A href=href>{title}</A>
            </h2>
            <p class="muted">
                {move || i18n.label(kind.code())}" · " {move || (i18n.tr::<MissionTexts>().waiting)(waited)}
                " · " {move || i18n.tr::<MissionTexts>().mission_pilots}" : "{pilots} " · "
                {move || i18n.tr::<MissionTexts>().referent}" : " {referent_name}
            </p>
            {move || error.get().map(|error| view! { <ErrorNote error /> })}
            {if first_review {
                view! { <p>{move || i18n.tr::<MissionTexts>().first_review}</p> }.into_any()
            } else {
                view! { <Changes item=item.clone() /> }.into_any()
            }}
            <details>
                <summary>{move || i18n.tr::<MissionTexts>().history}</summary>
                <HistoryList events=history.clone() inline=true />
            </details>
            <form class="stack" on:submit=submit_to(send_comment)>
                <LabelledText
                    id=format!("comment-{key}")
                    label={i18n.text::<MissionTexts>(|t| t.comment)}
                    value=comment
                />
                <SubmitButton class="secondary" text={i18n.text::<MissionTexts>(|t| t.send_comment)} />
            </form>
            {if own_card {
                view! { <p class="alert">{move || i18n.tr::<MissionTexts>().own_card}</p> }.into_any()
            } else {
                view! {
                    <form class="stack decision" on:submit=submit_to(decide)>
                        <label for=format!(
                            "decision-{key}",
                        )>{move || i18n.tr::<MissionTexts>().decision}</label>
                        <select
                            id=format!("decision-{key}")
                            on:change=move |ev| decision.set(event_target_value(&ev))
                        >
                            <CodeOptions codes=MissionDecision::CODES current=decision />
                        </select>
                        <LabelledText
                            id=format!("reason-{key}")
                            label={i18n.text::<MissionTexts>(|t| t.reason)}
                            value=reason
                            required=true
                        />
                        <SubmitButton text={i18n.text::<MissionTexts>(|t| t.decide)} />
                    </form>
                }
                    .into_any()
            }}
            <ReferentPicker id=id.clone() board named=!item.board_referent.is_empty() done />
            <Conversation id />
        </article>
    }
}

/// Names, replaces or removes the board referent of a card.
#[component]
fn ReferentPicker(
    id: String,
    board: Vec<BoardMember>,
    /// A referent is named: offer to remove them.
    named: bool,
    done: impl Fn(Result<(), AppError>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let referent = RwSignal::new(board.first().map(|b| b.id.clone()).unwrap_or_default());
    let key = id.clone();
    // `None` removes the referent.
    let name = Action::new_local(move |who: &Option<String>| set_referent(id.clone(), who.clone()));
    Effect::new(move |_| {
        if let Some(r) = name.value().get() {
            done(r)
        }
    });
    view! {
        <form class="inline referent" on:submit=submit_with(name, move || Some(referent.get_untracked()))>
            <label for=format!("referent-{key}")>{move || i18n.tr::<MissionTexts>().referent}</label>
            <select id=format!("referent-{key}") on:change=move |ev| referent.set(event_target_value(&ev))>
                {board.into_iter().map(|b| view! { <option value=b.id>{b.name}</option> }).collect_view()}
            </select>
            <SubmitButton class="secondary" text={i18n.text::<MissionTexts>(|t| t.name_referent)} />
            {named
                .then(|| {
                    view! {
                        " "
                        <ActionButton action=name class="secondary" input=None>
                            {move || i18n.tr::<MissionTexts>().remove_referent}
                        </ActionButton>
                    }
                })}
        </form>
    }
}

/// The fields changed since the last review, before and now.
#[component]
fn Changes(item: ReviewItem) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{move || i18n.tr::<MissionTexts>().changes}</h3>
        <Table
            class="diff"
            columns=vec![
                Signal::stored(""),
                i18n.text::<MissionTexts>(|t| t.before),
                i18n.text::<MissionTexts>(|t| t.after),
            ]
        >
            {item
                .changes
                .into_iter()
                .map(|c| {
                    let field = c.field.clone();
                    view! {
                        <tr>
                            <th scope="row">{move || i18n.tr::<MissionTexts>().field_name(&field)}</th>
                            <td class="multiline removed">{c.before}</td>
                            <td class="multiline added">{c.after}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
}
