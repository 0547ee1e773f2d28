//! `hairline`: the command-line tool for a clinic's IT — backup, restore, check, import, export
//! and demo over a practice database, through the same core functions the app calls — so nightly
//! backups to a NAS can run from cron. Errors go to stderr with a non-zero exit.
//!
//! The command line itself (subcommands, options, help, wrong usage) is declared in `cli.rs`.

mod call;
mod cli;

use chrono::Utc;
use cli::{Cli, Command, NotRun, StaffCommand};
use hairline::*;
use std::path::Path;
use std::process::ExitCode;

/// Why a command failed (exit 1), in words for stderr.
pub(crate) struct Failure(pub(crate) String);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(e.to_string())
    }
}

pub(crate) type Outcome = Result<(), Failure>;

/// Opens an existing practice database (never creates one by mistake).
fn open_existing(path: &Path) -> Result<Practice, Failure> {
    if !path.is_file() {
        return Err(Failure(format!(
            "{}: no database file there",
            path.display()
        )));
    }
    Ok(Practice::open(path, SystemClock)?)
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// Progress on stderr in steps of 10%.
#[derive(Default)]
struct Percent(u64);

impl Percent {
    fn show(&mut self, done: u32, total: u32) {
        if total == 0 {
            return;
        }
        let percent = u64::from(done) * 100 / u64::from(total) / 10 * 10;
        if percent > self.0 {
            self.0 = percent;
            eprint!("{percent}%{}", if percent == 100 { "\n" } else { " " });
        }
    }
}

fn backup(database: &Path, destination: &Path) -> Outcome {
    if !destination.is_dir() && destination.extension().is_none() {
        return Err(Failure(format!(
            "{}: no such folder; create it first, or name a backup file (e.g. clinic-backup.sqlite)",
            destination.display()
        )));
    }
    if !database.is_file() {
        return Err(Failure(format!(
            "{}: no database file there",
            database.display()
        )));
    }
    let cancel = cancel_on_signals()?;
    let mut bar = Percent::default();
    let info = backup_database_file(
        database,
        destination,
        &BackupPolicy::default(),
        Utc::now(),
        &cancel,
        &mut |p| bar.show(p.pages_done, p.pages_total),
    )?;
    open_existing(database)?.record_administration(
        Actor::System,
        &Administration::Backup {
            file: info.path.clone(),
        },
    )?;
    let photos = &info.photos;
    println!(
        "backed up to {} ({} bytes, verified); {} photos verified in {}, {} copied ({} bytes)",
        info.path,
        info.bytes,
        photos.photos,
        photo_store_beside(Path::new(&info.path)).display(),
        photos.copied,
        photos.bytes_copied
    );
    if !photos.missing.is_empty() {
        eprintln!(
            "{} photos are missing from the photo folder and from earlier backups: {}",
            photos.missing.len(),
            photos.missing.join(", ")
        );
    }
    Ok(())
}

/// A cancel raised by Ctrl-C or SIGTERM, so an interrupted backup stops at its next step and
/// removes its partial file; a second signal ends the process at once.
fn cancel_on_signals() -> Result<Cancel, Failure> {
    let cancel = Cancel::new();
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, cancel.flag())
            .and_then(|_| signal_hook::flag::register(signal, cancel.flag()))
            .map_err(|e| Failure(format!("cannot listen for Ctrl-C: {e}")))?;
    }
    Ok(cancel)
}

/// Whether the file starts like an SQLite database (a damaged header does not).
fn has_sqlite_header(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0")
}

fn restore(database: &Path, backup: &Path) -> Outcome {
    if !database.is_file() {
        return Err(Failure(format!(
            "{}: no database file there",
            database.display()
        )));
    }
    let opened = Practice::open(database, SystemClock);
    let damaged = match &opened {
        Ok(practice) => !practice.quick_check().ok,
        Err(Error::NotAPracticeDatabase(_)) => !has_sqlite_header(database),
        Err(e) => matches!(e.code(), ErrorCode::Storage | ErrorCode::Damaged),
    };
    if damaged {
        // Too damaged to open or to trust: put the backup in its place without opening it.
        drop(opened);
        let report = recover_from_backup(database, backup, Utc::now())?;
        open_existing(database)?.record_administration(
            Actor::System,
            &Administration::Recovery {
                from: report.restored_from.clone(),
            },
        )?;
        println!(
            "the database was damaged; restored from {} ({} photos put back); the damaged files are kept in {}",
            report.restored_from, report.photos.restored, report.damaged_files_kept_in
        );
        report_missing_photos(&report.photos);
        return Ok(());
    }
    let mut practice = opened?;
    let mut bar = Percent::default();
    let report = practice.restore_from(backup, &backup_folder_for(database), &mut |p| {
        bar.show(p.pages_done, p.pages_total)
    })?;
    practice.record_administration(
        Actor::System,
        &Administration::Restore {
            from: report.restored_from.clone(),
            safety_backup: report.safety_backup.path.clone(),
        },
    )?;
    practice.close()?;
    println!(
        "restored from {} ({} photos put back); the database as it was is kept in {}",
        report.restored_from, report.photos.restored, report.safety_backup.path
    );
    report_missing_photos(&report.photos);
    Ok(())
}

/// Names, on stderr, the photos a restore could not put back.
fn report_missing_photos(photos: &RestoredPhotos) {
    if !photos.missing.is_empty() {
        eprintln!(
            "{} photos of the restored record are in neither the backup nor the photo folder: {}",
            photos.missing.len(),
            photos.missing.join(", ")
        );
    }
}

fn check(database: &Path, quick: bool) -> Outcome {
    let depth = if quick {
        CheckDepth::Quick
    } else {
        CheckDepth::Full
    };
    let report = check_file(database, depth)?;
    if report.ok {
        println!("ok: {} passes the {:?} check", database.display(), depth);
        return Ok(());
    }
    for problem in &report.problems {
        eprintln!("{:?}: {}", problem.check, problem.detail);
    }
    Err(Failure(format!(
        "{} is damaged ({} problems); restore it from a backup",
        database.display(),
        report.problems.len()
    )))
}

/// What `hairline import` was asked for, beyond its two files.
struct ImportOptions {
    /// `--day-first` or `--month-first`; `None`: the order the file's dates show.
    date_order: Option<DateOrder>,
    /// The mapping file's text, then `--map`'s, each applied over the guess in that order.
    mapping: Vec<String>,
    duplicates: Option<DuplicateDecision>,
    dry_run: bool,
}

/// Progress of each pass of an import on stderr, in steps of 10%, named by the pass.
#[derive(Default)]
struct PassPercent {
    phase: Option<ImportPhase>,
    bar: Percent,
}

impl PassPercent {
    fn show(&mut self, p: ImportProgress) {
        if self.phase != Some(p.phase) {
            self.phase = Some(p.phase);
            self.bar = Percent::default();
            eprint!(
                "{} ",
                match p.phase {
                    ImportPhase::Checking => "checking rows:",
                    ImportPhase::Adding => "adding clients:",
                }
            );
        }
        self.bar.show(p.rows_done, p.rows_total);
    }
}

fn import(database: &Path, file: &Path, options: ImportOptions) -> Outcome {
    let mut practice = open_existing(database)?;
    if file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let summary = practice.import_archive(&read_text(file)?)?;
        let rows: u64 = summary.row_counts.values().sum();
        println!(
            "imported the archive of {} ({rows} rows)",
            summary.exported_at
        );
        return Ok(());
    }
    let csv = read_csv_file(file)?;
    if let Some(encoding) = &csv.read_as {
        println!("read as {encoding} (the file is not UTF-8)");
    }
    let setup = import_setup_of(&csv)?;
    let mut mapping = setup.guessed.clone();
    for text in &options.mapping {
        mapping = apply_mapping_text(&setup.headers, &mapping, text)?;
    }
    // Said on the command line, else the order the file's own dates show (none when none of
    // them tells: the import then refuses while a date reads as two days).
    if options.date_order.is_some() {
        mapping.date_order = options.date_order;
    }
    println!("columns (Header=field; '?' is undecided):");
    for line in mapping_text(&setup.headers, &mapping).lines() {
        println!("  {line}");
    }
    let mut request = ImportRequest {
        mapping,
        decisions: vec![],
    };
    let text = &csv.text;
    let preview = practice.preview_import(text, &request).map_err(|e| {
        let field = e.field().map(str::to_owned);
        let mut failure = Failure::from(e);
        match field.as_deref() {
            Some("mapping") => failure.0.push_str(
                "\nsay what a column holds with --map \"Header=field,...\" (Header=ignore to leave it out) or a --mapping file",
            ),
            Some("date_order") => failure.0.push_str("\nsay how with --day-first or --month-first"),
            _ => {}
        }
        failure
    })?;
    if let Some(decision) = options.duplicates {
        request.decisions = preview
            .duplicates
            .iter()
            .map(|d| ImportDecision {
                line: d.line,
                decision,
            })
            .collect();
    }
    let report = if options.dry_run {
        practice.preview_import(text, &request)?
    } else {
        let mut bar = PassPercent::default();
        practice.import_clients(Actor::System, text, &request, &mut |p| bar.show(p))?
    };
    for problem in &report.problems {
        eprintln!(
            "line {}: {}: {}",
            problem.line, problem.field, problem.message
        );
    }
    for dup in report.duplicates.iter().filter(|d| d.decision.is_none()) {
        let with = match (dup.existing_number, dup.earlier_line) {
            (Some(n), _) => format!("client #{n}"),
            (_, Some(line)) => format!("line {line}"),
            _ => "another client".into(),
        };
        eprintln!(
            "line {}: {} may be the same person as {with}: {}",
            dup.line,
            dup.name,
            dup.reason.describe()
        );
    }
    match report.status {
        ImportStatus::Imported => {
            println!("imported {} clients ({} duplicates skipped)", report.imported, report.skipped);
            Ok(())
        }
        ImportStatus::Ready => {
            println!("dry run: {} clients would import ({} duplicates skipped), nothing written", report.to_import, report.skipped);
            Ok(())
        }
        ImportStatus::Rejected => Err(Failure(format!(
            "nothing imported: {} rows have problems (listed above)",
            report.problems.iter().map(|p| p.line).collect::<std::collections::BTreeSet<_>>().len()
        ))),
        ImportStatus::NeedsDecisions => Err(Failure(
            "nothing imported: decide on the duplicates above with --skip-duplicates or --import-duplicates".into(),
        )),
    }
}

fn export(database: &Path, output: &Path, client: Option<u32>, salvage: bool) -> Outcome {
    if salvage {
        let report = salvage_archive(database, output, Utc::now())?;
        for problem in &report.problems {
            eprintln!("{problem}");
        }
        let rows: u64 = report.summary.row_counts.values().sum();
        println!("salvaged {rows} rows to {}", output.display());
        return Ok(());
    }
    let mut practice = open_existing(database)?;
    if let Some(number) = client {
        let client = practice.client_by_number(number)?;
        let files = practice.subject_access_export_to(client.id, output)?;
        practice.record_administration(
            Actor::System,
            &Administration::ExportClientRecord {
                client_id: client.id.to_string(),
                file: Some(output.display().to_string()),
            },
        )?;
        println!(
            "exported the record of client #{number} to {}, its photos and signatures to {}",
            output.display(),
            files.display()
        );
        return Ok(());
    }
    let summary = practice.export_archive_to(output)?;
    let rows: u64 = summary.row_counts.values().sum();
    practice.record_administration(
        Actor::System,
        &Administration::ExportPractice {
            file: output.display().to_string(),
            rows,
        },
    )?;
    println!("exported {rows} rows to {}", output.display());
    Ok(())
}

fn demo(
    database: &Path,
    clients: Option<u32>,
    sessions: Option<u32>,
    seed: Option<u32>,
) -> Outcome {
    let sample = DemoSpec::SAMPLE;
    let spec = DemoSpec {
        clients: clients.unwrap_or(sample.clients),
        sessions: sessions.unwrap_or(sample.sessions),
        seed: seed.unwrap_or(sample.seed),
    };
    let mut practice = Practice::open(database, SystemClock)?;
    let summary = practice.generate_demo(spec)?;
    println!(
        "sample clinic: {} clients, {} plans, {} sessions, {} staff",
        summary.clients, summary.plans, summary.sessions, summary.staff
    );
    Ok(())
}

fn run(command: Command) -> Outcome {
    match command {
        Command::Backup {
            database,
            destination,
        } => backup(&database, &destination),
        Command::Restore { database, backup } => restore(&database, &backup),
        Command::Check { database, quick } => check(&database, quick),
        Command::Import {
            database,
            file,
            map,
            mapping,
            month_first,
            day_first,
            skip_duplicates,
            import_duplicates,
            dry_run,
        } => {
            let duplicates = if skip_duplicates {
                Some(DuplicateDecision::Skip)
            } else if import_duplicates {
                Some(DuplicateDecision::ImportAnyway)
            } else {
                None
            };
            let mut texts = Vec::new();
            if let Some(path) = mapping {
                texts.push(read_text(&path)?);
            }
            texts.extend(map);
            let options = ImportOptions {
                date_order: if month_first {
                    Some(DateOrder::MonthFirst)
                } else if day_first {
                    Some(DateOrder::DayFirst)
                } else {
                    None
                },
                mapping: texts,
                duplicates,
                dry_run,
            };
            import(&database, &file, options)
        }
        Command::Export {
            database,
            output,
            client,
            salvage,
        } => export(&database, &output, client, salvage),
        Command::Demo {
            database,
            clients,
            sessions,
            seed,
        } => demo(&database, clients, sessions, seed),
        Command::Call {
            database,
            command,
            request,
            file,
        } => call::run(&database, &command, request.as_deref(), file.as_deref()),
        Command::Staff(StaffCommand::ResetPassword { database, staff }) => {
            call::reset_password(&database, &staff)
        }
    }
}

fn main() -> ExitCode {
    hairline::db::private_files::create_files_privately();
    let cli: Cli = match cli::parse() {
        Ok(cli) => cli,
        Err(NotRun::Help(help)) => {
            // Printing help fails only when stdout is closed; there is nothing left to tell.
            let _ = help.print();
            return ExitCode::SUCCESS;
        }
        Err(NotRun::Usage(message)) => {
            eprintln!("hairline: {message}");
            return ExitCode::from(2);
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("hairline: {message}");
            ExitCode::from(1)
        }
    }
}
