//! `hairline`: the command-line tool for a clinic's IT — backup, restore, check, import, export
//! and demo over a practice database, through the same core functions the app calls — so nightly
//! backups to a NAS can run from cron. Errors go to stderr with a non-zero exit.
//!
//! Arguments are parsed by hand: six subcommands with a few flags each do not justify a parser
//! dependency in the core package.

use chrono::{DateTime, Local, NaiveDate, Utc};
use hairline::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
hairline — administer a Hairline practice database

USAGE:
    hairline <command> <database> [arguments] [options]

COMMANDS:
    backup  <database> <destination>
            Write a verified backup (the database is only read: it may be in use). If <destination> is an existing folder, a dated backup is
            written into it and the folder is rotated (7 daily, 4 weekly, 12 monthly);
            otherwise <destination> is the backup file.
    restore <database> <backup-file>
            Replace the database with a backup, all or nothing. The current database is first
            backed up into the 'backups' folder beside it; if it is too damaged for that, its
            files are kept there as they are (backups/damaged-<time>/).
    check   <database> [--quick]
            Check the database without changing it. Exit status 1 if it is damaged.
    import  <database> <file.csv> [--month-first] [--skip-duplicates | --import-duplicates] [--dry-run]
            Import clients from a CSV file, columns mapped from its header; dates are day-first
            unless --month-first. All or nothing: any bad row and nothing is imported.
    import  <database> <archive.json>
            Fill an empty database from a whole-practice archive.
    export  <database> <archive.json> [--client <number> | --salvage]
            Export the whole practice as a JSON archive, or one client's complete record.
            --salvage: from a damaged database, what can still be read (the file is not
            written to); the tables that could not be read whole are listed on stderr.
    demo    <database> [--clients <n>] [--sessions <n>] [--seed <n>]
            Fill a new, empty database with a sample clinic.

OPTIONS:
    -h, --help    Show this help.

EXIT STATUS:
    0 success, 1 failure (message on stderr), 2 wrong usage.
";

/// The workstation's clock: the core never reads it itself.
struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }
}

/// Why the tool stops: a mistake in the command line (exit 2) or a failure (exit 1).
enum Failure {
    Usage(String),
    Failed(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Failed(e.to_string())
    }
}

type Outcome = Result<(), Failure>;

/// The command line after the command name: positional arguments and `--flag [value]`s.
struct Args {
    positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

/// Flags that take a value.
const VALUED: &[&str] = &["--client", "--clients", "--sessions", "--seed"];

impl Args {
    fn parse(raw: &[String], allowed: &[&str]) -> Result<Args, Failure> {
        let mut args = Args {
            positional: Vec::new(),
            flags: Vec::new(),
        };
        let mut iter = raw.iter();
        while let Some(arg) = iter.next() {
            if !arg.starts_with("--") {
                args.positional.push(arg.clone());
                continue;
            }
            if !allowed.contains(&arg.as_str()) {
                return Err(Failure::Usage(format!("unknown option {arg}")));
            }
            let value = if VALUED.contains(&arg.as_str()) {
                Some(
                    iter.next()
                        .cloned()
                        .ok_or_else(|| Failure::Usage(format!("{arg} needs a value")))?,
                )
            } else {
                None
            };
            args.flags.push((arg.clone(), value));
        }
        Ok(args)
    }

    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|(f, _)| f == flag)
    }

    fn number(&self, flag: &str) -> Result<Option<u32>, Failure> {
        match self.flags.iter().find(|(f, _)| f == flag) {
            None => Ok(None),
            Some((_, value)) => {
                let value = value.as_deref().unwrap_or_default();
                value.parse().map(Some).map_err(|_| {
                    Failure::Usage(format!("{flag} needs a whole number, not \"{value}\""))
                })
            }
        }
    }

    /// Exactly `names.len()` positional arguments.
    fn paths(&self, names: &[&str]) -> Result<Vec<PathBuf>, Failure> {
        if self.positional.len() != names.len() {
            return Err(Failure::Usage(format!(
                "expected {} (got {} argument{})",
                names.join(" and "),
                self.positional.len(),
                if self.positional.len() == 1 { "" } else { "s" }
            )));
        }
        Ok(self.positional.iter().map(PathBuf::from).collect())
    }
}

/// Opens an existing practice database (never creates one by mistake).
fn open_existing(path: &Path) -> Result<Practice, Failure> {
    if !path.is_file() {
        return Err(Failure::Failed(format!(
            "{}: no database file there",
            path.display()
        )));
    }
    Ok(Practice::open(path, SystemClock)?)
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Failed(format!("{}: {e}", path.display())))
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

fn backup(args: &Args) -> Outcome {
    let paths = args.paths(&["<database>", "<destination>"])?;
    if !paths[1].is_dir() && paths[1].extension().is_none() {
        return Err(Failure::Failed(format!(
            "{}: no such folder; create it first, or name a backup file (e.g. clinic-backup.sqlite)",
            paths[1].display()
        )));
    }
    if !paths[0].is_file() {
        return Err(Failure::Failed(format!(
            "{}: no database file there",
            paths[0].display()
        )));
    }
    let mut bar = Percent::default();
    let info = backup_database_file(
        &paths[0],
        &paths[1],
        &BackupPolicy::default(),
        Utc::now(),
        &mut |p| bar.show(p.pages_done, p.pages_total),
    )?;
    println!(
        "backed up to {} ({} bytes, verified)",
        info.path, info.bytes
    );
    Ok(())
}

/// Whether the file starts like an SQLite database (a damaged header does not).
fn has_sqlite_header(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0")
}

fn restore(args: &Args) -> Outcome {
    let paths = args.paths(&["<database>", "<backup-file>"])?;
    if !paths[0].is_file() {
        return Err(Failure::Failed(format!(
            "{}: no database file there",
            paths[0].display()
        )));
    }
    let opened = Practice::open(&paths[0], SystemClock);
    let damaged = match &opened {
        Ok(practice) => !practice.quick_check().ok,
        Err(Error::NotAPracticeDatabase(_)) => !has_sqlite_header(&paths[0]),
        Err(e) => matches!(e.code(), ErrorCode::Storage | ErrorCode::Damaged),
    };
    if damaged {
        // Too damaged to open or to trust: put the backup in its place without opening it.
        drop(opened);
        let report = recover_from_backup(&paths[0], &paths[1], Utc::now())?;
        println!(
            "the database was damaged; restored from {}; the damaged files are kept in {}",
            report.restored_from, report.damaged_files_kept_in
        );
        return Ok(());
    }
    let mut practice = opened?;
    let mut bar = Percent::default();
    let report = practice.restore_from(&paths[1], &backup_folder_for(&paths[0]), &mut |p| {
        bar.show(p.pages_done, p.pages_total)
    })?;
    practice.close()?;
    println!(
        "restored from {}; the database as it was is kept in {}",
        report.restored_from, report.safety_backup.path
    );
    Ok(())
}

fn check(args: &Args) -> Outcome {
    let paths = args.paths(&["<database>"])?;
    let depth = if args.has("--quick") {
        CheckDepth::Quick
    } else {
        CheckDepth::Full
    };
    let report = check_file(&paths[0], depth)?;
    if report.ok {
        println!("ok: {} passes the {:?} check", paths[0].display(), depth);
        return Ok(());
    }
    for problem in &report.problems {
        eprintln!("{:?}: {}", problem.check, problem.detail);
    }
    Err(Failure::Failed(format!(
        "{} is damaged ({} problems); restore it from a backup",
        paths[0].display(),
        report.problems.len()
    )))
}

fn import(args: &Args) -> Outcome {
    let paths = args.paths(&["<database>", "<file>"])?;
    let mut practice = open_existing(&paths[0])?;
    let text = read_text(&paths[1])?;
    if paths[1]
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let summary = practice.import_archive(&text)?;
        let rows: u64 = summary.row_counts.values().sum();
        println!(
            "imported the archive of {} ({rows} rows)",
            summary.exported_at
        );
        return Ok(());
    }
    let text = read_csv_file(&paths[1])?;
    let setup = read_import_setup(&text)?;
    for (header, field) in setup.headers.iter().zip(&setup.guessed.columns) {
        println!(
            "column {header:?} -> {}",
            field.map_or("(ignored)", |f| f.code())
        );
    }
    let mut request = ImportRequest {
        mapping: setup.guessed,
        decisions: vec![],
    };
    request.mapping.date_order = if args.has("--month-first") {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    };
    let decision = if args.has("--skip-duplicates") {
        Some(DuplicateDecision::Skip)
    } else if args.has("--import-duplicates") {
        Some(DuplicateDecision::ImportAnyway)
    } else {
        None
    };
    let preview = practice.preview_import(&text, &request)?;
    if let Some(decision) = decision {
        request.decisions = preview
            .duplicates
            .iter()
            .map(|d| ImportDecision {
                line: d.line,
                decision,
            })
            .collect();
    }
    let report = if args.has("--dry-run") {
        practice.preview_import(&text, &request)?
    } else {
        let mut bar = Percent::default();
        practice.import_clients(Actor::System, &text, &request, &mut |p| {
            bar.show(p.rows_done, p.rows_total)
        })?
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
            "line {}: {} may be the same person as {with} ({:?})",
            dup.line, dup.name, dup.reason
        );
    }
    match report.status {
        ImportStatus::Imported => {
            println!("imported {} clients ({} duplicates skipped)", report.imported, report.skipped);
            Ok(())
        }
        ImportStatus::Ready => {
            println!("dry run: {} rows would import, nothing written", report.rows - report.skipped);
            Ok(())
        }
        ImportStatus::Rejected => Err(Failure::Failed(format!(
            "nothing imported: {} rows have problems (listed above)",
            report.problems.len()
        ))),
        ImportStatus::NeedsDecisions => Err(Failure::Failed(
            "nothing imported: decide on the duplicates above with --skip-duplicates or --import-duplicates".into(),
        )),
    }
}

fn export(args: &Args) -> Outcome {
    let paths = args.paths(&["<database>", "<output.json>"])?;
    if args.has("--salvage") {
        let report = salvage_archive(&paths[0], &paths[1], Utc::now())?;
        for problem in &report.problems {
            eprintln!("{problem}");
        }
        let rows: u64 = report.summary.row_counts.values().sum();
        println!("salvaged {rows} rows to {}", paths[1].display());
        return Ok(());
    }
    let practice = open_existing(&paths[0])?;
    if let Some(number) = args.number("--client")? {
        let client = practice.client_by_number(number)?;
        practice.subject_access_export_to(client.id, &paths[1])?;
        println!(
            "exported the record of client #{number} to {}",
            paths[1].display()
        );
        return Ok(());
    }
    let summary = practice.export_archive_to(&paths[1])?;
    let rows: u64 = summary.row_counts.values().sum();
    println!("exported {rows} rows to {}", paths[1].display());
    Ok(())
}

fn demo(args: &Args) -> Outcome {
    let paths = args.paths(&["<database>"])?;
    let sample = DemoSpec::SAMPLE;
    let spec = DemoSpec {
        clients: args.number("--clients")?.unwrap_or(sample.clients),
        sessions: args.number("--sessions")?.unwrap_or(sample.sessions),
        seed: args.number("--seed")?.unwrap_or(sample.seed),
    };
    let mut practice = Practice::open(&paths[0], SystemClock)?;
    let summary = practice.generate_demo(spec)?;
    println!(
        "sample clinic: {} clients, {} plans, {} sessions, {} staff",
        summary.clients, summary.plans, summary.sessions, summary.staff
    );
    Ok(())
}

fn run(argv: &[String]) -> Outcome {
    let Some(command) = argv.first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    let rest = &argv[1..];
    if matches!(command.as_str(), "-h" | "--help" | "help")
        || rest.iter().any(|a| a == "-h" || a == "--help")
    {
        print!("{USAGE}");
        return Ok(());
    }
    match command.as_str() {
        "backup" => backup(&Args::parse(rest, &[])?),
        "restore" => restore(&Args::parse(rest, &[])?),
        "check" => check(&Args::parse(rest, &["--quick"])?),
        "import" => import(&Args::parse(
            rest,
            &[
                "--month-first",
                "--day-first",
                "--skip-duplicates",
                "--import-duplicates",
                "--dry-run",
            ],
        )?),
        "export" => export(&Args::parse(rest, &["--client", "--salvage"])?),
        "demo" => demo(&Args::parse(rest, &["--clients", "--sessions", "--seed"])?),
        other => Err(Failure::Usage(format!("unknown command \"{other}\""))),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Failed(message)) => {
            eprintln!("hairline: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("hairline: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
