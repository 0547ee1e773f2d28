//! Contraindications on a client's record, and the rule that decides whether one stops treatment.

use crate::error::{Error, Result};
use crate::ids::{ClientId, ContraindicationId};
use crate::validate::{bounded_text, chosen, not_in_future, required_text, Problems};
use crate::vocab::Condition;
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a contraindication restricts treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ContraindicationKind {
    /// No treatment while it is on file, unless a doctor's clearance is recorded.
    Absolute,
    /// No treatment until (and including) the given day, unless cleared.
    Temporary { until: NaiveDate },
    /// Treatment only once a doctor's clearance is recorded.
    NeedsClearance,
}

/// A doctor's written clearance to treat despite a contraindication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Clearance {
    pub cleared_on: NaiveDate,
    /// Who gave the clearance (e.g. "Dr A. Rahman, GP").
    pub cleared_by: String,
    pub note: String,
}

/// One contraindication on a client's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Contraindication {
    pub id: ContraindicationId,
    pub condition: Condition,
    /// Free detail (required for `other`): which drug, which scar, …
    pub detail: String,
    pub kind: ContraindicationKind,
    pub clearance: Option<Clearance>,
}

/// A contraindication as entered on the client form. Without an id it is new; with one it
/// replaces the entry it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContraindicationInput {
    pub id: Option<ContraindicationId>,
    /// Which condition: chosen by the practitioner. It must be sent; null (not chosen yet) is
    /// refused, never read as some condition.
    #[serde(deserialize_with = "Option::deserialize")]
    pub condition: Option<Condition>,
    pub detail: String,
    /// What it means for treatment: chosen, like the condition; null is refused.
    #[serde(deserialize_with = "Option::deserialize")]
    pub kind: Option<ContraindicationKind>,
    pub clearance: Option<Clearance>,
}

impl From<&Contraindication> for ContraindicationInput {
    /// The entry on file, as the form would send it back unchanged.
    fn from(on_file: &Contraindication) -> Self {
        ContraindicationInput {
            id: Some(on_file.id),
            condition: Some(on_file.condition),
            detail: on_file.detail.clone(),
            kind: Some(on_file.kind),
            clearance: on_file.clearance.clone(),
        }
    }
}

impl Contraindication {
    /// Whether this contraindication stops a session performed on `day`.
    pub fn blocks_treatment_on(&self, day: NaiveDate) -> bool {
        if self.clearance.is_some() {
            return false;
        }
        match self.kind {
            ContraindicationKind::Absolute | ContraindicationKind::NeedsClearance => true,
            ContraindicationKind::Temporary { until } => day <= until,
        }
    }

    /// A short description naming the condition, for refusal messages.
    pub fn describe(&self) -> String {
        let condition = self.condition.code().replace('_', " ");
        let what = if self.detail.is_empty() {
            condition
        } else {
            format!("{condition} ({})", self.detail)
        };
        match self.kind {
            ContraindicationKind::Absolute => format!("absolute contraindication: {what}"),
            ContraindicationKind::Temporary { until } => {
                format!("temporary contraindication until {until}: {what}")
            }
            ContraindicationKind::NeedsClearance => {
                format!("contraindication needing a doctor's clearance: {what}")
            }
        }
    }
}

/// Checks the form's contraindications and gives each its id; else every problem of every
/// entry at once, each under its path (`contraindications[1].condition`).
pub(crate) fn validate(
    inputs: &[ContraindicationInput],
    today: NaiveDate,
) -> Result<Vec<Contraindication>> {
    if inputs.len() > 30 {
        return Err(Error::validation(
            "contraindications",
            "at most 30 contraindications can be recorded",
        ));
    }
    let mut problems = Problems::default();
    let checked: Vec<Option<Contraindication>> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| check_one(&mut problems, i, input, today))
        .collect();
    problems.finish()?;
    Ok(checked.into_iter().flatten().collect())
}

/// One entry of the form, checked: the entry, or `None` with its problems kept in `problems`.
fn check_one(
    problems: &mut Problems,
    i: usize,
    input: &ContraindicationInput,
    today: NaiveDate,
) -> Option<Contraindication> {
    let field = |name: &str| format!("contraindications[{i}].{name}");
    let condition = problems.check(chosen(
        &field("condition"),
        format!("Contraindication {}: choose the condition", i + 1),
        input.condition,
    ));
    let detail = problems.check(bounded_text(&field("detail"), "Detail", &input.detail, 500));
    if condition == Some(Condition::Other) && detail.as_ref().is_some_and(String::is_empty) {
        problems.keep(Error::validation(
            field("detail"),
            "Describe the condition when it is \"other\"",
        ));
    }
    let kind = problems.check(chosen(
        &field("kind"),
        format!(
            "Contraindication {}: choose its restriction: absolute, temporary, or needing a doctor’s clearance",
            i + 1
        ),
        input.kind,
    ));
    // No clearance recorded is `Some(None)`; one with problems is `None`.
    let clearance = match &input.clearance {
        None => Some(None),
        Some(c) => check_clearance(problems, &field, c, today).map(Some),
    };
    Some(Contraindication {
        id: input.id.unwrap_or_default(),
        condition: condition?,
        detail: detail?,
        kind: kind?,
        clearance: clearance?,
    })
}

/// A doctor's clearance as entered: `None` with its problems kept in `problems`.
fn check_clearance(
    problems: &mut Problems,
    field: &dyn Fn(&str) -> String,
    c: &Clearance,
    today: NaiveDate,
) -> Option<Clearance> {
    let on = problems.check(not_in_future(
        &field("clearance.cleared_on"),
        "Clearance date",
        c.cleared_on,
        today,
    ));
    let by = problems.check(required_text(
        &field("clearance.cleared_by"),
        "Who gave the clearance",
        &c.cleared_by,
        200,
    ));
    let note = problems.check(bounded_text(
        &field("clearance.note"),
        "Clearance note",
        &c.note,
        1000,
    ));
    on?;
    Some(Clearance {
        cleared_on: c.cleared_on,
        cleared_by: by?,
        note: note?,
    })
}

/// Replaces a client's contraindications with `list`, in order.
pub(crate) fn replace_all(
    conn: &Connection,
    client: ClientId,
    list: &[Contraindication],
) -> Result<()> {
    conn.prepare_cached("DELETE FROM contraindications WHERE client_id = ?1")?
        .execute([client])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO contraindications
            (id, client_id, position, condition, detail, kind, until, cleared_on, cleared_by, clearance_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (position, c) in list.iter().enumerate() {
        let (kind, until) = match c.kind {
            ContraindicationKind::Absolute => ("absolute", None),
            ContraindicationKind::Temporary { until } => ("temporary", Some(until)),
            ContraindicationKind::NeedsClearance => ("needs_clearance", None),
        };
        insert
            .execute(params![
                c.id,
                client,
                position as i64,
                c.condition,
                c.detail,
                kind,
                until,
                c.clearance.as_ref().map(|x| x.cleared_on),
                c.clearance.as_ref().map(|x| x.cleared_by.as_str()),
                c.clearance.as_ref().map(|x| x.note.as_str()).unwrap_or(""),
            ])
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Error::conflict(
                        Some(&format!("contraindications[{position}]")),
                        "this contraindication belongs to another client",
                    )
                }
                other => other.into(),
            })?;
    }
    Ok(())
}

/// A client's contraindications, in the order they were entered.
pub(crate) fn for_client(conn: &Connection, client: ClientId) -> Result<Vec<Contraindication>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, condition, detail, kind, until, cleared_on, cleared_by, clearance_note
         FROM contraindications WHERE client_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([client], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Contraindication> {
    let kind: String = row.get("kind")?;
    let kind = match kind.as_str() {
        "absolute" => ContraindicationKind::Absolute,
        "temporary" => ContraindicationKind::Temporary {
            until: row.get("until")?,
        },
        _ => ContraindicationKind::NeedsClearance,
    };
    let cleared_on: Option<NaiveDate> = row.get("cleared_on")?;
    let clearance = match cleared_on {
        Some(cleared_on) => Some(Clearance {
            cleared_on,
            cleared_by: row.get("cleared_by")?,
            note: row.get("clearance_note")?,
        }),
        None => None,
    };
    Ok(Contraindication {
        id: row.get("id")?,
        condition: row.get("condition")?,
        detail: row.get("detail")?,
        kind,
        clearance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn with(kind: ContraindicationKind, clearance: Option<Clearance>) -> Contraindication {
        Contraindication {
            id: ContraindicationId::new(),
            condition: Condition::BloodThinners,
            detail: String::new(),
            kind,
            clearance,
        }
    }

    #[test]
    fn temporary_blocks_through_its_last_day_only() {
        let c = with(
            ContraindicationKind::Temporary {
                until: day("2026-03-10"),
            },
            None,
        );
        assert!(c.blocks_treatment_on(day("2026-03-10")));
        assert!(!c.blocks_treatment_on(day("2026-03-11")));
    }

    #[test]
    fn a_clearance_lifts_any_kind() {
        let clearance = Some(Clearance {
            cleared_on: day("2026-01-01"),
            cleared_by: "Dr Y".into(),
            note: String::new(),
        });
        assert!(with(ContraindicationKind::Absolute, None).blocks_treatment_on(day("2026-01-02")));
        assert!(!with(ContraindicationKind::Absolute, clearance.clone())
            .blocks_treatment_on(day("2026-01-02")));
        assert!(
            with(ContraindicationKind::NeedsClearance, None).blocks_treatment_on(day("2026-01-02"))
        );
        assert!(!with(ContraindicationKind::NeedsClearance, clearance)
            .blocks_treatment_on(day("2026-01-02")));
    }
}
