//! The sample clinic's staff, sites and catalogue: practitioners and managers, clinic sites in
//! their own time zones, needle configurations, and pigments with a new lot every year.

use super::names::{FIRST_NAMES, LAST_NAMES};
use super::DemoSummary;
use crate::db::practice::Write;
use crate::error::Result;
use crate::ids::{NeedleId, PigmentId, PigmentLotId, StaffId};
use crate::vocab::*;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;

const STAFF: &[(&str, StaffRole)] = &[
    ("Dana Whitfield", StaffRole::Practitioner),
    ("Marcus Osei", StaffRole::Practitioner),
    ("Leila Haddad", StaffRole::Practitioner),
    ("Tom Bright", StaffRole::Practitioner),
    ("Sarah Kaplan", StaffRole::Manager),
    ("Priya Nair", StaffRole::Manager),
];

const PIGMENTS: &[(&str, &str, PigmentTone)] = &[
    ("Perma Blend", "SMP Jet", PigmentTone::Neutral),
    ("Perma Blend", "SMP Soft Black", PigmentTone::Cool),
    ("Scalp Ink", "Dark Ash", PigmentTone::Cool),
    ("Scalp Ink", "Mid Brown", PigmentTone::Warm),
    ("Eternal", "SMP Shade 2", PigmentTone::Neutral),
];

const NEEDLES: &[(&str, &str, &str, f64, NeedleTaper)] = &[
    ("Kwadron", "1RL", "0601", 0.18, NeedleTaper::Long),
    ("Kwadron", "1RL", "0801", 0.25, NeedleTaper::Long),
    ("Cheyenne", "3RL", "0603", 0.30, NeedleTaper::Medium),
    ("Cheyenne", "3RL", "0803", 0.35, NeedleTaper::Medium),
    ("Bishop", "5RS", "0805", 0.35, NeedleTaper::Short),
];

/// A lot in the sample catalogue: its id, the day it arrived and its expiry.
type SampleLot = (PigmentLotId, NaiveDate, NaiveDate);

pub(super) struct Catalogue {
    pub(super) practitioners: Vec<StaffId>,
    pub(super) needles: Vec<NeedleId>,
    /// Per pigment: its lots as (id, received, expires), oldest first.
    pub(super) lots: Vec<(PigmentId, Vec<SampleLot>)>,
}

impl Catalogue {
    /// A lot of the pigment that is in date on `day` (the newest one received by then).
    pub(super) fn lot_for(&self, pigment: usize, day: NaiveDate) -> PigmentLotId {
        let lots = &self.lots[pigment].1;
        lots.iter()
            .rev()
            .find(|(_, received, expires)| *received <= day && day <= *expires)
            .unwrap_or(&lots[0])
            .0
    }
}

impl Write<'_> {
    pub(super) fn demo_catalogue(
        &self,
        first_day: NaiveDate,
        today: NaiveDate,
        practitioner_count: usize,
        summary: &mut DemoSummary,
    ) -> Result<Catalogue> {
        let mut practitioners = Vec::new();
        // The named staff first; a large clinic gets more practitioners, so that nobody is
        // booked twice at once however many sessions it holds.
        let extra = (STAFF.len()..).map(|i| {
            let name = format!(
                "{} {}",
                FIRST_NAMES[i * 7 % FIRST_NAMES.len()],
                LAST_NAMES[i * 13 % LAST_NAMES.len()]
            );
            (name, StaffRole::Practitioner)
        });
        let named = STAFF.iter().map(|(name, role)| (name.to_string(), *role));
        let wanted_extra = practitioner_count.saturating_sub(
            STAFF
                .iter()
                .filter(|(_, r)| *r == StaffRole::Practitioner)
                .count(),
        );
        for (name, role) in named.chain(extra.take(wanted_extra)) {
            let id = StaffId::new();
            self.tx.execute(
                "INSERT INTO staff (id, name, role, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)",
                params![id, name, role, self.now],
            )?;
            if role == StaffRole::Practitioner {
                practitioners.push(id);
            }
            summary.staff += 1;
        }
        let mut needles = Vec::new();
        for (brand, configuration, code, diameter, taper) in NEEDLES {
            let id = NeedleId::new();
            self.tx.execute(
                "INSERT INTO needles (id, brand, configuration, maker_code, diameter_mm, taper, active, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
                params![id, brand, configuration, code, diameter, taper, self.now],
            )?;
            needles.push(id);
            summary.needles += 1;
        }
        let mut lots = Vec::new();
        for (p, (brand, name, tone)) in PIGMENTS.iter().enumerate() {
            let pigment = PigmentId::new();
            self.tx.execute(
                "INSERT INTO pigments (id, brand, name, tone, active, created_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
                params![pigment, brand, name, tone, self.now],
            )?;
            summary.pigments += 1;
            let mut pigment_lots = Vec::new();
            // A new lot every year, each good for two years from receipt.
            for year in first_day.year() - 1..=today.year() {
                let id = PigmentLotId::new();
                let received = NaiveDate::from_ymd_opt(year, 1, 10).expect("valid date");
                let expires = NaiveDate::from_ymd_opt(year + 2, 1, 31).expect("valid date");
                let opened = received + Duration::days(20);
                self.tx.execute(
                    "INSERT INTO pigment_lots (id, pigment_id, lot_number, expires_on, received_on, opened_on, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        id, pigment, format!("{}{}-{year}", &brand[..2].to_uppercase(), p + 1),
                        expires, received, (opened <= today).then_some(opened), self.now
                    ],
                )?;
                pigment_lots.push((id, received, expires));
                summary.pigment_lots += 1;
            }
            lots.push((pigment, pigment_lots));
        }
        Ok(Catalogue {
            practitioners,
            needles,
            lots,
        })
    }
}
