//! Signed consent over a real file: template versioning, immutability through raw SQL, the
//! questionnaire feeding the contraindication banner, withdrawal, the printable copy, and the
//! warning (and its audited acknowledgement) when a session is recorded without consent.

use crate::support::*;
use hairline::*;

#[test]
fn editing_a_template_makes_a_new_version_and_old_signatures_keep_their_text() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let first = clinic.template(ConsentKind::Treatment);
    assert_eq!(first.version, 1);
    let signed = clinic.sign(ana.id, ConsentKind::Treatment, &[]);

    let actor = clinic.actor();
    let mut edit = ConsentTemplateInput {
        kind: first.kind,
        title: first.title.clone(),
        body: format!(
            "{}\n\nI agree to a patch test before session 1.",
            first.body
        ),
        questions: first.questions.clone(),
    };
    let second = clinic
        .practice
        .revise_consent_template(actor, first.id, first.version, &edit)
        .unwrap();
    assert_eq!((second.id, second.version), (first.id, 2));
    assert_ne!(second.version_id, first.version_id);
    let unchanged = clinic
        .practice
        .revise_consent_template(actor, first.id, second.version, &edit)
        .unwrap();
    assert_eq!(
        unchanged.version, 2,
        "an edit that changes nothing is no new version"
    );

    let history = clinic.practice.consent_template_history(first.id).unwrap();
    assert_eq!(
        history.iter().map(|t| t.version).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(history[0].body, first.body);
    let current = clinic.practice.consent_templates().unwrap();
    assert_eq!(current.len(), 3, "one current version per kind");
    assert!(current.iter().any(|t| t.version_id == second.version_id));

    let kept = clinic.practice.signed_consent(signed.id).unwrap();
    assert_eq!(kept.template_version_id, first.version_id);
    assert_eq!(kept.template_version, 1);
    assert_eq!(kept.body, first.body);

    // Signing the old text after the edit is refused: the client must see the current one.
    let stale = SignConsentInput {
        template_version_id: first.version_id,
        ..clinic.consent_input(ana.id, ConsentKind::Treatment, &[])
    };
    assert_field(
        clinic.practice.sign_consent(actor, &stale),
        ErrorCode::Refused,
        "template_version_id",
    );

    edit.kind = ConsentKind::Photo;
    edit.questions.clear();
    assert_field(
        clinic
            .practice
            .revise_consent_template(actor, first.id, second.version, &edit),
        ErrorCode::Validation,
        "kind",
    );
    let photo = clinic.template(ConsentKind::Photo);
    let with_questions = ConsentTemplateInput {
        kind: ConsentKind::Photo,
        title: photo.title,
        body: photo.body,
        questions: first.questions.clone(),
    };
    assert_field(
        clinic
            .practice
            .revise_consent_template(actor, photo.id, photo.version, &with_questions),
        ErrorCode::Validation,
        "questions",
    );
}

#[test]
fn a_signed_consent_and_a_template_version_cannot_be_changed_even_by_raw_sql() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let signed = clinic.sign(ana.id, ConsentKind::DataProcessing, &[]);
    let conn = clinic.practice.raw_connection();
    let id = signed.id.to_string();
    for sql in [
        "UPDATE consents SET body = 'something else' WHERE id = ?1",
        "UPDATE consents SET client_signature = 'M 0 0 L 1 1 L 2 2' WHERE id = ?1",
        "UPDATE consents SET signed_on = '2020-01-01' WHERE id = ?1",
        "DELETE FROM consents WHERE id = ?1",
    ] {
        let err = conn.execute(sql, [&id]).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{sql}: {err}");
    }
    let version = signed.template_version_id.to_string();
    for sql in [
        "UPDATE consent_template_versions SET body = 'rewritten' WHERE id = ?1",
        "DELETE FROM consent_template_versions WHERE id = ?1",
    ] {
        let err = conn.execute(sql, [&version]).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{sql}: {err}");
    }
    assert_eq!(clinic.practice.signed_consent(signed.id).unwrap(), signed);
}

#[test]
fn a_risky_answer_goes_onto_the_contraindication_banner_when_signing() {
    let mut clinic = Clinic::new();
    let ana = clinic.unconsented_client("Ana", "Lopez");
    let mut input = clinic.consent_input(
        ana.id,
        ConsentKind::Treatment,
        &["blood_thinners", "active_infection"],
    );
    input.answers[1].detail = "Apixaban 5 mg".into();

    // A bad countersignature fails the whole signing: no consent, no contraindication.
    let actor = clinic.actor();
    let broken = SignConsentInput {
        practitioner_signature: "<svg onload=alert(1)>".into(),
        ..input.clone()
    };
    assert_field(
        clinic.practice.sign_consent(actor, &broken),
        ErrorCode::Validation,
        "practitioner_signature",
    );
    assert_eq!(count(&clinic.practice, "consents"), 0);
    assert!(clinic
        .practice
        .client(ana.id)
        .unwrap()
        .contraindications
        .is_empty());

    let signed = clinic.practice.sign_consent(actor, &input).unwrap();
    let answered: Vec<(&str, bool)> = signed
        .answers
        .iter()
        .map(|a| (a.question.key.as_str(), a.yes))
        .filter(|(_, yes)| *yes)
        .collect();
    assert_eq!(
        answered,
        vec![("blood_thinners", true), ("active_infection", true)]
    );

    let banner = clinic.practice.client(ana.id).unwrap().contraindications;
    assert_eq!(banner.len(), 2);
    assert_eq!(banner[0].condition, Condition::BloodThinners);
    assert_eq!(banner[0].kind, ContraindicationKind::NeedsClearance);
    assert!(
        banner[0].detail.contains("Apixaban 5 mg"),
        "{}",
        banner[0].detail
    );
    assert_eq!(banner[1].condition, Condition::ActiveInfection);
    assert_eq!(
        banner[1].kind,
        ContraindicationKind::Temporary {
            until: day("2026-06-29")
        }
    );
    let trail = clinic.practice.audit_trail(&ana.id).unwrap();
    assert_eq!(trail.last().unwrap().action, "questionnaire");

    // The banner now stops treatment, as any contraindication does.
    let plan = clinic.plan(ana.id);
    let input = clinic.session_input(plan.id, 1, "2026-06-15");
    assert_field(
        clinic.practice.record_session(actor, &input),
        ErrorCode::Refused,
        "contraindications",
    );

    // Signing again with the same answers does not add the same risk twice.
    clinic.sign(
        ana.id,
        ConsentKind::Treatment,
        &["blood_thinners", "active_infection"],
    );
    assert_eq!(
        clinic
            .practice
            .client(ana.id)
            .unwrap()
            .contraindications
            .len(),
        2
    );
}

#[test]
fn signing_needs_every_answer_both_signatures_and_the_photo_choices() {
    let mut clinic = Clinic::new();
    let ana = clinic.unconsented_client("Ana", "Lopez");
    let actor = clinic.actor();
    let base = clinic.consent_input(ana.id, ConsentKind::Treatment, &[]);
    let mut missing = base.clone();
    missing.answers.retain(|a| a.key != "pregnancy");
    let mut stray = base.clone();
    stray.answers[0].key = "favourite_colour".into();
    let cases = [
        ("answers.pregnancy", missing),
        ("answers[0].key", stray),
        (
            "client_signature",
            SignConsentInput {
                client_signature: "  ".into(),
                ..base.clone()
            },
        ),
        (
            "client_signature",
            SignConsentInput {
                client_signature: "M 1 1".into(),
                ..base.clone()
            },
        ),
        (
            "client_id",
            SignConsentInput {
                client_id: ClientId::new(),
                ..base.clone()
            },
        ),
        (
            "photo_choices",
            SignConsentInput {
                photo_choices: Some(PhotoChoices::default()),
                ..base.clone()
            },
        ),
        (
            "photo_choices",
            SignConsentInput {
                photo_choices: None,
                ..clinic.consent_input(ana.id, ConsentKind::Photo, &[])
            },
        ),
        (
            "answers",
            SignConsentInput {
                answers: base.answers.clone(),
                ..clinic.consent_input(ana.id, ConsentKind::DataProcessing, &[])
            },
        ),
    ];
    for (field, input) in cases {
        let err = clinic.practice.sign_consent(actor, &input).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(count(&clinic.practice, "consents"), 0);
}

/// A consent form's template and a signing (signatures, answers, photo choices) are each
/// refused with every problem at once, each under its path: the manager fixing a template, or the practitioner going through
/// the questionnaire with the client, learns them in one go. Nothing is written.
#[test]
fn a_templates_and_a_signings_problems_are_named_all_at_once() {
    let mut clinic = Clinic::new();
    let ana = clinic.unconsented_client("Ana", "Lopez");
    let actor = clinic.actor();
    let first = clinic.template(ConsentKind::Treatment);
    let question = |key: &str, text: &str| ScreeningQuestion {
        key: key.into(),
        text: text.into(),
        condition: Condition::BloodThinners,
        risk: ScreeningRisk::Temporary { days: 0 },
    };
    let edit = ConsentTemplateInput {
        kind: first.kind,
        title: " ".into(),
        body: first.body.clone(),
        questions: vec![
            question("thinners", "Do you take blood thinners?"),
            question("Thinners Again", ""),
            question("thinners", "Asked twice?"),
        ],
    };
    let refused = clinic
        .practice
        .revise_consent_template(actor, first.id, first.version, &edit)
        .unwrap_err()
        .to_api();
    let fields = problem_fields(&refused);
    assert_eq!(
        fields,
        [
            "title",
            "questions[0].risk.days",
            "questions[1].key",
            "questions[1].risk.days",
            "questions[1].text",
            "questions[2].key",
            "questions[2].risk.days",
        ]
    );
    assert_eq!(
        clinic.template(ConsentKind::Treatment).version,
        first.version
    );

    let mut input = clinic.consent_input(ana.id, ConsentKind::Treatment, &[]);
    assert!(
        input.answers.len() >= 3,
        "the support template asks several questions"
    );
    let skipped: Vec<String> = input.answers[..2].iter().map(|a| a.key.clone()).collect();
    input.answers.drain(..2);
    input.answers[0].detail = "x".repeat(501);
    input.client_signature = "  ".into();
    input.photo_choices = Some(PhotoChoices::default());
    let refused = clinic
        .practice
        .sign_consent(actor, &input)
        .unwrap_err()
        .to_api();
    let fields = problem_fields(&refused);
    assert_eq!(
        fields,
        [
            "client_signature".to_owned(),
            format!("answers.{}", skipped[0]),
            format!("answers.{}", skipped[1]),
            "answers[0].detail".to_owned(),
            "photo_choices".to_owned(),
        ]
    );
    assert_eq!(count(&clinic.practice, "consents"), 0);
}

#[test]
fn withdrawal_is_a_new_dated_record_and_ends_consent_from_that_day() {
    let mut clinic = Clinic::new();
    let ana = clinic.unconsented_client("Ana", "Lopez");
    let signed = clinic.sign(ana.id, ConsentKind::Treatment, &[]);
    assert!(!clinic
        .practice
        .has_valid_treatment_consent(ana.id, day("2026-06-14"))
        .unwrap());
    assert!(clinic
        .practice
        .has_valid_treatment_consent(ana.id, day("2026-06-15"))
        .unwrap());

    clinic.clock.set("2026-07-01T09:00:00Z".parse().unwrap());
    let actor = clinic.actor();
    let withdraw = WithdrawConsentInput {
        reason: "Moving abroad; no further treatment".into(),
        client_signature: Some(SIGNATURE.into()),
    };
    let withdrawal = clinic
        .practice
        .withdraw_consent(actor, signed.id, &withdraw)
        .unwrap();
    assert_eq!(withdrawal.action, ConsentAction::Withdraw);
    assert_eq!(withdrawal.withdraws_id, Some(signed.id));
    assert_eq!(withdrawal.signed_on, day("2026-07-01"));
    assert_eq!(withdrawal.body, signed.body);

    let original = clinic.practice.signed_consent(signed.id).unwrap();
    assert_eq!(original.withdrawn_by, Some(withdrawal.id));
    assert_eq!(original.withdrawn_on, Some(day("2026-07-01")));
    assert_eq!(original.client_signature, signed.client_signature);
    assert!(clinic
        .practice
        .has_valid_treatment_consent(ana.id, day("2026-06-30"))
        .unwrap());
    assert!(!clinic
        .practice
        .has_valid_treatment_consent(ana.id, day("2026-07-01"))
        .unwrap());
    assert_eq!(clinic.practice.client_consents(ana.id).unwrap().len(), 2);

    let again = clinic
        .practice
        .withdraw_consent(actor, signed.id, &withdraw);
    assert_eq!(again.unwrap_err().code(), ErrorCode::Conflict);
    assert_field(
        clinic.practice.withdraw_consent(
            actor,
            signed.id,
            &WithdrawConsentInput {
                reason: " ".into(),
                client_signature: None,
            },
        ),
        ErrorCode::Validation,
        "reason",
    );
    // With a signature that is no drawing too, both are named at once.
    let both = clinic
        .practice
        .withdraw_consent(
            actor,
            signed.id,
            &WithdrawConsentInput {
                reason: " ".into(),
                client_signature: Some("M 1 1".into()),
            },
        )
        .unwrap_err()
        .to_api();
    assert_eq!(problem_fields(&both), ["reason", "client_signature"]);
    let status = clinic
        .practice
        .consent_status(ana.id, day("2026-07-01"))
        .unwrap();
    assert!(!status.treatment);
}

#[test]
fn the_printable_consent_carries_names_text_answers_signatures_and_time() {
    let mut clinic = Clinic::new();
    let ana = clinic.unconsented_client("Ana", "Lopez");
    let signed = clinic.sign(ana.id, ConsentKind::Treatment, &["pregnancy"]);
    let printable = clinic.practice.signed_consent(signed.id).unwrap();
    assert_eq!(printable.client_name, "Ana Lopez");
    assert_eq!(printable.client_date_of_birth, Some(day("1984-05-17")));
    assert_eq!(printable.practitioner_name, "Dana Whitfield");
    assert_eq!(printable.title, "Consent to scalp micropigmentation");
    assert!(printable.body.contains("semi-permanent"));
    assert_eq!(
        printable.answers.len(),
        hairline::consent::default_questions().len()
    );
    assert_eq!(printable.client_signature.as_deref(), Some(SIGNATURE));
    assert_eq!(
        printable.practitioner_signature.as_deref(),
        Some(COUNTERSIGNATURE)
    );
    assert_eq!(
        printable.signed_at,
        "2026-06-15T12:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    );
    assert_eq!(printable.signed_on, day("2026-06-15"));
    let trail = clinic.practice.audit_trail(&signed.id).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "sign");
}

#[test]
fn recording_a_session_without_consent_warns_and_the_acknowledgement_is_audited() {
    let mut clinic = Clinic::new();
    let ana = clinic.unconsented_client("Ana", "Lopez");
    let plan = clinic.plan(ana.id);
    let actor = clinic.actor();
    let input = clinic.session_input(plan.id, 1, "2026-06-10");

    let err = assert_field(
        clinic.practice.record_session(actor, &input),
        ErrorCode::ConsentMissing,
        "acknowledge_missing_consent",
    );
    assert!(err.to_string().contains("Ana Lopez"), "{err}");
    assert_eq!(err.to_api().code, ErrorCode::ConsentMissing);
    assert_eq!(count(&clinic.practice, "sessions"), 0);

    // Signed today, it does not cover a session performed before today.
    clinic.sign(ana.id, ConsentKind::Treatment, &[]);
    assert_eq!(
        clinic
            .practice
            .record_session(actor, &input)
            .unwrap_err()
            .code(),
        ErrorCode::ConsentMissing
    );

    let blank = SessionInput {
        acknowledge_missing_consent: Some(ConsentAcknowledgement {
            reason: "  ".into(),
        }),
        ..input.clone()
    };
    assert_field(
        clinic.practice.record_session(actor, &blank),
        ErrorCode::Validation,
        "acknowledge_missing_consent.reason",
    );

    let acknowledged = SessionInput {
        acknowledge_missing_consent: Some(ConsentAcknowledgement {
            reason: "Signed on paper on the day; scan to follow".into(),
        }),
        ..input.clone()
    };
    let session = clinic
        .practice
        .record_session(actor, &acknowledged)
        .unwrap();
    let trail = clinic.practice.audit_trail(&session.id).unwrap();
    let mut actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    actions.sort_unstable();
    assert_eq!(actions, vec!["acknowledge_missing_consent", "record"]);
    let acknowledgement = trail
        .iter()
        .find(|e| e.action == "acknowledge_missing_consent")
        .unwrap();
    let noted = acknowledgement.after.as_ref().unwrap();
    assert_eq!(
        noted["reason"],
        "Signed on paper on the day; scan to follow"
    );
    assert_eq!(noted["acknowledged_by"], clinic.practitioner.id.to_string());
    assert_eq!(noted["performed_on"], "2026-06-10");
    assert_eq!(acknowledgement.actor_id, Some(clinic.practitioner.id));

    // Moving the session to another day without consent on that day warns again.
    let moved = SessionInput {
        performed_on: day("2026-06-09"),
        ..input.clone()
    };
    assert_field(
        clinic
            .practice
            .update_session(actor, session.id, session.version, &moved),
        ErrorCode::ConsentMissing,
        "acknowledge_missing_consent",
    );
    let corrected = SessionInput {
        notes: "Corrected note".into(),
        ..input.clone()
    };
    clinic
        .practice
        .update_session(actor, session.id, session.version, &corrected)
        .unwrap();

    // With the consent signed before the session, no warning and no acknowledgement of it.
    let session2 = clinic.record(plan.id, 2, "2026-06-15");
    let actions: Vec<String> = clinic
        .practice
        .audit_trail(&session2.id)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"record".to_owned()), "{actions:?}");
    assert!(
        !actions.contains(&"acknowledge_missing_consent".to_owned()),
        "{actions:?}"
    );
}

#[test]
fn the_sample_clinic_comes_with_a_consent_template_of_each_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut practice = Practice::open(
        dir.path().join("demo.sqlite"),
        FixedClock::on(day("2026-06-15")),
    )
    .unwrap();
    practice
        .generate_demo(DemoSpec {
            clients: 5,
            sessions: 10,
            seed: 1,
        })
        .unwrap();
    let kinds: Vec<ConsentKind> = practice
        .consent_templates()
        .unwrap()
        .iter()
        .map(|t| t.kind)
        .collect();
    assert_eq!(kinds.len(), 3);
    for kind in ConsentKind::ALL {
        assert!(kinds.contains(kind), "{kind}");
    }
    assert!(practice
        .add_default_consent_templates(Actor::System)
        .unwrap()
        .is_empty());
}
