//! Treatment plans: bounds, derived status, cancellation.

use crate::support::*;
use hairline::*;

#[test]
fn plan_status_follows_its_sessions() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let mut input = clinic.plan_input(client.id);
    input.planned_sessions = 2;
    let plan = clinic.practice.create_plan(clinic.actor(), &input).unwrap();
    assert_eq!(plan.status, PlanStatus::Planned);
    let s1 = clinic.record(plan.id, 1, "2026-06-01");
    assert_eq!(
        clinic.practice.plan(plan.id).unwrap().status,
        PlanStatus::InProgress
    );
    let s2 = clinic.record(plan.id, 2, "2026-06-14");
    clinic.practice.sign_session(clinic.actor(), s1.id).unwrap();
    assert_eq!(
        clinic.practice.plan(plan.id).unwrap().status,
        PlanStatus::InProgress,
        "completed only when all are signed"
    );
    clinic.practice.sign_session(clinic.actor(), s2.id).unwrap();
    let plan = clinic.practice.plan(plan.id).unwrap();
    assert_eq!(plan.status, PlanStatus::Completed);
    assert_eq!((plan.sessions_recorded, plan.sessions_signed), (2, 2));
}

#[test]
fn plan_bounds_and_the_look_left_unchosen_are_refused_with_the_field_named() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let base = clinic.plan_input(client.id);
    let cases: Vec<(&str, PlanInput)> = vec![
        (
            "planned_sessions",
            PlanInput {
                planned_sessions: 0,
                ..base.clone()
            },
        ),
        (
            "planned_sessions",
            PlanInput {
                planned_sessions: 7,
                ..base.clone()
            },
        ),
        (
            "spacing_days",
            PlanInput {
                spacing_days: 0,
                ..base.clone()
            },
        ),
        (
            "spacing_days",
            PlanInput {
                spacing_days: 121,
                ..base.clone()
            },
        ),
        (
            "touch_up_interval_months",
            PlanInput {
                touch_up_interval_months: 11,
                ..base.clone()
            },
        ),
        (
            "touch_up_interval_months",
            PlanInput {
                touch_up_interval_months: 121,
                ..base.clone()
            },
        ),
        (
            "areas",
            PlanInput {
                areas: vec![],
                ..base.clone()
            },
        ),
        (
            "desired_look",
            PlanInput {
                desired_look: None,
                ..base.clone()
            },
        ),
        (
            "client_id",
            PlanInput {
                client_id: ClientId::new(),
                ..base.clone()
            },
        ),
        (
            "target_pigment_id",
            PlanInput {
                target_pigment_id: Some(PigmentId::new()),
                ..base.clone()
            },
        ),
    ];
    for (field, input) in cases {
        assert_field(
            clinic.practice.create_plan(clinic.actor(), &input),
            ErrorCode::Validation,
            field,
        );
    }
    assert_eq!(count(&clinic.practice, "plans"), 0);
}

#[test]
fn planned_sessions_cannot_drop_below_a_recorded_session() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 3, "2026-06-01");
    let input = PlanInput {
        planned_sessions: 2,
        ..clinic.plan_input(client.id)
    };
    assert_field(
        clinic
            .practice
            .update_plan(clinic.actor(), plan.id, plan.version, &input),
        ErrorCode::Validation,
        "planned_sessions",
    );
    let input = PlanInput {
        planned_sessions: 4,
        spacing_days: 21,
        ..clinic.plan_input(client.id)
    };
    let updated = clinic
        .practice
        .update_plan(clinic.actor(), plan.id, plan.version, &input)
        .unwrap();
    assert_eq!((updated.planned_sessions, updated.spacing_days), (4, 21));
}

#[test]
fn a_cancelled_plan_takes_no_more_sessions() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    let plan = clinic.plan(client.id);
    clinic.record(plan.id, 1, "2026-06-01");
    let cancelled = clinic
        .practice
        .cancel_plan(clinic.actor(), plan.id)
        .unwrap();
    assert_eq!(cancelled.status, PlanStatus::Cancelled);
    let input = clinic.session_input(plan.id, 2, "2026-06-14");
    assert_field(
        clinic.practice.record_session(clinic.actor(), &input),
        ErrorCode::Refused,
        "plan_id",
    );
    let err = clinic
        .practice
        .update_plan(
            clinic.actor(),
            plan.id,
            plan.version,
            &clinic.plan_input(client.id),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Refused);
}

#[test]
fn an_archived_client_gets_no_new_plan() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    clinic
        .practice
        .archive_client(clinic.actor(), client.id)
        .unwrap();
    let input = clinic.plan_input(client.id);
    assert_field(
        clinic.practice.create_plan(clinic.actor(), &input),
        ErrorCode::Refused,
        "client_id",
    );
}
