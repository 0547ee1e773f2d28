//! Data in and out of the practice: the whole-practice archive, CSV client import, the
//! subject-access export of one client's record, and an erasure's reach into the exports.

pub mod archive;
mod archive_rows;
mod csv;
pub mod encoding;
pub mod erased_exports;
pub mod export_file;
pub mod import;
pub mod loose_date;
pub mod mapping;
pub mod subject_access;
