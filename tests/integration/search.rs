//! Search as you type: prefix, case- and accent-insensitive, by name, phone or email.

use crate::support::*;
use hairline::*;

fn names(found: &[ClientSummary]) -> Vec<String> {
    found
        .iter()
        .map(|c| format!("{} {}", c.first_name, c.last_name))
        .collect()
}

#[test]
fn finds_by_name_prefix_ignoring_case_and_accents() {
    let mut clinic = Clinic::new();
    clinic.client("Zoë", "Smith");
    clinic.client("José", "Álvarez");
    clinic.client("Zack", "Jones");
    clinic.client("Søren", "Łukasiewicz");
    assert_eq!(
        names(
            &clinic
                .practice
                .search_clients("soren luk", ArchiveFilter::Active, 20)
                .unwrap()
        ),
        ["Søren Łukasiewicz"]
    );
    assert_eq!(
        names(
            &clinic
                .practice
                .search_clients("Sø", ArchiveFilter::Active, 20)
                .unwrap()
        ),
        ["Søren Łukasiewicz"]
    );
    let found = clinic
        .practice
        .search_clients("zoe", ArchiveFilter::Active, 20)
        .unwrap();
    assert_eq!(names(&found), ["Zoë Smith"]);
    assert_eq!(
        names(
            &clinic
                .practice
                .search_clients("ALV", ArchiveFilter::Active, 20)
                .unwrap()
        ),
        ["José Álvarez"]
    );
    assert_eq!(
        names(
            &clinic
                .practice
                .search_clients("jos alv", ArchiveFilter::Active, 20)
                .unwrap()
        ),
        ["José Álvarez"]
    );
    assert_eq!(
        clinic
            .practice
            .search_clients("zo", ArchiveFilter::Active, 20)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        clinic
            .practice
            .search_clients("z", ArchiveFilter::Active, 20)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn finds_by_phone_and_email() {
    let mut clinic = Clinic::new();
    let mut input = client_input("Ana", "Lopez");
    input.phone = "+44 7911 123456".into();
    input.email = "ana.lopez@clinicmail.co.uk".into();
    clinic
        .practice
        .create_client(clinic.actor(), &input)
        .unwrap();
    clinic.client("Ben", "Okafor");
    for typed in ["7911", "447911", "+44 791", "clinicmail", "ana.lo"] {
        let found = clinic
            .practice
            .search_clients(typed, ArchiveFilter::Active, 20)
            .unwrap();
        assert_eq!(names(&found), ["Ana Lopez"], "typed {typed:?}");
    }
}

#[test]
fn the_index_follows_updates_and_archive_filter() {
    let mut clinic = Clinic::new();
    let client = clinic.client("Ana", "Lopez");
    clinic
        .practice
        .update_client(
            clinic.actor(),
            client.id,
            client.version,
            &client_input("Anabel", "Reyes"),
        )
        .unwrap();
    assert!(clinic
        .practice
        .search_clients("lop", ArchiveFilter::All, 20)
        .unwrap()
        .is_empty());
    assert_eq!(
        clinic
            .practice
            .search_clients("rey", ArchiveFilter::Active, 20)
            .unwrap()
            .len(),
        1
    );
    clinic
        .practice
        .archive_client(clinic.actor(), client.id)
        .unwrap();
    assert!(clinic
        .practice
        .search_clients("rey", ArchiveFilter::Active, 20)
        .unwrap()
        .is_empty());
    assert_eq!(
        clinic
            .practice
            .search_clients("rey", ArchiveFilter::Archived, 20)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn search_syntax_in_what_is_typed_is_just_text() {
    let mut clinic = Clinic::new();
    clinic.client("Ana", "Lopez");
    for typed in [
        "\"",
        "lop*",
        "NEAR(a b)",
        "a OR b",
        "'; DROP TABLE clients; --",
        "^lop",
        "-lop",
        "(",
        "lop\"ez",
    ] {
        clinic
            .practice
            .search_clients(typed, ArchiveFilter::All, 20)
            .unwrap_or_else(|e| panic!("{typed:?}: {e}"));
    }
    assert_eq!(count(&clinic.practice, "clients"), 1);
}

#[test]
fn an_empty_query_lists_clients() {
    let mut clinic = Clinic::new();
    clinic.client("Ana", "Lopez");
    clinic.client("Ben", "Okafor");
    assert_eq!(
        clinic
            .practice
            .search_clients("   ", ArchiveFilter::Active, 20)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn the_most_recently_registered_matches_come_first() {
    let mut clinic = Clinic::new();
    clinic.client("Sam", "Smith");
    clinic.client("Ana", "Smithers");
    clinic.client("Ben", "Okafor");
    let found = clinic
        .practice
        .search_clients("smi", ArchiveFilter::Active, 20)
        .unwrap();
    assert_eq!(names(&found), ["Ana Smithers", "Sam Smith"]);
    assert_eq!(
        clinic
            .practice
            .search_clients("smi", ArchiveFilter::Active, 1)
            .unwrap()
            .len(),
        1
    );
}

/// A search says how many clients match in all, and pages through them.
#[test]
fn a_search_page_counts_every_match() {
    let mut clinic = Clinic::new();
    for last in ["Marsh", "Martin", "Marley", "Lopez"] {
        clinic.client("Ana", last);
    }
    let first = clinic
        .practice
        .search_page("mar", ArchiveFilter::Active, 0, 2)
        .unwrap();
    assert_eq!((first.clients.len(), first.total), (2, 3));
    let rest = clinic
        .practice
        .search_page("mar", ArchiveFilter::Active, 2, 2)
        .unwrap();
    assert_eq!((rest.clients.len(), rest.total), (1, 3));
    let mut seen: Vec<String> = first
        .clients
        .iter()
        .chain(&rest.clients)
        .map(|c| c.last_name.clone())
        .collect();
    seen.sort();
    assert_eq!(seen, ["Marley", "Marsh", "Martin"]);
}
