//! Signing in and out at a session handle, locking, and proving who one is again at the moment
//! of signing. The slow part of each proof (argon2) runs outside the practice's lock, between
//! checking the attempt and recording how it went ([`crate::access::accounts`]).

use crate::access::accounts::{
    check_new_owner, fresh_setup_code, Attempt, Credential, Proof, Purpose, SetupCode, SignInChoice,
};
use crate::access::roles;
use crate::access::secrets::{
    check_new_password, check_new_pin, check_repeated, check_typed, hash_secret,
    normalise_setup_code, verify_secret, Secret,
};
use crate::access::sessions::{Presence, SessionHandle};
use crate::access::Permission;
use crate::actor::Actor;
use crate::api::background::at_low_priority;
use crate::api::caller::Caller;
use crate::api::requests::{
    ChangePassword, CreateOwner, LockWorkstation, RedeemSetupCode, SetPin, SignIn, SignInWithPin,
};
use crate::api::service::Service;
use crate::clinic::staff::{self, Staff};
use crate::error::{ApiError, Error};
use crate::ids::StaffId;
use crate::validate::Problems;
use crate::vocab::StaffRole;
use serde::Serialize;
use ts_rs::TS;

/// What the sign-in screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SignInScreen {
    /// No one can sign in yet: create the owner's account.
    pub needs_owner: bool,
    /// The active staff, by name.
    pub staff: Vec<SignInChoice>,
    /// Who is signed in at this window now.
    pub signed_in: Option<SignedIn>,
    /// Who locked this workstation (they unlock it with their PIN or password).
    pub locked_by: Option<SignInChoice>,
    /// The sample clinic's staff password, when the practice holds the sample clinic.
    pub sample_password: Option<String>,
}

/// The person signed in at a window, and what they may do.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SignedIn {
    pub staff_id: StaffId,
    pub name: String,
    pub role: StaffRole,
    /// Everything this person may do; the UI hides the rest (the core refuses it anyway).
    pub permissions: Vec<Permission>,
    pub has_pin: bool,
    /// The clinic's idle time before a workstation locks itself.
    pub idle_lock_minutes: u8,
    /// What this person's own lock stashed, given back once.
    pub unsaved_form: Option<String>,
}

type Reply<T> = Result<T, ApiError>;

/// The most text a lock keeps for its own unlock (a session form is a few kilobytes).
const MAX_UNSAVED_FORM: usize = 1 << 20;

impl Service {
    /// The sign-in screen at `handle`.
    pub fn sign_in_screen(&self, handle: &SessionHandle) -> Reply<SignInScreen> {
        let (needs_owner, staff, sample) = self.with_reader(|p| {
            Ok((
                p.needs_owner()?,
                p.sign_in_choices(self.workstation_id())?,
                p.holds_sample_staff()?,
            ))
        })?;
        let (signed_in, locked_by) = match self.sessions.presence(handle) {
            Some(Presence::SignedIn { staff_id, .. }) => {
                let member = self.with_reader(|p| staff::load(p.conn(), staff_id))?;
                (Some(self.signed_in(&member, None)?), None)
            }
            Some(Presence::Locked { staff_id, .. }) => {
                (None, staff.iter().find(|c| c.id == staff_id).cloned())
            }
            None => (None, None),
        };
        Ok(SignInScreen {
            needs_owner,
            staff,
            signed_in,
            locked_by,
            sample_password: sample.then(|| crate::demo::SAMPLE_PASSWORD.to_owned()),
        })
    }

    fn signed_in(&self, member: &Staff, unsaved_form: Option<String>) -> Reply<SignedIn> {
        let (has_pin, idle) =
            self.with_reader(|p| Ok((p.has_pin(member.id)?, p.settings()?.idle_lock_minutes)))?;
        Ok(SignedIn {
            staff_id: member.id,
            name: member.name.clone(),
            role: member.role,
            permissions: roles::permissions(member.role).to_vec(),
            has_pin,
            idle_lock_minutes: idle,
            unsaved_form,
        })
    }

    /// Creates the owner's account on a practice nobody can sign in to yet, and signs them in.
    pub fn create_owner(&self, handle: &SessionHandle, r: &CreateOwner) -> Reply<SignedIn> {
        // Every problem of the form at once, before the password is hashed.
        check_new_owner(&r.name, &r.password, r.repeat.as_ref()).map_err(|e| e.to_api())?;
        let hash = hash_secret(r.password.expose());
        let owner = self.with_practice(|p| {
            p.create_owner(&r.name, &r.password, &hash, self.workstation_id())
        })?;
        self.sessions.sign_in(handle, owner.id, self.clock().now());
        self.signed_in(&owner, None)
    }

    /// The audit action of `id` signing in at `handle` now: a sign-in, an unlock of their own
    /// lock, or a switch from someone else.
    fn arrival(&self, handle: &SessionHandle, id: StaffId) -> &'static str {
        match self.sessions.presence(handle) {
            Some(Presence::Locked { staff_id, .. }) if staff_id == id => "unlock",
            Some(Presence::Locked { .. } | Presence::SignedIn { .. }) => "switch_user",
            None => "sign_in",
        }
    }

    /// Checks, verifies (outside the practice's lock, at low priority) and records one attempt.
    fn prove(
        &self,
        attempt: &Attempt,
        secret: &Secret,
        new_password_hash: Option<&str>,
        action: &str,
    ) -> Reply<Staff> {
        let proof = attempt.proof;
        check_typed(proof.field(), secret, proof.words()).map_err(|e| e.to_api())?;
        let typed = match proof {
            Proof::SetupCode => normalise_setup_code(secret.expose()),
            Proof::Password | Proof::Pin => secret.expose().to_owned(),
        };
        let matched = at_low_priority(|| {
            attempt
                .hash
                .as_deref()
                .is_some_and(|hash| verify_secret(&typed, hash))
        });
        self.with_practice(|p| {
            p.finish_attempt(
                attempt,
                matched,
                self.workstation_id(),
                new_password_hash,
                action,
            )
        })
    }

    fn attempt(&self, id: StaffId, proof: Proof, purpose: Purpose) -> Reply<Attempt> {
        self.with_practice(|p| p.prepare_attempt(id, proof, purpose, self.workstation_id()))
    }

    /// Proves, now, that `id` knows `secret` (their PIN or password): throttled and audited like
    /// a sign-in, for a signature or a change to their own account.
    fn confirm_now(&self, id: StaffId, proof: Proof, secret: &Secret) -> Reply<Staff> {
        let attempt = self.attempt(id, proof, Purpose::Confirm)?;
        self.prove(&attempt, secret, None, "confirm")
    }

    /// Signs `staff_id` in at `handle` with their password (switching from whoever was there).
    pub fn sign_in(&self, handle: &SessionHandle, r: &SignIn) -> Reply<SignedIn> {
        let attempt = self.attempt(r.staff_id, Proof::Password, Purpose::SignIn)?;
        let member = self.prove(
            &attempt,
            &r.password,
            None,
            self.arrival(handle, r.staff_id),
        )?;
        self.arrive(handle, &member)
    }

    /// Signs `staff_id` in with their PIN, where they signed in with their password today.
    pub fn sign_in_with_pin(&self, handle: &SessionHandle, r: &SignInWithPin) -> Reply<SignedIn> {
        let attempt = self.attempt(r.staff_id, Proof::Pin, Purpose::SignIn)?;
        let member = self.prove(&attempt, &r.pin, None, self.arrival(handle, r.staff_id))?;
        self.arrive(handle, &member)
    }

    /// A new password chosen with a one-time setup code; signs them in.
    pub fn redeem_setup_code(
        &self,
        handle: &SessionHandle,
        r: &RedeemSetupCode,
    ) -> Reply<SignedIn> {
        let attempt = self.attempt(r.staff_id, Proof::SetupCode, Purpose::SignIn)?;
        // Every problem of the form at once, in its order, before the code is tried.
        let mut problems = Problems::default();
        problems.check(check_typed("code", &r.code, Proof::SetupCode.words()));
        problems.check(check_new_password(
            "password",
            &r.password,
            &attempt.staff.name,
        ));
        problems.check(check_repeated(&r.password, r.repeat.as_ref(), "passwords"));
        problems.finish().map_err(|e| e.to_api())?;
        let hash = hash_secret(r.password.expose());
        let member = self.prove(
            &attempt,
            &r.code,
            Some(&hash),
            self.arrival(handle, r.staff_id),
        )?;
        self.arrive(handle, &member)
    }

    fn arrive(&self, handle: &SessionHandle, member: &Staff) -> Reply<SignedIn> {
        let unsaved = self.sessions.sign_in(handle, member.id, self.clock().now());
        self.signed_in(member, unsaved)
    }

    /// Locks the workstation at `handle`, keeping `unsaved_form` for the same person's unlock.
    pub fn lock_workstation(&self, handle: &SessionHandle, r: LockWorkstation) -> Reply<()> {
        if r.unsaved_form
            .as_ref()
            .is_some_and(|f| f.len() > MAX_UNSAVED_FORM)
        {
            return Err(Error::validation(
                "unsaved_form",
                "An unsaved form to keep through a lock can be at most 1 MB",
            )
            .to_api());
        }
        if let Some(id) = self.sessions.lock(handle, r.unsaved_form) {
            self.with_practice(|p| {
                p.record_presence(id, "lock", self.workstation_id(), "locked by hand")
            })?;
        }
        Ok(())
    }

    /// Signs out whoever is at `handle`.
    pub fn sign_out(&self, handle: &SessionHandle) -> Reply<()> {
        if let Some(id) = self.sessions.sign_out(handle) {
            self.with_practice(|p| {
                p.record_presence(id, "sign_out", self.workstation_id(), "signed out")
            })?;
        }
        Ok(())
    }

    /// Proves, at the moment of signing, that the signed-in `caller` is who they say: their own
    /// PIN or password, throttled like a sign-in. The command-line tool cannot sign.
    pub fn confirm(&self, caller: &Caller, credential: &Credential) -> Reply<StaffId> {
        let Caller::Staff(member) = caller else {
            return Err(Error::Forbidden(
                "Signing needs a person signed in at a workstation, who confirms it with their PIN or password"
                    .to_owned(),
            )
            .to_api());
        };
        self.confirm_now(member.id, credential.proof(), credential.secret())?;
        Ok(member.id)
    }

    /// Sets the caller's PIN, confirmed with their password.
    pub fn set_pin(&self, caller: &Caller, r: &SetPin) -> Reply<SignedIn> {
        let member = signed_in_member(caller)?;
        let mut problems = Problems::default();
        problems.check(check_new_pin(&r.pin));
        problems.check(check_repeated(&r.pin, r.repeat.as_ref(), "PINs"));
        problems.check(check_typed("password", &r.password, "password"));
        problems.finish().map_err(|e| e.to_api())?;
        self.confirm_now(member.id, Proof::Password, &r.password)?;
        let hash = hash_secret(r.pin.expose());
        self.with_practice(|p| p.set_pin(member.id, &r.pin, &hash))?;
        self.signed_in(member, None)
    }

    /// Changes the caller's password, confirmed with their current one.
    pub fn change_password(&self, caller: &Caller, r: &ChangePassword) -> Reply<()> {
        let member = signed_in_member(caller)?;
        let mut problems = Problems::default();
        problems.check(check_typed(
            "current_password",
            &r.current_password,
            "current password",
        ));
        problems.check(check_new_password(
            "new_password",
            &r.new_password,
            &member.name,
        ));
        problems.check(check_repeated(
            &r.new_password,
            r.repeat.as_ref(),
            "passwords",
        ));
        problems.finish().map_err(|e| e.to_api())?;
        self.confirm_now(member.id, Proof::Password, &r.current_password)
            .map_err(|e| renamed(e, "current_password"))?;
        let hash = hash_secret(r.new_password.expose());
        self.with_practice(|p| p.set_password(member.id, &hash))
    }

    /// A one-time setup code for `id` (a new account, or a reset), issued by `actor`.
    pub fn issue_setup_code(&self, actor: Actor, id: StaffId) -> Reply<SetupCode> {
        let (code, hash) = fresh_setup_code();
        self.with_practice(|p| p.issue_setup_code(actor, id, &code, &hash))
    }
}

fn signed_in_member(caller: &Caller) -> Reply<&Staff> {
    match caller {
        Caller::Staff(member) => Ok(member),
        _ => Err(
            Error::Forbidden("Only a signed-in person has an account to change".to_owned())
                .to_api(),
        ),
    }
}

/// The same error on another field (the current password is typed into `current_password`).
fn renamed(mut error: ApiError, field: &str) -> ApiError {
    if error.field.as_deref() == Some("password") {
        error.field = Some(field.to_owned());
    }
    error
}
