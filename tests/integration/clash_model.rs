//! A model-based property test of double booking: random sequences of bookings (any length the
//! form allows, 15 minutes to 12 hours, over three days) and cancellations for two practitioners
//! and three clients, run against the real core on a real file. The invariant, checked at every
//! step: a booking is refused as a `conflict` exactly when it overlaps a booked appointment of
//! the same practitioner or the same client (touching end to start is no overlap), and is
//! otherwise accepted. A cancelled appointment frees its time.

use crate::support::*;
use chrono::{Duration, NaiveDateTime};
use hairline::*;
use proptest::prelude::*;

/// The site is open 06:00–23:00: room for the longest appointment and for overlaps across it.
const OPENS_MINUTE: i64 = 6 * 60;
const CLOSES_MINUTE: i64 = 23 * 60;

#[derive(Debug, Clone)]
enum Step {
    Book {
        practitioner: usize,
        client: usize,
        day: i64,
        quarter: i64,
        quarters: u16,
    },
    Cancel(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..2usize, 0..3usize, 0..3i64, 0..68i64, 1..=48u16).prop_map(
            |(practitioner, client, day, quarter, quarters)| Step::Book { practitioner, client, day, quarter, quarters }
        ),
        1 => any::<prop::sample::Index>().prop_map(|i| Step::Cancel(i.index(64))),
    ]
}

struct Booked {
    id: AppointmentId,
    practitioner: usize,
    client: usize,
    starts: NaiveDateTime,
    ends: NaiveDateTime,
}

struct World {
    clinic: Clinic,
    site: SiteId,
    practitioners: [StaffId; 2],
    clients: Vec<ClientId>,
    booked: Vec<Booked>,
}

impl World {
    fn new() -> World {
        let mut clinic = Clinic::new();
        let every_day = Weekday::ALL
            .iter()
            .map(|&weekday| OpeningHours {
                weekday,
                opens: "06:00:00".parse().unwrap(),
                closes: "23:00:00".parse().unwrap(),
            })
            .collect();
        let site = clinic.site("Manchester", "Europe/London", every_day).id;
        let second = clinic
            .practice
            .create_staff(
                Actor::System,
                &StaffInput {
                    name: "Sami Okafor".into(),
                    role: Some(StaffRole::Practitioner),
                },
            )
            .unwrap();
        clinic
            .practice
            .set_staff_sites(Actor::System, second.id, &[site])
            .unwrap();
        let clients = ["Ada", "Ben", "Cleo"]
            .iter()
            .map(|first| clinic.client(first, "Marsh").id)
            .collect();
        World {
            practitioners: [clinic.practitioner.id, second.id],
            clinic,
            site,
            clients,
            booked: Vec::new(),
        }
    }

    fn apply(&mut self, step: &Step) -> Result<(), TestCaseError> {
        match *step {
            Step::Book {
                practitioner,
                client,
                day,
                quarter,
                quarters,
            } => {
                let minutes = i64::from(quarters) * 15;
                let start_minute = (OPENS_MINUTE + quarter * 15).min(CLOSES_MINUTE - minutes);
                let starts =
                    at("2026-07-01 00:00") + Duration::days(day) + Duration::minutes(start_minute);
                let ends = starts + Duration::minutes(minutes);
                let clash = self.booked.iter().any(|b| {
                    (b.practitioner == practitioner || b.client == client)
                        && b.starts < ends
                        && starts < b.ends
                });
                let input = AppointmentInput {
                    practitioner_id: self.practitioners[practitioner],
                    starts_local: starts,
                    ..self.clinic.booking(
                        self.site,
                        self.clients[client],
                        "2026-07-01 06:00",
                        quarters * 15,
                    )
                };
                let actor = self.clinic.actor();
                match self.clinic.practice.book_appointment(actor, &input) {
                    Ok(a) => {
                        prop_assert!(
                            !clash,
                            "{starts}–{ends} was booked over another appointment"
                        );
                        self.booked.push(Booked {
                            id: a.id,
                            practitioner,
                            client,
                            starts,
                            ends,
                        });
                    }
                    Err(e) => {
                        prop_assert!(
                            clash,
                            "{starts}–{ends} was refused with nothing in the way: {e}"
                        );
                        prop_assert_eq!(e.to_api().code, ErrorCode::Conflict);
                    }
                }
            }
            Step::Cancel(i) => {
                if self.booked.is_empty() {
                    return Ok(());
                }
                let b = self.booked.remove(i % self.booked.len());
                let actor = self.clinic.actor();
                self.clinic
                    .practice
                    .cancel_appointment(actor, b.id)
                    .unwrap();
            }
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: model_cases() / 10, ..ProptestConfig::default() })]

    #[test]
    fn a_booking_is_refused_exactly_when_it_overlaps_a_booked_one(steps in prop::collection::vec(step(), 1..30)) {
        let mut world = World::new();
        for step in &steps {
            world.apply(step)?;
        }
    }
}
