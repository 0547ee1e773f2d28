//! Time: appointments on the calendar, the recalls that bring clients back (next session and
//! touch-up), the recall worklist, calendar files (.ics) and the calendar's summary at clinic scale.

pub mod appointments;
pub mod ics;
pub mod recalls;
pub mod summary;
pub mod worklist;
