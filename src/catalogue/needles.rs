//! The needle cartridge catalogue: the configurations a clinic uses, which sessions refer to.

use crate::actor::Actor;
use crate::catalogue::traceability::refuse_if_used;
use crate::db::practice::Practice;
use crate::db::versions::Versioned;
use crate::error::{Error, Result};
use crate::ids::NeedleId;
use crate::validate::{bounded_text, number_in, required_text, Problems};
use crate::vocab::NeedleTaper;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NeedleInput {
    pub brand: String,
    /// Points and grouping, e.g. `1RL`, `3RL`, `5RS` (1 to 6 points).
    pub configuration: String,
    /// The maker's code, e.g. `0603`, `0803`.
    pub maker_code: String,
    /// Needle diameter in millimetres (SMP typically 0.15–0.35).
    pub diameter_mm: f64,
    pub taper: Option<NeedleTaper>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Needle {
    pub id: NeedleId,
    pub brand: String,
    pub configuration: String,
    pub maker_code: String,
    pub diameter_mm: f64,
    pub taper: Option<NeedleTaper>,
    pub active: bool,
    /// Moves on with every save from the form; an edit sends back the version it was opened at.
    pub version: u32,
}

/// Groupings a cartridge configuration can name: round liner, round shader, magnum, flat.
const GROUPINGS: &[&str] = &["RL", "RS", "M", "F"];

struct ValidNeedle {
    brand: String,
    configuration: String,
    maker_code: String,
}

/// Every problem of a needle form at once, and the needle as stored (configuration upper-case).
fn validate(input: &NeedleInput) -> Result<ValidNeedle> {
    let mut p = Problems::default();
    let brand = p.check(required_text("brand", "Brand", &input.brand, 100));
    let configuration = p
        .check(required_text(
            "configuration",
            "Configuration",
            &input.configuration,
            10,
        ))
        .map(|c| c.to_ascii_uppercase());
    if let Some(configuration) = &configuration {
        let points = configuration.chars().next().and_then(|c| c.to_digit(10));
        let grouping = configuration.get(1..).unwrap_or("");
        if !matches!(points, Some(1..=6)) || !GROUPINGS.contains(&grouping) {
            p.keep(Error::validation(
                "configuration",
                format!("Configuration \"{configuration}\" is not 1–6 points followed by RL, RS, M or F (e.g. 3RL)"),
            ));
        }
    }
    let maker_code = p.check(bounded_text(
        "maker_code",
        "Maker's code",
        &input.maker_code,
        20,
    ));
    p.check(number_in(
        "diameter_mm",
        "Needle diameter",
        input.diameter_mm,
        0.1,
        0.5,
        " mm",
    ));
    p.finish()?;
    Ok(ValidNeedle {
        brand: brand.unwrap_or_default(),
        configuration: configuration.unwrap_or_default(),
        maker_code: maker_code.unwrap_or_default(),
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Needle> {
    Ok(Needle {
        id: row.get("id")?,
        brand: row.get("brand")?,
        configuration: row.get("configuration")?,
        maker_code: row.get("maker_code")?,
        diameter_mm: row.get("diameter_mm")?,
        taper: row.get("taper")?,
        active: row.get("active")?,
        version: row.get("version")?,
    })
}

const COLUMNS: &str = "id, brand, configuration, maker_code, diameter_mm, taper, active, version";

pub(crate) fn load(conn: &Connection, id: NeedleId) -> Result<Option<Needle>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM needles WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

fn existing(conn: &Connection, id: NeedleId) -> Result<Needle> {
    load(conn, id)?.ok_or_else(|| Error::not_found("needle configuration", id))
}

impl Practice {
    pub fn create_needle(&mut self, actor: Actor, input: &NeedleInput) -> Result<Needle> {
        let v = validate(input)?;
        self.write(actor, |w| {
            let id = NeedleId::new();
            w.tx.execute(
                "INSERT INTO needles (id, brand, configuration, maker_code, diameter_mm, taper, active, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
                params![id, v.brand, v.configuration, v.maker_code, input.diameter_mm, input.taper, w.now],
            )?;
            let needle = existing(w.tx, id)?;
            w.audit("needle", &id, "create", None::<&Needle>, Some(&needle))?;
            Ok(needle)
        })
    }

    /// Corrects a needle configuration that no session uses yet, if it is still at `version`
    /// (the one the form was opened at).
    pub fn update_needle(
        &mut self,
        actor: Actor,
        id: NeedleId,
        version: u32,
        input: &NeedleInput,
    ) -> Result<Needle> {
        let v = validate(input)?;
        self.write(actor, |w| {
            let before = existing(w.tx, id)?;
            w.claim_version(Versioned::Needle, &id, version)?;
            let what = format!("{} {} mm", before.configuration, before.diameter_mm);
            refuse_if_used(w, "needle_id", &id.to_string(), "configuration", &what)?;
            w.tx.execute(
                "UPDATE needles SET brand = ?2, configuration = ?3, maker_code = ?4, diameter_mm = ?5, taper = ?6
                 WHERE id = ?1",
                params![id, v.brand, v.configuration, v.maker_code, input.diameter_mm, input.taper],
            )?;
            let after = existing(w.tx, id)?;
            w.audit("needle", &id, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Takes a configuration off (or back onto) the pickers; past sessions keep referring to it.
    pub fn set_needle_active(
        &mut self,
        actor: Actor,
        id: NeedleId,
        active: bool,
    ) -> Result<Needle> {
        self.write(actor, |w| {
            let before = existing(w.tx, id)?;
            w.tx.execute(
                "UPDATE needles SET active = ?2 WHERE id = ?1",
                params![id, active],
            )?;
            let after = existing(w.tx, id)?;
            w.audit(
                "needle",
                &id,
                if active { "activate" } else { "deactivate" },
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }

    /// Every needle configuration, by brand and configuration.
    pub fn list_needles(&self) -> Result<Vec<Needle>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM needles ORDER BY brand COLLATE NOCASE, configuration, diameter_mm"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
