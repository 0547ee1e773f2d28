//! A record's audit history and a lot's traceability a page at a time, each with its true total:
//! the history newest first, a lot's uses oldest first, nothing skipped or repeated across
//! pages, and a bad page named the way every paged list names it.

use crate::desk::Desk;
use crate::support::*;
use hairline::api::Service;
use hairline::db::data_folder::DataFolder;
use hairline::*;
use serde_json::json;

fn page(offset: u32, limit: u32) -> PageRequest {
    PageRequest::of(offset, limit, "rows").expect("a page within the bounds")
}

/// A client created, then their notes changed 24 times (25 audit entries, the last "update"
/// noting "call 24"), read back from the file.
fn client_with_25_entries(clinic: &mut Clinic) -> Client {
    let mut client = clinic.client("Ana", "Lopez");
    for n in 1..=24 {
        clinic.clock.advance(chrono::Duration::minutes(1));
        let mut input = client_input("Ana", "Lopez");
        input.notes = format!("call {n}");
        client = clinic
            .practice
            .update_client(clinic.actor(), client.id, client.version, &input)
            .unwrap();
    }
    clinic.reopen();
    client
}

#[test]
fn a_records_history_pages_newest_first_with_its_total() {
    let mut clinic = Clinic::new();
    let client = client_with_25_entries(&mut clinic);
    let mut oldest_first = clinic.practice.audit_trail(&client.id).unwrap();
    assert_eq!(oldest_first.len(), 25);
    oldest_first.reverse();

    let mut walked = Vec::new();
    for offset in (0..30).step_by(10) {
        let history = clinic
            .practice
            .audit_page(&client.id, page(offset, 10))
            .unwrap();
        assert_eq!(history.total, 25);
        walked.extend(history.entries);
    }
    assert_eq!(walked, oldest_first, "none skipped or repeated");
    assert_eq!(walked[0].action, "update");
    assert_eq!(walked[0].after.as_ref().unwrap()["notes"], "call 24");
    assert_eq!(walked[24].action, "create");

    let past = clinic
        .practice
        .audit_page(&client.id, page(25, 10))
        .unwrap();
    assert_eq!((past.entries.len(), past.total), (0, 25));
    let other = clinic.client("Bo", "Lind");
    let theirs = clinic.practice.audit_page(&other.id, page(0, 10)).unwrap();
    assert_eq!(theirs.total, 1, "another record's entries are not counted");
}

/// Three clients, each treated twice with the clinic's lot on interleaved days (every session
/// records two zones: twelve uses), and one session with another lot and cartridge lot.
fn twelve_uses(clinic: &mut Clinic) -> Vec<(String, chrono::NaiveDate, ScalpZone)> {
    let days = [
        ("Ana", "Lopez", ["2026-03-05", "2026-04-20"]),
        ("Ben", "Okafor", ["2026-03-01", "2026-03-30"]),
        ("Cy", "Tanaka", ["2026-03-05", "2026-05-02"]),
    ];
    let mut expected = Vec::new();
    for (first, last, on) in days {
        let client = clinic.client(first, last);
        let plan = clinic.plan(client.id);
        for (number, day_) in on.iter().enumerate() {
            clinic.record(plan.id, number as u8 + 1, day_);
            for zone in [ScalpZone::FrontalHairline, ScalpZone::Crown] {
                expected.push((format!("{first} {last}"), day(day_), zone));
            }
        }
    }
    // Oldest first; on a shared day, the lower client number (Ana before Cy).
    expected.sort_by_key(|(name, on, _)| (*on, name.clone()));
    let other_lot = clinic
        .practice
        .add_pigment_lot(
            Actor::System,
            clinic.pigment.id,
            &PigmentLotInput {
                lot_number: "PB-2026-02".into(),
                expires_on: day("2028-06-30"),
                received_on: None,
                opened_on: None,
            },
        )
        .unwrap();
    let dee = clinic.client("Dee", "Vance");
    let plan = clinic.plan(dee.id);
    let mut input = clinic.session_input(plan.id, 1, "2026-03-02");
    for zone in &mut input.zones {
        zone.pigment_lot_id = other_lot.id;
        zone.cartridge_lot = "CART-777".into();
    }
    clinic
        .practice
        .record_session(clinic.actor(), &input)
        .expect("a session with another lot");
    clinic.reopen();
    expected
}

#[test]
fn a_lots_uses_page_oldest_first_with_their_total() {
    let mut clinic = Clinic::new();
    let expected = twelve_uses(&mut clinic);
    let mut walked = Vec::new();
    for offset in [0, 5, 10] {
        let uses = clinic
            .practice
            .pigment_lot_uses(clinic.lot.id, page(offset, 5))
            .unwrap();
        assert_eq!(uses.total, 12);
        walked.extend(
            uses.uses
                .into_iter()
                .map(|u| (u.client_name, u.performed_on, u.zone)),
        );
    }
    assert_eq!(walked, expected, "in order, none skipped or repeated");

    let past = clinic
        .practice
        .pigment_lot_uses(clinic.lot.id, page(12, 5))
        .unwrap();
    assert_eq!((past.uses.len(), past.total), (0, 12));
    let cartridge = clinic
        .practice
        .cartridge_lot_uses(" CART-777 ", page(0, 1))
        .unwrap();
    assert_eq!(cartridge.total, 2, "the other session's two zones only");
    assert_eq!(cartridge.uses.len(), 1);
    assert_eq!(cartridge.uses[0].client_name, "Dee Vance");
}

#[test]
fn a_bad_page_size_is_refused_naming_the_limit_and_what_the_list_holds() {
    for (limit, words) in [(0, "not 0"), (MAX_PAGE_ROWS + 1, "not 101")] {
        let err = assert_field(
            PageRequest::of(0, limit, "entries"),
            ErrorCode::Validation,
            "limit",
        );
        assert_eq!(
            err.to_string(),
            format!("Ask for between 1 and 100 entries at a time, {words}")
        );
    }
}

#[test]
fn through_the_command_table_pages_answer_their_total_and_a_bad_offset_or_limit_names_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(FixedClock::on(day("2026-06-15")));
    let service = Service::open(DataFolder::new(dir.path()).unwrap(), clock, None);
    let (desk, owner) = Desk::owner(&service, "Dana Reyes");

    let history = desk
        .call(
            "audit_trail",
            json!({"entity_id": owner, "offset": 0, "limit": 1}),
        )
        .unwrap();
    let total = history["total"].as_u64().unwrap();
    assert!(total >= 1, "{history}");
    assert_eq!(history["entries"].as_array().unwrap().len(), 1);
    let uses = desk
        .call(
            "pigment_lot_uses",
            json!({"lot_id": PigmentLotId::new(), "offset": 0, "limit": 20}),
        )
        .unwrap();
    assert_eq!(uses, json!({"uses": [], "total": 0}));

    let lot = PigmentLotId::new();
    for (command, base) in [
        ("audit_trail", json!({"entity_id": owner})),
        ("pigment_lot_uses", json!({"lot_id": lot})),
        ("cartridge_lot_uses", json!({"lot_number": "CART-1"})),
    ] {
        for (field, offset, limit) in [
            ("offset", json!(-1), json!(20)),
            ("offset", json!(1.5), json!(20)),
            ("limit", json!(0), json!("20")),
            ("limit", json!(0), json!(0)),
            ("limit", json!(0), json!(101)),
        ] {
            let mut request = base.clone();
            request["offset"] = offset;
            request["limit"] = limit;
            let err = desk.call(command, request.clone()).unwrap_err();
            assert_eq!(
                err.field.as_deref(),
                Some(field),
                "{command} {request}: {err:?}"
            );
            assert_eq!(
                err.code,
                ErrorCode::Validation,
                "{command} {request}: {err:?}"
            );
        }
    }
}
