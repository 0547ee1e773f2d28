//! Whole use cases of the core over real SQLite files (one test binary; a module per area).

mod support;

mod audit;
mod bindings;
mod calendar;
mod catalogue;
mod clients;
mod consent;
mod demo;
mod images;
mod opening;
mod photos;
mod plans;
mod properties;
mod recall;
mod search;
mod sessions;
mod signing;
mod traceability;
