//! Importing clients from another system's CSV export: a column mapping guessed from the header
//! and confirmed by the user (see [`crate::exchange::mapping`]: every column mapped or ignored),
//! the same validation as the client form, duplicates put to the user, and all or nothing — one
//! bad row and nothing is imported, with every bad row reported.

use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::exchange::csv::{self, CsvRecord};
use crate::exchange::encoding::{undecodable, DecodedCsv};
use crate::exchange::loose_date;
use crate::exchange::mapping::{check_mapping, guess_columns, ClientField, ImportMapping};
use crate::record::clients::{self, ClientOrigin, ValidClient};
use crate::vocab::ContactChannel;
use crate::ClientInput;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The file's header and Hairline's guess of the mapping, for the mapping screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSetup {
    pub headers: Vec<String>,
    /// Each column's first value that is not blank (among the first rows), as an example of
    /// what it holds; empty when there is none.
    pub examples: Vec<String>,
    pub guessed: ImportMapping,
    /// Data rows in the file (header excluded).
    pub rows: u32,
    /// The encoding the file was read as when it was not UTF-8 ("Windows-1252"), for the user
    /// to see before mapping; `None` for UTF-8.
    pub read_as: Option<String>,
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
    /// The same ID in the previous system (the file imported twice, or a row repeated).
    SameExternalReference,
    SameNameAndDateOfBirth,
    SameEmail,
}

impl DuplicateReason {
    /// The reason in words, for the `hairline` tool's report.
    pub fn describe(self) -> &'static str {
        match self {
            DuplicateReason::SameExternalReference => "the same ID in the previous system",
            DuplicateReason::SameNameAndDateOfBirth => "the same name and date of birth",
            DuplicateReason::SameEmail => "the same email address",
        }
    }
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
    /// Data rows in the file.
    pub rows: u32,
    /// The clients that import as the request stands: the good rows less the duplicates not
    /// chosen to import anyway (skipped or not decided yet). After an import, `imported`.
    pub to_import: u32,
    /// The clients added (0 until imported).
    pub imported: u32,
    /// The duplicates the user chose to skip.
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

/// How far the current pass is, for a progress bar. Checking: `rows_done` of the file's
/// `rows_total` data rows checked. Adding: `rows_done` of the `rows_total` clients to add (the
/// good rows less the skipped duplicates) written. Each pass ends with `rows_done == rows_total`;
/// neither count ever sums passes or exceeds what the pass handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub rows_done: u32,
    pub rows_total: u32,
}

/// How often (in rows) progress is reported.
const PROGRESS_EVERY: usize = 500;

/// The CSV's records, or its syntax error as a validation error on the file. Text that a
/// window decoded from a non-UTF-8 file carries replacement characters (U+FFFD) where the
/// bytes did not decode: it is refused as the CLI refuses the file, before any mapping.
fn records(text: &str) -> Result<Vec<CsvRecord>> {
    if let Some(at) = text.find('\u{FFFD}') {
        return Err(undecodable(
            text[..at].matches('\n').count() + 1,
            "UTF-8 text",
        ));
    }
    let records = csv::parse(text)
        .map_err(|e| Error::validation("file", format!("Line {}: {}", e.line, e.message)))?;
    if records.is_empty() {
        return Err(Error::validation("file", "The file is empty"));
    }
    Ok(records)
}

/// The header of the file's records, trimmed.
fn headers(records: &[CsvRecord]) -> Vec<String> {
    records[0]
        .fields
        .iter()
        .map(|h| h.trim().to_owned())
        .collect()
}

/// Reads the header of `text` and guesses the mapping: each detail for the first column whose
/// header names it (see [`crate::exchange::mapping`]), and the date order that fits the file's
/// dates of birth and creation dates.
pub fn read_import_setup(text: &str) -> Result<ImportSetup> {
    let records = records(text)?;
    let headers = headers(&records);
    let columns = guess_columns(&headers);
    let rows = &records[1..];
    let date_order = loose_date::guess_order(date_columns(&columns).flat_map(|i| {
        rows.iter()
            .filter_map(move |r| r.fields.get(i).map(String::as_str))
    }));
    let examples = (0..headers.len())
        .map(|i| {
            rows.iter()
                .take(50)
                .filter_map(|r| r.fields.get(i).map(|v| v.trim()))
                .find(|v| !v.is_empty())
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    Ok(ImportSetup {
        headers,
        examples,
        guessed: ImportMapping {
            columns,
            date_order,
        },
        rows: rows.len() as u32,
        read_as: None,
    })
}

/// [`read_import_setup`] of a decoded file, saying how it was read.
pub fn import_setup_of(csv: &DecodedCsv) -> Result<ImportSetup> {
    Ok(ImportSetup {
        read_as: csv.read_as.clone(),
        ..read_import_setup(&csv.text)?
    })
}

fn yes_no(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "f" => Ok(false),
        "yes" | "y" | "true" | "1" | "t" | "x" => Ok(true),
        other => Err(format!("\"{other}\" is not yes or no")),
    }
}

/// A row as the client it describes, before the client rules are checked.
struct MappedRow {
    input: ClientInput,
    origin: ClientOrigin,
}

/// A row under the mapping, or its problems with the conversion (dates, yes/no, contact). The
/// address is the row's address parts joined in column order (see [`ClientField::Address`]).
fn map_row(
    record: &CsvRecord,
    mapping: &ImportMapping,
) -> std::result::Result<MappedRow, Vec<RowProblem>> {
    let mut input = ClientInput::named("", "");
    let mut origin = ClientOrigin::default();
    let mut address = Vec::new();
    let mut problems = Vec::new();
    let mut problem = |field: ClientField, message: String| {
        problems.push(RowProblem {
            line: record.line,
            field: field.code().to_owned(),
            message,
        })
    };
    let date = |value: &str| loose_date::parse(value, mapping.date_order);
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
            ClientField::DateOfBirth => match date(value) {
                Ok(day) => input.date_of_birth = day,
                Err(message) => problem(field, message),
            },
            ClientField::ClientSince => match date(value) {
                Ok(day) => origin.client_since = day,
                Err(message) => problem(field, message),
            },
            ClientField::Phone => input.phone = value.to_owned(),
            ClientField::Email => input.email = value.to_owned(),
            ClientField::Address
            | ClientField::AddressLine
            | ClientField::City
            | ClientField::Postcode
            | ClientField::Country => {
                if !value.trim().is_empty() {
                    address.push(value.trim());
                }
            }
            ClientField::Notes => input.notes = value.to_owned(),
            ClientField::Medications => input.medications = value.to_owned(),
            ClientField::Allergies => input.allergies = value.to_owned(),
            ClientField::ExternalId => origin.external_reference = value.to_owned(),
            ClientField::CareRemindersConsent | ClientField::MarketingConsent => {
                match yes_no(value) {
                    Ok(yes) if field == ClientField::MarketingConsent => {
                        input.marketing_consent = yes
                    }
                    Ok(yes) => input.care_reminders_consent = Some(yes),
                    Err(message) => problem(field, message),
                }
            }
            ClientField::Ignore => {}
        }
    }
    input.address = address.join(", ");
    // The file does not say how the client wants to be reached: by what it gives.
    let reachable_by = match (input.phone.trim().is_empty(), input.email.trim().is_empty()) {
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
    input.preferred_contact = Some(reachable_by);
    if problems.is_empty() {
        Ok(MappedRow { input, origin })
    } else {
        Err(problems)
    }
}

/// A row as a client that meets every client rule, or its problems.
fn valid_row(
    record: &CsvRecord,
    mapping: &ImportMapping,
    today: NaiveDate,
) -> std::result::Result<ValidClient, Vec<RowProblem>> {
    let row = map_row(record, mapping)?;
    let refused = |e: Error| {
        vec![RowProblem {
            line: record.line,
            field: e.field().unwrap_or("row").to_owned(),
            message: e.to_string(),
        }]
    };
    let mut valid = clients::validate(&row.input, today).map_err(refused)?;
    valid.origin =
        clients::validate_origin(&row.origin, valid.input.date_of_birth, today).map_err(refused)?;
    Ok(valid)
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
#[derive(Default)]
struct KnownClients {
    by_reference: HashMap<String, u32>,
    by_name: HashMap<NameKey, u32>,
    by_email: HashMap<String, u32>,
}

/// A reference or an email as compared: without case.
fn folded(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_lowercase())
}

fn known_clients(conn: &rusqlite::Connection) -> Result<KnownClients> {
    let mut known = KnownClients::default();
    let mut stmt = conn.prepare(
        "SELECT number, first_name, last_name, date_of_birth, email, external_reference FROM clients",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let number: u32 = row.get("number")?;
        let first: String = row.get("first_name")?;
        let last: String = row.get("last_name")?;
        if let Some(key) = name_key(&first, &last, row.get("date_of_birth")?) {
            known.by_name.entry(key).or_insert(number);
        }
        if let Some(email) = folded(&row.get::<_, String>("email")?) {
            known.by_email.entry(email).or_insert(number);
        }
        if let Some(reference) = folded(&row.get::<_, String>("external_reference")?) {
            known.by_reference.entry(reference).or_insert(number);
        }
    }
    Ok(known)
}

/// The row's keys, as compared.
struct RowKeys {
    reference: Option<String>,
    name: Option<NameKey>,
    email: Option<String>,
}

/// Whom a row duplicates: (the client number on file, the earlier line of the file).
type MatchedWith = (Option<u32>, Option<u32>);

/// The most telling key (reference, then name and date of birth, then email) that a client on
/// file or an earlier row shares, as the reason and with whom.
fn first_match(
    keys: &RowKeys,
    known: &KnownClients,
    earlier: &KnownClients,
) -> Option<(DuplicateReason, MatchedWith)> {
    let found = |on_file: Option<&u32>, before: Option<&u32>| {
        on_file
            .map(|n| (Some(*n), None))
            .or(before.map(|l| (None, Some(*l))))
    };
    let RowKeys {
        reference,
        name,
        email,
    } = keys;
    reference
        .as_ref()
        .and_then(|r| found(known.by_reference.get(r), earlier.by_reference.get(r)))
        .map(|m| (DuplicateReason::SameExternalReference, m))
        .or_else(|| {
            name.as_ref()
                .and_then(|k| found(known.by_name.get(k), earlier.by_name.get(k)))
                .map(|m| (DuplicateReason::SameNameAndDateOfBirth, m))
        })
        .or_else(|| {
            email
                .as_ref()
                .and_then(|e| found(known.by_email.get(e), earlier.by_email.get(e)))
                .map(|m| (DuplicateReason::SameEmail, m))
        })
}

/// The columns mapped to a date (of birth, or the other system's creation date).
fn date_columns(columns: &[Option<ClientField>]) -> impl Iterator<Item = usize> + '_ {
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, Some(ClientField::DateOfBirth | ClientField::ClientSince)))
        .map(|(i, _)| i)
}

/// Refuses, once for the whole file, a mapping that does not say how dates are written when
/// one of the file's dates reads as two different days (03/04/1980), naming the first.
fn refuse_unsaid_date_order(mapping: &ImportMapping, rows: &[CsvRecord]) -> Result<()> {
    if mapping.date_order.is_some() {
        return Ok(());
    }
    let columns: Vec<usize> = date_columns(&mapping.columns).collect();
    let first = rows.iter().find_map(|row| {
        columns
            .iter()
            .filter_map(|&i| row.fields.get(i))
            .find(|value| loose_date::is_ambiguous(value))
            .map(|value| (row.line, value.trim()))
    });
    match first {
        None => Ok(()),
        Some((line, value)) => Err(Error::validation(
            "date_order",
            format!(
                "Dates such as \"{value}\" (line {line}) could be read day first or month first: choose how the file writes them"
            ),
        )),
    }
}

/// Everything learned about a file before writing: the valid rows to import, and the report.
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
    check_mapping(&request.mapping, &headers(&records))?;
    let rows = &records[1..];
    refuse_unsaid_date_order(&request.mapping, rows)?;
    let total = rows.len() as u32;
    let today = practice.clock().today();
    let known = known_clients(practice.conn())?;
    let decisions: HashMap<u32, DuplicateDecision> = request
        .decisions
        .iter()
        .map(|d| (d.line, d.decision))
        .collect();
    // The rows before the current one, by the same keys (values are lines, not numbers).
    let mut earlier = KnownClients::default();
    let mut report = ImportReport {
        status: ImportStatus::Ready,
        rows: total,
        to_import: 0,
        imported: 0,
        skipped: 0,
        problems: Vec::new(),
        duplicates: Vec::new(),
    };
    let mut to_import = Vec::new();
    let checking = |done: usize| ImportProgress {
        phase: ImportPhase::Checking,
        rows_done: done as u32,
        rows_total: total,
    };
    for (i, record) in rows.iter().enumerate() {
        if i % PROGRESS_EVERY == 0 {
            progress(checking(i));
        }
        let valid = match valid_row(record, &request.mapping, today) {
            Ok(valid) => valid,
            Err(problems) => {
                report.problems.extend(problems);
                continue;
            }
        };
        let c = &valid.input;
        let keys = RowKeys {
            reference: folded(&valid.origin.external_reference),
            name: name_key(&c.first_name, &c.last_name, c.date_of_birth),
            email: folded(&c.email),
        };
        let matched = first_match(&keys, &known, &earlier);
        let RowKeys {
            reference,
            name,
            email,
        } = keys;
        if let Some(k) = name {
            earlier.by_name.entry(k).or_insert(record.line);
        }
        if let Some(e) = email {
            earlier.by_email.entry(e).or_insert(record.line);
        }
        if let Some(r) = reference {
            earlier.by_reference.entry(r).or_insert(record.line);
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
    progress(checking(rows.len()));
    report.to_import = to_import.len() as u32;
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
    /// audited as `import`. Progress counts rows checked, then clients added (see
    /// [`ImportProgress`]).
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
        let adding = |done: usize| ImportProgress {
            phase: ImportPhase::Adding,
            rows_done: done as u32,
            rows_total: to_import.len() as u32,
        };
        self.write(actor, |w| {
            progress(adding(0));
            for (i, valid) in to_import.iter().enumerate() {
                w.add_client(valid, "import")?;
                if (i + 1) % PROGRESS_EVERY == 0 {
                    progress(adding(i + 1));
                }
            }
            Ok(())
        })?;
        if to_import.len() % PROGRESS_EVERY != 0 {
            progress(adding(to_import.len()));
        }
        report.imported = to_import.len() as u32;
        report.status = ImportStatus::Imported;
        Ok(report)
    }
}
