//! `GET /api/live`: the live channel as server-sent events, for the signed-in
//! caller only. Each event's data names what changed (`notifications`,
//! `support:<number>`, `mission:<id>`, `resync`); the page fetches what it shows again
//! through the usual endpoints, so nothing here carries content and no
//! permission is decided twice. Same guard as the other plain routes.

use std::convert::Infallible;

use app::accounts::model::{CurrentUser, Role};
use app::notifications::hub::Change;
use app::platform::context::AppState;
use app::support::api::TEAM;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast::error::RecvError;

use crate::respond::{answer, caller};

pub fn router<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new().route("/api/live", get(events)).with_state(app)
}

async fn events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer(
        async {
            let me = caller(&state, &headers).await?;
            let (changes, mut stop) = state.live.subscribe();
            let events = stream::unfold((changes, me), |(mut changes, me)| async move {
                loop {
                    let data = match changes.recv().await {
                        Ok(change) => match for_caller(&change, &me) {
                            Some(data) => data,
                            None => continue,
                        },
                        // Too slow to follow: fetch everything again.
                        Err(RecvError::Lagged(_)) => "resync".to_string(),
                        Err(RecvError::Closed) => return None,
                    };
                    return Some((Ok::<_, Infallible>(Event::default().data(data)), (changes, me)));
                }
            })
            .take_until(async move {
                let _ = stop.wait_for(|stopped| *stopped).await;
            });
            Ok(Sse::new(events).keep_alive(KeepAlive::default()).into_response())
        }
        .await,
    )
}

/// What the caller is told of a change, if it concerns them.
fn for_caller(change: &Change, me: &CurrentUser) -> Option<String> {
    match change {
        Change::Notifications { user } => (user == &me.id).then(|| "notifications".to_string()),
        Change::Support { number, people } => {
            let concerned = people.contains(&me.id) || TEAM.iter().any(|r| me.has(*r));
            concerned.then(|| format!("support:{number}"))
        }
        Change::Mission { id, authors } => {
            let concerned = authors.contains(&me.id) || me.has(Role::Board);
            concerned.then(|| format!("mission:{id}"))
        }
        Change::Resync => Some("resync".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, roles: &[Role]) -> CurrentUser {
        CurrentUser {
            id: id.into(),
            email: format!("{id}@x.org"),
            display_name: id.into(),
            roles: roles.to_vec(),
            totp_enabled: false,
        }
    }

    #[test]
    fn each_member_hears_of_their_own_only() {
        let alice = member("alice", &[Role::Member]);
        let referent = member("ref", &[Role::Member, Role::Referent]);
        let mine = Change::Notifications { user: "alice".into() };
        assert_eq!(for_caller(&mine, &alice).as_deref(), Some("notifications"));
        assert_eq!(for_caller(&mine, &referent), None);
        let request = Change::Support {
            number: 7,
            people: vec!["bob".into()],
        };
        assert_eq!(for_caller(&request, &alice), None);
        assert_eq!(for_caller(&request, &referent).as_deref(), Some("support:7"));
        let message = Change::Mission {
            id: "m1".into(),
            authors: vec!["alice".into()],
        };
        let board = member("ca", &[Role::Member, Role::Board]);
        assert_eq!(for_caller(&message, &alice).as_deref(), Some("mission:m1"));
        assert_eq!(for_caller(&message, &board).as_deref(), Some("mission:m1"));
        assert_eq!(for_caller(&message, &referent), None);
    }
}
