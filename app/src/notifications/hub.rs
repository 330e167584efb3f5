//! The live channel, server side: a few SurrealDB live queries per process
//! (`LIVE SELECT` on notifications, support requests and card
//! conversations), fanned out
//! to every open `/api/live` stream of that process. The database tells
//! every process of every write, whichever process made it, so a member
//! connected to one `portal serve` sees what was done through another.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use surrealdb::types::Action;
use surrealdb::Notification;
use tokio::sync::{broadcast, watch};

use crate::platform::db::Db;

/// Something that changed, and whom it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A notification of this account was written or read.
    Notifications { user: String },
    /// A support request changed: its requester and assignee, and the team.
    Support { number: u64, people: Vec<String> },
    /// A card's conversation has a new message: its authors, and the board.
    Mission { id: String, authors: Vec<String> },
    /// The live queries were lost for a while: anything may have changed.
    Resync,
}

/// The process's live queries and the streams listening to them.
#[derive(Clone)]
pub struct LiveHub {
    changes: broadcast::Sender<Change>,
    stop: Arc<watch::Sender<bool>>,
}

impl LiveHub {
    /// A hub with no live queries (commands that serve no pages).
    pub fn idle() -> LiveHub {
        LiveHub {
            changes: broadcast::channel(256).0,
            stop: Arc::new(watch::channel(false).0),
        }
    }

    /// Starts following `db` in the background.
    pub fn start(db: Db) -> LiveHub {
        let hub = LiveHub::idle();
        tokio::spawn(follow(db, hub.changes.clone(), hub.stop.subscribe()));
        hub
    }

    /// The changes from now on, and the signal that the process stops.
    pub fn subscribe(&self) -> (broadcast::Receiver<Change>, watch::Receiver<bool>) {
        (self.changes.subscribe(), self.stop.subscribe())
    }

    /// Ends the live queries and every stream (the process stops): open
    /// pages would otherwise hold the shutdown for its whole grace period.
    pub fn stop(&self) {
        self.stop.send_replace(true);
    }
}

/// Follows the two tables until told to stop, subscribing again (and
/// telling everyone to fetch again) whenever the connection is lost.
async fn follow(db: Db, changes: broadcast::Sender<Change>, mut stop: watch::Receiver<bool>) {
    let mut lost = false;
    while !*stop.borrow() {
        match subscribe(&db).await {
            Ok(mut stream) => {
                if lost {
                    let _ = changes.send(Change::Resync);
                }
                loop {
                    tokio::select! {
                        _ = stop.changed() => return,
                        item = stream.next() => match item {
                            Some(Ok(n)) => {
                                if let Some(change) = change_of(&n) {
                                    let _ = changes.send(change);
                                }
                            }
                            Some(Err(err)) => {
                                tracing::warn!(error = %err, "live queries lost");
                                break;
                            }
                            None => break,
                        },
                    }
                }
            }
            Err(err) => tracing::warn!(error = %err, "live queries refused"),
        }
        lost = true;
        tokio::select! {
            _ = stop.changed() => return,
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

type Changes = surrealdb::method::QueryStream<Notification<serde_json::Value>>;

async fn subscribe(db: &Db) -> surrealdb::Result<Changes> {
    let mut resp = db
        .query(
            "LIVE SELECT user FROM notification;
             LIVE SELECT number, requester, assignee FROM support_request;
             LIVE SELECT mission, authors FROM mission_message;",
        )
        .await?;
    // `()` merges the queries' notifications into one stream.
    resp.stream::<Notification<serde_json::Value>>(())
}

fn change_of(n: &Notification<serde_json::Value>) -> Option<Change> {
    if !matches!(n.action, Action::Create | Action::Update | Action::Delete) {
        return None;
    }
    let data = &n.data;
    if let Some(number) = data.get("number").and_then(|v| v.as_u64()) {
        let people = ["requester", "assignee"]
            .iter()
            .filter_map(|f| {
                data.get(*f)
                    .and_then(|v| v.as_str())
                    .map(|v| record_key("user", v))
            })
            .collect();
        return Some(Change::Support { number, people });
    }
    if let Some(mission) = data.get("mission").and_then(|v| v.as_str()) {
        let authors = data
            .get("authors")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(|v| record_key("user", v))
                    .collect()
            })
            .unwrap_or_default();
        return Some(Change::Mission {
            id: record_key("mission", mission),
            authors,
        });
    }
    let user = data
        .get("user")
        .and_then(|v| v.as_str())
        .map(|v| record_key("user", v))?;
    Some(Change::Notifications { user })
}

/// `user:abc` (or `user:⟨a-b⟩`) as the key the rest of the portal uses.
fn record_key(table: &str, id: &str) -> String {
    let key = id
        .strip_prefix(table)
        .and_then(|k| k.strip_prefix(':'))
        .unwrap_or(id);
    key.trim_start_matches('⟨')
        .trim_end_matches('⟩')
        .trim_matches('`')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_become_keys() {
        assert_eq!(record_key("user", "user:abc"), "abc");
        assert_eq!(record_key("user", "user:⟨a-b⟩"), "a-b");
        assert_eq!(record_key("mission", "mission:xyz"), "xyz");
    }
}
