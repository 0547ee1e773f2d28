//! The `hairline` command line, declared for clap: the subcommands, their arguments and options
//! and the words of their `--help`; and wrong usage put in the tool's own words (exit status 2).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

/// The help of `hairline --help`, in the layout of the tool's manual.
const MAIN_HELP: &str = "\
{about-with-newline}
USAGE:
    {usage}

COMMANDS:
{subcommands}

OPTIONS:
{options}{after-help}";

/// The help of `hairline <command> --help`.
const COMMAND_HELP: &str = "\
{about-with-newline}
USAGE:
    {usage}

ARGUMENTS:
{positionals}

OPTIONS:
{options}";

const EXIT_STATUS: &str = "\
EXIT STATUS:
    0 success, 1 failure (message on stderr), 2 wrong usage.";

/// hairline — administer a Hairline practice database
///
/// Backup, restore, check, import, export and demo over a practice database, through the same
/// core functions the app calls. `hairline <command> --help` describes a command.
#[derive(Debug, Parser)]
#[command(
    name = "hairline",
    subcommand_required = true,
    subcommand_value_name = "command",
    args_override_self = true,
    after_help = EXIT_STATUS
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a verified backup of the database and its photos (the database is only read: it may
    /// be in use).
    ///
    /// If <destination> is an existing folder, a dated backup is written into it and the folder is
    /// rotated (7 daily, 4 weekly, 12 monthly); otherwise <destination> is the backup file. The
    /// photos go into 'backup-photos/' beside the backup, shared by every backup there: only
    /// photos not already there are copied.
    Backup {
        /// The practice database.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// A folder for dated, rotated backups, or the backup file to write.
        #[arg(value_name = "destination")]
        destination: PathBuf,
    },
    /// Replace the database and its photos with a backup, all or nothing.
    ///
    /// The backup's photos are taken from 'backup-photos/' beside the backup file.
    /// The current database is first backed up into the 'backups' folder beside it; if it is too
    /// damaged for that, its files are kept there as they are (backups/damaged-<time>/).
    Restore {
        /// The practice database to replace.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// The backup to restore.
        #[arg(value_name = "backup-file")]
        backup: PathBuf,
    },
    /// Check the database without changing it. Exit status 1 if it is damaged.
    Check {
        /// The practice database.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// SQLite's quick check of the page structure only: fast. Without it, the full check also
        /// covers the indexes, the foreign keys and the search index.
        #[arg(long)]
        quick: bool,
    },
    /// Import clients from a CSV file, or fill an empty database from a practice archive.
    ///
    /// A CSV file's columns are mapped from its header, and the mapping is printed as
    /// Header=field lines; every column must be mapped or ignored, with --map or a --mapping
    /// file for the columns the header does not tell (fields: first_name, last_name, full_name,
    /// date_of_birth, phone, email, address, address_line, city, postcode, country, notes,
    /// medications, allergies, care_reminders_consent, marketing_consent, external_id,
    /// client_since, ignore). Address parts are joined into the address; external_id is kept as
    /// the client's reference in the previous system (searchable); client_since as the day they
    /// became a client. A file that is not UTF-8 is read in the encoding recognised, which is
    /// named. Dates are day-first unless --month-first. All or nothing: any bad row and nothing
    /// is imported. A file ending in .json is a whole-practice archive, which fills an empty
    /// database.
    Import {
        /// The practice database.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// The CSV file of clients, or the archive (.json).
        #[arg(value_name = "file")]
        file: PathBuf,
        /// What columns hold, as Header=field pairs separated by commas, e.g. "Address
        /// 1=address_line,Patient ID=external_id,Created=ignore". Columns not named keep the
        /// printed guess; applied after --mapping.
        #[arg(long, value_name = "Header=field,...")]
        map: Option<String>,
        /// A mapping file: Header=field lines as the import prints them (# starts a comment).
        #[arg(long, value_name = "file")]
        mapping: Option<PathBuf>,
        /// Read all-numbers dates as month/day/year. Without this or --day-first, the order the
        /// file's own dates show (25/12/1980, 12/25/1980); the import refuses while a date
        /// could be either (03/04/1980) and no order is given.
        #[arg(long, conflicts_with = "day_first")]
        month_first: bool,
        /// Read all-numbers dates as day/month/year.
        #[arg(long)]
        day_first: bool,
        /// Leave out the rows that look like a client already known.
        #[arg(long, conflicts_with = "import_duplicates")]
        skip_duplicates: bool,
        /// Import the rows that look like a client already known all the same.
        #[arg(long)]
        import_duplicates: bool,
        /// Check the file and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the whole practice as a JSON archive, or one client's complete record.
    ///
    /// --salvage: from a damaged database, what can still be read (the file is not written to);
    /// the tables that could not be read whole are listed on stderr.
    Export {
        /// The practice database.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// The JSON file to write.
        #[arg(value_name = "archive.json")]
        output: PathBuf,
        /// Export only this client's record (subject access), by client number.
        #[arg(long, value_name = "number", value_parser = whole_number, conflicts_with = "salvage")]
        client: Option<u32>,
        /// Read what can still be read from a damaged database.
        #[arg(long)]
        salvage: bool,
    },
    /// Fill a new, empty database with a sample clinic.
    Demo {
        /// The database to create or fill.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// How many clients.
        #[arg(long, value_name = "n", value_parser = whole_number)]
        clients: Option<u32>,
        /// How many treatment sessions.
        #[arg(long, value_name = "n", value_parser = whole_number)]
        sessions: Option<u32>,
        /// The seed of the generator: the same seed gives the same clinic.
        #[arg(long, value_name = "n", value_parser = whole_number)]
        seed: Option<u32>,
    },
    /// Run one command of the app's command table on a practice, as the command-line tool.
    ///
    /// The request is JSON, as the app sends it (e.g. '{"id": "…", "version": 3, "input": {…}}');
    /// the answer is printed as JSON. Whoever has the database file administers it: every change
    /// is audited as made by the command-line tool with your OS user name. Signing (a session, a
    /// consent, an amendment) needs a person at a workstation and is refused here. Safe beside a
    /// running app: a save based on an old version of a record is refused as a conflict.
    Call {
        /// The practice database.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// The command's name, as in the command table (e.g. get_client, update_client).
        #[arg(value_name = "command")]
        command: String,
        /// The request as JSON; '{}' when left out.
        #[arg(value_name = "request")]
        request: Option<String>,
        /// The file whose bytes the command carries (add_photo: the photo, at most 80 MB).
        #[arg(long = "file", value_name = "path")]
        file: Option<PathBuf>,
    },
    /// Staff accounts: for an owner locked out of the app.
    #[command(subcommand)]
    Staff(StaffCommand),
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Print a one-time setup code with which a staff member chooses a new password at the
    /// sign-in screen (valid 72 hours); their old password and PIN stop working.
    ///
    /// For an owner locked out of the app: it needs access to the database file, which is what
    /// makes it an administrator's act; it is audited as the command-line tool with your OS user.
    ResetPassword {
        /// The practice database.
        #[arg(value_name = "database")]
        database: PathBuf,
        /// The staff member's exact name (any case) or id.
        #[arg(value_name = "staff")]
        staff: String,
    },
}

fn whole_number(value: &str) -> Result<u32, String> {
    value
        .parse()
        .map_err(|_| format!("needs a whole number, not \"{value}\""))
}

/// The command line with its help laid out as the manual's.
fn command() -> clap::Command {
    Cli::command()
        .help_template(MAIN_HELP)
        .mut_subcommands(|sub| sub.help_template(COMMAND_HELP))
}

/// Why the command line cannot run: help to print (exit 0) or wrong usage (exit 2).
pub enum NotRun {
    Help(clap::Error),
    Usage(String),
}

/// Parses the process's arguments.
pub fn parse() -> Result<Cli, NotRun> {
    let mut command = command();
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.map_err(|e| {
        if e.use_stderr() {
            NotRun::Usage(usage_error(&e, &mut command))
        } else {
            NotRun::Help(e)
        }
    })
}

/// A usage error as the tool says it: what is wrong, then how the command is used.
fn usage_error(e: &clap::Error, command: &mut clap::Command) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(" and "),
        _ => String::new(),
    };
    // clap's own rendering: the error, then (after a blank line) tips and the usage.
    let rendered = e.render().to_string();
    let (error, tail) = rendered.split_once("\n\n").unwrap_or((&rendered, ""));
    let what = match e.kind() {
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let help = command.render_help().to_string();
            return format!("no command given\n\n{}", help.trim_end());
        }
        ErrorKind::InvalidSubcommand => {
            format!(
                "unknown command \"{}\"",
                text(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::UnknownArgument => {
            let arg = text(ContextKind::InvalidArg);
            if arg.starts_with('-') {
                format!("unknown option {arg}")
            } else {
                format!("unexpected argument \"{arg}\"")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!("expected {}", text(ContextKind::InvalidArg))
        }
        _ => error.trim_start_matches("error: ").to_owned(),
    };
    match tail.trim_end() {
        "" => what,
        tail => format!("{what}\n\n{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_declaration_is_consistent() {
        command().debug_assert();
    }
}
