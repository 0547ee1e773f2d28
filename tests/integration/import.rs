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
        Some(DateOrder::DayFirst),
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
    let counted = |phase| {
        seen.iter()
            .filter(|p| p.phase == phase)
            .map(|p| (p.rows_done, p.rows_total))
            .collect::<Vec<_>>()
    };
    assert_eq!(counted(ImportPhase::Checking), vec![(0, 3), (3, 3)]);
    assert_eq!(counted(ImportPhase::Adding), vec![(0, 3), (3, 3)]);

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
        Some(DateOrder::MonthFirst),
        "17 can only be a day"
    );
    req.mapping.date_order = Some(DateOrder::DayFirst);
    let report = clinic.practice.preview_import(text, &req).unwrap();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].line, 2);
    req.mapping.date_order = Some(DateOrder::MonthFirst);
    assert_eq!(
        imported_rorys_birthday(&mut clinic, text, &req),
        Some(day("1984-03-04"))
    );
}

/// Imports `text` under `req` and answers the date of birth Rory Williams was given.
fn imported_rorys_birthday(
    clinic: &mut Clinic,
    text: &str,
    req: &ImportRequest,
) -> Option<chrono::NaiveDate> {
    let actor = clinic.actor();
    clinic
        .practice
        .import_clients(actor, text, req, &mut |_| {})
        .unwrap();
    let rory = clinic
        .practice
        .search_clients("rory", ArchiveFilter::All, 1)
        .unwrap();
    rory[0].date_of_birth
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
fn a_windows_1252_file_is_read_as_such_and_says_so_and_what_is_not_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.csv");
    // Names with accents in Windows-1252, as Excel's plain "CSV" saves them on Windows.
    std::fs::write(
        &path,
        b"First Name,Surname,Phone\nJos\xe9,Garc\xeda,07700 900001\nZo\xeb,M\xfcller,07700 900002\n",
    )
    .unwrap();
    let csv = read_csv_file(&path).unwrap();
    assert_eq!(csv.read_as.as_deref(), Some("Windows-1252"));
    let setup = import_setup_of(&csv).unwrap();
    assert_eq!(setup.read_as.as_deref(), Some("Windows-1252"));
    assert_eq!(setup.examples, vec!["José", "García", "07700 900001"]);
    let mut clinic = Clinic::new();
    let actor = clinic.actor();
    let report = clinic
        .practice
        .import_clients(actor, &csv.text, &request(&setup), &mut |_| {})
        .unwrap();
    assert_eq!(report.status, ImportStatus::Imported, "{report:?}");
    let found = clinic
        .practice
        .search_clients("muller", ArchiveFilter::All, 5)
        .unwrap();
    assert_eq!(
        (found[0].first_name.as_str(), found[0].last_name.as_str()),
        ("Zoë", "Müller")
    );

    let binary = dir.path().join("photo.csv");
    std::fs::write(&binary, b"a,b\n1,2\n\x89PNG\x00\x00\n").unwrap();
    let err = assert_field(read_csv_file(&binary), ErrorCode::Validation, "file");
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

/// Another system's export: the address in parts, its own patient ID and the day it created the
/// client, and a column Hairline has no place for.
const OTHER_SYSTEM: &str = "Patient ID,First Name,Surname,Address 1,Address 2,City,Postcode,Country,Mobile,Created,Loyalty points\n\
P-10023,Ana,Lopez,12 High Street,Flat 3,Leeds,LS1 4AB,United Kingdom,07700 900001,12/03/2019 14:22,120\n\
P-10024,Ben,Ode,4 Mill Lane,,York,YO1 7HH,,07700 900002,01/02/2021 09:05,0\n";

#[test]
fn every_column_is_mapped_or_ignored_and_nothing_the_file_holds_is_dropped() {
    let mut clinic = Clinic::new();
    let setup = read_import_setup(OTHER_SYSTEM).unwrap();
    use ClientField::*;
    assert_eq!(
        setup.guessed.columns,
        vec![
            Some(ExternalId),
            Some(FirstName),
            Some(LastName),
            Some(AddressLine),
            Some(AddressLine),
            Some(City),
            Some(Postcode),
            Some(Country),
            Some(Phone),
            Some(ClientSince),
            None,
        ]
    );
    // The column Hairline cannot place blocks the import, by name, until the user decides.
    let mut req = request(&setup);
    let actor = clinic.actor();
    let err = assert_field(
        clinic
            .practice
            .import_clients(actor, OTHER_SYSTEM, &req, &mut |_| {}),
        ErrorCode::Validation,
        "mapping",
    );
    assert!(
        err.to_string().contains("\"Loyalty points\" (column 11)"),
        "{err}"
    );
    assert_eq!(count(&clinic.practice, "clients"), 0);
    req.mapping =
        apply_mapping_text(&setup.headers, &req.mapping, "Loyalty points=ignore").unwrap();
    // 12/03/2019 and 01/02/2021 read both ways: the file's order is said.
    req.mapping.date_order = Some(DateOrder::DayFirst);
    let report = clinic
        .practice
        .import_clients(actor, OTHER_SYSTEM, &req, &mut |_| {})
        .unwrap();
    assert_eq!(
        (report.status, report.imported),
        (ImportStatus::Imported, 2)
    );

    // The other system's ID finds the client, who keeps it with the address and the day they
    // became a client.
    let found = clinic
        .practice
        .search_clients("P-10023", ArchiveFilter::All, 5)
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].external_reference, "P-10023");
    let ana = clinic.practice.client(found[0].id).unwrap();
    assert_eq!(
        ana.address,
        "12 High Street, Flat 3, Leeds, LS1 4AB, United Kingdom"
    );
    assert_eq!(ana.client_since, Some(day("2019-03-12")));
    let ben = clinic
        .practice
        .search_clients("p-10024", ArchiveFilter::All, 5)
        .unwrap();
    let ben = clinic.practice.client(ben[0].id).unwrap();
    assert_eq!(
        ben.address, "4 Mill Lane, York, YO1 7HH",
        "blank parts left out"
    );
    assert_eq!(ben.client_since, Some(day("2021-02-01")));

    // Editing the client in the form keeps what came from the previous system.
    let mut input = client_input("Ana", "Lopez");
    input.date_of_birth = None;
    let edited = clinic
        .practice
        .update_client(actor, ana.id, ana.version, &input)
        .unwrap();
    assert_eq!(edited.external_reference, "P-10023");
    assert_eq!(edited.client_since, Some(day("2019-03-12")));

    // Importing the same file again: every row is the same ID as a client on file.
    let again = clinic.practice.preview_import(OTHER_SYSTEM, &req).unwrap();
    assert_eq!(again.status, ImportStatus::NeedsDecisions);
    assert_eq!(again.to_import, 0);
    let reasons: Vec<_> = again
        .duplicates
        .iter()
        .map(|d| (d.reason, d.existing_number))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (DuplicateReason::SameExternalReference, Some(ana.number)),
            (DuplicateReason::SameExternalReference, Some(ben.number)),
        ]
    );
}

#[test]
fn a_client_since_day_that_cannot_be_is_a_problem_of_its_row() {
    let clinic = Clinic::new();
    let text = "Name,DOB,Phone,Client since,ID\n\
Ana Lopez,17/05/1984,07700 900001,01/01/2090,A1\n\
Ben Ode,17/05/1984,07700 900002,01/01/1980,A2\n\
Cy Moss,,07700 900003,last spring,A3\n\
Di Kerr,,07700 900004,,\n";
    let setup = read_import_setup(text).unwrap();
    assert_eq!(setup.guessed.columns[3], Some(ClientField::ClientSince));
    assert_eq!(setup.guessed.columns[4], Some(ClientField::ExternalId));
    let report = clinic
        .practice
        .preview_import(text, &request(&setup))
        .unwrap();
    assert_eq!(report.status, ImportStatus::Rejected);
    let found: Vec<(u32, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (2, "client_since"),
            (3, "client_since"),
            (4, "client_since")
        ]
    );
    assert!(report.problems[0].message.contains("future"));
    assert!(report.problems[1]
        .message
        .contains("before the date of birth"));
    assert_eq!(report.to_import, 1, "only Di's row is good");
}

/// Progress is true in each pass: checking counts the file's rows and ends at all of them;
/// adding counts the clients written (the skipped duplicates are not among them) and ends at
/// all of them.
#[test]
fn progress_counts_each_pass_truly_and_ends_at_its_total() {
    let mut clinic = Clinic::new();
    let mut text = String::from("First,Last,Phone,Email\n");
    for i in 0..1200 {
        text.push_str(&format!("Client,Number{i},07700 9{i:05},\n"));
    }
    // Two rows sharing an email with an earlier row: duplicates, skipped.
    text.push_str("Dup,One,07700 800001,a@example.com\nDup,Two,07700 800002,a@example.com\n");
    text.push_str("Dup,Three,07700 800003,a@example.com\n");
    let setup = read_import_setup(&text).unwrap();
    assert_eq!(setup.rows, 1203);
    let mut req = request(&setup);
    let preview = clinic.practice.preview_import(&text, &req).unwrap();
    req.decisions = preview
        .duplicates
        .iter()
        .map(|d| ImportDecision {
            line: d.line,
            decision: DuplicateDecision::Skip,
        })
        .collect();
    let ready = clinic.practice.preview_import(&text, &req).unwrap();
    assert_eq!((ready.to_import, ready.skipped), (1201, 2));
    let actor = clinic.actor();
    let mut seen = Vec::new();
    let report = clinic
        .practice
        .import_clients(actor, &text, &req, &mut |p| seen.push(p))
        .unwrap();
    assert_eq!(report.imported, 1201);
    assert_eq!(count(&clinic.practice, "clients"), 1201);
    for (phase, total) in [(ImportPhase::Checking, 1203), (ImportPhase::Adding, 1201)] {
        let pass: Vec<_> = seen.iter().filter(|p| p.phase == phase).collect();
        assert!(
            pass.iter().all(|p| p.rows_total == total),
            "{phase:?}: {pass:?}"
        );
        assert!(
            pass.windows(2).all(|w| w[0].rows_done < w[1].rows_done),
            "{phase:?} only goes forward: {pass:?}"
        );
        assert_eq!(
            pass.last().unwrap().rows_done,
            total,
            "{phase:?} ends whole"
        );
    }
    let checking_ends = seen
        .iter()
        .position(|p| p.phase == ImportPhase::Checking && p.rows_done == 1203)
        .unwrap();
    assert!(seen[checking_ends + 1..]
        .iter()
        .all(|p| p.phase == ImportPhase::Adding));
}

/// A file whose dates never show their order (04/04/1984 reads the same both ways, 03/04/1984
/// does not) is not read either way by default: the import refuses once, naming a date and its line, until the order is said.
#[test]
fn dates_that_read_as_two_days_wait_for_the_order_to_be_said() {
    let mut clinic = Clinic::new();
    let text = "first,last,dob,phone\nAmy,Pond,04/04/1984,07700 900001\nRory,Williams,03/04/1984,07700 900002\n";
    let mut req = request(&read_import_setup(text).unwrap());
    assert_eq!(req.mapping.date_order, None, "nothing in the file tells");
    let err = clinic.practice.preview_import(text, &req).unwrap_err();
    assert_eq!(err.field(), Some("date_order"));
    assert!(err.to_string().contains("\"03/04/1984\" (line 3)"), "{err}");
    let actor = clinic.actor();
    assert!(clinic
        .practice
        .import_clients(actor, text, &req, &mut |_| {})
        .is_err());
    assert_eq!(count(&clinic.practice, "clients"), 0, "nothing written");

    req.mapping.date_order = Some(DateOrder::DayFirst);
    assert_eq!(
        imported_rorys_birthday(&mut clinic, text, &req),
        Some(day("1984-04-03"))
    );
}
