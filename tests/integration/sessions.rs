//! Recording sessions: zone settings, bounds, contraindications, expired lots, "same as last time".

use crate::support::*;
use hairline::*;

#[test]
fn a_session_with_two_zones_is_recorded_and_read_back_in_the_full_record() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    assert_eq!(session.zones.len(), 2);
    assert_eq!(session.recorded_by, Some(clinic.practitioner.id));
    clinic.reopen();
    let record = clinic.practice.client_record(client.id).unwrap();
    assert_eq!(record.client.id, client.id);
    assert_eq!(record.plans.len(), 1);
    assert_eq!(record.plans[0].sessions, vec![session]);
    assert_eq!(record.plans[0].sessions[0].zones[1].zone, ScalpZone::Crown);
}

#[test]
fn nonsense_is_refused_with_the_field_named_and_nothing_written() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let base = clinic.session_input(plan.id, 1, "2026-06-01");
    let with_zone = |f: &dyn Fn(&mut ZoneSetting)| {
        let mut input = base.clone();
        f(&mut input.zones[1]);
        input
    };
    let cases: Vec<(&str, SessionInput)> = vec![
        ("zones[1].depth_mm", with_zone(&|z| z.depth_mm = 3.5)),
        ("zones[1].depth_mm", with_zone(&|z| z.depth_mm = 0.05)),
        ("zones[1].depth_mm", with_zone(&|z| z.depth_mm = f64::NAN)),
        ("zones[1].angle_deg", with_zone(&|z| z.angle_deg = 95.0)),
        ("zones[1].angle_deg", with_zone(&|z| z.angle_deg = -1.0)),
        (
            "zones[1].dilution",
            with_zone(&|z| z.dilution = "lots".into()),
        ),
        (
            "zones[1].cartridge_lot",
            with_zone(&|z| z.cartridge_lot = " ".into()),
        ),
        (
            "zones[1].stroke_mm",
            with_zone(&|z| z.stroke_mm = Some(9.0)),
        ),
        (
            "zones[1].needle_id",
            with_zone(&|z| z.needle_id = NeedleId::new()),
        ),
        (
            "zones[1].pigment_lot_id",
            with_zone(&|z| z.pigment_lot_id = PigmentLotId::new()),
        ),
        (
            "pain_score",
            SessionInput {
                pain_score: Some(11),
                ..base.clone()
            },
        ),
        (
            "performed_on",
            SessionInput {
                performed_on: day("2026-06-16"),
                ..base.clone()
            },
        ),
        (
            "number",
            SessionInput {
                number: 4,
                ..base.clone()
            },
        ),
        (
            "number",
            SessionInput {
                number: 0,
                ..base.clone()
            },
        ),
        (
            "duration_minutes",
            SessionInput {
                duration_minutes: 0,
                ..base.clone()
            },
        ),
        (
            "zones",
            SessionInput {
                zones: vec![],
                ..base.clone()
            },
        ),
        (
            "plan_id",
            SessionInput {
                plan_id: PlanId::new(),
                ..base.clone()
            },
        ),
        (
            "practitioner_id",
            SessionInput {
                practitioner_id: StaffId::new(),
                ..base.clone()
            },
        ),
    ];
    for (field, input) in cases {
        assert_field(
            clinic.practice.record_session(clinic.actor(), &input),
            ErrorCode::Validation,
            field,
        );
    }
    assert_eq!(count(&clinic.practice, "sessions"), 0);
    assert_eq!(count(&clinic.practice, "session_zones"), 0);
}

#[test]
fn an_expired_lot_is_refused_naming_the_lot_and_its_expiry() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let mut input = clinic.session_input(plan.id, 1, "2026-06-10");
    input.zones[0].pigment_lot_id = clinic.expired_lot.id;
    let err = assert_field(
        clinic.practice.record_session(clinic.actor(), &input),
        ErrorCode::Refused,
        "zones[0].pigment_lot_id",
    );
    assert!(
        err.to_string().contains("PB-2023-07") && err.to_string().contains("2026-05-31"),
        "{err}"
    );
    assert_eq!(count(&clinic.practice, "sessions"), 0);
    // The same lot was fine on a day it had not expired yet.
    input.performed_on = day("2026-05-31");
    clinic
        .practice
        .record_session(clinic.actor(), &input)
        .unwrap();
}

fn contraindication(
    kind: ContraindicationKind,
    clearance: Option<Clearance>,
) -> ContraindicationInput {
    ContraindicationInput {
        id: None,
        condition: Some(Condition::KeloidScarring),
        detail: "on the neck".into(),
        kind: Some(kind),
        clearance,
    }
}

#[test]
fn contraindications_stop_a_session_unless_cleared_or_passed() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let input = clinic.session_input(plan.id, 1, "2026-06-10");
    let clearance = Clearance {
        cleared_on: day("2026-06-01"),
        cleared_by: "Dr Rahman".into(),
        note: String::new(),
    };
    let cases = [
        (ContraindicationKind::Absolute, None, true),
        (
            ContraindicationKind::Absolute,
            Some(clearance.clone()),
            false,
        ),
        (ContraindicationKind::NeedsClearance, None, true),
        (
            ContraindicationKind::NeedsClearance,
            Some(clearance.clone()),
            false,
        ),
        (
            ContraindicationKind::Temporary {
                until: day("2026-06-10"),
            },
            None,
            true,
        ),
        (
            ContraindicationKind::Temporary {
                until: day("2026-06-09"),
            },
            None,
            false,
        ),
    ];
    for (kind, clearance, blocks) in cases {
        let mut profile = client_input("Ana", "Lopez");
        profile.contraindications = vec![contraindication(kind, clearance.clone())];
        let version = clinic.practice.client(client.id).unwrap().version;
        clinic
            .practice
            .update_client(clinic.actor(), client.id, version, &profile)
            .unwrap();
        let result = clinic.practice.record_session(clinic.actor(), &input);
        let record = clinic.practice.client_record(client.id).unwrap();
        let flagged_today = record.blocking_today.len() == 1;
        clinic.clock.set("2026-06-10T12:00:00Z".parse().unwrap());
        let flagged_on_the_day = clinic
            .practice
            .client_record(client.id)
            .unwrap()
            .blocking_today
            .len()
            == 1;
        clinic.clock.set("2026-06-15T12:00:00Z".parse().unwrap());
        assert_eq!(
            flagged_on_the_day, blocks,
            "banner on the session day for {kind:?}"
        );
        assert_eq!(
            flagged_today,
            blocks && !matches!(kind, ContraindicationKind::Temporary { .. }),
            "banner today for {kind:?}"
        );
        if blocks {
            let err = assert_field(result, ErrorCode::Refused, "contraindications");
            assert!(
                err.to_string().contains("keloid scarring (on the neck)"),
                "{err}"
            );
            let text = err.to_string();
            let article = match kind {
                ContraindicationKind::Absolute => "has an absolute",
                ContraindicationKind::Temporary { .. } => "has a temporary",
                ContraindicationKind::NeedsClearance => "has a contraindication",
            };
            assert!(text.contains(article), "{text}");
        } else {
            let session = result.unwrap_or_else(|e| panic!("{kind:?} {clearance:?}: {e}"));
            clinic
                .practice
                .discard_session(clinic.actor(), session.id)
                .unwrap();
        }
    }
    assert_eq!(count(&clinic.practice, "sessions"), 0);
}

#[test]
fn the_same_session_number_twice_is_a_conflict() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let input = clinic.session_input(plan.id, 1, "2026-06-02");
    assert_field(
        clinic.practice.record_session(clinic.actor(), &input),
        ErrorCode::Conflict,
        "number",
    );
    assert_eq!(count(&clinic.practice, "sessions"), 1);
}

#[test]
fn a_sessions_practitioner_treats_and_a_practitioner_records_only_their_own() {
    let mut clinic = Clinic::new();
    let mut staff = |name: &str, role| {
        clinic
            .practice
            .create_staff(
                Actor::System,
                &StaffInput {
                    name: name.into(),
                    role: Some(role),
                },
            )
            .unwrap()
    };
    let reception = staff("Rita Reception", StaffRole::FrontDesk);
    let owner = staff("Sarah Kaplan", StaffRole::Manager);
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let base = clinic.session_input(plan.id, 1, "2026-06-01");
    let for_whom = |id| SessionInput {
        practitioner_id: id,
        ..base.clone()
    };
    // The front desk does not treat.
    assert_field(
        clinic
            .practice
            .record_session(Actor::Staff(owner.id), &for_whom(reception.id)),
        ErrorCode::Validation,
        "practitioner_id",
    );
    // A practitioner records their own sessions, not a colleague's.
    let refused = clinic
        .practice
        .record_session(clinic.actor(), &for_whom(owner.id))
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Forbidden, "{refused}");
    // An owner who treats records their own.
    let session = clinic
        .practice
        .record_session(Actor::Staff(owner.id), &for_whom(owner.id))
        .unwrap();
    assert_eq!(session.practitioner_id, owner.id);
}

#[test]
fn same_as_last_time_returns_the_latest_sessions_settings_first_across_plans() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let first_plan = clinic.plan(client.id);
    clinic.record(first_plan.id, 1, "2026-05-01");
    let mut second = clinic.session_input(first_plan.id, 2, "2026-05-15");
    second.zones[0].depth_mm = 1.1;
    second.zones.pop();
    clinic
        .practice
        .record_session(clinic.actor(), &second)
        .unwrap();
    let other_plan = clinic.plan(client.id);
    let mut third = clinic.session_input(other_plan.id, 1, "2026-06-01");
    third.zones[0].angle_deg = 60.0;
    clinic
        .practice
        .record_session(clinic.actor(), &third)
        .unwrap();
    let someone_else = clinic.client("Ben", "Okafor");
    let their_plan = clinic.plan(someone_else.id);
    clinic.record(their_plan.id, 1, "2026-06-10");

    let previous = clinic.practice.previous_settings(client.id, 5).unwrap();
    let dates: Vec<_> = previous
        .iter()
        .map(|p| p.performed_on.to_string())
        .collect();
    assert_eq!(dates, ["2026-06-01", "2026-05-15", "2026-05-01"]);
    assert_eq!(previous[0].zones[0].angle_deg, 60.0);
    assert_eq!(
        previous[0].duration_minutes, 180,
        "the duration pre-fills too"
    );
    assert_eq!(previous[1].zones, vec![second.zones[0].clone()]);
    assert_eq!(
        clinic
            .practice
            .previous_settings(client.id, 1)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn an_unsigned_session_can_be_corrected_or_discarded() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    let session = clinic.record(plan.id, 1, "2026-06-01");
    let mut input = clinic.session_input(plan.id, 1, "2026-06-01");
    input.zones[0].depth_mm = 0.6;
    let updated = clinic
        .practice
        .update_session(clinic.actor(), session.id, session.version, &input)
        .unwrap();
    assert_eq!(updated.zones[0].depth_mm, 0.6);
    clinic
        .practice
        .discard_session(clinic.actor(), session.id)
        .unwrap();
    assert_eq!(
        clinic.practice.session(session.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(count(&clinic.practice, "session_zones"), 0);
}

/// A session sooner after the one before it than the plan's spacing is a warning naming both
/// days and the spacing; it is recorded only once acknowledged, and the acknowledgement is
/// audited. Corrections that do not move it are not asked again; moving it far enough is fine.
#[test]
fn a_session_sooner_than_the_plans_spacing_warns_until_acknowledged() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    assert_eq!(plan.spacing_days, 14);
    clinic.record(plan.id, 1, "2026-06-01");
    let actor = clinic.actor();

    let early = clinic.session_input(plan.id, 2, "2026-06-10");
    let warned = assert_field(
        clinic.practice.record_session(actor, &early),
        ErrorCode::Refused,
        "acknowledge_spacing",
    );
    assert_eq!(
        warned.to_string(),
        "Session 2 (10 Jun 2026) is 9 days after session 1 (1 Jun 2026); this plan spaces \
         sessions 14 days apart. Confirm to go ahead anyway"
    );
    assert_eq!(
        count(&clinic.practice, "sessions"),
        1,
        "nothing was written"
    );

    let acknowledged = SessionInput {
        acknowledge_spacing: Some(true),
        ..early.clone()
    };
    let session = clinic
        .practice
        .record_session(actor, &acknowledged)
        .unwrap();
    let noted = clinic
        .practice
        .audit_trail(&session.id)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "acknowledge_spacing")
        .expect("the acknowledgement is audited");
    assert_eq!(noted.actor_id, Some(clinic.practitioner.id));
    let after = noted.after.unwrap();
    assert_eq!(
        (
            &after["days_apart"],
            &after["spacing_days"],
            &after["previous_on"]
        ),
        (
            &serde_json::json!(9),
            &serde_json::json!(14),
            &serde_json::json!("2026-06-01")
        )
    );

    // Correcting the notes leaves the day as it was: no new question.
    let notes_only = SessionInput {
        notes: "Redness settled after an hour.".into(),
        ..early.clone()
    };
    let noted = clinic
        .practice
        .update_session(actor, session.id, session.version, &notes_only)
        .unwrap();
    // Moved one day earlier, it is asked again; moved to the plan's spacing, it is not.
    let earlier = clinic.session_input(plan.id, 2, "2026-06-09");
    assert_field(
        clinic
            .practice
            .update_session(actor, session.id, noted.version, &earlier),
        ErrorCode::Refused,
        "acknowledge_spacing",
    );
    let spaced = clinic.session_input(plan.id, 2, "2026-06-15");
    let moved = clinic
        .practice
        .update_session(actor, session.id, noted.version, &spaced)
        .unwrap();
    assert_eq!(moved.performed_on, day("2026-06-15"));
}
