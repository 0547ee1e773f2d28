// The one list of every command the UI may invoke. `build.rs` turns it into the ACL's command
// names (and so `allow-<name>` permissions); `lib.rs` turns it into the invoke handler. Adding a
// command means adding its name here, its function in `commands.rs`, and `allow-<name>` to
// `capabilities/main.json` (a test checks that the capability grants exactly this list).
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            app_info,
            workstation,
            set_current_staff,
            load_demo_clinic,
            list_staff,
            create_staff,
            update_staff,
            set_staff_active,
            search_clients,
            list_clients,
            get_client,
            create_client,
            update_client,
            archive_client,
            unarchive_client,
            client_record,
            previous_settings,
            plan_defaults,
            suggest_touch_up_interval,
            create_plan,
            update_plan,
            cancel_plan,
            record_session,
            update_session,
            discard_session,
            sign_session,
            amend_session,
            get_session,
            list_pigments,
            create_pigment,
            update_pigment,
            set_pigment_active,
            add_pigment_lot,
            update_pigment_lot,
            list_needles,
            create_needle,
            update_needle,
            set_needle_active,
            pigment_lot_uses,
            cartridge_lot_uses,
            audit_trail,
        }
    };
}
