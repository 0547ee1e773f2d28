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
use crate::ids::StaffId;
use chrono::{DateTime, Duration, Utc};

/// The person (or tool) a command runs for.
#[derive(Debug, Clone)]
pub enum Caller {
    /// Nobody signed in (only `Open` commands get this far).
    Nobody,
    Staff(Staff),
    /// The command-line tool: an administrator with the database file in hand.
    CommandLine,
    /// The recovery screen of a practice that could not be opened, where nobody can sign in
    /// (the accounts are in the damaged database): it may only restore the practice's own
    /// backups or salvage it — what anyone with the computer could do with the files.
    Recovery,
}

impl Caller {
    /// Whom the caller's writes are recorded as; nobody signed in writes nothing.
    pub fn actor(&self) -> Result<Actor, ApiError> {
        match self {
            Caller::Staff(staff) => Ok(Actor::Staff(staff.id)),
            Caller::CommandLine => Ok(Actor::CommandLine),
            Caller::Recovery => Ok(Actor::System),
            Caller::Nobody => {
                Err(Error::Unauthenticated("Sign in to Hairline first".to_owned()).to_api())
            }
        }
    }

    /// Whether the caller holds `permission` (the command-line tool holds every one).
    pub fn may(&self, permission: Permission) -> bool {
        match self {
            Caller::Staff(staff) => roles::permits(staff.role, permission),
            Caller::CommandLine => true,
            Caller::Recovery => matches!(permission, Permission::Open | Permission::Restore),
            Caller::Nobody => permission == Permission::Open,
        }
    }
}

fn unauthenticated(message: impl Into<String>) -> ApiError {
    Error::Unauthenticated(message.into()).to_api()
}

impl Service {
    /// Whether whoever is at `handle` may run the command called `name` (for a transport that
    /// has something to do first, such as opening a file dialog).
    pub fn allows(&self, handle: &SessionHandle, name: &str) -> Result<(), ApiError> {
        let command = crate::api::command(name).ok_or_else(|| {
            ApiError::new(
                crate::error::ErrorCode::BadRequest,
                format!("There is no command called {name}"),
                None,
            )
        })?;
        self.authorize(handle, command.permission).map(|_| ())
    }

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
        if let Some(error) = self.open_error() {
            let recovery = Caller::Recovery;
            return if recovery.may(permission) {
                Ok(recovery)
            } else {
                Err(error)
            };
        }
        if permission == Permission::Restore && self.status().damage.is_some() {
            // A practice found damaged: anyone here may put the newest good backup in place,
            // as when it cannot open at all (signing in writes, and writes are refused).
            return Ok(Caller::Recovery);
        }
        let presence = self.sessions.presence(handle);
        if permission == Permission::Open {
            // An idle session is locked here too, so the sign-in screen shows the lock.
            if let Some(Presence::SignedIn {
                staff_id,
                last_active,
            }) = presence
            {
                let minutes = self.with_reader(|p| Ok(p.settings()?.idle_lock_minutes))?;
                self.lock_if_idle(handle, staff_id, last_active, minutes)?;
            }
            return Ok(Caller::Nobody);
        }
        let (staff_id, last_active) = match presence {
            Some(Presence::SignedIn {
                staff_id,
                last_active,
            }) => (staff_id, last_active),
            Some(Presence::Locked { .. }) => {
                return Err(unauthenticated(
                    "This workstation is locked: unlock it to go on",
                ))
            }
            None => return Err(unauthenticated("Sign in to Hairline first")),
        };
        // One read for both the person and the clinic's idle time.
        let (staff, minutes) = self.with_reader(|p| {
            Ok((
                staff::load(p.conn(), staff_id)?,
                p.settings()?.idle_lock_minutes,
            ))
        })?;
        if self.lock_if_idle(handle, staff_id, last_active, minutes)? {
            return Err(unauthenticated(format!(
                "This workstation locked itself after {minutes} minutes without use: unlock it to go on"
            )));
        }
        let now = self.clock().now();
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

impl Service {
    /// Locks `handle` if `staff_id`, signed in there and last active at `last_active`, has been
    /// idle longer than the clinic's idle time of `minutes` (audited); answers whether it did.
    fn lock_if_idle(
        &self,
        handle: &SessionHandle,
        staff_id: StaffId,
        last_active: DateTime<Utc>,
        minutes: u8,
    ) -> Result<bool, ApiError> {
        if self.clock().now() - last_active <= Duration::minutes(minutes.into()) {
            return Ok(false);
        }
        self.sessions.lock(handle, None);
        let why = format!("idle for {minutes} minutes");
        self.with_practice(|p| p.record_presence(staff_id, "lock", self.workstation_id(), &why))?;
        Ok(true)
    }
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
