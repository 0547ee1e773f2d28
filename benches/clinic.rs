//! Benchmark over a generated clinic (default 100,000 clients and 300,000 sessions, plus one
//! client with 500 sessions): search-as-you-type, loading a full record, the calendar and recalls,
//! recording a session and booking an appointment.
//!
//! `cargo bench --bench clinic` — sizes via HAIRLINE_BENCH_CLIENTS / HAIRLINE_BENCH_SESSIONS.
//! The generated database is kept in `target/bench/` and reused by later runs of the same size.

use chrono::{Datelike, Duration, NaiveDate};
use hairline::*;
use std::path::PathBuf;
use std::time::Instant;

const TODAY: &str = "2026-06-15";

fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn clock() -> FixedClock {
    FixedClock::on(TODAY.parse().unwrap())
}

/// p50 and p99 of durations in milliseconds.
fn report(name: &str, mut samples: Vec<f64>, target_ms: f64) {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    let (p50, p99) = (at(0.50), at(0.99));
    let verdict = if p99 <= target_ms {
        "ok"
    } else {
        "OVER TARGET"
    };
    println!(
        "{name:<46} n={:<5} p50 {p50:>7.3} ms   p99 {p99:>7.3} ms   target p99 < {target_ms} ms  {verdict}",
        samples.len()
    );
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = work();
    (out, start.elapsed().as_secs_f64() * 1000.0)
}

/// A client with `sessions` signed sessions over plans of six.
fn heavy_client(practice: &mut Practice, sessions: u32) -> ClientId {
    let practitioner = practice
        .list_staff(false)
        .unwrap()
        .into_iter()
        .find(|s| s.role == StaffRole::Practitioner)
        .unwrap();
    let actor = Actor::Staff(practitioner.id);
    let needle = practice.list_needles().unwrap()[0].id;
    let pigments = practice.list_pigments().unwrap();
    let client = practice
        .create_client(
            actor,
            &ClientInput {
                phone: "07700 900000".into(),
                care_reminders_consent: Some(true),
                sun_exposure: Some(SunExposure::Moderate),
                ..ClientInput::named("Heavy", "Regular")
            },
        )
        .unwrap();
    let today: NaiveDate = TODAY.parse().unwrap();
    let lot = pigments[0]
        .lots
        .iter()
        .find(|l| !l.is_expired_on(today))
        .unwrap()
        .id;
    let mut day = today - Duration::days(sessions as i64 * 2);
    let mut plan = None;
    for i in 0..sessions {
        let number = (i % 6) as u8 + 1;
        if number == 1 {
            let input = PlanInput {
                client_id: client.id,
                areas: vec![ScalpZone::FullScalp],
                hairline_style: None,
                desired_look: Some(DesiredLook::ShavedBuzz),
                target_pigment_id: None,
                planned_sessions: 6,
                spacing_days: 14,
                touch_up_interval_months: 60,
                touch_up_interval_manual: None,
                finish: None,
                notes: String::new(),
            };
            plan = Some(practice.create_plan(actor, &input).unwrap().id);
        }
        let zone = |zone| ZoneSetting {
            zone,
            needle_id: needle,
            cartridge_lot: "CART-1".into(),
            depth_mm: 0.8,
            target_layer: String::new(),
            angle_deg: 80.0,
            machine_speed: None,
            stroke_mm: None,
            pigment_lot_id: lot,
            dilution: "1:2".into(),
            density: Density::Medium,
        };
        let input = SessionInput {
            plan_id: plan.unwrap(),
            number,
            performed_on: day,
            practitioner_id: practitioner.id,
            duration_minutes: 120,
            zones: vec![zone(ScalpZone::FrontalHairline), zone(ScalpZone::Crown)],
            skin_reaction: None,
            pain_score: Some(2),
            notes: String::new(),
            // The bench's clients have no signed consent; the acknowledgement path is audited.
            acknowledge_missing_consent: Some(ConsentAcknowledgement {
                reason: "bench".into(),
            }),
            acknowledge_spacing: Some(true),
        };
        let session = practice.record_session(actor, &input).unwrap();
        practice.sign_session(actor, session.id).unwrap();
        day += Duration::days(2);
    }
    client.id
}

fn main() {
    let clients = env_or("HAIRLINE_BENCH_CLIENTS", 100_000);
    let sessions = env_or("HAIRLINE_BENCH_SESSIONS", 300_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("clinic-{clients}-{sessions}.sqlite"));
    if !path.exists() {
        let building = dir.join("building.sqlite");
        let _ = std::fs::remove_file(&building);
        let mut practice = Practice::open(&building, clock()).unwrap();
        let (summary, ms) = timed(|| {
            practice
                .generate_demo(DemoSpec {
                    clients,
                    sessions,
                    seed: 42,
                })
                .unwrap()
        });
        println!("generated {summary:?} in {:.1} s", ms / 1000.0);
        let (_, ms) = timed(|| heavy_client(&mut practice, 500));
        println!(
            "recorded and signed 500 sessions for one client in {:.1} s",
            ms / 1000.0
        );
        drop(practice);
        std::fs::rename(&building, &path).unwrap();
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("building.sqlite{ext}")));
        }
    }
    let mut practice = Practice::open(&path, clock()).unwrap();
    println!(
        "clinic: {} ({} clients); file {:.0} MB",
        path.display(),
        practice
            .list_clients(ArchiveFilter::All, 0, 1)
            .unwrap()
            .total,
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6
    );

    // Search as you type: 3-letter prefixes of real names in the clinic.
    let page = practice.list_clients(ArchiveFilter::All, 0, 200).unwrap();
    let prefixes: Vec<String> = page
        .clients
        .iter()
        .flat_map(|c| {
            [
                c.first_name.chars().take(3).collect::<String>(),
                c.last_name.chars().take(3).collect(),
            ]
        })
        .collect();
    for p in prefixes.iter().take(50) {
        practice
            .search_clients(p, ArchiveFilter::Active, 50)
            .unwrap();
    }
    let samples = (0..2000)
        .map(|i| {
            timed(|| {
                practice
                    .search_clients(&prefixes[i % prefixes.len()], ArchiveFilter::Active, 50)
                    .unwrap()
            })
            .1
        })
        .collect();
    report("search-as-you-type, 3-letter prefix, 50 rows", samples, 5.0);
    // The screen's own call: a page of 100 and how many match in all, for the first letters
    // typed (two letters match thousands of clients).
    for letters in [2, 3] {
        let typed: Vec<String> = prefixes
            .iter()
            .map(|p| p.chars().take(letters).collect())
            .collect();
        let samples = (0..1000)
            .map(|i| {
                timed(|| {
                    practice
                        .search_page(&typed[i % typed.len()], ArchiveFilter::Active, 0, 100)
                        .unwrap()
                })
                .1
            })
            .collect();
        report(
            &format!("search page of 100 + total, {letters}-letter prefix"),
            samples,
            10.0,
        );
    }

    // Full record of the client with 500 sessions.
    let heavy = practice
        .search_clients("heavy regular", ArchiveFilter::All, 1)
        .unwrap()[0]
        .id;
    let record = practice.client_record(heavy).unwrap();
    let count: usize = record.plans.iter().map(|p| p.sessions.len()).sum();
    assert_eq!(count, 500);
    let samples = (0..200)
        .map(|_| timed(|| practice.client_record(heavy).unwrap()).1)
        .collect();
    report("full record, client with 500 sessions", samples, 10.0);
    // What the record page opens with: the profile, every plan and the newest sessions.
    let samples = (0..200)
        .map(|_| timed(|| practice.client_overview(heavy).unwrap()).1)
        .collect();
    report(
        "record as it opens, client with 500 sessions",
        samples,
        10.0,
    );
    let samples = page
        .clients
        .iter()
        .map(|c| timed(|| practice.client_record(c.id).unwrap()).1)
        .collect();
    report("full record, typical client", samples, 10.0);

    // The calendar and the recall worklist.
    let today: NaiveDate = TODAY.parse().unwrap();
    let worklist = WorklistQuery {
        within_days: Some(30),
        practitioner_id: None,
        kind: None,
        flagged: false,
        limit: 200,
        offset: 0,
    };
    let rows = practice.worklist(&worklist).unwrap().len();
    let samples = (0..300)
        .map(|_| timed(|| practice.worklist(&worklist).unwrap()).1)
        .collect();
    report(
        &format!("recall worklist, due within 30 days ({rows} rows)"),
        samples,
        20.0,
    );
    let samples = (0..300)
        .map(|_| timed(|| practice.recall_counts().unwrap()).1)
        .collect();
    report("recall counts for the navigation", samples, 20.0);
    let sites = practice.list_sites().unwrap();
    let staff = practice.list_staff(false).unwrap();
    let week = |site_id, practitioner_id, weeks_back: i64| CalendarQuery {
        from: today - Duration::days(7 * weeks_back),
        days: 7,
        site_id,
        practitioner_id,
        include_cancelled: false,
    };
    let mut shown = 0;
    let samples = (0..300)
        .map(|i| {
            let (a, ms) = timed(|| {
                practice
                    .calendar(&week(None, None, (i % 52) as i64))
                    .unwrap()
            });
            shown = shown.max(a.len());
            ms
        })
        .collect();
    report(
        &format!("week view, whole clinic (up to {shown} appointments)"),
        samples,
        10.0,
    );
    let samples = (0..300)
        .map(|i| {
            timed(|| {
                practice
                    .calendar(&week(
                        Some(sites[i % sites.len()].id),
                        None,
                        (i % 52) as i64,
                    ))
                    .unwrap()
            })
            .1
        })
        .collect();
    report("week view, one site", samples, 10.0);
    let practitioners: Vec<_> = staff
        .iter()
        .filter(|s| s.role == StaffRole::Practitioner)
        .collect();
    let samples = (0..300)
        .map(|i| {
            timed(|| {
                practice
                    .calendar(&week(
                        None,
                        Some(practitioners[i % practitioners.len()].id),
                        (i % 52) as i64,
                    ))
                    .unwrap()
            })
            .1
        })
        .collect();
    report("week view, one practitioner", samples, 10.0);
    // The whole clinic's day in lanes: the day's appointments and its summary (each lane's load),
    // the two calls the Calendar's day view makes, over a year of days.
    let mut most = 0;
    let samples = (0..300)
        .map(|i| {
            let from = today - Duration::days((i % 364) as i64);
            let (shown, ms) = timed(|| {
                let day = practice
                    .calendar(&CalendarQuery {
                        from,
                        days: 1,
                        site_id: None,
                        practitioner_id: None,
                        include_cancelled: false,
                    })
                    .unwrap();
                practice
                    .calendar_summary(&CalendarSummaryQuery {
                        from,
                        days: 1,
                        site_id: None,
                        practitioner_id: None,
                    })
                    .unwrap();
                day.len()
            });
            most = most.max(shown);
            ms
        })
        .collect();
    report(
        &format!("a day in lanes, whole clinic (up to {most} appointments, with its summary)"),
        samples,
        10.0,
    );

    // Recording a session (validation, contraindication and lot checks, audit, fsync).
    let practitioner = practice
        .list_staff(false)
        .unwrap()
        .into_iter()
        .find(|s| s.role == StaffRole::Practitioner)
        .unwrap();
    let actor = Actor::Staff(practitioner.id);
    let template = practice.client_record(heavy).unwrap().plans[0].sessions[0].clone();
    let mut plans = Vec::new();
    for c in page
        .clients
        .iter()
        .filter(|c| c.contraindication_count == 0)
        .take(150)
    {
        let input = PlanInput {
            client_id: c.id,
            areas: vec![ScalpZone::Crown],
            hairline_style: None,
            desired_look: Some(DesiredLook::ShavedBuzz),
            target_pigment_id: None,
            planned_sessions: 2,
            spacing_days: 14,
            touch_up_interval_months: 60,
            touch_up_interval_manual: None,
            finish: None,
            notes: String::new(),
        };
        if let Ok(plan) = practice.create_plan(actor, &input) {
            plans.push(plan.id);
        }
    }
    let samples = plans
        .iter()
        .flat_map(|plan| [(plan, 1u8), (plan, 2u8)])
        .map(|(plan, number)| {
            let input = SessionInput {
                plan_id: *plan,
                number,
                performed_on: TODAY.parse().unwrap(),
                practitioner_id: practitioner.id,
                duration_minutes: 150,
                zones: template.zones.clone(),
                skin_reaction: None,
                pain_score: Some(3),
                notes: "bench".into(),
                acknowledge_missing_consent: Some(ConsentAcknowledgement {
                    reason: "bench".into(),
                }),
                acknowledge_spacing: Some(true),
            };
            timed(|| practice.record_session(actor, &input).unwrap()).1
        })
        .collect();
    report("record a session (2 zones, fsync included)", samples, 10.0);

    // Booking at the front desk: a review in each site's opening hours over the coming weeks
    // (clash check against everyone's history, recall bookkeeping, audit, fsync). Each booking
    // is cancelled again, untimed, so the next run finds the same free slots.
    let mut samples = Vec::new();
    for (i, client) in page.clients.iter().take(200).enumerate() {
        let site = &sites[i % sites.len()];
        let (Some(hours), Some(practitioner_id)) = (
            site.hours.get(i % site.hours.len().max(1)),
            site.staff_ids.get(i % site.staff_ids.len().max(1)),
        ) else {
            continue;
        };
        let week_start = today + Duration::days(7 * (27 + (i % 26) as i64));
        let monday =
            week_start - Duration::days(week_start.weekday().num_days_from_monday().into());
        let Some(day) = (0..7)
            .map(|d| monday + Duration::days(d))
            .find(|d| Weekday::from(d.weekday()) == hours.weekday)
        else {
            continue;
        };
        let input = AppointmentInput {
            site_id: site.id,
            client_id: client.id,
            practitioner_id: *practitioner_id,
            kind: AppointmentKind::Review,
            starts_local: day.and_time(hours.opens) + Duration::minutes(30 * (i % 8) as i64),
            duration_minutes: 30,
            plan_id: None,
            session_number: None,
            notes: "bench".into(),
            acknowledge_spacing: None,
        };
        let (booked, ms) = timed(|| practice.book_appointment(actor, &input));
        if let Ok(booked) = booked {
            samples.push(ms);
            practice.cancel_appointment(actor, booked.id).unwrap();
        }
    }
    report("book an appointment (fsync included)", samples, 10.0);

    // Registering a new client at the front desk (numbering, the search index, audit, fsync).
    let samples = (0..400)
        .map(|n| {
            let input = ClientInput {
                phone: format!("+44 20 7946 {:04}", n % 10_000),
                ..ClientInput::named("Bench", &format!("Newcomer{n}"))
            };
            timed(|| practice.create_client(actor, &input).unwrap()).1
        })
        .collect();
    report("register a new client (fsync included)", samples, 10.0);
}
