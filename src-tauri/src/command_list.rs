// The one list of every command the UI may invoke. `build.rs` turns it into the ACL's command
// names (and so `allow-<name>` permissions); `lib.rs` turns it into the invoke handler. Adding a
// command means adding its name here, its function in `commands.rs`, and `allow-<name>` to
// `capabilities/main.json` (a test checks the capability grants exactly this list).
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            app_info,
            workstation,
            set_current_staff,
            load_demo_clinic,
        }
    };
}
