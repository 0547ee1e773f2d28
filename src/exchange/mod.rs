//! Data in and out of the practice: the whole-practice archive, CSV client import, and the
//! subject-access export of one client's record.

pub mod archive;
mod archive_rows;
mod csv;
pub mod encoding;
pub mod export_file;
pub mod import;
pub mod loose_date;
pub mod mapping;
pub mod subject_access;
