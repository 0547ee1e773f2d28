//! The server's event stream (server-sent events) as an iterator: each `changed` or progress
//! event with its JSON, read on a thread of its own so that silence can be noticed — the server
//! sends a heartbeat every 2 seconds, and [`SILENCE`] without a byte means it is gone.

use hairline::{ApiError, ErrorCode};
use reqwest::blocking::Response;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long without a byte from the server before the workstation calls itself offline.
pub const SILENCE: Duration = Duration::from_secs(5);

/// One event: its name (`changed`, `backup-progress`, …) and its JSON payload.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerEvent {
    pub name: String,
    pub payload: Value,
}

enum Heard {
    /// The heartbeat (or any comment line).
    Alive,
    Event(ServerEvent),
    /// The stream broke or ended.
    Gone(String),
}

/// The events of one session, until the server goes quiet or the stream ends.
pub struct EventStream {
    heard: Receiver<Heard>,
    base: String,
    ended: bool,
}

impl EventStream {
    pub(crate) fn reading(response: Response, base: String) -> Self {
        let (tell, heard) = mpsc::channel();
        std::thread::Builder::new()
            .name("hairline-events".to_owned())
            .spawn(move || read_events(response, &tell))
            .expect("a thread for the event stream");
        EventStream {
            heard,
            base,
            ended: false,
        }
    }

    fn offline(&mut self, why: &str) -> Option<Result<ServerEvent, ApiError>> {
        self.ended = true;
        Some(Err(ApiError::new(
            ErrorCode::Offline,
            format!("The clinic server at {} {why}", self.base),
            None,
        )))
    }
}

impl Iterator for EventStream {
    type Item = Result<ServerEvent, ApiError>;

    /// The next event; an `offline` error (and then the end) when the server goes quiet for
    /// [`SILENCE`] or the stream breaks.
    fn next(&mut self) -> Option<Self::Item> {
        while !self.ended {
            match self.heard.recv_timeout(SILENCE) {
                Ok(Heard::Alive) => continue,
                Ok(Heard::Event(event)) => return Some(Ok(event)),
                Ok(Heard::Gone(why)) => return self.offline(&format!("stopped answering ({why})")),
                Err(RecvTimeoutError::Timeout) => {
                    return self.offline(&format!(
                        "has said nothing for {} seconds",
                        SILENCE.as_secs()
                    ))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return self.offline("closed the event stream")
                }
            }
        }
        None
    }
}

/// Reads `event:` / `data:` lines until a blank line ends each event; comments are heartbeats.
fn read_events(response: Response, tell: &Sender<Heard>) {
    let mut reader = BufReader::new(response);
    let mut name = String::from("message");
    let mut data = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        let heard = match reader.read_line(&mut line) {
            Ok(0) => Heard::Gone("the stream ended".to_owned()),
            Err(e) => Heard::Gone(e.to_string()),
            Ok(_) => {
                let text = line.trim_end_matches(['\r', '\n']);
                if text.is_empty() && data.is_empty() && name == "message" {
                    // The blank line after a heartbeat: nothing to dispatch.
                    Heard::Alive
                } else if text.is_empty() {
                    let payload =
                        serde_json::from_str(&data).unwrap_or(Value::String(data.clone()));
                    data.clear();
                    let event = ServerEvent {
                        name: std::mem::replace(&mut name, "message".to_owned()),
                        payload,
                    };
                    Heard::Event(event)
                } else if text.starts_with(':') {
                    Heard::Alive
                } else {
                    if let Some(value) = text.strip_prefix("event:") {
                        name = value.trim().to_owned();
                    } else if let Some(value) = text.strip_prefix("data:") {
                        if !data.is_empty() {
                            data.push('\n');
                        }
                        data.push_str(value.strip_prefix(' ').unwrap_or(value));
                    }
                    Heard::Alive
                }
            }
        };
        let gone = matches!(heard, Heard::Gone(_));
        if tell.send(heard).is_err() || gone {
            return;
        }
    }
}
