//! Record versions: the guard against lost updates. A form sends back the version of the record
//! it was opened at; a save goes through only if the record is still at that version, and moves
//! it on by one, in the same transaction as the change. A stale save is refused with a conflict
//! that says, from the audit trail, who changed what since.

use crate::db::practice::Write;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde_json::Value;
use std::collections::BTreeMap;

/// The kinds of record a form edits, each with its table and its name in the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Versioned {
    Client,
    Plan,
    Session,
    Pigment,
    PigmentLot,
    Needle,
    Staff,
    Site,
    Appointment,
    Photo,
}

impl Versioned {
    fn table(self) -> &'static str {
        match self {
            Versioned::Client => "clients",
            Versioned::Plan => "plans",
            Versioned::Session => "sessions",
            Versioned::Pigment => "pigments",
            Versioned::PigmentLot => "pigment_lots",
            Versioned::Needle => "needles",
            Versioned::Staff => "staff",
            Versioned::Site => "sites",
            Versioned::Appointment => "appointments",
            Versioned::Photo => "photos",
        }
    }

    /// The record's name in the audit trail (`audit_log.entity`).
    fn entity(self) -> &'static str {
        match self {
            Versioned::Client => "client",
            Versioned::Plan => "plan",
            Versioned::Session => "session",
            Versioned::Pigment => "pigment",
            Versioned::PigmentLot => "pigment_lot",
            Versioned::Needle => "needle",
            Versioned::Staff => "staff",
            Versioned::Site => "site",
            Versioned::Appointment => "appointment",
            Versioned::Photo => "photo",
        }
    }

    /// The record in words, for messages ("this pigment lot").
    fn noun(self) -> &'static str {
        match self {
            Versioned::PigmentLot => "pigment lot",
            Versioned::Staff => "staff member",
            other => other.entity(),
        }
    }
}

/// The field a stale save is reported on, so the UI can tell it from other conflicts and offer
/// to reload.
pub const VERSION_FIELD: &str = "version";

impl Write<'_> {
    /// Moves record `id` from version `expected` to the next one, or refuses: not found when the
    /// record does not exist, a conflict naming who changed what when it is no longer at
    /// `expected`. Called inside the write that changes the record, before anything else is
    /// stored, so that the check and the change are one transaction.
    pub(crate) fn claim_version(
        &self,
        kind: Versioned,
        id: &impl ToString,
        expected: u32,
    ) -> Result<()> {
        let id = id.to_string();
        let table = kind.table();
        let moved = self
            .tx
            .prepare_cached(&format!(
                "UPDATE {table} SET version = version + 1 WHERE id = ?1 AND version = ?2"
            ))?
            .execute(params![id, expected])?;
        if moved == 1 {
            return Ok(());
        }
        let current: Option<u32> = self
            .tx
            .prepare_cached(&format!("SELECT version FROM {table} WHERE id = ?1"))?
            .query_row([&id], |r| r.get(0))
            .optional()?;
        match current {
            None => Err(Error::not_found(kind.entity(), id)),
            Some(current) => {
                Err(self.stale_save(kind.entity(), kind.noun(), &id, expected, current)?)
            }
        }
    }

    /// The conflict for a save over version `expected` of record `id` (audited as `entity`,
    /// called `noun` in messages) when it is at `current`, naming from the audit trail who
    /// changed what since.
    pub(crate) fn stale_save(
        &self,
        entity: &str,
        noun: &str,
        id: &str,
        expected: u32,
        current: u32,
    ) -> Result<Error> {
        let changes = changes_since(self, entity, id, expected)?;
        let message = if changes.people.is_empty() {
            // The record moved on without an audited change (only possible through raw SQL).
            stale_message(&format!(
                "This {noun} was changed since you opened it (it is now at version {current}, \
                 you opened version {expected})"
            ))
        } else {
            let what = if changes.fields.is_empty() {
                String::new()
            } else {
                format!(" ({})", changes.fields.join(", "))
            };
            stale_message(&format!(
                "Since you opened this {noun}, {} changed it {}{what}",
                join_words(&changes.people),
                time_ago(changes.last_at, self.now),
            ))
        };
        Ok(Error::conflict(Some(VERSION_FIELD), message))
    }
}

/// "Since you opened this client, Dana Reyes changed it 3 minutes ago (address,
/// contraindications). Your changes were not saved: reload to see theirs, then make yours
/// again." — `since` is the first sentence, without its full stop.
pub(crate) fn stale_message(since: &str) -> String {
    format!("{since}. Your changes were not saved: reload to see theirs, then make yours again.")
}

/// Who changed a record after a version, when last, and which of its fields differ.
struct ChangesSince {
    people: Vec<String>,
    last_at: DateTime<Utc>,
    fields: Vec<String>,
}

/// Reads the audit entries that moved record `id` past `version`: their authors (by name,
/// "Hairline" for its own changes), the newest time, and the fields that differ between the
/// record as it was at `version` and as it is now.
fn changes_since(w: &Write<'_>, entity: &str, id: &str, version: u32) -> Result<ChangesSince> {
    let mut statement = w.tx.prepare_cached(
        "SELECT a.at, coalesce(s.name, a.actor_label, 'Hairline') AS who, a.before, a.after
         FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id
         WHERE a.entity_id = ?1 AND a.entity = ?2
           AND CAST(json_extract(a.after, '$.version') AS INTEGER) > ?3
         ORDER BY a.at, a.rowid",
    )?;
    let rows = statement.query_map(params![id, entity, version], |r| {
        Ok((
            r.get::<_, DateTime<Utc>>("at")?,
            r.get::<_, String>("who")?,
            r.get::<_, Option<Value>>("before")?,
            r.get::<_, Option<Value>>("after")?,
        ))
    })?;
    let mut people: Vec<String> = Vec::new();
    let mut last_at = w.now;
    let mut first_before = None;
    let mut last_after = None;
    for row in rows {
        let (at, who, before, after) = row?;
        if !people.contains(&who) {
            people.push(who);
        }
        last_at = at;
        if first_before.is_none() {
            first_before = Some(before);
        }
        last_after = after;
    }
    let fields = match (first_before.flatten(), last_after) {
        (Some(Value::Object(before)), Some(Value::Object(after))) => {
            changed_fields(&before, &after)
        }
        _ => Vec::new(),
    };
    Ok(ChangesSince {
        people,
        last_at,
        fields,
    })
}

/// Bookkeeping that changes with every save and says nothing about what was changed.
const BOOKKEEPING: &[&str] = &["version", "updated_at", "recorded_at"];

/// The names, in words, of the top-level fields whose values differ.
fn changed_fields(
    before: &serde_json::Map<String, Value>,
    after: &serde_json::Map<String, Value>,
) -> Vec<String> {
    let keys: BTreeMap<&String, ()> = before.keys().chain(after.keys()).map(|k| (k, ())).collect();
    keys.into_keys()
        .filter(|key| !BOOKKEEPING.contains(&key.as_str()))
        .filter(|key| before.get(*key) != after.get(*key))
        .map(|key| key.replace('_', " "))
        .collect()
}

/// "Ana", "Ana and Ben", "Ana, Ben and Cy".
pub(crate) fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// How long before `now` a change was made, in words that need no time zone.
pub(crate) fn time_ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - at).num_minutes().max(0);
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match minutes {
        0 => "moments ago".to_owned(),
        1..=59 => plural(minutes, "minute"),
        60..=2879 => plural(minutes / 60, "hour"),
        _ => format!("on {}", at.format("%-d %b %Y")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_fields_skips_bookkeeping_and_reads_as_words() {
        let before = json!({"address": "1 Road", "notes": "", "version": 2, "updated_at": "x"});
        let after = json!({"address": "2 Road", "notes": "", "version": 3, "updated_at": "y",
            "preferred_contact": "sms"});
        let fields = changed_fields(before.as_object().unwrap(), after.as_object().unwrap());
        assert_eq!(fields, ["address", "preferred contact"]);
    }

    #[test]
    fn people_are_joined_as_a_sentence() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_words(&names(&["Ana"])), "Ana");
        assert_eq!(join_words(&names(&["Ana", "Ben"])), "Ana and Ben");
        assert_eq!(join_words(&names(&["Ana", "Ben", "Cy"])), "Ana, Ben and Cy");
    }

    #[test]
    fn time_ago_needs_no_time_zone() {
        let now = DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let ago = |minutes| time_ago(now - chrono::Duration::minutes(minutes), now);
        assert_eq!(ago(0), "moments ago");
        assert_eq!(ago(1), "1 minute ago");
        assert_eq!(ago(59), "59 minutes ago");
        assert_eq!(ago(60), "1 hour ago");
        assert_eq!(ago(47 * 60), "47 hours ago");
        assert_eq!(ago(3 * 24 * 60), "on 24 Nov 2026");
    }
}
