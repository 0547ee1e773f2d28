//! Whole use cases of the core over real SQLite files (one test binary; a module per area).

mod support;

mod audit;
mod bindings;
mod calendar;
mod catalogue;
mod clients;
mod demo;
mod opening;
mod plans;
mod properties;
mod recall;
mod search;
mod sessions;
mod signing;
mod traceability;
