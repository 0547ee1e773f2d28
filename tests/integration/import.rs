//! Importing clients from other systems' CSV exports.

use crate::support::*;
use hairline::*;

const EXPORT: &str = "\u{feff}Forename,Surname,DOB,Mobile,E-mail,Comments,Newsletter\r\n\
Zoë,Okafor,25/12/1979,07700 900111,zoe@example.com,\"Prefers mornings, not Mondays\",yes\r\n\
José,García,03/04/1990,,jose@example.com,\"Referred by\r\nhis brother\",no\r\n\
Tom,Baker,,+44 7700 900222,,,\r\n";

fn request(setup: &ImportSetup) -> ImportRequest {
    ImportRequest {
        mapping: setup.guessed.clone(),
        decisions: vec![],
    }
}

#[test]
fn the_mapping_is_guessed_from_the_header_and_the_file_imports_whole() {
    let mut clinic = Clinic::new();
    let setup = read_import_setup(EXPORT).unwrap();
    assert_eq!(setup.rows, 3);
    assert_eq!(setup.headers[0], "Forename", "BOM stripped");
    assert_eq!(
        setup.guessed.columns,
        vec![
            Some(ClientField::FirstName),
            Some(ClientField::LastName),
            Some(ClientField::DateOfBirth),
            Some(ClientField::Phone),
            Some(ClientField::Email),
            Some(ClientField::Notes),
            Some(ClientField::MarketingConsent),
        ]
    );
    assert_eq!(
        setup.guessed.date_order,
        DateOrder::DayFirst,
        "25/12 decides"
    );
    let actor = clinic.actor();
    let mut seen = Vec::new();
    let report = clinic
        .practice
        .import_clients(actor, EXPORT, &request(&setup), &mut |p| seen.push(p))
        .unwrap();
    assert_eq!(report.status, ImportStatus::Imported, "{report:?}");
    assert_eq!(report.imported, 3);
    let last = *seen.last().unwrap();
    assert_eq!(last.rows_done, last.rows_total);
    // Progress counts the file's rows, pass by pass: never more than the file holds.
    assert_eq!(last.phase, ImportPhase::Adding);
    assert!(seen
        .iter()
        .all(|p| p.rows_done <= p.rows_total && p.rows_total <= report.rows));
    assert_eq!(seen[0].phase, ImportPhase::Checking);

    let jose = clinic
        .practice
        .search_clients("garcia", ArchiveFilter::All, 5)
        .unwrap();
    let jose = clinic.practice.client(jose[0].id).unwrap();
    assert_eq!(jose.date_of_birth, Some(day("1990-04-03")));
    assert_eq!(jose.notes, "Referred by\nhis brother");
    assert_eq!(jose.preferred_contact, ContactChannel::Email, "no phone");
    let zoe = clinic
        .practice
        .search_clients("zoe", ArchiveFilter::All, 5)
        .unwrap();
    let zoe = clinic.practice.client(zoe[0].id).unwrap();
    assert!(zoe.marketing_consent);
    assert_eq!(zoe.notes, "Prefers mornings, not Mondays");
    let trail = clinic.practice.audit_trail(&zoe.id).unwrap();
    assert_eq!(trail[0].action, "import");
}

#[test]
fn one_bad_row_imports_nothing_and_every_bad_row_is_reported_by_line_and_field() {
    let mut clinic = Clinic::new();
    let text = "first_name,last_name,date_of_birth,phone,email,notes\n\
Ana,Lopez,1984-05-17,07700 900123,,\"two\nlines\"\n\
Bad,Date,31/02/1990,07700 900124,,\n\
,Nofirst,,07700 900125,,\n\
Bad,Email,,07700 900126,not-an-email,\n\
Far,Future,2090-01-01,07700 900127,,\n\
No,Contact,,,,\n\
Good,Row,,07700 900128,,\n";
    let setup = read_import_setup(text).unwrap();
    let actor = clinic.actor();
    let setup_entries = count(&clinic.practice, "audit_log");
    let report = clinic
        .practice
        .import_clients(actor, text, &request(&setup), &mut |_| {})
        .unwrap();
    assert_eq!(report.status, ImportStatus::Rejected);
    assert_eq!(report.imported, 0);
    let found: Vec<(u32, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    // Line 2's notes span two physical lines, so the next row starts on line 4.
    assert_eq!(
        found,
        vec![
            (4, "date_of_birth"),
            (5, "first_name"),
            (6, "email"),
            (7, "date_of_birth"),
            (8, "phone"),
        ]
    );
    assert!(report.problems[0].message.contains("not a real date"));
    assert!(report.problems[3].message.contains("future"));
    assert_eq!(count(&clinic.practice, "clients"), 0, "all or nothing");
    assert_eq!(
        count(&clinic.practice, "audit_log"),
        setup_entries,
        "only the fixture's own setup"
    );
}

#[test]
fn duplicates_wait_for_a_decision_then_are_skipped_or_imported_as_chosen() {
    let mut clinic = Clinic::new();
    clinic.client("Ana", "Lopez"); // born 1984-05-17, ana.lopez@example.com
    let text = "Name,Date of birth,Email,Phone\n\
ana lopez,17 May 1984,,07700 900001\n\
Ben Ode,,ben@example.com,07700 900002\n\
Benjamin Ode,,BEN@example.com,07700 900003\n\
Cara Moss,,ana.lopez@example.com,07700 900004\n\
Dan Field,,,07700 900005\n";
    let setup = read_import_setup(text).unwrap();
    assert_eq!(setup.guessed.columns[0], Some(ClientField::FullName));
    let mut req = request(&setup);
    let actor = clinic.actor();
    let report = clinic
        .practice
        .import_clients(actor, text, &req, &mut |_| {})
        .unwrap();
    assert_eq!(report.status, ImportStatus::NeedsDecisions);
    assert_eq!(
        count(&clinic.practice, "clients"),
        1,
        "nothing imported yet"
    );
    let dups: Vec<_> = report
        .duplicates
        .iter()
        .map(|d| (d.line, d.reason, d.existing_number, d.earlier_line))
        .collect();
    assert_eq!(
        dups,
        vec![
            (2, DuplicateReason::SameNameAndDateOfBirth, Some(1), None),
            (4, DuplicateReason::SameEmail, None, Some(3)),
            (5, DuplicateReason::SameEmail, Some(1), None),
        ]
    );
    req.decisions = vec![
        ImportDecision {
            line: 2,
            decision: DuplicateDecision::Skip,
        },
        ImportDecision {
            line: 4,
            decision: DuplicateDecision::ImportAnyway,
        },
        ImportDecision {
            line: 5,
            decision: DuplicateDecision::Skip,
        },
    ];
    let preview = clinic.practice.preview_import(text, &req).unwrap();
    assert_eq!(preview.status, ImportStatus::Ready);
    assert_eq!(
        count(&clinic.practice, "clients"),
        1,
        "a preview writes nothing"
    );
    let report = clinic
        .practice
        .import_clients(actor, text, &req, &mut |_| {})
        .unwrap();
    assert_eq!(report.status, ImportStatus::Imported);
    assert_eq!((report.imported, report.skipped), (3, 2));
    assert_eq!(count(&clinic.practice, "clients"), 4);
}

#[test]
fn the_date_order_is_the_mappings_choice_not_a_guess_per_row() {
    let mut clinic = Clinic::new();
    let text = "first,last,dob,phone\nAmy,Pond,05/17/1984,07700 900001\nRory,Williams,03/04/1984,07700 900002\n";
    let mut req = request(&read_import_setup(text).unwrap());
    assert_eq!(
        req.mapping.date_order,
        DateOrder::MonthFirst,
        "17 can only be a day"
    );
    req.mapping.date_order = DateOrder::DayFirst;
    let report = clinic.practice.preview_import(text, &req).unwrap();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].line, 2);
    req.mapping.date_order = DateOrder::MonthFirst;
    let actor = clinic.actor();
    clinic
        .practice
        .import_clients(actor, text, &req, &mut |_| {})
        .unwrap();
    let rory = clinic
        .practice
        .search_clients("rory", ArchiveFilter::All, 1)
        .unwrap();
    assert_eq!(rory[0].date_of_birth, Some(day("1984-03-04")));
}

#[test]
fn a_mapping_or_a_file_that_cannot_work_is_refused_with_its_reason() {
    let clinic = Clinic::new();
    let text = "colour,shoe size\nred,9\n";
    let req = request(&read_import_setup(text).unwrap());
    assert_field(
        clinic.practice.preview_import(text, &req),
        ErrorCode::Validation,
        "mapping",
    );
    let mut req = request(&read_import_setup(EXPORT).unwrap());
    req.mapping.columns[5] = Some(ClientField::FullName);
    let err = assert_field(
        clinic.practice.preview_import(EXPORT, &req),
        ErrorCode::Validation,
        "mapping",
    );
    assert!(err.to_string().contains("not both"), "{err}");
    req.mapping.columns[5] = Some(ClientField::FirstName);
    let err = assert_field(
        clinic.practice.preview_import(EXPORT, &req),
        ErrorCode::Validation,
        "mapping",
    );
    assert!(err.to_string().contains("Two columns"), "{err}");
    req.mapping.columns.pop();
    assert_field(
        clinic.practice.preview_import(EXPORT, &req),
        ErrorCode::Validation,
        "mapping",
    );
    let err = assert_field(
        read_import_setup("a,b\n1,\"never closed\n"),
        ErrorCode::Validation,
        "file",
    );
    assert!(err.to_string().starts_with("Line 2:"), "{err}");
    assert_field(
        read_import_setup("\u{feff}\r\n"),
        ErrorCode::Validation,
        "file",
    );
}

#[test]
fn a_file_not_in_utf8_is_refused_with_its_line_and_how_to_resave_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.csv");
    // "Zoë" in Windows-1252 on the third line.
    std::fs::write(&path, b"first,last\nAna,Lopez\nZo\xEB,Okafor\n").unwrap();
    let err = assert_field(read_csv_file(&path), ErrorCode::Validation, "file");
    assert!(err.to_string().starts_with("Line 3:"), "{err}");
    assert!(err.to_string().contains("CSV UTF-8"), "{err}");
    let missing = read_csv_file(&dir.path().join("missing.csv")).unwrap_err();
    assert_eq!(missing.code(), ErrorCode::File);
}

/// A Windows-1252 export read by the window arrives with replacement characters where its
/// bytes did not decode: it is refused before the mapping step, naming the line, as the CLI
/// refuses the file itself.
#[test]
fn text_decoded_from_a_file_that_is_not_utf8_is_refused_before_mapping() {
    let bytes = b"First Name,Surname\nAda,Lovelace\nJos\xe9,Garc\xeda\n";
    let lossy = String::from_utf8_lossy(bytes).into_owned();
    let error = hairline::read_import_setup(&lossy).unwrap_err();
    assert_eq!(error.field(), Some("file"));
    assert!(
        error
            .to_string()
            .starts_with("Line 3: the file is not UTF-8 text"),
        "{error}"
    );
}
