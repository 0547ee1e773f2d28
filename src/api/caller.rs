//! Who is calling a command, resolved from the session handle before the command runs — and
//! refused there when nobody is signed in, the workstation is locked or idle too long, or their
//! role lacks the permission the command table names. This is the one place those permissions
//! are enforced, for every transport.

use crate::access::roles;
use crate::access::sessions::{Presence, SessionHandle};
use crate::access::Permission;
use crate::actor::Actor;
use crate::api::service::{Mode, Service};
use crate::clinic::staff::{self, Staff};
use crate::error::{ApiError, Error};
use chrono::Duration;

/// The person (or tool) a command runs for.
#[derive(Debug, Clone)]
pub enum Caller {
    /// Nobody signed in (only `Open` commands get this far).
    Nobody,
    Staff(Staff),
    /// The command-line tool: an administrator with the database file in hand.
    CommandLine,
}

impl Caller {
    /// Whom the caller's writes are recorded as; nobody signed in writes nothing.
    pub fn actor(&self) -> Result<Actor, ApiError> {
        match self {
            Caller::Staff(staff) => Ok(Actor::Staff(staff.id)),
            Caller::CommandLine => Ok(Actor::CommandLine),
            Caller::Nobody => Err(Error::Unauthenticated("Sign in to Hairline first".to_owned()).to_api()),
        }
    }

    /// Whether the caller holds `permission` (the command-line tool holds every one).
    pub fn may(&self, permission: Permission) -> bool {
        match self {
            Caller::Staff(staff) => roles::permits(staff.role, permission),
            Caller::CommandLine => true,
            Caller::Nobody => permission == Permission::Open,
        }
    }
}

fn unauthenticated(message: impl Into<String>) -> ApiError {
    Error::Unauthenticated(message.into()).to_api()
}

impl Service {
    /// The caller at `handle`, if they may run a command needing `permission`. A person idle
    /// longer than the clinic's idle time is locked out here, whatever their window shows.
    pub(crate) fn authorize(
        &self,
        handle: &SessionHandle,
        permission: Permission,
    ) -> Result<Caller, ApiError> {
        if self.mode == Mode::CommandLine {
            return Ok(Caller::CommandLine);
        }
        let presence = self.sessions.presence(handle);
        let Some(Presence::SignedIn {
            staff_id,
            last_active,
        }) = presence
        else {
            return match (permission, presence) {
                (Permission::Open, _) => Ok(Caller::Nobody),
                (_, Some(Presence::Locked { .. })) => Err(unauthenticated(
                    "This workstation is locked: unlock it to go on",
                )),
                _ => Err(unauthenticated("Sign in to Hairline first")),
            };
        };
        let now = self.clock().now();
        let (staff, idle_minutes) = self.with_practice(|p| {
            Ok((
                staff::load(p.conn(), staff_id)?,
                p.settings()?.idle_lock_minutes,
            ))
        })?;
        if now - last_active > Duration::minutes(idle_minutes.into()) {
            self.sessions.lock(handle, None);
            let why = format!("idle for {idle_minutes} minutes");
            self.with_practice(|p| {
                p.record_presence(staff_id, "lock", self.workstation_id(), &why)
            })?;
            return Err(unauthenticated(format!(
                "This workstation locked itself after {idle_minutes} minutes without use: unlock it to go on"
            )));
        }
        if !staff.active {
            self.sessions.sign_out(handle);
            return Err(unauthenticated(format!(
                "{}'s account was deactivated; sign in as someone else",
                staff.name
            )));
        }
        let caller = Caller::Staff(staff);
        if !caller.may(permission) {
            let Caller::Staff(staff) = &caller else {
                unreachable!("the caller was made a staff member above")
            };
            return Err(Error::Forbidden(format!(
                "{} staff may not do this: it needs the permission {} ({})",
                capitalised(roles::in_words(staff.role)),
                permission.code(),
                permission.in_words()
            ))
            .to_api());
        }
        self.sessions.touch(handle, now);
        Ok(caller)
    }
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
