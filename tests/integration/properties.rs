//! Property tests: validation bounds hold for any number, and search finds any name by any
//! prefix whatever its case and accents.

use crate::support::*;
use hairline::*;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A session is accepted exactly when depth, angle and pain are within their bounds; when
    /// refused, the field named is the one out of bounds and nothing is written.
    #[test]
    fn session_bounds_are_exact(
        depth in prop_oneof![0.0f64..4.0, Just(0.1), Just(3.0), Just(f64::NAN), Just(f64::INFINITY)],
        angle in prop_oneof![-10.0f64..100.0, Just(0.0), Just(90.0)],
        pain in 0u8..=14,
    ) {
        let mut clinic = Clinic::new();
        let client = clinic.client("Ana", "Lopez");
        let plan = clinic.plan(client.id);
        let mut input = clinic.session_input(plan.id, 1, "2026-06-01");
        input.zones[0].depth_mm = depth;
        input.zones[0].angle_deg = angle;
        input.pain_score = Some(pain);
        let depth_ok = (0.1..=3.0).contains(&depth);
        let angle_ok = (0.0..=90.0).contains(&angle);
        let pain_ok = pain <= 10;
        match clinic.practice.record_session(clinic.actor(), &input) {
            Ok(session) => {
                prop_assert!(depth_ok && angle_ok && pain_ok);
                prop_assert_eq!(session.zones[0].depth_mm, depth);
            }
            Err(err) => {
                prop_assert!(!(depth_ok && angle_ok && pain_ok), "refused valid input: {}", err);
                let field = err.field().unwrap_or_default().to_owned();
                let expected = if !pain_ok { "pain_score" } else if !depth_ok { "zones[0].depth_mm" } else { "zones[0].angle_deg" };
                prop_assert_eq!(field, expected);
                prop_assert_eq!(count(&clinic.practice, "sessions"), 0);
            }
        }
    }

    /// Any name is found by any prefix of any of its words, typed without accents and in any case.
    #[test]
    fn search_finds_every_prefix_of_every_name(
        first in "[A-Za-zÀ-ÖØ-öø-ÿ]{2,12}",
        last in "[A-Za-zÀ-ÖØ-öø-ÿ]{2,12}( [A-Za-zÀ-ÖØ-öø-ÿ]{2,8})?",
        cut in 1usize..6,
        upper in any::<bool>(),
    ) {
        let mut clinic = Clinic::new();
        let mut input = client_input("X", "Y");
        input.first_name = first.clone();
        input.last_name = last.clone();
        let client = clinic.practice.create_client(clinic.actor(), &input).unwrap();
        clinic.client("Other", "Person");
        for word in first.split(' ').chain(last.split(' ')) {
            let folded = fold(word);
            let typed: String = folded.chars().take(cut).collect();
            let typed = if upper { typed.to_uppercase() } else { typed };
            let found = clinic.practice.search_clients(&typed, ArchiveFilter::Active, 50).unwrap();
            prop_assert!(found.iter().any(|c| c.id == client.id), "{:?} not found by {:?}", word, typed);
        }
    }

    /// Whatever is typed, search answers (no FTS syntax error) and writes nothing.
    #[test]
    fn any_typed_text_is_safe_to_search(typed in "\\PC{0,40}") {
        let mut clinic = Clinic::new();
        clinic.client("Ana", "Lopez");
        clinic.practice.search_clients(&typed, ArchiveFilter::All, 20).unwrap();
        prop_assert_eq!(count(&clinic.practice, "clients"), 1);
    }
}

/// Strips the Latin-1 accents the generator uses, as a user typing without them would.
fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'À'..='Å' => 'A',
            'à'..='å' => 'a',
            'Ç' => 'C',
            'ç' => 'c',
            'È'..='Ë' => 'E',
            'è'..='ë' => 'e',
            'Ì'..='Ï' => 'I',
            'ì'..='ï' => 'i',
            'Ð' => 'D',
            'ð' => 'd',
            'Ñ' => 'N',
            'ñ' => 'n',
            'Ò'..='Ö' | 'Ø' => 'O',
            'ò'..='ö' | 'ø' => 'o',
            'Ù'..='Ü' => 'U',
            'ù'..='ü' => 'u',
            'Ý' => 'Y',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect::<String>()
        .replace('Æ', "AE")
        .replace('æ', "ae")
        .replace('Þ', "TH")
        .replace('þ', "th")
        .replace('ß', "ss")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Adding months lands in the right month, never overflows it, and keeps the day when the
    /// month has it (month ends clamp; 29 February becomes 28 February in common years).
    #[test]
    fn adding_months_clamps_to_the_month_end(
        year in 2000i32..2100, month in 1u32..=12, day_of_month in 1u32..=31, months in 0u32..=120,
    ) {
        use chrono::Datelike;
        let Some(start) = chrono::NaiveDate::from_ymd_opt(year, month, day_of_month) else { return Ok(()) };
        let due = dates::add_months(start, months);
        let total = (year * 12 + month as i32 - 1) + months as i32;
        prop_assert_eq!((due.year(), due.month()), (total.div_euclid(12), total.rem_euclid(12) as u32 + 1));
        if due.day() != start.day() {
            prop_assert!(due.day() < start.day());
            prop_assert!(due.succ_opt().unwrap().day() == 1, "clamped to the last day: {}", due);
        }
    }

    /// Spacing in days is exact, whatever the month or year.
    #[test]
    fn adding_days_is_exact(offset in 0i64..40_000, days in 0u32..=120) {
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(offset);
        prop_assert_eq!((dates::add_days(start, days) - start).num_days(), i64::from(days));
    }

    /// Any local time that exists at a site survives the trip to UTC and back, in zones with
    /// and without daylight saving, on any day of the year.
    #[test]
    fn local_times_round_trip_through_utc(
        zone in prop::sample::select(vec!["Europe/London", "Europe/Amsterdam", "Asia/Dubai", "America/New_York", "Australia/Sydney"]),
        offset in 0i64..3650, minutes in 0i64..(24 * 60),
    ) {
        let site = Site {
            id: SiteId::new(), name: "S".into(), address: String::new(), time_zone: zone.into(),
            hours: vec![], active: true, staff_ids: vec![], version: 1,
        };
        let local = (chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(offset))
            .and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(minutes);
        match site.to_utc("t", local) {
            Ok(utc) => {
                let back = site.to_local(utc).unwrap();
                // An ambiguous time (clocks going back) maps to its first occurrence, which reads the same.
                prop_assert_eq!(back, local);
            }
            Err(err) => prop_assert!(err.to_string().contains("does not exist"), "{}", err),
        }
    }
}
