//! Time: appointments on the calendar, the recalls that bring clients back (next session and
//! touch-up), the recall worklist, and calendar files (.ics).

pub mod appointments;
pub mod ics;
pub mod recalls;
pub mod worklist;
