//! The workstations a clinic server lets in: a manager gets a one-time pairing code (valid ten
//! minutes, single use, void after a few wrong codes were tried, carrying the first digits of
//! the server certificate's fingerprint so the workstation knows which certificate to pin); the
//! workstation trades it for a device token. Only SHA-256 hashes of codes and tokens are kept.
//! Devices are listed, and revoked by a manager; every pairing and revocation is audited.

use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// How long a pairing code is good for.
pub const CODE_LIFETIME_MINUTES: i64 = 10;
/// Wrong codes tried while a code is outstanding before it is void.
pub const MAX_WRONG_CODES: i64 = 5;

/// The longest name a workstation can be given.
const MAX_DEVICE_NAME_CHARS: usize = 100;

/// A workstation's name as a person typed it, trimmed: "Front desk", "Treatment room 2". The
/// server refuses a blank or overlong one; a workstation checks it too, to name it with the
/// pairing form's other problems before anything is sent.
pub fn check_device_name(device_name: &str) -> Result<String> {
    let name = device_name.trim();
    if name.is_empty() {
        return Err(Error::validation(
            "device_name",
            "Name this workstation (e.g. Front desk)",
        ));
    }
    crate::validate::bounded_text(
        "device_name",
        "This workstation's name",
        name,
        MAX_DEVICE_NAME_CHARS,
    )
}

/// A code to pair one workstation with, shown once to the manager who asked for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PairingCode {
    /// `7F3A-291804`: the certificate's first four fingerprint digits, then six random digits.
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// A paired workstation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PairedDevice {
    pub id: String,
    pub name: String,
    pub paired_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// How old a device's `last_seen_at` may grow before its next request records a new one: the
/// workstations list needs minutes, not a write for every request.
pub const SEEN_EVERY_SECONDS: i64 = 60;

impl PairedDevice {
    /// Whether a request at `now` should record that this device was seen (never seen, or last
    /// seen [`SEEN_EVERY_SECONDS`] ago or more).
    pub fn seen_long_ago(&self, now: DateTime<Utc>) -> bool {
        self.last_seen_at
            .is_none_or(|seen| now - seen >= Duration::seconds(SEEN_EVERY_SECONDS))
    }
}

/// A freshly paired workstation and its token (shown to it once; only the hash is kept).
#[derive(Debug, Clone)]
pub struct NewDevice {
    pub device: PairedDevice,
    pub token: String,
}

fn hashed(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The SHA-256 fingerprint (64 upper-case hex digits) of the first certificate in a PEM file.
pub fn certificate_fingerprint(pem: &str) -> Option<String> {
    let body: String = pem
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE-----"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .map(str::trim)
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .ok()?;
    Some(
        Sha256::digest(&der)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect(),
    )
}

const DEVICE_COLUMNS: &str = "id, name, paired_at, last_seen_at, revoked_at";

fn device_from_row(r: &Row<'_>) -> rusqlite::Result<PairedDevice> {
    Ok(PairedDevice {
        id: r.get(0)?,
        name: r.get(1)?,
        paired_at: r.get(2)?,
        last_seen_at: r.get(3)?,
        revoked_at: r.get(4)?,
    })
}

fn refused() -> Error {
    Error::refused(
        Some("code"),
        "That pairing code is wrong, expired or already used: ask a manager for a new one",
    )
}

impl Practice {
    /// A new pairing code whose first part is `certificate_prefix` (the server's fingerprint).
    pub fn create_pairing_code(
        &mut self,
        actor: Actor,
        certificate_prefix: &str,
    ) -> Result<PairingCode> {
        let digits = OsRng.next_u32() % 1_000_000;
        let code = format!("{}-{digits:06}", certificate_prefix.to_ascii_uppercase());
        let expires_at = self.clock().now() + Duration::minutes(CODE_LIFETIME_MINUTES);
        self.write(actor, |w| {
            let hash = hashed(&code);
            w.tx.execute(
                "INSERT INTO pairing_codes (code_hash, created_at, expires_at) VALUES (?1, ?2, ?3)",
                params![hash, w.now, expires_at],
            )?;
            let detail = serde_json::json!({ "expires_at": expires_at });
            w.audit(
                "pairing_code",
                &hash[..12].to_owned(),
                "create",
                None::<&()>,
                Some(&detail),
            )
        })?;
        Ok(PairingCode { code, expires_at })
    }

    /// Pairs a workstation called `device_name` with `code`; a wrong, expired or used code is
    /// refused, and counts against every code still outstanding.
    pub fn pair_device(&mut self, code: &str, device_name: &str) -> Result<NewDevice> {
        let name = check_device_name(device_name)?;
        let name = name.as_str();
        let hash = hashed(&code.trim().to_ascii_uppercase());
        let paired = self.write(Actor::System, |w| {
            let now = w.now;
            let good = w
                .tx
                .query_row(
                    "SELECT expires_at, used_at, wrong_tries FROM pairing_codes WHERE code_hash = ?1",
                    [&hash],
                    |r| {
                        let expires: DateTime<Utc> = r.get(0)?;
                        let used: Option<DateTime<Utc>> = r.get(1)?;
                        let tries: i64 = r.get(2)?;
                        Ok(used.is_none() && expires > now && tries < MAX_WRONG_CODES)
                    },
                )
                .optional()?
                .unwrap_or(false);
            if !good {
                count_wrong_code(w.tx, now)?;
                return Ok(None);
            }
            w.tx.execute(
                "UPDATE pairing_codes SET used_at = ?2 WHERE code_hash = ?1",
                params![hash, now],
            )?;
            let device = PairedDevice {
                id: uuid::Uuid::now_v7().to_string(),
                name: name.to_owned(),
                paired_at: now,
                last_seen_at: None,
                revoked_at: None,
            };
            let token = random_token();
            w.tx.execute(
                "INSERT INTO paired_devices (id, name, token_hash, paired_at) VALUES (?1, ?2, ?3, ?4)",
                params![device.id, device.name, hashed(&token), now],
            )?;
            w.audit("paired_device", &device.id, "pair", None::<&()>, Some(&device))?;
            Ok(Some(NewDevice { device, token }))
        })?;
        paired.ok_or_else(refused)
    }

    /// The paired, unrevoked device holding `token`, if any.
    pub fn device_with_token(&self, token: &str) -> Result<Option<PairedDevice>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {DEVICE_COLUMNS} FROM paired_devices WHERE token_hash = ?1 AND revoked_at IS NULL"
            ))?
            .query_row([hashed(token)], device_from_row)
            .optional()?)
    }

    /// Records that the device `id` made a request now (for the workstations list; not audited,
    /// as no request is).
    pub fn record_device_seen(&mut self, id: &str) -> Result<()> {
        self.write(Actor::System, |w| {
            w.tx.execute(
                "UPDATE paired_devices SET last_seen_at = ?2 WHERE id = ?1",
                params![id, w.now],
            )?;
            Ok(())
        })
    }

    /// Every paired device, revoked ones included, newest first.
    pub fn list_devices(&self) -> Result<Vec<PairedDevice>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {DEVICE_COLUMNS} FROM paired_devices ORDER BY paired_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], device_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Revokes the device `id`: its token stops working at once.
    pub fn revoke_device(&mut self, actor: Actor, id: &str) -> Result<PairedDevice> {
        self.write(actor, |w| {
            let changed = w.tx.execute(
                "UPDATE paired_devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, w.now],
            )?;
            let device =
                w.tx.query_row(
                    &format!("SELECT {DEVICE_COLUMNS} FROM paired_devices WHERE id = ?1"),
                    [id],
                    device_from_row,
                )
                .optional()?
                .ok_or_else(|| Error::not_found("paired device", id))?;
            if changed > 0 {
                w.audit(
                    "paired_device",
                    &device.id,
                    "revoke",
                    None::<&()>,
                    Some(&device),
                )?;
            }
            Ok(device)
        })
    }
}

/// A wrong code counts against every code still outstanding.
fn count_wrong_code(tx: &rusqlite::Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    let outstanding: Vec<(String, DateTime<Utc>)> = tx
        .prepare("SELECT code_hash, expires_at FROM pairing_codes WHERE used_at IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (hash, expires) in outstanding {
        if expires > now {
            tx.execute(
                "UPDATE pairing_codes SET wrong_tries = wrong_tries + 1 WHERE code_hash = ?1",
                [hash],
            )?;
        }
    }
    Ok(())
}
