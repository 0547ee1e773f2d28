//! Server-sent events: every `changed` the core emits goes to every connected session (so the
//! other workstations refresh), a long command's progress only to the session that ran it, and
//! a heartbeat comment every 2 seconds, by which a workstation knows the server is there.

use axum::response::sse::{Event, KeepAlive, Sse};
use hairline::api::changes::CHANGED;
use hairline::api::Events;
use serde_json::Value;
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// How often the heartbeat is sent.
pub(crate) const HEARTBEAT: Duration = Duration::from_secs(2);

/// One event on its way out: to one session, or to all.
#[derive(Debug, Clone)]
pub(crate) struct Outgoing {
    to: Option<String>,
    name: String,
    payload: Value,
}

/// Where every session's events are sent from.
#[derive(Clone)]
pub(crate) struct Broadcaster(broadcast::Sender<Outgoing>);

impl Broadcaster {
    pub(crate) fn new() -> Self {
        Broadcaster(broadcast::channel(1024).0)
    }

    /// The events of one command run for `session`.
    pub(crate) fn for_session(&self, session: &str) -> SessionEvents {
        SessionEvents {
            session: session.to_owned(),
            sender: self.0.clone(),
        }
    }

    /// The event stream of `session`, with its heartbeat.
    pub(crate) fn stream(
        &self,
        session: String,
    ) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
        let events = BroadcastStream::new(self.0.subscribe()).filter_map(move |received| {
            // A session that fell more than the channel's length behind misses those events;
            // its screens refresh at the next change.
            let outgoing = received.ok()?;
            if outgoing.to.as_ref().is_some_and(|to| *to != session) {
                return None;
            }
            Some(Ok(Event::default()
                .event(outgoing.name)
                .data(outgoing.payload.to_string())))
        });
        Sse::new(events).keep_alive(KeepAlive::new().interval(HEARTBEAT).text("alive"))
    }
}

/// The [`Events`] of one command: `changed` to everyone, progress to its own session.
pub(crate) struct SessionEvents {
    session: String,
    sender: broadcast::Sender<Outgoing>,
}

impl Events for SessionEvents {
    fn emit(&self, name: &str, payload: Value) {
        let to = (name != CHANGED).then(|| self.session.clone());
        // Nobody listening is fine: no workstation has its event stream open.
        let _ = self.sender.send(Outgoing {
            to,
            name: name.to_owned(),
            payload,
        });
    }
}
