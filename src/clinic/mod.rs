//! The clinic itself: its sites, its staff, and the rules it sets (touch-up intervals, spacing).

pub mod settings;
pub mod sites;
pub mod staff;
