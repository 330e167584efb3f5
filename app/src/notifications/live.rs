//! The live channel, browser side: one `EventSource` on `/api/live` while
//! signed in. Each event names what changed (`notifications`,
//! `support:<number>`, `mission:<id>`, or `resync` after the server lost track); the
//! pages that show it fetch again. When the
//! connection drops the browser reconnects by itself, and everything is
//! fetched again then, since events may have been missed meanwhile: the
//! portal keeps working as before, only less promptly.

use leptos::prelude::*;

/// What changed, as counters the pages track.
#[derive(Clone, Copy)]
pub struct Live {
    /// The member's notifications (a new one, one read).
    pub notifications: RwSignal<u64>,
    /// A support request the member may see (any: the pages are cheap to
    /// fetch again, and the server only sends what the member may see).
    pub support: RwSignal<u64>,
    /// A card conversation the member takes part in.
    pub missions: RwSignal<CardPing>,
}

/// The latest event about a card's conversation: a count, and which card
/// (`None`: any may have changed, after a reconnection).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CardPing {
    pub count: u64,
    pub card: Option<String>,
}

impl CardPing {
    /// Whether the latest event may concern card `id`.
    pub fn concerns(&self, id: &str) -> bool {
        self.card.as_deref().is_none_or(|card| card == id)
    }

    fn next(&mut self, card: Option<String>) {
        self.count += 1;
        self.card = card;
    }
}

// Applying events is the browser's (and the unit tests') business.
#[cfg_attr(not(any(feature = "csr", test)), allow(dead_code))]
impl Live {
    fn new() -> Live {
        Live {
            notifications: RwSignal::new(0),
            support: RwSignal::new(0),
            missions: RwSignal::new(CardPing::default()),
        }
    }

    /// Applies one event's data.
    fn apply(&self, data: &str) {
        if data == "resync" {
            self.everything();
        } else if data == "notifications" {
            self.notifications.update(|n| *n += 1);
        } else if data.starts_with("support:") {
            self.support.update(|n| *n += 1);
        } else if let Some(card) = data.strip_prefix("mission:") {
            self.missions.update(|p| p.next(Some(card.to_string())));
        }
    }

    /// After a reconnection: anything may have changed.
    fn everything(&self) {
        self.notifications.update(|n| *n += 1);
        self.support.update(|n| *n += 1);
        self.missions.update(|p| p.next(None));
    }
}

pub fn use_live() -> Live {
    use_context::<Live>().unwrap_or_else(Live::new)
}

/// Provides the live counters and keeps the channel open for as long as the
/// calling view lives (the signed-in portal: it goes at sign-out).
pub fn provide_live() {
    let live = Live::new();
    provide_context(live);
    #[cfg(feature = "csr")]
    StoredValue::new_local(Channel::open(live));
}

/// The open `EventSource` and its handlers, closed when dropped.
#[cfg(feature = "csr")]
struct Channel {
    source: web_sys::EventSource,
    _on_message: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_open: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

#[cfg(feature = "csr")]
impl Channel {
    fn open(live: Live) -> Option<Channel> {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let source = web_sys::EventSource::new("/api/live").ok()?;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(data) = ev.data().as_string() {
                    live.apply(&data);
                }
            });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The first opening changes nothing; a reopening follows a drop.
        let mut opened = false;
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if opened {
                live.everything();
            }
            opened = true;
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        Some(Channel {
            source,
            _on_message: on_message,
            _on_open: on_open,
        })
    }
}

#[cfg(feature = "csr")]
impl Drop for Channel {
    fn drop(&mut self) {
        self.source.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_bump_what_they_name() {
        let owner = Owner::new();
        owner.with(|| {
            let live = Live::new();
            live.apply("support:12");
            assert_eq!(live.support.get_untracked(), 1);
            live.apply("notifications");
            assert_eq!(live.notifications.get_untracked(), 1);
            live.apply("unknown");
            assert_eq!(live.support.get_untracked(), 1);
            live.apply("mission:abc");
            let ping = live.missions.get_untracked();
            assert!(ping.concerns("abc") && !ping.concerns("xyz"));
            live.everything();
            assert_eq!(live.support.get_untracked(), 2);
            assert_eq!(live.notifications.get_untracked(), 2);
            let ping = live.missions.get_untracked();
            assert_eq!(ping.count, 2);
            assert!(ping.concerns("xyz"));
        });
    }
}
