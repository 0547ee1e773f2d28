//! What a successful write changed, told to every screen that shows it: after each write
//! command, [`crate::api::dispatch`] emits a `changed` event naming the command, the areas of the
//! app it touched and the client concerned, so other windows — and the workstations of a clinic
//! server — refresh what they show. Pure reads emit nothing.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// The event every successful write command emits.
pub const CHANGED: &str = "changed";

/// A part of the app a write may have changed (what a screen showing it should reload).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// The client list and search.
    Clients,
    /// A client's record (plans, sessions, consents, photos).
    Record,
    Calendar,
    Recalls,
    /// The practitioner's day.
    Today,
    /// Pigments, lots and needles.
    Catalogue,
    /// Sites, settings, consent templates.
    Clinic,
    Staff,
}

use Area::*;

const EVERYTHING: &[Area] = &[
    Clients, Record, Calendar, Recalls, Today, Catalogue, Clinic, Staff,
];

/// The payload of a `changed` event.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Changed {
    pub command: String,
    pub areas: Vec<Area>,
    /// The client whose record changed, when the command was about one.
    pub client_id: Option<String>,
}

/// The areas the write command `name` changes; `None` for a command that changes nothing
/// another screen shows (reads, sign-in, exports, backups).
pub fn areas_of(name: &str) -> Option<&'static [Area]> {
    Some(match name {
        "create_client"
        | "update_client"
        | "update_client_contact"
        | "archive_client"
        | "unarchive_client"
        | "import_clients" => &[Clients, Record, Calendar, Recalls, Today],
        "create_plan" | "update_plan" | "cancel_plan" => &[Record, Recalls, Today],
        "record_session" | "update_session" | "discard_session" | "sign_session"
        | "amend_session" => &[Record, Recalls, Today, Catalogue],
        "sign_consent" | "withdraw_consent" | "add_photo" | "update_photo" | "remove_photo" => {
            &[Record, Today]
        }
        "book_appointment"
        | "reschedule_appointment"
        | "cancel_appointment"
        | "mark_attended"
        | "mark_no_show"
        | "book_recall" => &[Calendar, Recalls, Today, Record],
        "log_contact"
        | "snooze_recall"
        | "decline_recall"
        | "disable_recall_until"
        | "set_recall_due" => &[Recalls, Record],
        "create_pigment" | "update_pigment" | "set_pigment_active" | "add_pigment_lot"
        | "update_pigment_lot" | "create_needle" | "update_needle" | "set_needle_active" => {
            &[Catalogue]
        }
        "create_site"
        | "update_site"
        | "update_clinic_settings"
        | "create_consent_template"
        | "revise_consent_template" => &[Clinic, Calendar, Recalls],
        "create_staff" | "update_staff" | "set_staff_active" | "set_staff_sites"
        | "issue_setup_code" | "create_owner" | "set_pin" | "change_password" => &[Staff],
        "erase_client"
        | "restore_backup"
        | "restore_from_file"
        | "recover_from_backup"
        | "load_demo_clinic" => EVERYTHING,
        _ => return None,
    })
}

/// The client the request of command `name` names (`client_id`, at its top or in its input, or
/// the client's own `id` for the client commands), read before the request is consumed.
pub fn client_in_request(name: &str, request: &Value) -> Option<String> {
    text(request.get("client_id"))
        .or_else(|| text(request.get("input").and_then(|i| i.get("client_id"))))
        .or_else(|| {
            about_a_client(name)
                .then(|| text(request.get("id")))
                .flatten()
        })
}

/// What the write command `name` changed, from the client its request named and its response:
/// `None` for a command that changes nothing another screen shows.
pub fn changed_by(name: &str, request_client: Option<String>, response: &Value) -> Option<Changed> {
    let areas = areas_of(name)?;
    let response_client = text(response.get("client_id")).or_else(|| {
        about_a_client(name)
            .then(|| text(response.get("id")))
            .flatten()
    });
    Some(Changed {
        command: name.to_owned(),
        areas: areas.to_vec(),
        client_id: response_client.or(request_client),
    })
}

fn about_a_client(name: &str) -> bool {
    name.ends_with("_client") || name.ends_with("_client_contact")
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_named_write_is_a_command_of_the_table() {
        let names: Vec<&str> = crate::api::COMMANDS.iter().map(|c| c.name).collect();
        for name in &names {
            if let Some(areas) = areas_of(name) {
                assert!(!areas.is_empty(), "{name}");
            }
        }
        let writes = names.iter().filter(|n| areas_of(n).is_some()).count();
        assert!(writes > 40, "only {writes} writes found");
    }

    #[test]
    fn the_client_is_read_from_the_response_or_the_request() {
        let named = client_in_request("book_appointment", &json!({"input": {"client_id": "c1"}}));
        assert_eq!(named.as_deref(), Some("c1"));
        let booked = changed_by("book_appointment", named, &json!({"id": "a1"})).unwrap();
        assert_eq!(booked.client_id.as_deref(), Some("c1"));
        let created = changed_by("create_client", None, &json!({"id": "c2"}));
        assert_eq!(created.unwrap().client_id.as_deref(), Some("c2"));
        let pigment = changed_by("create_pigment", None, &json!({"id": "p1"})).unwrap();
        assert_eq!(pigment.client_id, None);
        assert!(changed_by("calendar", None, &json!([])).is_none());
    }
}
