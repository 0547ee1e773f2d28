//! A model-based property test of sign-in throttling: random sequences of right and wrong
//! passwords, clock jumps and restarts run against the real accounts on a real file (the slow
//! argon2 step is the only part left out: the test says whether the typed password matched),
//! with these invariants checked after every step (a quarter of `PROPTEST_CASES` run — 250 by
//! default — since every case migrates a fresh file and reopens it at random):
//!
//! 1. While the model's wait is running, every attempt — right or wrong — is refused as
//!    `too_many_attempts` with exactly the seconds left, and changes nothing.
//! 2. Otherwise a right password signs in and clears the count; a wrong one counts, and is
//!    refused on field `password` — or, from the fifth in a row, with the new wait.
//! 3. A restart changes none of it.
//! 4. Every wrong password that was checked has its `sign_in_failed` audit entry, and the
//!    audit chain verifies.

use crate::support::*;
use chrono::{DateTime, Duration, Utc};
use hairline::access::accounts::{Proof, Purpose};
use hairline::access::secrets::Secret;
use hairline::access::throttle;
use hairline::*;
use proptest::prelude::*;
use std::sync::Arc;

#[derive(Debug, Clone)]
enum Step {
    Attempt { right: bool },
    Wait(i64),
    Restart,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => any::<bool>().prop_map(|right| Step::Attempt { right }),
        3 => (0i64..1200).prop_map(Step::Wait),
        1 => Just(Step::Restart),
    ]
}

/// What the model knows: wrong attempts in a row, and when the last was.
#[derive(Debug, Default)]
struct Model {
    failed: u32,
    last_failed: Option<DateTime<Utc>>,
    audited_failures: usize,
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clinic.sqlite");
    let clock = Arc::new(FixedClock::on(day("2026-06-15")));
    let mut practice = Practice::open(&path, clock.clone()).unwrap();
    // The hash is never verified here (the test decides what matched), so any text will do.
    let owner = practice
        .create_owner(
            "Olive Owner",
            &Secret::new("owner of the clinic"),
            "not-verified",
            "w1",
        )
        .unwrap();
    let mut model = Model::default();
    for step in steps {
        match step {
            Step::Wait(seconds) => clock.advance(Duration::seconds(*seconds)),
            Step::Restart => practice = Practice::open(&path, clock.clone()).unwrap(),
            Step::Attempt { right } => {
                let now = clock.now();
                let waiting = throttle::seconds_to_wait(model.failed, model.last_failed, now);
                let prepared =
                    practice.prepare_attempt(owner.id, Proof::Password, Purpose::SignIn, "w1");
                if let Some(wait) = waiting {
                    let refused = prepared.expect_err("refused while waiting");
                    prop_assert_eq!(refused.code(), ErrorCode::TooManyAttempts);
                    prop_assert_eq!(refused.to_api().wait_seconds, Some(wait));
                    continue;
                }
                let attempt = prepared.map_err(|e| TestCaseError::fail(e.to_string()))?;
                let outcome = practice.finish_attempt(&attempt, *right, "w1", None, "sign_in");
                if *right {
                    prop_assert!(outcome.is_ok(), "{:?}", outcome);
                    model.failed = 0;
                    model.last_failed = None;
                } else {
                    model.failed += 1;
                    model.last_failed = Some(now);
                    model.audited_failures += 1;
                    let refused = outcome.expect_err("a wrong password is refused");
                    let wait = throttle::wait_after(model.failed).num_seconds() as u64;
                    if wait > 0 {
                        prop_assert_eq!(refused.code(), ErrorCode::TooManyAttempts);
                        prop_assert_eq!(refused.to_api().wait_seconds, Some(wait));
                    } else {
                        prop_assert_eq!(refused.code(), ErrorCode::Validation);
                        prop_assert_eq!(refused.field(), Some("password"));
                    }
                }
            }
        }
        let failures = practice
            .audit_trail(&owner.id)
            .unwrap()
            .iter()
            .filter(|e| e.action == "sign_in_failed")
            .count();
        prop_assert_eq!(failures, model.audited_failures);
    }
    prop_assert!(practice.verify_audit_chain().unwrap().first_break.is_none());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: model_cases() / 4, ..ProptestConfig::default() })]

    #[test]
    fn throttling_follows_the_model_whatever_the_sequence(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        run(&steps)?;
    }
}
