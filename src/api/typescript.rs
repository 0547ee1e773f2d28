//! The command table's TypeScript face: `Commands.ts`, a map from each command's name to its
//! request and response types as the window sees them, so the UI's one `call(name, request)` is
//! checked by the type checker; and the binding file of every type the table names, found by
//! walking the types.

use super::from_shell::{from_shell_of, FromShell};
use super::requests::NoRequest;
use crate::bindings::{core_bindings, BindingFile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use ts_rs::{Config, TypeVisitor, TS};

/// Visits each command of the table with its request and response types.
pub(crate) trait CommandVisitor {
    fn visit<Req: TS + 'static, Res: TS + 'static>(&mut self, name: &'static str);
}

/// Every type reachable from a type: itself, its fields' types and its type arguments.
#[derive(Default)]
struct Reachable {
    files: BTreeMap<std::path::PathBuf, String>,
    /// The exported type names, for `Commands.ts`'s import.
    names: BTreeSet<String>,
    seen: BTreeSet<std::any::TypeId>,
}

impl TypeVisitor for Reachable {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(std::any::TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let (path, text) = binding_of::<T>();
            self.names.insert(T::ident(&Config::new()));
            self.files.insert(path, text);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// [`binding`] for a type that may be unsized in the visitor's bound (every exported one is sized).
fn binding_of<T: TS + 'static + ?Sized>() -> BindingFile {
    let cfg = Config::new();
    let path = T::output_path().expect("checked by the caller");
    let text = T::export_to_string(&cfg).expect("type renders to TypeScript");
    (path, text)
}

/// The lines of the `Commands` map, every type the table reaches, and the commands the shell
/// supplies a file to.
#[derive(Default)]
struct TableWalk {
    reachable: Reachable,
    entries: Vec<String>,
    /// Commands whose file the shell asks the user for (`DialogCommandName`).
    dialogs: Vec<&'static str>,
    /// Commands that carry a file's bytes as the body (`BytesCommandName`).
    bytes: Vec<&'static str>,
}

impl CommandVisitor for TableWalk {
    /// The window's side of each command: one whose file the shell asks for is sent `{}`
    /// (`NoRequest`) and answers `null` when the user cancels the dialog.
    fn visit<Req: TS + 'static, Res: TS + 'static>(&mut self, name: &'static str) {
        let cfg = Config::new();
        self.reachable.visit::<Res>();
        let (request, response) = match from_shell_of::<Req>() {
            FromShell::SaveDialog(_) | FromShell::OpenDialog(_) => {
                self.dialogs.push(name);
                self.reachable.visit::<NoRequest>();
                (NoRequest::name(&cfg), format!("{} | null", Res::name(&cfg)))
            }
            shell => {
                if shell == FromShell::Bytes {
                    self.bytes.push(name);
                }
                self.reachable.visit::<Req>();
                (Req::name(&cfg), Res::name(&cfg))
            }
        };
        self.entries.push(format!(
            "  {name}: {{ request: {request}; response: {response} }};\n"
        ));
    }
}

/// `"a" | "b"`, or `never` for no names.
fn union(names: &[&str]) -> String {
    if names.is_empty() {
        return "never".to_owned();
    }
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The binding files of every request and response type of the table (and what they name),
/// followed by `Commands.ts`.
pub fn command_bindings() -> Vec<BindingFile> {
    let mut walk = TableWalk::default();
    super::visit_commands(&mut walk);
    let mut files: Vec<BindingFile> = walk.reachable.files.into_iter().collect();
    let mut text = String::from(
        "// Generated from the command table (src/api/table.rs). Do not edit.\n\
         // Each command's request and response: `call(name, request)` is checked against it.\n",
    );
    // Import the names the entries use (every exported one is a plain identifier).
    let used: BTreeSet<&str> = walk
        .entries
        .iter()
        .flat_map(|e| e.split(|c: char| !c.is_ascii_alphanumeric() && c != '_'))
        .collect();
    let names: Vec<&String> = walk
        .reachable
        .names
        .iter()
        .filter(|n| used.contains(n.as_str()))
        .collect();
    let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
    text.push_str(&format!(
        "import type {{ {} }} from \"./index\";\n\nexport type Commands = {{\n",
        names.join(", ")
    ));
    for entry in &walk.entries {
        text.push_str(entry);
    }
    text.push_str("};\n\nexport type CommandName = keyof Commands;\n");
    text.push_str(&format!(
        "\n// The file of these is chosen in a dialog the shell opens: the window sends `{{}}`, and\n\
         // `null` comes back when the user cancels.\nexport type DialogCommandName = {};\n\
         \n// These carry a file's bytes as the call's body, the rest of the request in a header,\n\
         // at most MAX_BODY_BYTES of them.\nexport type BytesCommandName = {};\n\
         export const MAX_BODY_BYTES = {};\n",
        union(&walk.dialogs),
        union(&walk.bytes),
        crate::photos::MAX_FILE_BYTES
    ));
    files.push((std::path::PathBuf::from("Commands.ts"), text));
    files
}

/// A fingerprint of what a workstation and a clinic server exchange: SHA-256, in hex, of the
/// command table's TypeScript (`Commands.ts` and every request and response type it names),
/// without its comments, so that rewording a type's documentation changes nothing.
pub fn wire_fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let mut files = command_bindings();
    files.sort();
    let mut hash = Sha256::new();
    for (path, text) in &files {
        hash.update(path.to_string_lossy().as_bytes());
        hash.update(b"\n");
        hash.update(without_comments(text).as_bytes());
        hash.update(b"\n");
    }
    crate::db::audit_chain::to_hex(&hash.finalize().into())
}

/// Generated TypeScript without its `/* */` and `//` comments or blank lines.
fn without_comments(text: &str) -> String {
    let mut code = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        code.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    code.push_str(rest);
    code.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every binding file the UI uses: the core's types, every type the command table names,
/// `Commands.ts` (the command map) and `index.ts` (one module re-exporting every type).
pub fn all_bindings() -> Vec<BindingFile> {
    let mut files = core_bindings();
    files.extend(command_bindings());
    let mut seen = BTreeSet::new();
    files.retain(|(path, _)| seen.insert(path.clone()));
    files.push(index_of(&files));
    files
}

/// `index.ts`: one module re-exporting every generated type, so the UI imports from one place
/// and never keeps its own list (`Commands.ts` imports from it, and is imported on its own).
fn index_of(files: &[BindingFile]) -> BindingFile {
    let mut names: Vec<String> = files
        .iter()
        .filter_map(|(path, _)| Some(path.file_stem()?.to_str()?.to_owned()))
        .filter(|name| !["vocabulary", "index", "Commands"].contains(&name.as_str()))
        .collect();
    names.sort();
    let mut text = String::from(
        "// Generated by the core (src/api/typescript.rs, all_bindings). Do not edit.\n",
    );
    for name in names {
        text.push_str(&format!("export type {{ {name} }} from \"./{name}\";\n"));
    }
    text.push_str("export * from \"./vocabulary\";\n");
    (PathBuf::from("index.ts"), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_fingerprint_reads_types_not_their_documentation() {
        let documented =
            "// generated\nexport type A = { \n/**\n * The day.\n */\nday: string, };\n";
        let reworded =
            "// generated\nexport type A = { \n/**\n * Which day.\n */\nday: string, };\n";
        let changed =
            "// generated\nexport type A = { \n/**\n * The day.\n */\nday: string | null, };\n";
        assert_eq!(
            without_comments(documented),
            "export type A = {\nday: string, };"
        );
        assert_eq!(without_comments(documented), without_comments(reworded));
        assert_ne!(without_comments(documented), without_comments(changed));
    }

    #[test]
    fn the_map_names_every_command_with_its_types() {
        let files = command_bindings();
        let (_, commands) = files.last().unwrap();
        assert!(
            commands.contains("  list_clients: { request: ListClients; response: ClientPage };")
        );
        assert!(commands.contains("  get_client: { request: ById<ClientId>; response: Client };"));
        assert!(
            commands.contains("  discard_session: { request: ById<SessionId>; response: null };")
        );
        assert_eq!(
            commands.matches(": { request: ").count(),
            crate::api::COMMANDS.len()
        );
        assert!(
            commands.contains("  back_up_to: { request: NoRequest; response: BackupInfo | null };")
        );
        assert!(commands
            .contains("export type DialogCommandName = \"back_up_to\" | \"restore_from_file\";"));
        assert!(commands.contains("export type BytesCommandName = \"add_photo\";"));
        let generic = files.iter().find(|(p, _)| p.ends_with("ById.ts")).unwrap();
        assert!(
            generic.1.contains("export type ById<Id> = { id: Id, };"),
            "{}",
            generic.1
        );
    }
}
