//! The command table's TypeScript face: `Commands.ts`, a map from each command's name to its
//! request and response types, so the UI's one `call(name, request)` is checked by the type
//! checker; and the binding file of every type the table names, found by walking the types.

use crate::bindings::BindingFile;
use std::collections::{BTreeMap, BTreeSet};
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

/// The lines of the `Commands` map, and every type the table reaches.
#[derive(Default)]
struct TableWalk {
    reachable: Reachable,
    entries: Vec<String>,
}

impl CommandVisitor for TableWalk {
    fn visit<Req: TS + 'static, Res: TS + 'static>(&mut self, name: &'static str) {
        let cfg = Config::new();
        self.reachable.visit::<Req>();
        self.reachable.visit::<Res>();
        self.entries.push(format!(
            "  {name}: {{ request: {}; response: {} }};\n",
            Req::name(&cfg),
            Res::name(&cfg)
        ));
    }
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
    files.push((std::path::PathBuf::from("Commands.ts"), text));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let generic = files.iter().find(|(p, _)| p.ends_with("ById.ts")).unwrap();
        assert!(
            generic.1.contains("export type ById<Id> = { id: Id, };"),
            "{}",
            generic.1
        );
    }
}
