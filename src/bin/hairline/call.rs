//! `hairline call`: one command of the app's command table, run from a script on a practice
//! database — the same dispatch, rules and errors as the app's window, as the command-line tool
//! (an administrator's act, audited with the OS user). Also `hairline staff reset-password`.

use crate::{Failure, Outcome};
use hairline::api::{dispatch, dispatch_with_bytes, FromShell, NoEvents, Service, SessionHandle};
use hairline::db::data_folder::{DataFolder, DATABASE_FILE};
use hairline::error::ApiError;
use hairline::photos::read_photo_file;
use hairline::Staff;
use hairline::SystemClock;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

/// Runs `command` with `request` (JSON, `{}` when absent) on the practice at `database`, as the
/// command-line tool; prints the answer as JSON. A command that carries a file's bytes
/// (add_photo) takes them from the file at `file`, read only if it is no larger than a photo may be.
pub(crate) fn run(
    database: &Path,
    command: &str,
    request: Option<&str>,
    file: Option<&Path>,
) -> Outcome {
    let folder = data_folder_of(database)?;
    let request: Value = serde_json::from_str(request.unwrap_or("{}"))
        .map_err(|e| Failure(format!("the request is not JSON: {e}")))?;
    let service = Service::for_tool(folder, Arc::new(SystemClock))?;
    let takes_bytes =
        hairline::api::command(command).is_some_and(|c| (c.from_shell)() == FromShell::Bytes);
    let answer = match (takes_bytes, file) {
        (true, Some(file)) => {
            let (_, bytes) = read_photo_file("file", file).map_err(|e| refusal(e.to_api()))?;
            dispatch_with_bytes(
                &service,
                &NoEvents,
                &SessionHandle::new(),
                command,
                request,
                &bytes,
            )
            .map_err(refusal)?
        }
        (true, None) => {
            return Err(Failure(format!(
                "{command} carries a file: name it with --file"
            )))
        }
        (false, Some(_)) => {
            return Err(Failure(format!("{command} takes no --file")));
        }
        (false, None) => call(&service, command, request)?,
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&answer).expect("answers serialise")
    );
    Ok(())
}

/// `hairline staff reset-password`: a one-time setup code for the staff member `who`, printed
/// with how to use it.
pub(crate) fn reset_password(database: &Path, who: &str) -> Outcome {
    let folder = data_folder_of(database)?;
    let service = Service::for_tool(folder, Arc::new(SystemClock))?;
    let staff = staff_named(&service, who)?;
    let answer = call(&service, "issue_setup_code", json!({ "id": staff.id }))?;
    let code = answer["code"].as_str().unwrap_or_default();
    let expires = answer["expires_at"].as_str().unwrap_or_default();
    println!("Setup code for {}: {code}", staff.name);
    println!(
        "At Hairline's sign-in screen, choose {}, then \"I have a setup code\", and choose a new password. The code works once, until {expires}.",
        staff.name
    );
    Ok(())
}

fn call(service: &Service, command: &str, request: Value) -> Result<Value, Failure> {
    dispatch(service, &NoEvents, &SessionHandle::new(), command, request).map_err(refusal)
}

/// The data folder a practice database lives in (named as the app names it).
fn data_folder_of(database: &Path) -> Result<DataFolder, Failure> {
    if !database.is_file() {
        return Err(Failure(format!(
            "{}: no database file there",
            database.display()
        )));
    }
    if database.file_name().and_then(|n| n.to_str()) != Some(DATABASE_FILE) {
        return Err(Failure(format!(
            "{}: a practice database is called {DATABASE_FILE}, in its data folder",
            database.display()
        )));
    }
    let root = database.parent().unwrap_or(Path::new("."));
    Ok(DataFolder::new(root)?)
}

/// The staff member whose exact name (any case) or id is `who`.
fn staff_named(service: &Service, who: &str) -> Result<Staff, Failure> {
    let all = call(service, "list_staff", json!({"include_inactive": true}))?;
    let staff: Vec<Staff> = serde_json::from_value(all).expect("staff list reads back");
    staff
        .into_iter()
        .find(|s| s.id.to_string() == who || s.name.eq_ignore_ascii_case(who.trim()))
        .ok_or_else(|| Failure(format!("no staff member is named or numbered \"{who}\"")))
}

/// A refusal as the tool prints it: the message, with the field it concerns.
fn refusal(error: ApiError) -> Failure {
    match error.field {
        Some(field) => Failure(format!("{} (field {field})", error.message)),
        None => Failure(error.message),
    }
}
