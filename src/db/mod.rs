//! The database itself: opening it (the one way in) and its migrations, the transaction helper
//! and audit trail every write goes through, integrity checks, backups, recovery, and the data
//! folder's disk.

pub mod administration;
pub mod audit;
pub mod audit_chain;
pub mod backup;
pub mod backup_photos;
pub mod backup_space;
pub(crate) mod compact_copy;
pub mod data_folder;
pub mod erasure_ledger;
pub mod home;
pub mod integrity;
pub mod open;
pub mod practice;
pub mod private_files;
pub mod recovery;
pub mod retention;
pub(crate) mod rows;
pub mod schema;
pub mod versions;
