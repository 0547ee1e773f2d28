//! The people signed in, one per session handle (a desktop window, later a workstation of a
//! clinic server): who, since when they last did something, and whether the workstation is
//! locked. Held in memory only: a restart signs everyone out. The handle is opaque and random;
//! a transport holds it and never learns anything else.

use crate::ids::StaffId;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// An opaque handle naming one signed-in session; 128 random bits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionHandle(String);

impl SessionHandle {
    /// A fresh handle, for a new window or connection.
    pub fn new() -> Self {
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        SessionHandle(hex::encode(bytes))
    }

    /// A handle a transport received back from its client (a server's cookie, say).
    pub fn from_token(token: impl Into<String>) -> Self {
        SessionHandle(token.into())
    }

    pub fn token(&self) -> &str {
        &self.0
    }
}

impl Default for SessionHandle {
    fn default() -> Self {
        Self::new()
    }
}

/// One handle's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// Someone is signed in and working.
    SignedIn {
        staff_id: StaffId,
        last_active: DateTime<Utc>,
    },
    /// The workstation is locked by `staff_id` (by hand or when idle), keeping what they had
    /// not saved for their own unlock.
    Locked {
        staff_id: StaffId,
        unsaved_form: Option<String>,
    },
}

/// Every handle's presence.
#[derive(Debug, Default)]
pub struct Sessions {
    by_handle: Mutex<HashMap<SessionHandle, Presence>>,
}

impl Sessions {
    fn map(&self) -> MutexGuard<'_, HashMap<SessionHandle, Presence>> {
        self.by_handle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub fn presence(&self, handle: &SessionHandle) -> Option<Presence> {
        self.map().get(handle).cloned()
    }

    /// `staff_id` is now signed in at `handle`; answers what they stashed at their own lock
    /// (a different person's stash is dropped with their lock).
    pub fn sign_in(
        &self,
        handle: &SessionHandle,
        staff_id: StaffId,
        now: DateTime<Utc>,
    ) -> Option<String> {
        let previous = self.map().insert(
            handle.clone(),
            Presence::SignedIn {
                staff_id,
                last_active: now,
            },
        );
        match previous {
            Some(Presence::Locked {
                staff_id: locker,
                unsaved_form,
            }) if locker == staff_id => unsaved_form,
            _ => None,
        }
    }

    /// Locks `handle`, keeping `unsaved_form` for the same person's unlock; answers who locked
    /// it (nobody when no one was signed in).
    pub fn lock(&self, handle: &SessionHandle, unsaved_form: Option<String>) -> Option<StaffId> {
        let mut map = self.map();
        let staff_id = match map.get(handle)? {
            Presence::SignedIn { staff_id, .. } => *staff_id,
            Presence::Locked { staff_id, .. } => *staff_id,
        };
        map.insert(
            handle.clone(),
            Presence::Locked {
                staff_id,
                unsaved_form,
            },
        );
        Some(staff_id)
    }

    /// Signs out whoever is at `handle` (their stash goes too); answers who it was.
    pub fn sign_out(&self, handle: &SessionHandle) -> Option<StaffId> {
        match self.map().remove(handle)? {
            Presence::SignedIn { staff_id, .. } | Presence::Locked { staff_id, .. } => {
                Some(staff_id)
            }
        }
    }

    /// Notes that the person at `handle` just did something.
    pub fn touch(&self, handle: &SessionHandle, now: DateTime<Utc>) {
        if let Some(Presence::SignedIn { last_active, .. }) = self.map().get_mut(handle) {
            *last_active = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_random_and_opaque() {
        let a = SessionHandle::new();
        assert_eq!(a.token().len(), 32);
        assert_ne!(a, SessionHandle::new());
    }

    #[test]
    fn an_unsaved_form_survives_a_lock_only_for_the_same_person() {
        let sessions = Sessions::default();
        let handle = SessionHandle::new();
        let (dana, sam) = (StaffId::new(), StaffId::new());
        let now = Utc::now();
        assert_eq!(sessions.sign_in(&handle, dana, now), None);
        assert_eq!(sessions.lock(&handle, Some("{draft}".into())), Some(dana));
        assert_eq!(
            sessions.sign_in(&handle, dana, now).as_deref(),
            Some("{draft}")
        );
        sessions.lock(&handle, Some("{draft}".into()));
        assert_eq!(sessions.sign_in(&handle, sam, now), None);
        sessions.lock(&handle, None);
        // Sam's lock dropped Dana's stash for good.
        assert_eq!(sessions.sign_in(&handle, dana, now), None);
        assert_eq!(sessions.sign_out(&handle), Some(dana));
        assert_eq!(sessions.presence(&handle), None);
        assert_eq!(sessions.lock(&handle, None), None);
    }
}
