//! A model-based property test of the recall / appointment / session state machine: random
//! sequences of plan, session, booking and recall actions run against the real core on a real
//! file, with these invariants checked after every step (a failing sequence is shrunk and
//! printed; `PROPTEST_CASES` sets how many sequences run, 1000 by default):
//!
//! 1. A plan has at most one open recall (due, contacted, snoozed or booked).
//! 2. A cancelled plan has no open recall.
//! 3. An open next-session recall is for the session after the highest one recorded.
//! 4. A started plan that is neither cancelled nor complete, whose next session was neither
//!    declined nor attended (its visit still to be written up), has exactly one open recall:
//!    for that next session.
//! 5. A booked recall points at an appointment that is booked; an open recall that is not
//!    booked points at none; the booked appointment is not before the session it follows.
//! 6. A next-session recall is only done when that session (or a later one) is recorded, or
//!    its appointment was attended.
//! 7. Discarding a draft session leaves the client's recalls exactly as before the draft.
//! 8. The client's record, reading only the latest k closed recalls, gets every open one, the k
//!    latest closed ones by due date (all when fewer) and how many closed ones there are.

use crate::support::*;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use hairline::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    NewPlan,
    Record(usize),
    RecordThenDiscard(usize),
    SignAll(usize),
    CancelPlan(usize),
    BookRecall(usize),
    CancelAppointment(usize),
    Attend(usize),
    NoShow(usize),
    LogContact(usize),
    Snooze(usize),
    Decline(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        1 => Just(Step::NewPlan),
        4 => (0..3usize).prop_map(Step::Record),
        2 => (0..3usize).prop_map(Step::RecordThenDiscard),
        2 => (0..3usize).prop_map(Step::SignAll),
        1 => (0..3usize).prop_map(Step::CancelPlan),
        3 => (0..3usize).prop_map(Step::BookRecall),
        1 => (0..4usize).prop_map(Step::CancelAppointment),
        2 => (0..4usize).prop_map(Step::Attend),
        1 => (0..4usize).prop_map(Step::NoShow),
        1 => (0..3usize).prop_map(Step::LogContact),
        1 => (0..3usize).prop_map(Step::Snooze),
        1 => (0..3usize).prop_map(Step::Decline),
    ]
}

/// The clinic under test, with a calendar day that only moves forward.
struct World {
    clinic: Clinic,
    site: SiteId,
    client: ClientId,
    plans: Vec<PlanId>,
    today: NaiveDate,
}

fn next_weekday(mut day: NaiveDate) -> NaiveDate {
    day += Duration::days(1);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day += Duration::days(1);
    }
    day
}

impl World {
    fn new() -> World {
        let mut clinic = Clinic::new();
        let site = clinic
            .site("Manchester", "Europe/London", weekday_hours())
            .id;
        let client = clinic.client("Ana", "Lopez").id;
        let today = day("2024-01-08");
        clinic
            .clock
            .set(today.and_hms_opt(18, 0, 0).unwrap().and_utc());
        World {
            clinic,
            site,
            client,
            plans: Vec::new(),
            today,
        }
    }

    /// Moves "today" on to `day` (never back), at 18:00 UTC.
    fn move_to(&mut self, day: NaiveDate) {
        if day > self.today {
            self.today = day;
            let now = day.and_hms_opt(18, 0, 0).unwrap().and_utc();
            self.clinic.clock.set(now);
        }
    }

    fn plan(&self, i: usize) -> Option<PlanId> {
        self.plans.get(i % self.plans.len().max(1)).copied()
    }

    fn recalls(&self) -> Vec<Recall> {
        self.clinic.practice.client_recalls(self.client).unwrap()
    }

    fn open_recall(&self, i: usize) -> Option<Recall> {
        let open: Vec<Recall> = self
            .recalls()
            .into_iter()
            .filter(|r| r.is_open() && r.state != RecallState::Booked)
            .collect();
        open.get(i % open.len().max(1)).cloned()
    }

    fn booked_appointment(&self, i: usize) -> Option<Appointment> {
        let booked: Vec<Appointment> = self
            .clinic
            .practice
            .client_appointments(self.client)
            .unwrap()
            .into_iter()
            .filter(|a| a.status == AppointmentStatus::Booked)
            .collect();
        booked.get(i % booked.len().max(1)).cloned()
    }

    fn sessions(&self, plan: PlanId) -> Vec<Session> {
        let record = self.clinic.practice.client_record(self.client).unwrap();
        record
            .plans
            .into_iter()
            .filter(|p| p.plan.id == plan)
            .flat_map(|p| p.sessions)
            .collect()
    }

    /// Records the plan's next session today (the day moves on first).
    fn record_next(&mut self, plan: PlanId) -> Option<Session> {
        let sessions = self.sessions(plan);
        let number = sessions.iter().map(|s| s.number).max().unwrap_or(0) + 1;
        self.move_to(next_weekday(self.today));
        let performed = self.today.to_string();
        // The model is about recalls, not the plan's spacing: a session sooner than it goes ahead.
        let input = SessionInput {
            acknowledge_spacing: Some(true),
            ..self.clinic.session_input(plan, number, &performed)
        };
        let actor = self.clinic.actor();
        self.clinic.practice.record_session(actor, &input).ok()
    }

    fn apply(&mut self, step: &Step) -> Result<(), TestCaseError> {
        let actor = self.clinic.actor();
        match *step {
            Step::NewPlan => {
                if let Ok(plan) = self
                    .clinic
                    .practice
                    .create_plan(actor, &self.clinic.plan_input(self.client))
                {
                    self.plans.push(plan.id);
                }
            }
            Step::Record(i) => {
                if let Some(plan) = self.plan(i) {
                    self.record_next(plan);
                }
            }
            Step::RecordThenDiscard(i) => {
                let Some(plan) = self.plan(i) else {
                    return Ok(());
                };
                let before = self.recalls();
                if let Some(draft) = self.record_next(plan) {
                    self.clinic
                        .practice
                        .discard_session(actor, draft.id)
                        .unwrap();
                    prop_assert_eq!(
                        self.recalls(),
                        before,
                        "discarding the draft changed the recalls"
                    );
                }
            }
            Step::SignAll(i) => {
                let Some(plan) = self.plan(i) else {
                    return Ok(());
                };
                for session in self.sessions(plan).iter().filter(|s| !s.is_signed()) {
                    self.clinic
                        .practice
                        .sign_session(actor, session.id)
                        .unwrap();
                }
            }
            Step::CancelPlan(i) => {
                if let Some(plan) = self.plan(i) {
                    let _ = self.clinic.practice.cancel_plan(actor, plan);
                }
            }
            Step::BookRecall(i) => {
                let Some(recall) = self.open_recall(i) else {
                    return Ok(());
                };
                let kind = match recall.kind {
                    RecallKind::NextSession => AppointmentKind::PlanSession,
                    RecallKind::TouchUp => AppointmentKind::TouchUp,
                };
                let when = format!("{} 10:00", next_weekday(self.today));
                let input = AppointmentInput {
                    kind,
                    plan_id: Some(recall.plan_id),
                    acknowledge_spacing: Some(true),
                    ..self.clinic.booking(self.site, self.client, &when, 60)
                };
                let _ = self.clinic.practice.book_recall(actor, recall.id, &input);
            }
            Step::CancelAppointment(i) => {
                if let Some(a) = self.booked_appointment(i) {
                    self.clinic
                        .practice
                        .cancel_appointment(actor, a.id)
                        .unwrap();
                }
            }
            Step::Attend(i) => {
                if let Some(a) = self.booked_appointment(i) {
                    self.move_to(a.starts_local.date());
                    self.clinic.practice.mark_attended(actor, a.id).unwrap();
                }
            }
            Step::NoShow(i) => {
                if let Some(a) = self.booked_appointment(i) {
                    self.move_to(a.starts_local.date());
                    self.clinic.practice.mark_no_show(actor, a.id).unwrap();
                }
            }
            Step::LogContact(i) => {
                if let Some(recall) = self.open_recall(i) {
                    let input = ContactInput {
                        method: ContactMethod::Phone,
                        outcome: ContactOutcome::NoAnswer,
                        note: String::new(),
                    };
                    let _ = self.clinic.practice.log_contact(actor, recall.id, &input);
                }
            }
            Step::Snooze(i) => {
                if let Some(recall) = self.open_recall(i) {
                    let until = self.today + Duration::days(10);
                    let _ = self.clinic.practice.snooze_recall(actor, recall.id, until);
                }
            }
            Step::Decline(i) => {
                if let Some(recall) = self.open_recall(i) {
                    let _ = self
                        .clinic
                        .practice
                        .decline_recall(actor, recall.id, "Moving abroad");
                }
            }
        }
        Ok(())
    }

    /// Invariant 8 of the module documentation.
    fn check_the_records_recalls(&self, recalls: &[Recall]) -> Result<(), TestCaseError> {
        let ids = |rs: &mut dyn Iterator<Item = &Recall>| {
            let mut ids: Vec<RecallId> = rs.map(|r| r.id).collect();
            ids.sort();
            ids
        };
        let closed: Vec<&Recall> = recalls.iter().filter(|r| !r.is_open()).collect();
        for latest in 0..=2u32 {
            let shown = self
                .clinic
                .practice
                .client_recalls_shown(self.client, Some(latest))
                .unwrap();
            prop_assert_eq!(
                shown.closed_total as usize,
                closed.len(),
                "8: closed in all"
            );
            prop_assert_eq!(
                ids(&mut shown.recalls.iter().filter(|r| r.is_open())),
                ids(&mut recalls.iter().filter(|r| r.is_open())),
                "8: an open recall left out"
            );
            let shown_closed: Vec<&Recall> =
                shown.recalls.iter().filter(|r| !r.is_open()).collect();
            prop_assert_eq!(shown_closed.len(), closed.len().min(latest as usize), "8");
            for left_out in closed
                .iter()
                .filter(|c| !shown_closed.iter().any(|s| s.id == c.id))
            {
                prop_assert!(
                    shown_closed.iter().all(|s| s.due_on >= left_out.due_on),
                    "8: a later closed recall left out"
                );
            }
        }
        Ok(())
    }

    /// Invariants 1–6 and 8 of the module documentation.
    fn check(&self) -> Result<(), TestCaseError> {
        let recalls = self.recalls();
        self.check_the_records_recalls(&recalls)?;
        let appointments = self
            .clinic
            .practice
            .client_appointments(self.client)
            .unwrap();
        let appointment = |id: AppointmentId| appointments.iter().find(|a| a.id == id);
        for &plan_id in &self.plans {
            let plan = self.clinic.practice.client_record(self.client).unwrap();
            let plan = plan.plans.iter().find(|p| p.plan.id == plan_id).unwrap();
            let sessions = &plan.sessions;
            let highest = sessions.iter().map(|s| s.number).max();
            let of_plan: Vec<&Recall> = recalls.iter().filter(|r| r.plan_id == plan_id).collect();
            let open: Vec<&&Recall> = of_plan.iter().filter(|r| r.is_open()).collect();
            prop_assert!(open.len() <= 1, "1: {} open recalls", open.len());
            let cancelled = plan.plan.status == PlanStatus::Cancelled;
            prop_assert!(
                !cancelled || open.is_empty(),
                "2: cancelled plan has an open recall"
            );
            for r in &open {
                if r.kind == RecallKind::NextSession {
                    prop_assert_eq!(r.session_number, highest.map(|h| h + 1), "3");
                }
            }
            let next = highest
                .map(|h| h + 1)
                .filter(|n| *n <= plan.plan.planned_sessions);
            if let (Some(next), false) = (next, cancelled) {
                // Declined by the client, or done by an attended visit whose session is still
                // to be written up.
                let answered = of_plan.iter().any(|r| {
                    r.session_number == Some(next)
                        && matches!(r.state, RecallState::Declined | RecallState::Done)
                });
                if !answered {
                    prop_assert_eq!(open.len(), 1, "4: session {} has no open recall", next);
                    prop_assert_eq!(open[0].session_number, Some(next), "4");
                }
            }
            for r in &of_plan {
                if r.state == RecallState::Booked {
                    let a = r.appointment_id.and_then(appointment);
                    prop_assert!(
                        a.is_some_and(|a| a.status == AppointmentStatus::Booked),
                        "5: booked recall without a booked appointment"
                    );
                    if let (Some(a), Some(n)) = (a, r.session_number) {
                        let follows = sessions.iter().find(|s| s.number + 1 == n);
                        if let Some(s) = follows {
                            prop_assert!(
                                a.starts_local.date() >= s.performed_on,
                                "5: booked early"
                            );
                        }
                    }
                } else if r.is_open() {
                    prop_assert_eq!(
                        r.appointment_id,
                        None,
                        "5: open, unbooked, with an appointment"
                    );
                }
                if r.state == RecallState::Done && r.kind == RecallKind::NextSession {
                    let n = r.session_number.unwrap();
                    let recorded = highest.is_some_and(|h| h >= n);
                    let attended = r
                        .appointment_id
                        .and_then(appointment)
                        .is_some_and(|a| a.status == AppointmentStatus::Attended);
                    prop_assert!(
                        recorded || attended,
                        "6: session {} done without a visit",
                        n
                    );
                }
            }
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: model_cases(), ..ProptestConfig::default() })]

    #[test]
    fn recalls_keep_their_invariants_through_any_sequence(steps in prop::collection::vec(step(), 1..24)) {
        let mut world = World::new();
        world.apply(&Step::NewPlan)?;
        for step in &steps {
            world.apply(step)?;
            world.check()?;
        }
    }
}
