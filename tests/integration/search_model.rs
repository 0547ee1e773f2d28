//! A model-based property test of search under archiving: random sequences of new clients,
//! renames, archiving, unarchiving and erasures (which rename and archive) run against the real
//! core on a real file, with these invariants checked after every step for every filter and for
//! prefixes of one to four letters (a tenth of `PROPTEST_CASES` run — 100 by default):
//!
//! 1. A search page holds exactly the clients whose current name has a word starting with what
//!    was typed and whose archived state the filter keeps, most recently registered first.
//! 2. Its total is the number of those clients — the index's own count, read without visiting
//!    the clients table, never drifts from the clients it stands for.
//! 3. The unsearched list's total is the number of clients the filter keeps.

use crate::support::*;
use hairline::*;
use proptest::prelude::*;

/// First names that share prefixes, so one search matches several clients.
const NAMES: &[&str] = &["Mara", "Marco", "Mia", "Joan", "Jon", "Amir"];
const PREFIXES: &[&str] = &[
    "m", "ma", "mar", "marc", "jo", "joa", "ami", "mo", "er", "cl",
];

#[derive(Debug, Clone)]
enum Step {
    NewClient(usize),
    Rename(usize, usize),
    Archive(usize),
    Unarchive(usize),
    Erase(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..NAMES.len()).prop_map(Step::NewClient),
        2 => (any::<usize>(), 0..NAMES.len()).prop_map(|(i, n)| Step::Rename(i, n)),
        3 => any::<usize>().prop_map(Step::Archive),
        2 => any::<usize>().prop_map(Step::Unarchive),
        1 => any::<usize>().prop_map(Step::Erase),
    ]
}

/// What the model knows of one client.
#[derive(Debug, Clone)]
struct Known {
    id: ClientId,
    number: u32,
    first_name: String,
    last_name: String,
    archived: bool,
    erased: bool,
}

impl Known {
    fn kept_by(&self, filter: ArchiveFilter) -> bool {
        match filter {
            ArchiveFilter::Active => !self.archived,
            ArchiveFilter::Archived => self.archived,
            ArchiveFilter::All => true,
        }
    }

    fn found_by(&self, typed: &str) -> bool {
        // Every client's last name is "Model" ("mo" finds them all) until erased ("client #N").
        format!("{} {}", self.first_name, self.last_name)
            .split(' ')
            .any(|word| word.to_lowercase().starts_with(typed))
    }
}

struct World {
    clinic: Clinic,
    clients: Vec<Known>,
}

impl World {
    /// The index of a client not erased (the only ones a step can change), if any.
    fn pick(&self, i: usize) -> Option<usize> {
        let held: Vec<usize> = (0..self.clients.len())
            .filter(|&k| !self.clients[k].erased)
            .collect();
        (!held.is_empty()).then(|| held[i % held.len()])
    }

    fn apply(&mut self, step: &Step) {
        let actor = self.clinic.actor();
        match *step {
            Step::NewClient(n) => {
                let client = self
                    .clinic
                    .practice
                    .create_client(actor, &client_input(NAMES[n], "Model"))
                    .unwrap();
                self.clients.push(Known {
                    id: client.id,
                    number: client.number,
                    first_name: NAMES[n].to_owned(),
                    last_name: "Model".to_owned(),
                    archived: false,
                    erased: false,
                });
            }
            Step::Rename(i, n) => {
                let Some(i) = self.pick(i) else { return };
                let known = &mut self.clients[i];
                let version = self.clinic.practice.client(known.id).unwrap().version;
                self.clinic
                    .practice
                    .update_client(actor, known.id, version, &client_input(NAMES[n], "Model"))
                    .unwrap();
                known.first_name = NAMES[n].to_owned();
            }
            Step::Archive(i) | Step::Unarchive(i) => {
                let Some(i) = self.pick(i) else { return };
                let known = &mut self.clients[i];
                let archive = matches!(step, Step::Archive(_));
                if archive {
                    self.clinic
                        .practice
                        .archive_client(actor, known.id)
                        .unwrap();
                } else {
                    self.clinic
                        .practice
                        .unarchive_client(actor, known.id)
                        .unwrap();
                }
                known.archived = archive;
            }
            Step::Erase(i) => {
                let Some(i) = self.pick(i) else { return };
                let known = &mut self.clients[i];
                let confirmation = format!("{} Model", known.first_name);
                self.clinic
                    .practice
                    .erase_client(actor, known.id, &confirmation)
                    .unwrap();
                known.first_name = "Erased".to_owned();
                known.last_name = format!("client #{}", known.number);
                known.archived = true;
                known.erased = true;
            }
        }
    }

    fn check(&self) -> Result<(), TestCaseError> {
        for filter in [
            ArchiveFilter::Active,
            ArchiveFilter::Archived,
            ArchiveFilter::All,
        ] {
            let kept: Vec<&Known> = self.clients.iter().filter(|c| c.kept_by(filter)).collect();
            let listed = self.clinic.practice.list_clients(filter, 0, 200).unwrap();
            prop_assert_eq!(
                listed.total as usize,
                kept.len(),
                "list total, {:?}",
                filter
            );
            for typed in PREFIXES {
                let mut expected: Vec<u32> = kept
                    .iter()
                    .filter(|c| c.found_by(typed))
                    .map(|c| c.number)
                    .collect();
                expected.sort_unstable_by(|a, b| b.cmp(a));
                let page = self
                    .clinic
                    .practice
                    .search_page(typed, filter, 0, 200)
                    .unwrap();
                let found: Vec<u32> = page.clients.iter().map(|c| c.number).collect();
                prop_assert_eq!(&found, &expected, "page for {:?}, {:?}", typed, filter);
                prop_assert_eq!(page.total as usize, expected.len(), "total for {:?}", typed);
                for client in &page.clients {
                    let known = self.clients.iter().find(|k| k.id == client.id).unwrap();
                    prop_assert_eq!(client.archived, known.archived);
                }
            }
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: model_cases() / 10, ..ProptestConfig::default() })]

    #[test]
    fn search_pages_and_totals_follow_every_archive_and_erasure(
        steps in proptest::collection::vec(step(), 1..16)
    ) {
        let mut world = World { clinic: Clinic::new(), clients: Vec::new() };
        for step in &steps {
            world.apply(step);
            world.check()?;
        }
    }
}
