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
