//! Whole use cases of the core over real SQLite files (one test binary; a module per area).

mod desk;
mod support;

mod architecture;
mod archive;
mod audit;
mod audit_chain;
mod backups;
mod backups_with_photos;
mod bindings;
mod calendar;
mod catalogue;
mod cli;
mod clients;
mod conflicts;
mod consent;
mod crash;
mod demo;
mod erasure;
mod erasure_model;
mod hidden_fields;
mod images;
mod import;
mod insert_only;
mod opening;
mod photos;
mod plans;
mod properties;
mod recall;
mod recall_model;
mod search;
mod service;
mod sessions;
mod sign_in;
mod signing;
mod traceability;
