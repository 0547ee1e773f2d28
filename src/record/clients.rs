//! Clients: the people treated. Create, update, archive (never hard-delete), read and list.

use crate::actor::Actor;
use crate::clinic::settings;
use crate::db::practice::{Practice, Write};
use crate::error::{Error, Result};
use crate::ids::ClientId;
use crate::record::contraindications::{self, Contraindication, ContraindicationInput};
use crate::validate::{bounded_text, required_text};
use crate::vocab::{
    ContactChannel, Fitzpatrick, HairCoverage, HairLength, HairLossPattern, Indication, SunExposure,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A client as the form submits it (create and update alike).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClientInput {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub preferred_contact: ContactChannel,
    /// Agreed to reminders about their own care (next session, touch-up).
    pub care_reminders_consent: bool,
    /// Agreed to marketing messages — separate from care reminders.
    pub marketing_consent: bool,
    pub fitzpatrick: Option<Fitzpatrick>,
    pub hair_loss_pattern: Option<HairLossPattern>,
    pub indication: Option<Indication>,
    pub hair_coverage: Option<HairCoverage>,
    pub hair_length: Option<HairLength>,
    /// Sun on the scalp; adjusts the suggested touch-up interval.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub sun_exposure: Option<SunExposure>,
    pub contraindications: Vec<ContraindicationInput>,
    pub medications: String,
    pub allergies: String,
    pub notes: String,
    /// Someone confirmed recording a client younger than the clinic's minimum age.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub confirm_minor: Option<bool>,
}

impl ClientInput {
    /// A client with only a name: every other detail empty or unknown, contact by phone.
    pub fn named(first_name: &str, last_name: &str) -> ClientInput {
        ClientInput {
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            date_of_birth: None,
            phone: String::new(),
            email: String::new(),
            address: String::new(),
            preferred_contact: ContactChannel::Phone,
            care_reminders_consent: false,
            marketing_consent: false,
            fitzpatrick: None,
            hair_loss_pattern: None,
            indication: None,
            hair_coverage: None,
            hair_length: None,
            sun_exposure: None,
            contraindications: vec![],
            medications: String::new(),
            allergies: String::new(),
            notes: String::new(),
            confirm_minor: None,
        }
    }
}

/// A client's full profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Client {
    pub id: ClientId,
    /// Short number for the front desk.
    pub number: u32,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub preferred_contact: ContactChannel,
    pub care_reminders_consent: bool,
    pub marketing_consent: bool,
    pub fitzpatrick: Option<Fitzpatrick>,
    pub hair_loss_pattern: Option<HairLossPattern>,
    pub indication: Option<Indication>,
    pub hair_coverage: Option<HairCoverage>,
    pub hair_length: Option<HairLength>,
    pub sun_exposure: Option<SunExposure>,
    pub contraindications: Vec<Contraindication>,
    pub medications: String,
    pub allergies: String,
    pub notes: String,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Client {
    /// The contraindications that stop a session performed on `day`.
    pub fn blocking_contraindications(&self, day: NaiveDate) -> Vec<&Contraindication> {
        self.contraindications
            .iter()
            .filter(|c| c.blocks_treatment_on(day))
            .collect()
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// One line of the client list or of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClientSummary {
    pub id: ClientId,
    pub number: u32,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub archived: bool,
    /// How many contraindications are on file (any kind), for a warning marker in lists.
    pub contraindication_count: u32,
}

/// The validated, normalised form of a [`ClientInput`]: what the form and the CSV import store.
pub(crate) struct ValidClient {
    pub(crate) input: ClientInput,
    contraindications: Vec<Contraindication>,
}

/// The rules every client must meet, whether typed into the form or imported from a file.
/// A client younger than the clinic's minimum age is recorded only with `confirm_minor`
/// (field `confirm_minor`, so the form can ask).
fn refuse_unconfirmed_minor(w: &Write<'_>, input: &ClientInput, today: NaiveDate) -> Result<()> {
    let Some(born) = input.date_of_birth else {
        return Ok(());
    };
    let minimum = settings::load(w.tx)?.minimum_age;
    let age = today.years_since(born).unwrap_or(0);
    if age >= u32::from(minimum) || input.confirm_minor == Some(true) {
        return Ok(());
    }
    Err(Error::refused(
        Some("confirm_minor"),
        format!(
            "{} {} is {age}, under the clinic's minimum age of {minimum}: confirm to record a minor",
            input.first_name.trim(),
            input.last_name.trim()
        ),
    ))
}

pub(crate) fn validate(input: &ClientInput, today: NaiveDate) -> Result<ValidClient> {
    let mut v = input.clone();
    v.first_name = required_text("first_name", "First name", &input.first_name, 100)?;
    v.last_name = required_text("last_name", "Last name", &input.last_name, 100)?;
    if let Some(dob) = input.date_of_birth {
        if dob > today {
            return Err(Error::validation(
                "date_of_birth",
                format!("Date of birth {dob} is in the future"),
            ));
        }
        if dob < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
            return Err(Error::validation(
                "date_of_birth",
                format!("Date of birth {dob} is before 1900"),
            ));
        }
    }
    v.phone = bounded_text("phone", "Phone", &input.phone, 30)?;
    if !v.phone.is_empty() {
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        let digits = v.phone.chars().filter(char::is_ascii_digit).count();
        if !v.phone.chars().all(allowed) || digits < 6 {
            return Err(Error::validation(
                "phone",
                format!("Phone \"{}\" is not a phone number (digits, spaces, + - ( ) only; at least 6 digits)", v.phone),
            ));
        }
    }
    v.email = bounded_text("email", "Email", &input.email, 254)?;
    if !v.email.is_empty() && !looks_like_email(&v.email) {
        return Err(Error::validation(
            "email",
            format!("Email \"{}\" is not an email address", v.email),
        ));
    }
    v.address = bounded_text("address", "Address", &input.address, 500)?;
    v.medications = bounded_text("medications", "Medications", &input.medications, 2000)?;
    v.allergies = bounded_text("allergies", "Allergies", &input.allergies, 2000)?;
    v.notes = bounded_text("notes", "Notes", &input.notes, 10_000)?;
    match v.preferred_contact {
        ContactChannel::Email if v.email.is_empty() => {
            return Err(Error::validation(
                "email",
                "Email is required when the preferred contact is email",
            ))
        }
        ContactChannel::Phone | ContactChannel::Sms | ContactChannel::WhatsApp
            if v.phone.is_empty() =>
        {
            return Err(Error::validation(
                "phone",
                format!(
                    "Phone is required when the preferred contact is {}",
                    v.preferred_contact
                ),
            ))
        }
        _ => {}
    }
    let contraindications = contraindications::validate(&input.contraindications, today)?;
    Ok(ValidClient {
        input: v,
        contraindications,
    })
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

const CLIENT_COLUMNS: &str = "id, number, first_name, last_name, date_of_birth, phone, email, address,
    preferred_contact, care_reminders_consent, marketing_consent, fitzpatrick, hair_loss_pattern,
    indication, hair_coverage, hair_length, sun_exposure, medications, allergies, notes, archived_at, created_at,
    updated_at";

fn client_from_row(row: &Row<'_>) -> rusqlite::Result<Client> {
    Ok(Client {
        id: row.get("id")?,
        number: row.get("number")?,
        first_name: row.get("first_name")?,
        last_name: row.get("last_name")?,
        date_of_birth: row.get("date_of_birth")?,
        phone: row.get("phone")?,
        email: row.get("email")?,
        address: row.get("address")?,
        preferred_contact: row.get("preferred_contact")?,
        care_reminders_consent: row.get("care_reminders_consent")?,
        marketing_consent: row.get("marketing_consent")?,
        fitzpatrick: row.get("fitzpatrick")?,
        hair_loss_pattern: row.get("hair_loss_pattern")?,
        indication: row.get("indication")?,
        hair_coverage: row.get("hair_coverage")?,
        hair_length: row.get("hair_length")?,
        sun_exposure: row.get("sun_exposure")?,
        contraindications: Vec::new(),
        medications: row.get("medications")?,
        allergies: row.get("allergies")?,
        notes: row.get("notes")?,
        archived_at: row.get("archived_at")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// Columns of [`ClientSummary`], for the list and search queries (alias `c` for clients).
pub(crate) const SUMMARY_COLUMNS: &str =
    "c.id, c.number, c.first_name, c.last_name, c.date_of_birth,
    c.phone, c.email, c.archived_at IS NOT NULL AS archived,
    (SELECT count(*) FROM contraindications k WHERE k.client_id = c.id) AS contraindication_count";

/// The stored client `id` held to the rules of the client form (an archive's row, on import).
/// The minimum age is not asked again: it was confirmed when the client was recorded.
pub(crate) fn check_stored(
    conn: &rusqlite::Connection,
    id: ClientId,
    today: NaiveDate,
) -> Result<()> {
    crate::db::rows::check_readable(
        conn,
        &format!("SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?1"),
        [id],
        client_from_row,
    )?;
    let c = load(conn, id)?;
    let input = ClientInput {
        first_name: c.first_name,
        last_name: c.last_name,
        date_of_birth: c.date_of_birth,
        phone: c.phone,
        email: c.email,
        address: c.address,
        preferred_contact: c.preferred_contact,
        care_reminders_consent: c.care_reminders_consent,
        marketing_consent: c.marketing_consent,
        fitzpatrick: c.fitzpatrick,
        hair_loss_pattern: c.hair_loss_pattern,
        indication: c.indication,
        hair_coverage: c.hair_coverage,
        hair_length: c.hair_length,
        sun_exposure: c.sun_exposure,
        contraindications: c
            .contraindications
            .into_iter()
            .map(|x| ContraindicationInput {
                id: Some(x.id),
                condition: x.condition,
                detail: x.detail,
                kind: x.kind,
                clearance: x.clearance,
            })
            .collect(),
        medications: c.medications,
        allergies: c.allergies,
        notes: c.notes,
        confirm_minor: Some(true),
    };
    validate(&input, today).map(drop)
}

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ClientSummary> {
    Ok(ClientSummary {
        id: row.get("id")?,
        number: row.get("number")?,
        first_name: row.get("first_name")?,
        last_name: row.get("last_name")?,
        date_of_birth: row.get("date_of_birth")?,
        phone: row.get("phone")?,
        email: row.get("email")?,
        archived: row.get("archived")?,
        contraindication_count: row.get("contraindication_count")?,
    })
}

/// Reads one client with its contraindications, inside or outside a transaction.
pub(crate) fn load(conn: &rusqlite::Connection, id: ClientId) -> Result<Client> {
    let mut client = conn
        .prepare_cached(&format!(
            "SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?1"
        ))?
        .query_row([id], client_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("client", id))?;
    client.contraindications = contraindications::for_client(conn, id)?;
    Ok(client)
}

impl Write<'_> {
    fn store_client(
        &self,
        id: ClientId,
        number: u32,
        v: &ValidClient,
        created_at: DateTime<Utc>,
    ) -> Result<()> {
        let c = &v.input;
        self.tx.prepare_cached(
            "INSERT INTO clients (id, number, first_name, last_name, date_of_birth, phone, email, address,
                preferred_contact, care_reminders_consent, marketing_consent, fitzpatrick, hair_loss_pattern,
                indication, hair_coverage, hair_length, medications, allergies, notes, archived_at,
                created_at, updated_at, sun_exposure)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                NULL, ?20, ?21, ?22)
             ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
                date_of_birth = excluded.date_of_birth, phone = excluded.phone, email = excluded.email,
                address = excluded.address, preferred_contact = excluded.preferred_contact,
                care_reminders_consent = excluded.care_reminders_consent,
                marketing_consent = excluded.marketing_consent, fitzpatrick = excluded.fitzpatrick,
                hair_loss_pattern = excluded.hair_loss_pattern, indication = excluded.indication,
                hair_coverage = excluded.hair_coverage, hair_length = excluded.hair_length,
                medications = excluded.medications, allergies = excluded.allergies, notes = excluded.notes,
                updated_at = excluded.updated_at, sun_exposure = excluded.sun_exposure",
        )?
        .execute(params![
                id,
                number,
                c.first_name,
                c.last_name,
                c.date_of_birth,
                c.phone,
                c.email,
                c.address,
                c.preferred_contact,
                c.care_reminders_consent,
                c.marketing_consent,
                c.fitzpatrick,
                c.hair_loss_pattern,
                c.indication,
                c.hair_coverage,
                c.hair_length,
                c.medications,
                c.allergies,
                c.notes,
                created_at,
                self.now,
                c.sun_exposure,
            ])?;
        contraindications::replace_all(self.tx, id, &v.contraindications)
    }

    /// Stores a validated new client under the next front-desk number and audits it as `action`.
    pub(crate) fn add_client(&self, valid: &ValidClient, action: &str) -> Result<Client> {
        let id = ClientId::new();
        let number: u32 = self
            .tx
            .prepare_cached("SELECT coalesce(max(number), 0) + 1 FROM clients")?
            .query_row([], |r| r.get(0))?;
        self.store_client(id, number, valid, self.now)?;
        let client = load(self.tx, id)?;
        self.audit("client", &id, action, None::<&Client>, Some(&client))?;
        Ok(client)
    }

    fn set_archived(&self, id: ClientId, archived: bool) -> Result<Client> {
        let before = load(self.tx, id)?;
        if before.archived_at.is_some() == archived {
            return Ok(before);
        }
        let archived_at = archived.then_some(self.now);
        self.tx.execute(
            "UPDATE clients SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, archived_at, self.now],
        )?;
        let after = load(self.tx, id)?;
        let action = if archived { "archive" } else { "unarchive" };
        self.audit("client", &id, action, Some(&before), Some(&after))?;
        Ok(after)
    }
}

impl Practice {
    /// Registers a new client and gives them the next front-desk number.
    pub fn create_client(&mut self, actor: Actor, input: &ClientInput) -> Result<Client> {
        let today = self.clock().today();
        let valid = validate(input, today)?;
        self.write(actor, |w| {
            refuse_unconfirmed_minor(w, input, today)?;
            w.add_client(&valid, "create")
        })
    }

    /// Replaces a client's details (number, archive state and creation time are kept).
    pub fn update_client(
        &mut self,
        actor: Actor,
        id: ClientId,
        input: &ClientInput,
    ) -> Result<Client> {
        let today = self.clock().today();
        let valid = validate(input, today)?;
        self.write(actor, |w| {
            refuse_unconfirmed_minor(w, input, today)?;
            let before = load(w.tx, id)?;
            w.store_client(id, before.number, &valid, before.created_at)?;
            let after = load(w.tx, id)?;
            w.audit("client", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Hides a client from the default list; their record stays whole.
    pub fn archive_client(&mut self, actor: Actor, id: ClientId) -> Result<Client> {
        self.write(actor, |w| w.set_archived(id, true))
    }

    /// Brings an archived client back to the default list.
    pub fn unarchive_client(&mut self, actor: Actor, id: ClientId) -> Result<Client> {
        self.write(actor, |w| w.set_archived(id, false))
    }

    /// The client with front-desk number `number`.
    pub fn client_by_number(&self, number: u32) -> Result<Client> {
        let id: ClientId = self
            .conn()
            .query_row("SELECT id FROM clients WHERE number = ?1", [number], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::not_found("client number", number))?;
        load(self.conn(), id)
    }

    /// One client's profile with contraindications.
    pub fn client(&self, id: ClientId) -> Result<Client> {
        load(self.conn(), id)
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn email_shape() {
        assert!(looks_like_email("zoe@example.com"));
        assert!(!looks_like_email("zoe@example"));
        assert!(!looks_like_email("zoe example@x.com"));
        assert!(!looks_like_email("@x.com"));
        assert!(!looks_like_email("a@b@c.com"));
    }
}
