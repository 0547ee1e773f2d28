//! Who may act: staff accounts and how they prove who they are (passwords, PINs, one-time setup
//! codes, throttling), the people signed in at each workstation, and what each role may do.
//! Authentication and the permission check live here, in the core, so that the desktop window
//! and a clinic server enforce the same rules; a transport holds only an opaque session handle.

pub mod accounts;
mod common_passwords;
pub mod devices;
pub mod permission;
pub mod roles;
pub mod secrets;
pub mod sessions;
pub mod throttle;

pub use permission::Permission;
