//! Staff accounts in the database: the owner's account on first run, one-time setup codes, PINs
//! and password changes, and each attempt to prove who someone is — checked against the
//! throttle first, verified outside any lock (argon2 is slow on purpose), then recorded: a
//! failure counts towards the wait and is audited, a success clears the count.

use crate::access::secrets::{
    check_new_password, check_new_pin, check_repeated, hash_secret, new_setup_code,
    normalise_setup_code, Secret,
};
use crate::access::throttle;
use crate::actor::Actor;
use crate::clinic::staff::{self, Staff};
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::ids::StaffId;
use crate::vocab::StaffRole;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How long a setup code may be used.
pub const SETUP_CODE_HOURS: i64 = 72;

/// What someone proves who they are with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    Password,
    Pin,
    SetupCode,
}

impl Proof {
    /// The request field the secret is typed into.
    pub fn field(self) -> &'static str {
        match self {
            Proof::Password => "password",
            Proof::Pin => "pin",
            Proof::SetupCode => "code",
        }
    }

    /// What the secret is called in a message: "password", "PIN", "setup code".
    pub fn words(self) -> &'static str {
        match self {
            Proof::Password => "password",
            Proof::Pin => "PIN",
            Proof::SetupCode => "setup code",
        }
    }
}

/// Why someone proves who they are: to sign in, or to confirm a signature they are making.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    Confirm,
}

/// The signer's own PIN or password, typed at the moment of signing: `{"pin": "…"}` or
/// `{"password": "…"}`, exactly one.
#[derive(Debug, Clone, PartialEq, TS)]
#[ts(rename_all = "snake_case")]
pub enum Credential {
    Pin(Secret),
    Password(Secret),
}

impl<'de> Deserialize<'de> for Credential {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Typed {
            pin: Option<Secret>,
            password: Option<Secret>,
        }
        match Typed::deserialize(deserializer)? {
            Typed {
                pin: Some(pin),
                password: None,
            } => Ok(Credential::Pin(pin)),
            Typed {
                pin: None,
                password: Some(password),
            } => Ok(Credential::Password(password)),
            Typed {
                pin: None,
                password: None,
            } => Err(serde::de::Error::missing_field("pin")),
            Typed { .. } => Err(serde::de::Error::custom(
                "give your PIN or your password, not both",
            )),
        }
    }
}

impl Credential {
    pub fn proof(&self) -> Proof {
        match self {
            Credential::Pin(_) => Proof::Pin,
            Credential::Password(_) => Proof::Password,
        }
    }

    pub fn secret(&self) -> &Secret {
        match self {
            Credential::Pin(s) | Credential::Password(s) => s,
        }
    }
}

/// A one-time code a manager gives a staff member to choose their own password with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SetupCode {
    pub staff_id: StaffId,
    /// Shown once, to the manager who asked for it; only its hash is kept.
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// A name on the sign-in screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SignInChoice {
    pub id: StaffId,
    pub name: String,
    pub role: StaffRole,
    /// Has a PIN and signed in with their password at this workstation today.
    pub can_use_pin: bool,
    /// Has no password yet: signs in with the setup code a manager gave.
    pub needs_setup_code: bool,
}

/// One staff member's account row.
#[derive(Debug, Default)]
struct Account {
    password_hash: Option<String>,
    pin_hash: Option<String>,
    setup_code_hash: Option<String>,
    setup_code_expires_at: Option<DateTime<Utc>>,
    failed_attempts: u32,
    last_failed_at: Option<DateTime<Utc>>,
}

fn account(conn: &Connection, id: StaffId) -> Result<Account> {
    Ok(conn
        .prepare_cached(
            "SELECT password_hash, pin_hash, setup_code_hash, setup_code_expires_at,
                    failed_attempts, last_failed_at
               FROM staff_accounts WHERE staff_id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Account {
                password_hash: r.get(0)?,
                pin_hash: r.get(1)?,
                setup_code_hash: r.get(2)?,
                setup_code_expires_at: r.get(3)?,
                failed_attempts: r.get(4)?,
                last_failed_at: r.get(5)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

/// Makes sure `id` has an account row to update.
fn ensure_account(conn: &Connection, id: StaffId) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO staff_accounts (staff_id) VALUES (?1)")?
        .execute([id])?;
    Ok(())
}

/// An attempt to prove who someone is, checked and ready to verify: the stored hash to compare
/// the typed secret with (none when there is nothing to match, which fails like a wrong one).
#[derive(Debug)]
pub struct Attempt {
    pub staff: Staff,
    pub proof: Proof,
    pub purpose: Purpose,
    pub hash: Option<String>,
}

/// Whether someone signed in with their password at `workstation` on `day`.
fn signed_in_with_password(
    conn: &Connection,
    id: StaffId,
    workstation: &str,
    day: NaiveDate,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM password_sign_ins
                             WHERE staff_id = ?1 AND workstation = ?2 AND day = ?3)",
        )?
        .query_row(params![id, workstation, day], |r| r.get(0))?)
}

impl Practice {
    /// Whether the practice needs its owner's account: no staff member can sign in yet (a new
    /// practice, or one from before sign-in existed).
    pub fn needs_owner(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM staff_accounts a JOIN staff s ON s.id = a.staff_id
                                 WHERE s.active = 1 AND (a.password_hash IS NOT NULL
                                       OR a.setup_code_hash IS NOT NULL))",
            [],
            |r| r.get(0),
        )?)
    }

    /// Creates the owner's account — a manager with `password` — while [`Practice::needs_owner`].
    /// The name and the password are checked together ([`check_new_owner`]).
    /// The password is hashed by the caller ([`hash_secret`]) outside any lock.
    pub fn create_owner(
        &mut self,
        name: &str,
        password: &Secret,
        password_hash: &str,
        workstation: &str,
    ) -> Result<Staff> {
        let name = check_new_owner(name, password, None)?;
        if !self.needs_owner()? {
            return Err(Error::refused(
                None,
                "This practice already has its owner; sign in, or ask a manager for a setup code",
            ));
        }
        let id = StaffId::new();
        let today = self.clock().today();
        self.write(Actor::System, |w| {
            w.tx.execute(
                "INSERT INTO staff (id, name, role, active, created_at) VALUES (?1, ?2, 'manager', 1, ?3)",
                params![id, name, w.now],
            )?;
            w.tx.execute(
                "INSERT INTO staff_accounts (staff_id, password_hash) VALUES (?1, ?2)",
                params![id, password_hash],
            )?;
            record_password_sign_in(w.tx, id, workstation, today, w.now)?;
            let owner = staff::load(w.tx, id)?;
            w.audit("staff", &id, "create_owner", None::<&Staff>, Some(&owner))?;
            Ok(owner)
        })
    }

    /// The active staff, by name, as the sign-in screen at `workstation` offers them.
    pub fn sign_in_choices(&self, workstation: &str) -> Result<Vec<SignInChoice>> {
        let today = self.clock().today();
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id, s.name, s.role,
                    a.pin_hash IS NOT NULL AND EXISTS (SELECT 1 FROM password_sign_ins p
                        WHERE p.staff_id = s.id AND p.workstation = ?1 AND p.day = ?2),
                    a.password_hash IS NULL
               FROM staff s LEFT JOIN staff_accounts a ON a.staff_id = s.id
              WHERE s.active = 1 ORDER BY s.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map(params![workstation, today], |r| {
            Ok(SignInChoice {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                can_use_pin: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
                needs_setup_code: r.get::<_, Option<bool>>(4)?.unwrap_or(true),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Checks that `id` may try `proof` now, at `workstation` — active, not waiting out the
    /// throttle, and holding such a secret — and answers what to verify the typed secret against.
    pub fn prepare_attempt(
        &self,
        id: StaffId,
        proof: Proof,
        purpose: Purpose,
        workstation: &str,
    ) -> Result<Attempt> {
        let field = proof.field();
        let staff = staff::load(self.conn(), id)
            .map_err(|_| Error::validation("staff_id", "Choose your name from the list"))?;
        if !staff.active {
            return Err(Error::validation(
                "staff_id",
                format!("{}'s account is deactivated and cannot sign in", staff.name),
            ));
        }
        let account = account(self.conn(), id)?;
        let now = self.clock().now();
        if let Some(wait) =
            throttle::seconds_to_wait(account.failed_attempts, account.last_failed_at, now)
        {
            return Err(too_many(&staff, wait));
        }
        let hash = match proof {
            Proof::Password => {
                if account.password_hash.is_none() {
                    return Err(Error::validation(
                        field,
                        format!(
                            "{} has no password yet: sign in with the setup code a manager gave you",
                            staff.name
                        ),
                    ));
                }
                account.password_hash
            }
            Proof::Pin => {
                if account.pin_hash.is_none() {
                    return Err(Error::validation(
                        field,
                        "You have not set a PIN: use your password",
                    ));
                }
                let today = self.clock().today();
                if purpose == Purpose::SignIn
                    && !signed_in_with_password(self.conn(), id, workstation, today)?
                {
                    return Err(Error::validation(
                        field,
                        "A PIN works only at a workstation where you signed in with your password today: use your password",
                    ));
                }
                account.pin_hash
            }
            Proof::SetupCode => match (account.setup_code_hash, account.setup_code_expires_at) {
                (Some(hash), Some(expires)) if expires > now => Some(hash),
                (Some(_), Some(_)) => {
                    return Err(Error::validation(
                        field,
                        "This setup code has expired: ask a manager for a new one",
                    ))
                }
                _ => {
                    return Err(Error::validation(
                        field,
                        format!(
                            "{} has no setup code waiting: sign in with your password, or ask a manager for a code",
                            staff.name
                        ),
                    ))
                }
            },
        };
        Ok(Attempt {
            staff,
            proof,
            purpose,
            hash,
        })
    }

    /// Records how `attempt` went. A match clears the failure count (and, to sign in with a
    /// password, notes it for PINs at `workstation` today); a mismatch counts, is audited, and is
    /// refused naming the field — or with the wait, once the free attempts are used up. A
    /// sign-in's success is audited as `action` ("sign_in", "unlock", "switch_user").
    /// `new_password_hash` (setup codes) becomes the account's password on a match.
    pub fn finish_attempt(
        &mut self,
        attempt: &Attempt,
        matched: bool,
        workstation: &str,
        new_password_hash: Option<&str>,
        action: &str,
    ) -> Result<Staff> {
        let id = attempt.staff.id;
        let today = self.clock().today();
        let field = attempt.proof.field();
        let actor = if matched {
            Actor::Staff(id)
        } else {
            Actor::System
        };
        let outcome = self.write(actor, |w| {
            ensure_account(w.tx, id)?;
            let detail = serde_json::json!({
                "with": attempt.proof.field(),
                "workstation": workstation,
                "for": match attempt.purpose { Purpose::SignIn => "sign_in", Purpose::Confirm => "signature" },
            });
            if !matched {
                w.tx.execute(
                    "UPDATE staff_accounts SET failed_attempts = failed_attempts + 1, last_failed_at = ?2
                      WHERE staff_id = ?1",
                    params![id, w.now],
                )?;
                w.audit("staff", &id, "sign_in_failed", None::<&()>, Some(&detail))?;
                let failed = account(w.tx, id)?.failed_attempts;
                return Ok(Err(failed));
            }
            w.tx.execute(
                "UPDATE staff_accounts SET failed_attempts = 0, last_failed_at = NULL WHERE staff_id = ?1",
                [id],
            )?;
            if let (Proof::SetupCode, Some(hash)) = (attempt.proof, new_password_hash) {
                w.tx.execute(
                    "UPDATE staff_accounts SET password_hash = ?2, setup_code_hash = NULL,
                            setup_code_expires_at = NULL WHERE staff_id = ?1",
                    params![id, hash],
                )?;
                w.audit("staff", &id, "password_set", None::<&()>, Some(&detail))?;
            }
            if attempt.purpose == Purpose::SignIn {
                if attempt.proof != Proof::Pin {
                    record_password_sign_in(w.tx, id, workstation, today, w.now)?;
                }
                w.audit("staff", &id, action, None::<&()>, Some(&detail))?;
            }
            Ok(Ok(staff::load(w.tx, id)?))
        })?;
        match outcome {
            Ok(staff) => Ok(staff),
            Err(failed) => {
                let wait = throttle::wait_after(failed).num_seconds();
                if wait > 0 {
                    Err(too_many(&attempt.staff, wait as u64))
                } else {
                    Err(Error::validation(
                        field,
                        format!("That {} is not right", attempt.proof.words()),
                    ))
                }
            }
        }
    }

    /// A new one-time setup code for `id`, valid [`SETUP_CODE_HOURS`]; any password and PIN they
    /// had stop working (a reset). Only its hash is kept; the caller shows the code once.
    pub fn issue_setup_code(
        &mut self,
        actor: Actor,
        id: StaffId,
        code: &str,
        code_hash: &str,
    ) -> Result<SetupCode> {
        self.write(actor, |w| {
            let member = staff::load(w.tx, id)?;
            if !member.active {
                return Err(Error::refused(
                    Some("id"),
                    format!("{} is deactivated; activate them first", member.name),
                ));
            }
            if actor.staff_id() == Some(id) {
                return Err(Error::refused(
                    Some("id"),
                    "Change your own password from your account menu, not with a setup code",
                ));
            }
            let expires_at = w.now + Duration::hours(SETUP_CODE_HOURS);
            let had_password = account(w.tx, id)?.password_hash.is_some();
            ensure_account(w.tx, id)?;
            w.tx.execute(
                "UPDATE staff_accounts SET password_hash = NULL, pin_hash = NULL, setup_code_hash = ?2,
                        setup_code_expires_at = ?3, failed_attempts = 0, last_failed_at = NULL
                  WHERE staff_id = ?1",
                params![id, code_hash, expires_at],
            )?;
            w.tx.execute("DELETE FROM password_sign_ins WHERE staff_id = ?1", [id])?;
            let action = if had_password {
                "password_reset"
            } else {
                "setup_code_issued"
            };
            let detail = serde_json::json!({ "expires_at": expires_at });
            w.audit("staff", &id, action, None::<&()>, Some(&detail))?;
            Ok(SetupCode {
                staff_id: id,
                code: code.to_owned(),
                expires_at,
            })
        })
    }

    /// Sets `id`'s PIN (its hash), once their password was verified by the caller.
    pub fn set_pin(&mut self, id: StaffId, pin: &Secret, pin_hash: &str) -> Result<()> {
        check_new_pin(pin)?;
        self.write(Actor::Staff(id), |w| {
            ensure_account(w.tx, id)?;
            w.tx.execute(
                "UPDATE staff_accounts SET pin_hash = ?2 WHERE staff_id = ?1",
                params![id, pin_hash],
            )?;
            w.audit("staff", &id, "pin_set", None::<&()>, None::<&()>)
        })
    }

    /// Replaces `id`'s password (its hash), once their current one was verified by the caller.
    pub fn set_password(&mut self, id: StaffId, password_hash: &str) -> Result<()> {
        self.write(Actor::Staff(id), |w| {
            ensure_account(w.tx, id)?;
            w.tx.execute(
                "UPDATE staff_accounts SET password_hash = ?2 WHERE staff_id = ?1",
                params![id, password_hash],
            )?;
            w.audit("staff", &id, "password_changed", None::<&()>, None::<&()>)
        })
    }

    /// Whether `id` has set a PIN.
    pub fn has_pin(&self, id: StaffId) -> Result<bool> {
        Ok(account(self.conn(), id)?.pin_hash.is_some())
    }

    /// Audits a change of who is at a workstation that needs no secret: a lock (by hand or when
    /// idle), a sign-out.
    pub fn record_presence(
        &mut self,
        id: StaffId,
        action: &str,
        workstation: &str,
        why: &str,
    ) -> Result<()> {
        self.write(Actor::Staff(id), |w| {
            let detail = serde_json::json!({ "workstation": workstation, "why": why });
            w.audit("staff", &id, action, None::<&()>, Some(&detail))
        })
    }

    /// Whether a sample clinic's staff (password [`crate::demo::SAMPLE_PASSWORD`]) are here: the
    /// sample's generation is audited under the entity id [`crate::demo::AUDIT_ENTITY_ID`], so the
    /// question is one lookup in `audit_by_entity`. (Asked by every sign-in screen: without the
    /// entity id it read the whole audit log, 3 s of a large clinic's first start of the day.)
    pub fn holds_sample_staff(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM audit_log
                             WHERE entity_id = ?1 AND entity = 'practice' AND action = 'generate_demo')",
            [crate::demo::AUDIT_ENTITY_ID],
            |r| r.get(0),
        )?)
    }
}

/// The owner's trimmed name, once it and the password they chose pass their rules and the
/// password typed again (`repeat`, when given) is the same; else every problem at once, each
/// naming its field.
pub fn check_new_owner(name: &str, password: &Secret, repeat: Option<&Secret>) -> Result<String> {
    let mut problems = crate::validate::Problems::default();
    let named = problems.check(crate::validate::required_text("name", "Name", name, 100));
    problems.check(check_new_password("password", password, name.trim()));
    problems.check(check_repeated(password, repeat, "passwords"));
    problems.finish()?;
    Ok(named.unwrap_or_default())
}

/// Notes that `id` signed in with their password at `workstation` on `day`.
fn record_password_sign_in(
    conn: &Connection,
    id: StaffId,
    workstation: &str,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO password_sign_ins (staff_id, workstation, day, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (staff_id, workstation) DO UPDATE SET day = excluded.day, at = excluded.at",
    )?
    .execute(params![id, workstation, day, now])?;
    Ok(())
}

fn too_many(staff: &Staff, wait: u64) -> Error {
    Error::TooManyAttempts {
        message: format!(
            "Too many wrong attempts for {}: try again in {}",
            staff.name,
            throttle::in_words(wait)
        ),
        wait_seconds: wait,
    }
}

/// A fresh setup code and its hash (the slow part, done outside any lock).
pub fn fresh_setup_code() -> (String, String) {
    let code = new_setup_code();
    let hash = hash_secret(&normalise_setup_code(&code));
    (code, hash)
}
