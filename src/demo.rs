//! A realistic sample clinic — staff, catalogue, and clients with plans and sessions spread over
//! ten years — for the app's "load a sample clinic" and for benchmarks at any size.

use crate::audit::Actor;
use crate::error::{Error, Result};
use crate::ids::{ClientId, NeedleId, PigmentId, PigmentLotId, PlanId, SessionId, StaffId};
use crate::practice::{Practice, Write};
use crate::vocab::*;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoSummary {
    pub staff: u32,
    pub pigments: u32,
    pub pigment_lots: u32,
    pub needles: u32,
    pub clients: u32,
    pub plans: u32,
    pub sessions: u32,
}

/// A small, fast, seedable generator (SplitMix64): the demo must be reproducible, and it needs
/// no cryptographic quality.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn between(&mut self, low: f64, high: f64, step: f64) -> f64 {
        let steps = ((high - low) / step).round() as u64;
        low + step * self.below(steps + 1) as f64
    }
}

const FIRST_NAMES: &[&str] = &[
    "James",
    "Oliver",
    "Mohammed",
    "Zoë",
    "José",
    "Björn",
    "Siobhán",
    "Łukasz",
    "Ahmed",
    "Daniel",
    "Chloé",
    "Mateo",
    "Liam",
    "Noah",
    "Emily",
    "Sofia",
    "Raj",
    "Chen",
    "Hiroshi",
    "Kwame",
    "Olumide",
    "Andrés",
    "François",
    "Søren",
    "Ines",
    "Marco",
    "Youssef",
    "Omar",
    "Priya",
    "Aisha",
    "Tomás",
    "Niamh",
    "Connor",
    "Jamal",
    "Dmitri",
    "Elena",
    "Karim",
    "Lucas",
    "Hannah",
    "Grace",
    "Samuel",
    "Anders",
    "Mehmet",
    "Zainab",
    "Patrick",
    "Rhys",
    "Callum",
    "Benoît",
    "Ömer",
    "Ana",
];

const LAST_NAMES: &[&str] = &[
    "Smith",
    "Jones",
    "Williams",
    "Brown",
    "Taylor",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Walker",
    "Wright",
    "Robinson",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Lewis",
    "Martin",
    "Jackson",
    "Clarke",
    "Clark",
    "Turner",
    "Hill",
    "Scott",
    "Cooper",
    "Morris",
    "Ward",
    "Moore",
    "King",
    "Watson",
    "Baker",
    "Harrison",
    "Morgan",
    "Patel",
    "Khan",
    "Singh",
    "Ali",
    "Hussain",
    "Nguyen",
    "García",
    "Müller",
    "O'Brien",
    "Nowak",
    "Kowalski",
    "Rossi",
    "Dubois",
    "Jensen",
    "Yılmaz",
    "Okafor",
    "Mensah",
    "Tanaka",
    "Kim",
    "Novák",
    "Fernández",
    "Ó Súilleabháin",
    "MacLeod",
    "Van der Berg",
    "Al-Farsi",
    "Haddad",
    "Mahmoud",
];

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

const MAIN_ZONES: &[ScalpZone] = &[
    ScalpZone::FrontalHairline,
    ScalpZone::Temples,
    ScalpZone::MidScalp,
    ScalpZone::Crown,
];

/// A lot in the sample catalogue: its id, the day it arrived and its expiry.
type SampleLot = (PigmentLotId, NaiveDate, NaiveDate);

struct Catalogue {
    practitioners: Vec<StaffId>,
    needles: Vec<NeedleId>,
    /// Per pigment: its lots as (id, received, expires), oldest first.
    lots: Vec<(PigmentId, Vec<SampleLot>)>,
}

impl Catalogue {
    /// A lot of the pigment that is in date on `day` (the newest one received by then).
    fn lot_for(&self, pigment: usize, day: NaiveDate) -> PigmentLotId {
        let lots = &self.lots[pigment].1;
        lots.iter()
            .rev()
            .find(|(_, received, expires)| *received <= day && day <= *expires)
            .unwrap_or(&lots[0])
            .0
    }
}

impl Write<'_> {
    fn demo_catalogue(
        &self,
        first_day: NaiveDate,
        today: NaiveDate,
        summary: &mut DemoSummary,
    ) -> Result<Catalogue> {
        let mut practitioners = Vec::new();
        for (name, role) in STAFF {
            let id = StaffId::new();
            self.tx.execute(
                "INSERT INTO staff (id, name, role, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)",
                params![id, name, role, self.now],
            )?;
            if *role == StaffRole::Practitioner {
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
            if existing > 0 {
                return Err(Error::refused(
                    None,
                    "The sample clinic can only be loaded into an empty database",
                ));
            }
            let mut dice = Dice(u64::from(spec.seed));
            let first_day = today - Duration::days(3650);
            let mut summary = DemoSummary {
                staff: 0,
                pigments: 0,
                pigment_lots: 0,
                needles: 0,
                clients: 0,
                plans: 0,
                sessions: 0,
            };
            let catalogue = w.demo_catalogue(first_day, today, &mut summary)?;
            let counts = sessions_per_client(&mut dice, spec.clients, spec.sessions);
            for (i, sessions) in counts.into_iter().enumerate() {
                w.demo_client(
                    &mut dice,
                    &catalogue,
                    i as u32 + 1,
                    sessions,
                    first_day,
                    today,
                    &mut summary,
                )?;
            }
            w.audit(
                "practice",
                &"demo",
                "generate_demo",
                None::<&()>,
                Some(&summary),
            )?;
            Ok(summary)
        })
    }
}

impl Write<'_> {
    #[allow(clippy::too_many_arguments)]
    fn demo_client(
        &self,
        dice: &mut Dice,
        catalogue: &Catalogue,
        number: u32,
        sessions: u32,
        first_day: NaiveDate,
        today: NaiveDate,
        summary: &mut DemoSummary,
    ) -> Result<()> {
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

        let pigment = dice.below(catalogue.lots.len() as u64) as usize;
        let practitioner = *dice.pick(&catalogue.practitioners);
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
                .prepare_cached("UPDATE sessions SET signed_at = ?2, signed_by = ?3 WHERE id = ?1")?
                .execute(params![id, at, practitioner])?;
        }
        Ok(())
    }
}

/// Lower-case ASCII letters of a name, for sample email addresses.
fn ascii_fold(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'a'..='z' | 'A'..='Z' => Some(c.to_ascii_lowercase()),
            'à'..='å' => Some('a'),
            'è'..='ë' => Some('e'),
            'ì'..='ï' => Some('i'),
            'ò'..='ö' | 'ø' | 'Ó' => Some('o'),
            'ù'..='ü' => Some('u'),
            'ç' => Some('c'),
            'ł' | 'Ł' => Some('l'),
            'ñ' => Some('n'),
            'ı' => Some('i'),
            _ => None,
        })
        .collect()
}
