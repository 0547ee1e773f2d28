//! A model-based property test of erasure: random sequences of new clients, signed sessions,
//! amendments, consents, erasures, backups, restores of any earlier backup and reopenings run
//! against the real core on a real file, with these invariants checked after every step (a
//! failing sequence is shrunk and printed; `PROPTEST_CASES` sets how many run, 1000 by default):
//!
//! 1. Every client ever erased that the database holds is erased: shown as "Erased client #N",
//!    in the erasure ledger — whatever backup was restored since.
//! 2. No text of an erased client is left in any table that held it (their name, session notes,
//!    amendments, consent reasons, audit snapshots).
//! 3. A client never erased keeps their name.
//! 4. The audit chain verifies, and no erasure guard is left open.

use crate::support::*;
use hairline::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Debug, Clone)]
enum Step {
    NewClient,
    SignSession(usize),
    Amend(usize),
    Consent(usize),
    Erase(usize),
    Backup,
    Restore(usize),
    Reopen,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::NewClient),
        3 => any::<usize>().prop_map(Step::SignSession),
        2 => any::<usize>().prop_map(Step::Amend),
        1 => any::<usize>().prop_map(Step::Consent),
        3 => any::<usize>().prop_map(Step::Erase),
        2 => Just(Step::Backup),
        2 => any::<usize>().prop_map(Step::Restore),
        1 => Just(Step::Reopen),
    ]
}

/// What the model knows of one client.
#[derive(Debug, Clone)]
struct Known {
    id: ClientId,
    /// A word found only in this client's data.
    token: String,
    plan: PlanId,
    signed: Vec<SessionId>,
}

/// The clients the database holds (as of now, or as of a backup).
#[derive(Debug, Clone, Default)]
struct Held {
    clients: Vec<Known>,
}

struct World {
    clinic: Clinic,
    held: Held,
    erased: BTreeSet<ClientId>,
    backups: Vec<(PathBuf, Held)>,
    made: usize,
}

/// "Zqb", "Zqc", … — a first name that is a word of its own.
fn token(n: usize) -> String {
    let mut word = String::from("Zq");
    let mut n = n + 1;
    while n > 0 {
        word.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    word
}

impl World {
    fn new() -> World {
        World {
            clinic: Clinic::new(),
            held: Held::default(),
            erased: BTreeSet::new(),
            backups: Vec::new(),
            made: 0,
        }
    }

    fn pick(&self, i: usize) -> Option<Known> {
        let live: Vec<&Known> = self
            .held
            .clients
            .iter()
            .filter(|c| !self.erased.contains(&c.id))
            .collect();
        (!live.is_empty()).then(|| live[i % live.len()].clone())
    }

    fn apply(&mut self, step: &Step) -> std::result::Result<(), TestCaseError> {
        let actor = self.clinic.actor();
        match step {
            Step::NewClient => {
                let token = token(self.made);
                self.made += 1;
                let client = self.clinic.client(&token, "Model");
                let plan = self.clinic.plan(client.id);
                self.held.clients.push(Known {
                    id: client.id,
                    token,
                    plan: plan.id,
                    signed: Vec::new(),
                });
            }
            Step::SignSession(i) => {
                let Some(known) = self.pick(*i) else {
                    return Ok(());
                };
                if known.signed.len() >= 3 {
                    return Ok(());
                }
                let number = known.signed.len() as u8 + 1;
                let mut input =
                    self.clinic
                        .session_input(known.plan, number, &format!("2026-05-0{number}"));
                input.notes = format!("{} sat well", known.token);
                // Days apart here stand for sessions weeks apart: the spacing is acknowledged.
                input.acknowledge_spacing = Some(true);
                let session = self.clinic.practice.record_session(actor, &input).unwrap();
                self.clinic
                    .practice
                    .sign_session(actor, session.id)
                    .unwrap();
                let known = self
                    .held
                    .clients
                    .iter_mut()
                    .find(|c| c.id == known.id)
                    .unwrap();
                known.signed.push(session.id);
            }
            Step::Amend(i) => {
                let Some(known) = self.pick(*i) else {
                    return Ok(());
                };
                let Some(session) = known.signed.last() else {
                    return Ok(());
                };
                self.clinic
                    .practice
                    .amend_session(
                        actor,
                        *session,
                        &format!("{} asked for softer", known.token),
                    )
                    .unwrap();
            }
            Step::Consent(i) => {
                let Some(known) = self.pick(*i) else {
                    return Ok(());
                };
                let consent = self.clinic.sign(known.id, ConsentKind::Photo, &[]);
                self.clinic
                    .practice
                    .withdraw_consent(
                        actor,
                        consent.id,
                        &WithdrawConsentInput {
                            reason: format!("{} changed their mind", known.token),
                            client_signature: None,
                        },
                    )
                    .unwrap();
            }
            Step::Erase(i) => {
                let Some(known) = self.pick(*i) else {
                    return Ok(());
                };
                self.clinic
                    .practice
                    .erase_client(actor, known.id, &format!("{} Model", known.token))
                    .unwrap();
                self.erased.insert(known.id);
            }
            Step::Backup => {
                let path = self
                    .clinic
                    .dir
                    .path()
                    .join(format!("backup-{}.sqlite", self.backups.len()));
                self.clinic
                    .practice
                    .backup_to(&path, &Cancel::new(), &mut |_| {})
                    .unwrap();
                self.backups.push((path, self.held.clone()));
            }
            Step::Restore(i) => {
                if self.backups.is_empty() {
                    return Ok(());
                }
                let (path, held) = self.backups[i % self.backups.len()].clone();
                let safety = self.clinic.dir.path().join("safety");
                std::fs::create_dir_all(&safety).unwrap();
                self.clinic
                    .practice
                    .restore_from(&path, &safety, &mut |_| {})
                    .unwrap();
                self.held = held;
            }
            Step::Reopen => self.clinic.reopen(),
        }
        Ok(())
    }

    fn check(&self) -> std::result::Result<(), TestCaseError> {
        let conn = self.clinic.practice.raw_connection();
        let text_with = |token: &str| -> i64 {
            conn.query_row(
                "SELECT (SELECT count(*) FROM clients WHERE instr(first_name, ?1) > 0)
                      + (SELECT count(*) FROM sessions WHERE instr(notes, ?1) > 0)
                      + (SELECT count(*) FROM amendments WHERE instr(text, ?1) > 0)
                      + (SELECT count(*) FROM consents WHERE instr(reason, ?1) > 0)
                      + (SELECT count(*) FROM audit_log
                          WHERE instr(coalesce(before, '') || coalesce(after, ''), ?1) > 0)",
                [token],
                |r| r.get(0),
            )
            .unwrap()
        };
        for known in &self.held.clients {
            let client = self.clinic.practice.client(known.id).unwrap();
            if self.erased.contains(&known.id) {
                prop_assert_eq!(client.first_name.as_str(), "Erased", "1: {:?}", known);
                prop_assert!(
                    self.clinic
                        .practice
                        .erasure_ledger()
                        .unwrap()
                        .iter()
                        .any(|e| e.client_id == known.id),
                    "1: not in the ledger"
                );
                prop_assert_eq!(text_with(&known.token), 0, "2: {} left", known.token);
            } else {
                prop_assert_eq!(&client.first_name, &known.token, "3");
            }
        }
        let chain = self.clinic.practice.verify_audit_chain().unwrap();
        prop_assert_eq!(chain.first_break, None, "4");
        let guards: i64 = conn
            .query_row("SELECT count(*) FROM erasure_guard", [], |r| r.get(0))
            .unwrap();
        prop_assert_eq!(guards, 0, "4: a guard left open");
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: model_cases(), ..ProptestConfig::default() })]

    #[test]
    fn erasure_keeps_its_invariants_through_any_sequence(steps in prop::collection::vec(step(), 1..24)) {
        let mut world = World::new();
        world.apply(&Step::NewClient)?;
        for step in &steps {
            world.apply(step)?;
            world.check()?;
        }
    }
}
