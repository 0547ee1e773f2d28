//! A realistic sample clinic — staff, catalogue, and clients with plans and sessions spread over
//! ten years — for the app's "load a sample clinic" and for benchmarks at any size.

use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod calendar;
mod catalogue;
mod clients;
mod names;

/// The password every sample staff member signs in with, shown on the sign-in screen while the
/// practice holds the sample clinic (it is sample data: no real clinic works in it).
pub const SAMPLE_PASSWORD: &str = "sample clinic 2026";

/// The entity id the sample's generation is audited under: the sign-in screen looks it up by
/// this id (an index) to tell a sample clinic.
pub const AUDIT_ENTITY_ID: &str = "demo";

/// How big a sample clinic to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoSpec {
    pub clients: u32,
    /// Sessions in all, spread over the clients (about three per client is typical).
    pub sessions: u32,
    /// Same seed, same clinic.
    pub seed: u32,
}

impl DemoSpec {
    /// The sample clinic the app offers on first run.
    pub const SAMPLE: DemoSpec = DemoSpec {
        clients: 240,
        sessions: 700,
        seed: 7,
    };
}

/// What the generator made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoSummary {
    pub staff: u32,
    pub pigments: u32,
    pub pigment_lots: u32,
    pub needles: u32,
    pub clients: u32,
    pub plans: u32,
    pub sessions: u32,
    pub sites: u32,
    pub appointments: u32,
    pub recalls_open: u32,
}

/// A small, fast, seedable generator (SplitMix64): the demo must be reproducible, and it needs
/// no cryptographic quality.
pub(crate) struct Dice(u64);

impl Dice {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub(crate) fn between(&mut self, low: f64, high: f64, step: f64) -> f64 {
        let steps = ((high - low) / step).round() as u64;
        low + step * self.below(steps + 1) as f64
    }
}

/// What every generated client draws on: the catalogue, the calendar, and the ten years the
/// clinic has been open.
struct Setting {
    catalogue: catalogue::Catalogue,
    calendar: calendar::Calendar,
    first_day: chrono::NaiveDate,
    today: chrono::NaiveDate,
}

/// Splits `total` sessions over `clients` as evenly as dice allow: each gets at least one.
fn sessions_per_client(dice: &mut Dice, clients: u32, total: u32) -> Vec<u32> {
    let mut counts = vec![1u32; clients as usize];
    for _ in clients..total.max(clients) {
        let i = dice.below(clients as u64) as usize;
        counts[i] += 1;
    }
    counts
}

impl Practice {
    /// Fills an empty practice with a sample clinic of the given size. Refused if the database
    /// already holds clients or staff, so a real clinic's data is never mixed with samples.
    pub fn generate_demo(&mut self, spec: DemoSpec) -> Result<DemoSummary> {
        if spec.clients == 0 || spec.clients > 1_000_000 {
            return Err(Error::validation(
                "clients",
                "A sample clinic has 1 to 1,000,000 clients",
            ));
        }
        if spec.sessions > 10_000_000 {
            return Err(Error::validation(
                "sessions",
                "A sample clinic has at most 10,000,000 sessions",
            ));
        }
        let today = self.clock().today();
        self.write(Actor::System, |w| {
            let existing: i64 = w.tx.query_row(
                "SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM staff)",
                [],
                |r| r.get(0),
            )?;
            // The owner's own account may be there already (they load the sample).
            let owners: i64 = w.tx.query_row(
                "SELECT count(*) FROM staff_accounts WHERE password_hash IS NOT NULL",
                [],
                |r| r.get(0),
            )?;
            if existing > owners.min(1) {
                return Err(Error::refused(
                    None,
                    "The sample clinic can only be loaded into an empty practice (its owner's account aside)",
                ));
            }
            let mut dice = Dice(u64::from(spec.seed));
            let first_day = today - Duration::days(3650);
            let mut summary = DemoSummary::default();
            let practitioners = (spec.sessions / 2500).max(4) as usize;
            let catalogue = w.demo_catalogue(first_day, today, practitioners, &mut summary)?;
            let calendar = w.demo_sites(&catalogue.practitioners, &mut summary)?;
            let mut setting = Setting {
                catalogue,
                calendar,
                first_day,
                today,
            };
            let counts = sessions_per_client(&mut dice, spec.clients, spec.sessions);
            for (i, sessions) in counts.into_iter().enumerate() {
                w.demo_client(
                    &mut dice,
                    &mut setting,
                    i as u32 + 1,
                    sessions,
                    &mut summary,
                )?;
            }
            w.demo_recall_history(&mut dice, &mut setting.calendar, today, &mut summary)?;
            // The clinic's consent forms, ready to sign. (Sample clients have none signed: their
            // history predates Hairline, so recording a new session for one shows the consent
            // warning until they sign.)
            w.add_default_consent_templates()?;
            w.audit(
                "practice",
                &AUDIT_ENTITY_ID,
                "generate_demo",
                None::<&()>,
                Some(&summary),
            )?;
            Ok(summary)
        })
    }
}

impl Practice {
    /// Gives every sample staff member without a password the sample password, as one argon2id
    /// hash (`password_hash`, made from [`SAMPLE_PASSWORD`] by the caller): sample accounts
    /// share it, real accounts never share a salt.
    pub fn give_sample_staff_password(&mut self, password_hash: &str) -> Result<()> {
        self.write(Actor::System, |w| {
            w.tx.execute(
                "INSERT INTO staff_accounts (staff_id, password_hash)
                 SELECT id, ?1 FROM staff WHERE true
                 ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash
                  WHERE staff_accounts.password_hash IS NULL",
                [password_hash],
            )?;
            Ok(())
        })
    }
}
