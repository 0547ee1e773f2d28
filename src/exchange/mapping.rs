//! Which client detail each column of another system's CSV export holds: the details a column
//! can hold, the guess made from the header, the mapping a user confirmed or wrote for the
//! `hairline` tool (`Address 1=address_line,Patient ID=external_id,Created=ignore`), and the
//! check that no column is left undecided — every column is mapped to a detail or explicitly
//! ignored, so nothing the file holds is dropped without the user saying so.

use crate::codes::code_enum;
use crate::error::{Error, Result};
use crate::exchange::loose_date::DateOrder;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

code_enum! {
    /// What a CSV column holds, as the user maps it.
    pub enum ClientField {
        FirstName = "first_name",
        LastName = "last_name",
        /// First and last name in one column, split at the last space.
        FullName = "full_name",
        DateOfBirth = "date_of_birth",
        Phone = "phone",
        Email = "email",
        /// The whole address in one column. The address parts (`address`, `address_line`,
        /// `city`, `postcode`, `country`) are joined, in the file's column order and without the
        /// blank ones, with ", " into the client's address.
        Address = "address",
        /// One line of the address (street, flat, district, county…); any number of columns.
        AddressLine = "address_line",
        City = "city",
        Postcode = "postcode",
        Country = "country",
        Notes = "notes",
        Medications = "medications",
        Allergies = "allergies",
        /// yes/no, true/false, 1/0, y/n.
        CareRemindersConsent = "care_reminders_consent",
        MarketingConsent = "marketing_consent",
        /// The other system's ID for the client, kept on the client and searchable.
        ExternalId = "external_id",
        /// The day the other system created the client (a time after it is left out), kept as
        /// "Client since".
        ClientSince = "client_since",
        /// Not imported: the user chose to leave this column out.
        Ignore = "ignore",
    }
}

impl ClientField {
    /// Whether more than one column may be mapped to this.
    fn repeatable(self) -> bool {
        matches!(self, ClientField::AddressLine | ClientField::Ignore)
    }
}

/// What each column of the file holds (`None`: not decided yet — the import refuses to run
/// until every column is mapped or ignored), and how all-numbers dates are read (`None`: not
/// said — the import refuses to run while a date of the file reads as two different days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportMapping {
    pub columns: Vec<Option<ClientField>>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub date_order: Option<DateOrder>,
}

/// What a header names, if Hairline recognises it.
fn guess_field(header: &str) -> Option<ClientField> {
    let h: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let is = |names: &[&str]| names.contains(&h.as_str());
    let person = ["patient", "client", "customer", "contact", "member"];
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
        } else if h == "address" || h == "fulladdress" || h == "postaladdress" {
            ClientField::Address
        } else if h.starts_with("address")
            || h.starts_with("street")
            || is(&["county", "state", "region", "province", "district"])
        {
            ClientField::AddressLine
        } else if is(&["city", "town", "towncity", "citytown", "ort", "ville"]) {
            ClientField::City
        } else if h.starts_with("postcode")
            || h.starts_with("postalcode")
            || h.starts_with("zip")
            || is(&["plz", "postcodezip", "eircode"])
        {
            ClientField::Postcode
        } else if h == "country" {
            ClientField::Country
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
        } else if is(&[
            "id",
            "ref",
            "reference",
            "externalid",
            "mrn",
            "recordnumber",
        ]) || person.iter().any(|p| {
            h.strip_prefix(p)
                .is_some_and(|rest| ["id", "no", "number", "ref", "reference"].contains(&rest))
        }) {
            ClientField::ExternalId
        } else if h.starts_with("created")
            || h.starts_with("datecreated")
            || h.starts_with("registered")
            || h.starts_with("dateregistered")
            || h.ends_with("since")
            || is(&[
                "creationdate",
                "registrationdate",
                "datejoined",
                "joined",
                "dateadded",
                "added",
                "firstvisit",
            ])
        {
            ClientField::ClientSince
        } else {
            return None;
        },
    )
}

/// The guessed detail of each header: each one-column detail for the first header naming it;
/// a header Hairline does not recognise (or a second one naming a one-column detail) is left
/// for the user to decide.
pub(crate) fn guess_columns(headers: &[String]) -> Vec<Option<ClientField>> {
    let mut taken = HashSet::new();
    headers
        .iter()
        .map(|h| guess_field(h).filter(|f| f.repeatable() || taken.insert(*f)))
        .collect()
}

/// `"Patient ID" (column 3)` for messages.
fn column_named(headers: &[String], index: usize) -> String {
    format!("\"{}\" (column {})", headers[index], index + 1)
}

/// Refuses a mapping that cannot import: one that does not fit the file, leaves a column
/// undecided (naming them all), maps two columns to a one-column detail, or does not say where
/// the names are.
pub(crate) fn check_mapping(mapping: &ImportMapping, headers: &[String]) -> Result<()> {
    if mapping.columns.len() != headers.len() {
        return Err(Error::validation(
            "mapping",
            format!(
                "The mapping lists {} columns but the file has {}",
                mapping.columns.len(),
                headers.len()
            ),
        ));
    }
    let undecided: Vec<String> = (0..headers.len())
        .filter(|&i| mapping.columns[i].is_none())
        .map(|i| column_named(headers, i))
        .collect();
    if !undecided.is_empty() {
        return Err(Error::validation(
            "mapping",
            format!(
                "Choose what {} {} or ignore {}: {}",
                if undecided.len() == 1 {
                    "this column"
                } else {
                    "these columns"
                },
                if undecided.len() == 1 {
                    "holds,"
                } else {
                    "hold,"
                },
                if undecided.len() == 1 { "it" } else { "them" },
                undecided.join(", ")
            ),
        ));
    }
    let mut seen = HashSet::new();
    for (i, field) in mapping.columns.iter().enumerate() {
        let field = field.expect("every column decided");
        if !field.repeatable() && !seen.insert(field) {
            let first = mapping
                .columns
                .iter()
                .position(|c| *c == Some(field))
                .expect("seen before");
            return Err(Error::validation(
                "mapping",
                format!(
                    "Two columns are mapped to {field}: {} and {}; choose one",
                    column_named(headers, first),
                    column_named(headers, i)
                ),
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

/// The mapping written as text, for the `hairline` tool's `--map` and mapping files: entries
/// `Header=field` separated by commas or line breaks (a line starting with `#` is a comment).
/// Each entry sets every column with that header (compared without regard to case or
/// surrounding spaces; `Header=?` leaves it undecided); the columns it does not name keep
/// `guessed`. A header the file does not
/// have, or a detail Hairline does not know, is refused with what the file and Hairline offer.
pub fn apply_mapping_text(
    headers: &[String],
    guessed: &ImportMapping,
    text: &str,
) -> Result<ImportMapping> {
    let mut mapping = guessed.clone();
    let entries = text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty());
    for entry in entries {
        let Some((header, code)) = entry.rsplit_once('=') else {
            return Err(Error::validation(
                "mapping",
                format!("\"{entry}\" is not Header=field (e.g. \"City=city\")"),
            ));
        };
        let (header, code) = (header.trim(), code.trim());
        let field = if code == "?" {
            None
        } else {
            Some(ClientField::from_code(&code.to_lowercase()).ok_or_else(|| {
                let known: Vec<&str> = ClientField::ALL.iter().map(|f| f.code()).collect();
                Error::validation(
                    "mapping",
                    format!(
                        "\"{code}\" (for \"{header}\") is not a client detail; use one of: {}",
                        known.join(", ")
                    ),
                )
            })?)
        };
        let mut found = false;
        for (i, h) in headers.iter().enumerate() {
            if h.trim().to_lowercase() == header.to_lowercase() {
                mapping.columns[i] = field;
                found = true;
            }
        }
        if !found {
            let shown: Vec<String> = headers.iter().map(|h| format!("\"{h}\"")).collect();
            return Err(Error::validation(
                "mapping",
                format!(
                    "The file has no column \"{header}\"; its columns are {}",
                    shown.join(", ")
                ),
            ));
        }
    }
    Ok(mapping)
}

/// The mapping as text that [`apply_mapping_text`] reads back (undecided columns as `?`), one
/// column a line, to show the user or save as a mapping file.
pub fn mapping_text(headers: &[String], mapping: &ImportMapping) -> String {
    headers
        .iter()
        .zip(&mapping.columns)
        .map(|(h, f)| format!("{h}={}\n", f.map_or("?", ClientField::code)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn another_systems_header_is_guessed_without_dropping_a_column() {
        let h = headers(&[
            "Patient ID",
            "First Name",
            "Surname",
            "Address 1",
            "Address 2",
            "City",
            "County",
            "Postcode",
            "Country",
            "Created",
            "Shoe size",
        ]);
        use ClientField::*;
        assert_eq!(
            guess_columns(&h),
            vec![
                Some(ExternalId),
                Some(FirstName),
                Some(LastName),
                Some(AddressLine),
                Some(AddressLine),
                Some(City),
                Some(AddressLine),
                Some(Postcode),
                Some(Country),
                Some(ClientSince),
                None,
            ]
        );
    }

    #[test]
    fn a_second_column_naming_a_one_column_detail_is_left_to_decide() {
        let h = headers(&["Email", "Email 2", "First", "Last"]);
        assert_eq!(
            guess_columns(&h),
            vec![
                Some(ClientField::Email),
                None,
                Some(ClientField::FirstName),
                Some(ClientField::LastName)
            ]
        );
    }

    #[test]
    fn undecided_columns_are_named_in_the_refusal() {
        let h = headers(&["First", "Last", "Patient code", "Shoe size"]);
        let mapping = ImportMapping {
            columns: guess_columns(&h),
            date_order: Some(DateOrder::DayFirst),
        };
        let err = check_mapping(&mapping, &h).unwrap_err();
        assert_eq!(err.field(), Some("mapping"));
        assert_eq!(
            err.to_string(),
            "Choose what these columns hold, or ignore them: \"Patient code\" (column 3), \"Shoe size\" (column 4)"
        );
    }

    #[test]
    fn mapping_text_sets_columns_and_reads_back_what_it_writes() {
        let h = headers(&["First", "Last", "Patient code", "Shoe size"]);
        let guessed = ImportMapping {
            columns: guess_columns(&h),
            date_order: Some(DateOrder::DayFirst),
        };
        let mapping = apply_mapping_text(
            &h,
            &guessed,
            "# from the old system\npatient CODE = external_id, Shoe size=IGNORE\n",
        )
        .unwrap();
        assert_eq!(mapping.columns[2], Some(ClientField::ExternalId));
        assert_eq!(mapping.columns[3], Some(ClientField::Ignore));
        assert_eq!(
            apply_mapping_text(&h, &guessed, &mapping_text(&h, &mapping)).unwrap(),
            mapping
        );
        let err = apply_mapping_text(&h, &guessed, "Size=ignore").unwrap_err();
        assert!(err.to_string().contains("no column \"Size\""), "{err}");
        let err = apply_mapping_text(&h, &guessed, "Shoe size=shoes").unwrap_err();
        assert!(err.to_string().contains("address_line"), "{err}");
        let err = apply_mapping_text(&h, &guessed, "Shoe size").unwrap_err();
        assert!(err.to_string().contains("Header=field"), "{err}");
    }
}
