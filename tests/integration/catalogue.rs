//! The catalogue: staff, pigments and lots, needle configurations.

use crate::support::*;
use hairline::*;

#[test]
fn pigments_list_with_their_lots_newest_expiry_first() {
    let clinic = Clinic::new();
    let pigments = clinic.practice.list_pigments().unwrap();
    assert_eq!(pigments.len(), 1);
    let lots: Vec<_> = pigments[0]
        .lots
        .iter()
        .map(|l| l.lot_number.as_str())
        .collect();
    assert_eq!(lots, ["PB-2026-01", "PB-2023-07"]);
    assert!(pigments[0].lots[1].is_expired_on(day("2026-06-15")));
    assert!(
        !pigments[0].lots[1].is_expired_on(day("2026-05-31")),
        "usable through its expiry day"
    );
}

/// A shade with no brand, no name and no tone chosen learns all three from one save, and nothing
/// is added to the catalogue.
#[test]
fn a_shade_without_brand_name_or_tone_is_refused_with_all_three() {
    let mut clinic = Clinic::new();
    let before = clinic.practice.list_pigments().unwrap().len();
    let blank = PigmentInput {
        brand: " ".into(),
        name: String::new(),
        tone: None,
    };
    let refused = clinic
        .practice
        .create_pigment(Actor::System, &blank)
        .unwrap_err()
        .to_api();
    assert_eq!(problem_fields(&refused), ["brand", "name", "tone"]);
    assert_eq!(clinic.practice.list_pigments().unwrap().len(), before);
}

#[test]
fn duplicate_shades_and_lots_are_conflicts_naming_the_field() {
    let mut clinic = Clinic::new();
    let dup = PigmentInput {
        brand: "Perma Blend".into(),
        name: "SMP Jet".into(),
        tone: Some(PigmentTone::Cool),
    };
    assert_field(
        clinic.practice.create_pigment(Actor::System, &dup),
        ErrorCode::Conflict,
        "name",
    );
    let lot = PigmentLotInput {
        lot_number: "PB-2026-01".into(),
        expires_on: day("2029-01-01"),
        received_on: None,
        opened_on: None,
    };
    assert_field(
        clinic
            .practice
            .add_pigment_lot(Actor::System, clinic.pigment.id, &lot),
        ErrorCode::Conflict,
        "lot_number",
    );
}

#[test]
fn lot_dates_are_checked() {
    let mut clinic = Clinic::new();
    let lot = PigmentLotInput {
        lot_number: "X1".into(),
        expires_on: day("2029-01-01"),
        received_on: Some(day("2026-03-01")),
        opened_on: Some(day("2026-02-01")),
    };
    assert_field(
        clinic
            .practice
            .add_pigment_lot(Actor::System, clinic.pigment.id, &lot),
        ErrorCode::Validation,
        "opened_on",
    );
    let future = PigmentLotInput {
        received_on: Some(day("2027-01-01")),
        opened_on: None,
        ..lot
    };
    assert_field(
        clinic
            .practice
            .add_pigment_lot(Actor::System, clinic.pigment.id, &future),
        ErrorCode::Validation,
        "received_on",
    );
    let err = clinic
        .practice
        .add_pigment_lot(
            Actor::System,
            PigmentId::new(),
            &PigmentLotInput {
                received_on: None,
                ..future
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[test]
fn recording_when_a_lot_was_opened() {
    let mut clinic = Clinic::new();
    let input = PigmentLotInput {
        lot_number: clinic.lot.lot_number.clone(),
        expires_on: clinic.lot.expires_on,
        received_on: clinic.lot.received_on,
        opened_on: Some(day("2026-06-14")),
    };
    let lot = clinic
        .practice
        .update_pigment_lot(Actor::System, clinic.lot.id, clinic.lot.version, &input)
        .unwrap();
    assert_eq!(lot.opened_on, Some(day("2026-06-14")));
}

#[test]
fn needle_configurations_are_validated() {
    let mut clinic = Clinic::new();
    let good = NeedleInput {
        brand: "Cheyenne".into(),
        configuration: "3rl".into(),
        maker_code: "0803".into(),
        diameter_mm: 0.35,
        taper: None,
    };
    let needle = clinic.practice.create_needle(Actor::System, &good).unwrap();
    assert_eq!(needle.configuration, "3RL");
    for bad in ["7RL", "0RL", "3XX", "RL", "3"] {
        let input = NeedleInput {
            configuration: bad.into(),
            ..good.clone()
        };
        assert_field(
            clinic.practice.create_needle(Actor::System, &input),
            ErrorCode::Validation,
            "configuration",
        );
    }
    for diameter in [0.0, 0.6, f64::NAN, -0.2] {
        let input = NeedleInput {
            diameter_mm: diameter,
            ..good.clone()
        };
        assert_field(
            clinic.practice.create_needle(Actor::System, &input),
            ErrorCode::Validation,
            "diameter_mm",
        );
    }
    clinic
        .practice
        .set_needle_active(Actor::System, needle.id, false)
        .unwrap();
    let listed = clinic.practice.list_needles().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(!listed.iter().find(|n| n.id == needle.id).unwrap().active);
}

#[test]
fn staff_are_practitioners_or_managers_active_or_not() {
    let mut clinic = Clinic::new();
    let manager = clinic
        .practice
        .create_staff(
            Actor::System,
            &StaffInput {
                name: "Sarah Kaplan".into(),
                role: Some(StaffRole::Manager),
            },
        )
        .unwrap();
    assert_eq!(clinic.practice.list_staff(false).unwrap().len(), 2);
    clinic
        .practice
        .set_staff_active(Actor::System, manager.id, false)
        .unwrap();
    assert_eq!(clinic.practice.list_staff(false).unwrap().len(), 1);
    assert_eq!(clinic.practice.list_staff(true).unwrap().len(), 2);
    assert_field(
        clinic.practice.create_staff(
            Actor::System,
            &StaffInput {
                name: "".into(),
                role: Some(StaffRole::Manager),
            },
        ),
        ErrorCode::Validation,
        "name",
    );
}

/// A mistyped lot or needle is corrected while no session uses it; once a session records it,
/// its identity stays as recorded (refused, nothing changed) and it is retired instead.
#[test]
fn a_lot_or_needle_is_corrected_while_unused_and_retired_once_used() {
    let mut clinic = Clinic::new();
    let typo = PigmentLotInput {
        lot_number: "PB-2O26".into(),
        expires_on: day("2027-12-31"),
        received_on: None,
        opened_on: None,
    };
    let lot = clinic
        .practice
        .add_pigment_lot(Actor::System, clinic.pigment.id, &typo)
        .unwrap();
    let fixed = PigmentLotInput {
        lot_number: "PB-2026".into(),
        ..typo.clone()
    };
    clinic
        .practice
        .update_pigment_lot(Actor::System, lot.id, lot.version, &fixed)
        .expect("an unused lot is corrected");

    // The clinic's own lot and needle are recorded on a session from here on.
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let renamed = PigmentLotInput {
        lot_number: "SOMETHING-ELSE".into(),
        expires_on: clinic.lot.expires_on,
        received_on: clinic.lot.received_on,
        opened_on: clinic.lot.opened_on,
    };
    let err = assert_field(
        clinic.practice.update_pigment_lot(
            Actor::System,
            clinic.lot.id,
            clinic.lot.version,
            &renamed,
        ),
        ErrorCode::Refused,
        "lot_number",
    );
    assert!(err.to_string().contains("recorded on 1 session"), "{err}");
    let needle = &clinic.needle;
    let input = NeedleInput {
        brand: needle.brand.clone(),
        configuration: "5RL".into(),
        maker_code: needle.maker_code.clone(),
        diameter_mm: needle.diameter_mm,
        taper: needle.taper,
    };
    assert_field(
        clinic
            .practice
            .update_needle(Actor::System, needle.id, needle.version, &input),
        ErrorCode::Refused,
        "configuration",
    );
    let retired = clinic
        .practice
        .set_needle_active(Actor::System, needle.id, false)
        .expect("a used needle is retired");
    assert_eq!(retired.configuration, needle.configuration);
    // Recording when the lot was opened does not change what sessions recorded.
    let opened = PigmentLotInput {
        opened_on: Some(day("2026-06-14")),
        ..renamed
    };
    let opened = PigmentLotInput {
        lot_number: clinic.lot.lot_number.clone(),
        ..opened
    };
    clinic
        .practice
        .update_pigment_lot(Actor::System, clinic.lot.id, clinic.lot.version, &opened)
        .expect("the opening date of a used lot may be recorded");
}
