//! Clients: the people treated. Create, update, archive (never hard-delete), read and list.

use crate::actor::Actor;
use crate::clinic::settings;
use crate::db::practice::{Practice, Write};
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::ClientId;
use crate::record::contraindications::{self, Contraindication, ContraindicationInput};
use crate::validate::{bounded_text, chosen, required_text, Problems};
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
    // The profile's optional details are sent as null when not known, never left out: a field
    // missing from an update would otherwise clear what is on file.
    pub first_name: String,
    pub last_name: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub date_of_birth: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub address: String,
    /// How the client wants to be reached. The client is asked: null (not asked) is refused,
    /// never read as a phone call.
    #[serde(deserialize_with = "Option::deserialize")]
    pub preferred_contact: Option<ContactChannel>,
    /// Agreed to reminders about their own care (next session, touch-up). The client is asked:
    /// null (not asked) is refused, never read as yes or no.
    #[serde(deserialize_with = "Option::deserialize")]
    pub care_reminders_consent: Option<bool>,
    /// Agreed to marketing messages — separate from care reminders.
    pub marketing_consent: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub fitzpatrick: Option<Fitzpatrick>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub hair_loss_pattern: Option<HairLossPattern>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub indication: Option<Indication>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub hair_coverage: Option<HairCoverage>,
    #[serde(deserialize_with = "Option::deserialize")]
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
    /// A client with only a name: every other detail empty or unknown, contact by phone, no
    /// consent to care reminders or marketing (what a file that says nothing of them records;
    /// the CSV import then takes the contact from the details the file does give).
    pub fn named(first_name: &str, last_name: &str) -> ClientInput {
        ClientInput {
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            date_of_birth: None,
            phone: String::new(),
            email: String::new(),
            address: String::new(),
            preferred_contact: Some(ContactChannel::Phone),
            care_reminders_consent: Some(false),
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

/// What a client's record keeps from the system the clinic moved from, set by the CSV import
/// and kept as it was when the client's details are edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ClientOrigin {
    /// The other system's ID for the client (searchable); empty when there is none.
    pub(crate) external_reference: String,
    /// The day the client first came to the clinic, when that was before Hairline.
    pub(crate) client_since: Option<NaiveDate>,
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
    /// The client's ID in the system the clinic moved from (set by the CSV import, searchable);
    /// empty when there is none.
    pub external_reference: String,
    /// The day the client first came to the clinic, when known from the system the clinic moved
    /// from; otherwise the client dates from `created_at`.
    pub client_since: Option<NaiveDate>,
    pub archived_at: Option<DateTime<Utc>>,
    /// When the record entered Hairline.
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Moves on with every save from the form; an edit sends back the version it was opened at.
    pub version: u32,
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
    /// The client's ID in the system the clinic moved from (empty when none), so a search by
    /// it shows why the client was found.
    pub external_reference: String,
    pub archived: bool,
    /// How many contraindications are on file (any kind), for a warning marker in lists.
    pub contraindication_count: u32,
}

/// The validated, normalised form of a [`ClientInput`]: what the form and the CSV import store.
pub(crate) struct ValidClient {
    pub(crate) input: ClientInput,
    contraindications: Vec<Contraindication>,
    /// Stored for a new client only: an update keeps what the record holds.
    pub(crate) origin: ClientOrigin,
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
    let mut problems = Problems::default();
    let mut v = input.clone();
    v.first_name = problems
        .check(required_text(
            "first_name",
            "First name",
            &input.first_name,
            100,
        ))
        .unwrap_or_default();
    v.last_name = problems
        .check(required_text(
            "last_name",
            "Last name",
            &input.last_name,
            100,
        ))
        .unwrap_or_default();
    if let Some(dob) = input.date_of_birth {
        if dob > today {
            problems.keep(Error::validation(
                "date_of_birth",
                format!("Date of birth {dob} is in the future"),
            ));
        } else if dob < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
            problems.keep(Error::validation(
                "date_of_birth",
                format!("Date of birth {dob} is before 1900"),
            ));
        }
    }
    let mut optional = |field: &str, label: &str, value: &str, max: usize| {
        problems
            .check(bounded_text(field, label, value, max))
            .unwrap_or_default()
    };
    v.phone = optional("phone", "Phone", &input.phone, 30);
    v.email = optional("email", "Email", &input.email, 254);
    v.address = optional("address", "Address", &input.address, 500);
    v.medications = optional("medications", "Medications", &input.medications, 2000);
    v.allergies = optional("allergies", "Allergies", &input.allergies, 2000);
    v.notes = optional("notes", "Notes", &input.notes, 10_000);
    if !v.phone.is_empty() {
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        let digits = v.phone.chars().filter(char::is_ascii_digit).count();
        if !v.phone.chars().all(allowed) || digits < 6 {
            problems.keep(Error::validation(
                "phone",
                format!("Phone \"{}\" is not a phone number (digits, spaces, + - ( ) only; at least 6 digits)", v.phone),
            ));
        }
    }
    if !v.email.is_empty() && !looks_like_email(&v.email) {
        problems.keep(Error::validation(
            "email",
            format!("Email \"{}\" is not an email address", v.email),
        ));
    }
    match v.preferred_contact {
        None => problems.keep(Error::validation(
            "preferred_contact",
            "Preferred contact: ask how the client wants to be reached",
        )),
        Some(ContactChannel::Email) if v.email.is_empty() && !problems.has("email") => {
            problems.keep(Error::validation(
                "email",
                "Email is required when the preferred contact is email",
            ));
        }
        Some(ContactChannel::Phone | ContactChannel::Sms | ContactChannel::WhatsApp)
            if v.phone.is_empty() && !problems.has("phone") =>
        {
            problems.keep(Error::validation(
                "phone",
                format!(
                    "Phone is required when the preferred contact is {}",
                    match v.preferred_contact {
                        Some(ContactChannel::Sms) => "SMS",
                        Some(ContactChannel::WhatsApp) => "WhatsApp",
                        _ => "a phone call",
                    }
                ),
            ));
        }
        _ => {}
    }
    problems.check(chosen(
        "care_reminders_consent",
        "Care reminders: ask whether the client agrees to them (yes or no)",
        input.care_reminders_consent,
    ));
    let contraindications = problems
        .check(contraindications::validate(&input.contraindications, today))
        .unwrap_or_default();
    problems.finish()?;
    Ok(ValidClient {
        input: v,
        contraindications,
        origin: ClientOrigin::default(),
    })
}

/// The rules of what an imported client brings from the previous system: a reference of at
/// most 100 characters, and a "client since" day that is neither in the future, nor before
/// 1900, nor before the client was born.
pub(crate) fn validate_origin(
    origin: &ClientOrigin,
    date_of_birth: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<ClientOrigin> {
    let external_reference = bounded_text(
        "external_reference",
        "Reference in the previous system",
        &origin.external_reference,
        100,
    )?;
    if let Some(since) = origin.client_since {
        let refuse = |why: String| Err(Error::validation("client_since", why));
        if since > today {
            return refuse(format!("Client since {since} is in the future"));
        }
        if since < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
            return refuse(format!("Client since {since} is before 1900"));
        }
        if let Some(born) = date_of_birth.filter(|born| since < *born) {
            return refuse(format!(
                "Client since {since} is before the date of birth {born}"
            ));
        }
    }
    Ok(ClientOrigin {
        external_reference,
        client_since: origin.client_since,
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
    indication, hair_coverage, hair_length, sun_exposure, medications, allergies, notes, external_reference,
    client_since, archived_at, created_at, updated_at, version";

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
        external_reference: row.get("external_reference")?,
        client_since: row.get("client_since")?,
        archived_at: row.get("archived_at")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        version: row.get("version")?,
    })
}

/// Columns of [`ClientSummary`], for the list and search queries (alias `c` for clients).
pub(crate) const SUMMARY_COLUMNS: &str =
    "c.id, c.number, c.first_name, c.last_name, c.date_of_birth,
    c.phone, c.email, c.external_reference, c.archived_at IS NOT NULL AS archived,
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
        preferred_contact: Some(c.preferred_contact),
        care_reminders_consent: Some(c.care_reminders_consent),
        marketing_consent: c.marketing_consent,
        fitzpatrick: c.fitzpatrick,
        hair_loss_pattern: c.hair_loss_pattern,
        indication: c.indication,
        hair_coverage: c.hair_coverage,
        hair_length: c.hair_length,
        sun_exposure: c.sun_exposure,
        contraindications: c
            .contraindications
            .iter()
            .map(ContraindicationInput::from)
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
        external_reference: row.get("external_reference")?,
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
                created_at, updated_at, sun_exposure, external_reference, client_since)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                NULL, ?20, ?21, ?22, ?23, ?24)
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
                v.origin.external_reference,
                v.origin.client_since,
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

    /// Replaces a client's details (number, archive state, creation time and what the record
    /// keeps from the previous system are kept), if the client is still at `version` (the one
    /// the form was opened at).
    pub fn update_client(
        &mut self,
        actor: Actor,
        id: ClientId,
        version: u32,
        input: &ClientInput,
    ) -> Result<Client> {
        let today = self.clock().today();
        let valid = validate(input, today)?;
        self.write(actor, |w| {
            refuse_unconfirmed_minor(w, input, today)?;
            let before = load(w.tx, id)?;
            w.claim_version(Versioned::Client, &id, version)?;
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
