//! The clinical record: clients and their contraindications, treatment plans, sessions with
//! their zone settings, the whole record as one read or a page of sessions at a time, search, and erasure on request.

pub mod client_contact;
pub mod client_record;
pub mod clients;
pub mod contraindications;
pub mod erasure;
pub mod plans;
pub mod search;
pub mod session_pages;
pub mod sessions;
pub mod spacing;
