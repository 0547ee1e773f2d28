//! What the clinic works with: pigments and their lots, needle cartridges, and the traceability
//! of every lot to the sessions that used it.

pub mod needles;
pub mod pigments;
pub mod traceability;
