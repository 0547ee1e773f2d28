//! Importing clients from another system's CSV export: a column mapping guessed from the header
//! and confirmed by the user, the same validation as the client form, duplicates put to the user,
//! and all or nothing — one bad row and nothing is imported, with every bad row reported.

use crate::actor::Actor;
use crate::codes::code_enum;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::exchange::csv::{self, CsvRecord};
use crate::exchange::loose_date::{self, DateOrder};
use crate::record::clients::{self, ValidClient};
use crate::vocab::ContactChannel;
use crate::ClientInput;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

code_enum! {
    /// A client detail a CSV column can hold.
    pub enum ClientField {
        FirstName = "first_name",
        LastName = "last_name",
        /// First and last name in one column, split at the last space.
        FullName = "full_name",
        DateOfBirth = "date_of_birth",
        Phone = "phone",
        Email = "email",
        Address = "address",
        Notes = "notes",
        Medications = "medications",
        Allergies = "allergies",
        /// yes/no, true/false, 1/0, y/n.
        CareRemindersConsent = "care_reminders_consent",
        MarketingConsent = "marketing_consent",
    }
}

/// Which client detail each column of the file holds (`None`: ignored), and how all-numbers
/// dates are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportMapping {
    pub columns: Vec<Option<ClientField>>,
    pub date_order: DateOrder,
}

/// The file's header and Hairline's guess of the mapping, for the mapping screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSetup {
    pub headers: Vec<String>,
    pub guessed: ImportMapping,
    /// Data rows in the file (header excluded).
    pub rows: u32,
}

/// What to do with a row that duplicates a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateDecision {
    Skip,
    ImportAnyway,
}

/// The user's decision for the duplicate row starting on `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportDecision {
    pub line: u32,
    pub decision: DuplicateDecision,
}

/// An import as the user confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub mapping: ImportMapping,
    pub decisions: Vec<ImportDecision>,
}

/// A row that cannot be imported: its physical line in the file, the field and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    pub line: u32,
    pub field: String,
    pub message: String,
}

/// Why a row looks like a client already known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    SameNameAndDateOfBirth,
    SameEmail,
}

/// A row that matches a client on file (`existing_number`) or an earlier row (`earlier_line`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicateMatch {
    pub line: u32,
    /// The row's client, as "First Last".
    pub name: String,
    pub reason: DuplicateReason,
    pub existing_number: Option<u32>,
    pub earlier_line: Option<u32>,
    /// The user's decision so far, if any.
    pub decision: Option<DuplicateDecision>,
}

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Some rows are bad (see `problems`): nothing was imported.
    Rejected,
    /// Some duplicates have no decision yet: nothing was imported.
    NeedsDecisions,
    /// A preview with nothing in the way.
    Ready,
    /// Written, every row at once.
    Imported,
}

/// The outcome of a preview or an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub status: ImportStatus,
    pub rows: u32,
    pub imported: u32,
    pub skipped: u32,
    pub problems: Vec<RowProblem>,
    pub duplicates: Vec<DuplicateMatch>,
}

/// Which pass of an import is running: every row is checked first, then the clients are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Checking,
    Adding,
}

/// Rows of the file handled so far in the current pass, for a progress bar (`rows_total` is the
/// file's row count, never a sum of passes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub rows_done: u32,
    pub rows_total: u32,
}

/// Reads a CSV file as text. A file that is not UTF-8 (e.g. saved as "CSV" in a Windows code
/// page) is refused with the line of its first undecodable byte and how to re-save it.
pub fn read_csv_file(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        not_utf8(
            e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1,
        )
    })
}

/// The refusal of a file that is not UTF-8 text, naming the line of its first undecodable byte.
fn not_utf8(line: usize) -> Error {
    Error::validation(
        "file",
        format!(
            "Line {line}: the file is not UTF-8 text; save it again as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)"
        ),
    )
}

/// The CSV's records, or its syntax error as a validation error on the file. Text that a
/// window decoded from a non-UTF-8 file carries replacement characters (U+FFFD) where the
/// bytes did not decode: it is refused as the CLI refuses the file, before any mapping.
fn records(text: &str) -> Result<Vec<CsvRecord>> {
    if let Some(at) = text.find('\u{FFFD}') {
        return Err(not_utf8(text[..at].matches('\n').count() + 1));
    }
    let records = csv::parse(text)
        .map_err(|e| Error::validation("file", format!("Line {}: {}", e.line, e.message)))?;
    if records.is_empty() {
        return Err(Error::validation("file", "The file is empty"));
    }
    Ok(records)
}

/// The field a header names, if it names one Hairline knows.
fn guess_field(header: &str) -> Option<ClientField> {
    let h: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let is = |names: &[&str]| names.contains(&h.as_str());
    Some(
        if is(&[
            "firstname",
            "forename",
            "givenname",
            "first",
            "fname",
            "christianname",
            "vorname",
            "prenom",
            "prénom",
        ]) {
            ClientField::FirstName
        } else if is(&[
            "lastname",
            "surname",
            "familyname",
            "last",
            "lname",
            "nachname",
            "nom",
        ]) {
            ClientField::LastName
        } else if is(&[
            "name",
            "fullname",
            "clientname",
            "patientname",
            "customername",
            "contactname",
        ]) {
            ClientField::FullName
        } else if h == "dob" || h.contains("birth") || h == "born" {
            ClientField::DateOfBirth
        } else if h.contains("email") || h == "mail" {
            ClientField::Email
        } else if h.contains("phone")
            || h.contains("mobile")
            || h.starts_with("tel")
            || h.starts_with("cell")
        {
            ClientField::Phone
        } else if h.contains("address") || h == "street" {
            ClientField::Address
        } else if h.starts_with("note") || h.starts_with("comment") || h == "remarks" {
            ClientField::Notes
        } else if h.starts_with("medic") || h == "meds" || h == "drugs" {
            ClientField::Medications
        } else if h.starts_with("allerg") {
            ClientField::Allergies
        } else if h.contains("reminder") {
            ClientField::CareRemindersConsent
        } else if h.contains("marketing") || h.contains("newsletter") {
            ClientField::MarketingConsent
        } else {
            return None;
        },
    )
}

/// Reads the header of `text` and guesses the mapping: each field for the first column whose
/// header names it, and the date order that fits the file's dates of birth.
pub fn read_import_setup(text: &str) -> Result<ImportSetup> {
    let records = records(text)?;
    let headers: Vec<String> = records[0]
        .fields
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut taken = HashSet::new();
    let columns: Vec<Option<ClientField>> = headers
        .iter()
        .map(|h| guess_field(h).filter(|f| taken.insert(*f)))
        .collect();
    let dob = columns
        .iter()
        .position(|c| *c == Some(ClientField::DateOfBirth));
    let date_order = match dob {
        Some(i) => loose_date::guess_order(
            records[1..]
                .iter()
                .filter_map(|r| r.fields.get(i).map(String::as_str)),
        ),
        None => DateOrder::DayFirst,
    };
    Ok(ImportSetup {
        headers,
        guessed: ImportMapping {
            columns,
            date_order,
        },
        rows: records.len() as u32 - 1,
    })
}

fn check_mapping(mapping: &ImportMapping, headers: usize) -> Result<()> {
    if mapping.columns.len() != headers {
        return Err(Error::validation(
            "mapping",
            format!(
                "The mapping lists {} columns but the file has {headers}",
                mapping.columns.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    for field in mapping.columns.iter().flatten() {
        if !seen.insert(*field) {
            return Err(Error::validation(
                "mapping",
                format!("Two columns are mapped to {field}; choose one"),
            ));
        }
    }
    let full = seen.contains(&ClientField::FullName);
    let parts = [ClientField::FirstName, ClientField::LastName].map(|f| seen.contains(&f));
    if full && parts.contains(&true) {
        return Err(Error::validation(
            "mapping",
            "Map either the full name or the first and last names, not both",
        ));
    }
    if !full && parts != [true, true] {
        return Err(Error::validation(
            "mapping",
            "Choose the columns holding the first and last name (or the full name)",
        ));
    }
    Ok(())
}

fn yes_no(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "f" => Ok(false),
        "yes" | "y" | "true" | "1" | "t" | "x" => Ok(true),
        other => Err(format!("\"{other}\" is not yes or no")),
    }
}

/// A row as a [`ClientInput`], or its problems with the conversion (dates, yes/no, contact).
fn row_input(
    record: &CsvRecord,
    mapping: &ImportMapping,
) -> std::result::Result<ClientInput, Vec<RowProblem>> {
    let mut input = ClientInput::named("", "");
    let mut problems = Vec::new();
    let mut problem = |field: ClientField, message: String| {
        problems.push(RowProblem {
            line: record.line,
            field: field.code().to_owned(),
            message,
        })
    };
    for (column, field) in mapping.columns.iter().enumerate() {
        let Some(field) = *field else { continue };
        let value = record.fields.get(column).map_or("", String::as_str);
        match field {
            ClientField::FirstName => input.first_name = value.to_owned(),
            ClientField::LastName => input.last_name = value.to_owned(),
            ClientField::FullName => {
                let value = value.trim();
                let (first, last) = value
                    .rsplit_once(char::is_whitespace)
                    .unwrap_or((value, ""));
                input.first_name = first.to_owned();
                input.last_name = last.to_owned();
            }
            ClientField::DateOfBirth => match loose_date::parse(value, mapping.date_order) {
                Ok(day) => input.date_of_birth = day,
                Err(message) => problem(field, message),
            },
            ClientField::Phone => input.phone = value.to_owned(),
            ClientField::Email => input.email = value.to_owned(),
            ClientField::Address => input.address = value.to_owned(),
            ClientField::Notes => input.notes = value.to_owned(),
            ClientField::Medications => input.medications = value.to_owned(),
            ClientField::Allergies => input.allergies = value.to_owned(),
            ClientField::CareRemindersConsent | ClientField::MarketingConsent => {
                match yes_no(value) {
                    Ok(yes) if field == ClientField::MarketingConsent => {
                        input.marketing_consent = yes
                    }
                    Ok(yes) => input.care_reminders_consent = yes,
                    Err(message) => problem(field, message),
                }
            }
        }
    }
    input.preferred_contact = match (input.phone.trim().is_empty(), input.email.trim().is_empty()) {
        (false, _) => ContactChannel::Phone,
        (true, false) => ContactChannel::Email,
        (true, true) => {
            problem(
                ClientField::Phone,
                "Neither a phone number nor an email address: a client must be reachable".into(),
            );
            ContactChannel::Phone
        }
    };
    if problems.is_empty() {
        Ok(input)
    } else {
        Err(problems)
    }
}

/// Keys two clients share when they are probably the same person.
type NameKey = (String, String, NaiveDate);

fn name_key(first: &str, last: &str, born: Option<NaiveDate>) -> Option<NameKey> {
    born.map(|born| {
        (
            first.trim().to_lowercase(),
            last.trim().to_lowercase(),
            born,
        )
    })
}

/// Who is already on file, by the keys of [`DuplicateReason`].
struct KnownClients {
    by_name: HashMap<NameKey, u32>,
    by_email: HashMap<String, u32>,
}

fn known_clients(conn: &rusqlite::Connection) -> Result<KnownClients> {
    let mut known = KnownClients {
        by_name: HashMap::new(),
        by_email: HashMap::new(),
    };
    let mut stmt =
        conn.prepare("SELECT number, first_name, last_name, date_of_birth, email FROM clients")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let number: u32 = row.get("number")?;
        let first: String = row.get("first_name")?;
        let last: String = row.get("last_name")?;
        if let Some(key) = name_key(&first, &last, row.get("date_of_birth")?) {
            known.by_name.entry(key).or_insert(number);
        }
        let email: String = row.get("email")?;
        if !email.is_empty() {
            known.by_email.entry(email.to_lowercase()).or_insert(number);
        }
    }
    Ok(known)
}

/// Everything learned about a file before writing: the valid rows (with their line) to import,
/// and the report so far.
struct Analysis {
    to_import: Vec<ValidClient>,
    report: ImportReport,
}

fn analyse(
    practice: &Practice,
    text: &str,
    request: &ImportRequest,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Analysis> {
    let records = records(text)?;
    check_mapping(&request.mapping, records[0].fields.len())?;
    let rows = &records[1..];
    let total = rows.len() as u32;
    let today = practice.clock().today();
    let known = known_clients(practice.conn())?;
    let decisions: HashMap<u32, DuplicateDecision> = request
        .decisions
        .iter()
        .map(|d| (d.line, d.decision))
        .collect();
    let mut earlier_names: HashMap<NameKey, u32> = HashMap::new();
    let mut earlier_emails: HashMap<String, u32> = HashMap::new();
    let mut report = ImportReport {
        status: ImportStatus::Ready,
        rows: total,
        imported: 0,
        skipped: 0,
        problems: Vec::new(),
        duplicates: Vec::new(),
    };
    let mut to_import = Vec::new();
    for (i, record) in rows.iter().enumerate() {
        if i % 500 == 0 {
            progress(ImportProgress {
                phase: ImportPhase::Checking,
                rows_done: i as u32,
                rows_total: total,
            });
        }
        let valid = row_input(record, &request.mapping).and_then(|input| {
            clients::validate(&input, today).map_err(|e| {
                vec![RowProblem {
                    line: record.line,
                    field: e.field().unwrap_or("row").to_owned(),
                    message: e.to_string(),
                }]
            })
        });
        let valid = match valid {
            Ok(valid) => valid,
            Err(problems) => {
                report.problems.extend(problems);
                continue;
            }
        };
        let c = &valid.input;
        let key = name_key(&c.first_name, &c.last_name, c.date_of_birth);
        let email = (!c.email.is_empty()).then(|| c.email.to_lowercase());
        let matched = key
            .as_ref()
            .and_then(|k| {
                let on_file = known.by_name.get(k).map(|n| (Some(*n), None));
                let earlier = earlier_names.get(k).map(|l| (None, Some(*l)));
                on_file
                    .or(earlier)
                    .map(|m| (DuplicateReason::SameNameAndDateOfBirth, m))
            })
            .or_else(|| {
                let e = email.as_ref()?;
                let on_file = known.by_email.get(e).map(|n| (Some(*n), None));
                let earlier = earlier_emails.get(e).map(|l| (None, Some(*l)));
                on_file.or(earlier).map(|m| (DuplicateReason::SameEmail, m))
            });
        if let Some(k) = key {
            earlier_names.entry(k).or_insert(record.line);
        }
        if let Some(e) = email {
            earlier_emails.entry(e).or_insert(record.line);
        }
        let decision = decisions.get(&record.line).copied();
        if let Some((reason, (existing_number, earlier_line))) = matched {
            report.duplicates.push(DuplicateMatch {
                line: record.line,
                name: format!("{} {}", c.first_name, c.last_name),
                reason,
                existing_number,
                earlier_line,
                decision,
            });
            if decision != Some(DuplicateDecision::ImportAnyway) {
                if decision == Some(DuplicateDecision::Skip) {
                    report.skipped += 1;
                }
                continue;
            }
        }
        to_import.push(valid);
    }
    report.status = if !report.problems.is_empty() {
        ImportStatus::Rejected
    } else if report.duplicates.iter().any(|d| d.decision.is_none()) {
        ImportStatus::NeedsDecisions
    } else {
        ImportStatus::Ready
    };
    Ok(Analysis { to_import, report })
}

impl Practice {
    /// Checks an import without writing anything: every bad row, every duplicate (with the
    /// decisions already made), and whether it is ready.
    pub fn preview_import(&self, text: &str, request: &ImportRequest) -> Result<ImportReport> {
        Ok(analyse(self, text, request, &mut |_| {})?.report)
    }

    /// Imports the clients of a CSV file in one transaction. Nothing is written when any row is
    /// bad ([`ImportStatus::Rejected`]) or a duplicate has no decision
    /// ([`ImportStatus::NeedsDecisions`]); the report says which rows and why. Each client is
    /// audited as `import`. Progress counts rows checked, then rows written.
    pub fn import_clients(
        &mut self,
        actor: Actor,
        text: &str,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport> {
        let Analysis {
            to_import,
            mut report,
        } = analyse(self, text, request, progress)?;
        if report.status != ImportStatus::Ready {
            return Ok(report);
        }
        self.write(actor, |w| {
            for (i, valid) in to_import.iter().enumerate() {
                w.add_client(valid, "import")?;
                if i % 500 == 0 {
                    progress(ImportProgress {
                        phase: ImportPhase::Adding,
                        rows_done: i as u32,
                        rows_total: to_import.len() as u32,
                    });
                }
            }
            Ok(())
        })?;
        let added = to_import.len() as u32;
        progress(ImportProgress {
            phase: ImportPhase::Adding,
            rows_done: added,
            rows_total: added,
        });
        report.imported = to_import.len() as u32;
        report.status = ImportStatus::Imported;
        Ok(report)
    }
}
