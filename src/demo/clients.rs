//! The sample clinic's clients: each with a profile, plans and sessions on a believable
//! schedule — a course of two or three sessions, then a touch-up years later.

use super::catalogue::Catalogue;
use super::names::{ascii_fold, FIRST_NAMES, LAST_NAMES};
use super::Setting;
use super::{DemoSummary, Dice};
use crate::db::practice::Write;
use crate::error::Result;
use crate::ids::{ClientId, PlanId, SessionId, StaffId};
use crate::schedule::recalls;
use crate::vocab::*;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::params;

const MAIN_ZONES: &[ScalpZone] = &[
    ScalpZone::FrontalHairline,
    ScalpZone::Temples,
    ScalpZone::MidScalp,
    ScalpZone::Crown,
];

/// When a sample client's sessions happen: plan sizes, days between sessions of a plan (plus up
/// to four days' jitter), days between plans, and the first day — chosen so that every session
/// falls between `first_day` and `today`.
struct Schedule {
    plan_sizes: Vec<u32>,
    spacing: i64,
    gap: i64,
    start: NaiveDate,
}

impl Schedule {
    fn new(dice: &mut Dice, sessions: u32, first_day: NaiveDate, today: NaiveDate) -> Schedule {
        let mut plan_sizes = Vec::new();
        let mut remaining = sessions;
        while remaining > 0 {
            let size = if remaining > 18 { 6 } else { remaining.min(3) };
            plan_sizes.push(size);
            remaining -= size;
        }
        let days = (today - first_day).num_days() - 3;
        let steps = i64::from(sessions) - plan_sizes.len() as i64;
        let gaps = plan_sizes.len() as i64 - 1;
        let heavy = sessions > 18;
        let wanted_spacing = if heavy { 7 } else { 10 + dice.below(12) as i64 };
        let spacing = wanted_spacing.min(days / (steps + gaps).max(1) - 4).max(1);
        let within = steps * (spacing + 4);
        let wanted_gap = if heavy {
            7
        } else {
            365 * 3 + dice.below(900) as i64
        };
        let gap = if gaps > 0 {
            wanted_gap.min((days - within) / gaps).max(1)
        } else {
            0
        };
        let span = within + gap * gaps;
        let start = first_day + Duration::days(dice.below((days - span).max(1) as u64) as i64);
        Schedule {
            plan_sizes,
            spacing,
            gap,
            start,
        }
    }
}

impl Write<'_> {
    pub(super) fn demo_client(
        &self,
        dice: &mut Dice,
        setting: &mut Setting,
        number: u32,
        sessions: u32,
        summary: &mut DemoSummary,
    ) -> Result<()> {
        let (first_day, today) = (setting.first_day, setting.today);
        let first = *dice.pick(FIRST_NAMES);
        let last = *dice.pick(LAST_NAMES);
        let id = ClientId::new();
        let born = NaiveDate::from_ymd_opt(
            1955 + dice.below(45) as i32,
            1 + dice.below(12) as u32,
            1 + dice.below(28) as u32,
        );
        let phone = format!("07{:03} {:06}", dice.below(1000), dice.below(1_000_000));
        let email = format!(
            "{}.{}{}@example.com",
            ascii_fold(first),
            ascii_fold(last),
            number
        );
        let female = dice.chance(15);
        let pattern = if female {
            *dice.pick(&[
                HairLossPattern::LudwigI,
                HairLossPattern::LudwigII,
                HairLossPattern::LudwigIII,
            ])
        } else {
            *dice.pick(&HairLossPattern::ALL[..12])
        };
        let indication = if dice.chance(70) {
            if female {
                Indication::DiffuseThinning
            } else {
                Indication::PatternBaldness
            }
        } else {
            *dice.pick(Indication::ALL)
        };
        let schedule = Schedule::new(dice, sessions, first_day, today);
        let start = schedule.start;
        let created: DateTime<Utc> = start.and_hms_opt(9, 0, 0).expect("valid time").and_utc();
        self.tx.prepare_cached(
            "INSERT INTO clients (id, number, first_name, last_name, date_of_birth, phone, email, address,
                preferred_contact, care_reminders_consent, marketing_consent, fitzpatrick, hair_loss_pattern,
                indication, hair_coverage, hair_length, medications, allergies, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)",
        )?
        .execute(params![
            id, number, first, last, born, phone, email,
            format!("{} High Street, Manchester M{} {}AB", 1 + dice.below(200), 1 + dice.below(40), dice.below(10)),
            dice.pick(ContactChannel::ALL), dice.chance(90), dice.chance(40), dice.pick(Fitzpatrick::ALL), pattern,
            indication, dice.pick(HairCoverage::ALL), dice.pick(&[HairLength::Shaved, HairLength::Buzz, HairLength::Short]),
            if dice.chance(20) { "Finasteride 1 mg daily" } else { "" },
            if dice.chance(8) { "Nickel" } else { "" },
            "", created
        ])?;
        if dice.chance(8) {
            let condition = *dice.pick(&[
                Condition::KeloidScarring,
                Condition::BloodThinners,
                Condition::Diabetes,
                Condition::ScalpPsoriasisEczema,
            ]);
            self.tx.prepare_cached(
                "INSERT INTO contraindications (id, client_id, position, condition, detail, kind, cleared_on, cleared_by)
                 VALUES (?1, ?2, 0, ?3, '', 'needs_clearance', ?4, 'Dr R. Ahmed, GP')",
            )?
            .execute(params![crate::ids::ContraindicationId::new(), id, condition, start])?;
        }
        summary.clients += 1;

        let catalogue = &setting.catalogue;
        let pigment = dice.below(catalogue.lots.len() as u64) as usize;
        let p = dice.below(catalogue.practitioners.len() as u64) as usize;
        let practitioner = catalogue.practitioners[p];
        let mut day = start;
        for (index, &size) in schedule.plan_sizes.iter().enumerate() {
            let first_plan = index == 0;
            let planned = if first_plan { 3.max(size) } else { size };
            let plan = PlanId::new();
            let areas = if first_plan {
                r#"["frontal_hairline","temples","mid_scalp","crown"]"#
            } else {
                r#"["full_scalp"]"#
            };
            let plan_created = day.and_hms_opt(9, 0, 0).expect("valid time").and_utc();
            self.tx.prepare_cached(
                "INSERT INTO plans (id, client_id, areas, hairline_style, desired_look, target_pigment_id,
                    planned_sessions, spacing_days, touch_up_interval_months, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'shaved_buzz', ?5, ?6, ?7, 60, '', ?8, ?8)",
            )?
            .execute(params![plan, id, areas, dice.pick(HairlineStyle::ALL), catalogue.lots[pigment].0, planned, schedule.spacing, plan_created])?;
            summary.plans += 1;
            for n in 1..=size {
                if n > 1 {
                    day += Duration::days(schedule.spacing + dice.below(5) as i64);
                }
                // Every past session was an attended appointment in a free slot of its practitioner.
                if let Some(start) = setting.calendar.place(p, day, today) {
                    day = start.date();
                    self.demo_appointment(
                        &setting.calendar,
                        p,
                        id,
                        plan,
                        Some(n),
                        AppointmentKind::PlanSession,
                        start,
                        AppointmentStatus::Attended,
                    )?;
                    summary.appointments += 1;
                }
                let catalogue = &setting.catalogue;
                self.demo_session(
                    dice,
                    catalogue,
                    plan,
                    id,
                    n,
                    day,
                    practitioner,
                    pigment,
                    today,
                )?;
                summary.sessions += 1;
            }
            recalls::sync_plan(self, plan)?;
            recalls::close_touch_ups_answered_by(self, plan)?;
            // The touch-up plan comes years later, when the pigment has faded.
            day += Duration::days(schedule.gap);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn demo_session(
        &self,
        dice: &mut Dice,
        catalogue: &Catalogue,
        plan: PlanId,
        client: ClientId,
        number: u32,
        day: NaiveDate,
        practitioner: StaffId,
        pigment: usize,
        today: NaiveDate,
    ) -> Result<()> {
        let id = SessionId::new();
        let at = day.and_hms_opt(17, 0, 0).expect("valid time").and_utc();
        let signed = (today - day).num_days() > 2;
        self.tx.prepare_cached(
            "INSERT INTO sessions (id, plan_id, client_id, number, performed_on, practitioner_id, duration_minutes,
                skin_reaction, pain_score, notes, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?6)",
        )?
        .execute(params![
            id, plan, client, number, day, practitioner, 120 + 30 * dice.below(6) as i64,
            dice.pick(&[SkinReaction::None, SkinReaction::Mild, SkinReaction::Mild, SkinReaction::Moderate]),
            dice.below(7) as i64, if number == 1 { "Hairline drawn and approved by client before starting." } else { "" }, at
        ])?;
        let zones = 1 + dice.below(3) as usize;
        let offset = dice.below(MAIN_ZONES.len() as u64) as usize;
        for position in 0..zones {
            let zone = MAIN_ZONES[(offset + position) % MAIN_ZONES.len()];
            let needle = if zone == ScalpZone::FrontalHairline {
                catalogue.needles[0]
            } else {
                *dice.pick(&catalogue.needles)
            };
            self.tx.prepare_cached(
                "INSERT INTO session_zones (session_id, position, zone, needle_id, cartridge_lot, depth_mm,
                    target_layer, angle_deg, machine_speed, stroke_mm, pigment_lot_id, dilution, density)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'upper dermis', ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                id, position as i64, zone, needle, format!("C{}-{:04}", day.year(), dice.below(400)),
                dice.between(0.4, 1.2, 0.1), dice.between(60.0, 90.0, 5.0), dice.between(90.0, 130.0, 10.0),
                dice.between(2.5, 3.5, 0.5), catalogue.lot_for(pigment, day),
                dice.pick(&["1:1", "1:2", "1:3", "1:4"]), dice.pick(Density::ALL)
            ])?;
        }
        if signed {
            self.tx
                .prepare_cached(
                    "UPDATE sessions SET signed_at = ?2, signed_by = ?3,
                        signed_by_name = (SELECT name FROM staff WHERE id = ?3),
                        signed_by_role = (SELECT role FROM staff WHERE id = ?3)
                     WHERE id = ?1",
                )?
                .execute(params![id, at, practitioner])?;
        }
        Ok(())
    }
}
