//! The handler of every command in the table, by domain: each reads its request and calls the
//! core's use case on the service, as the person working. No rule lives here.

mod access;
mod catalogue;
mod clinic;
mod consent;
mod data_safety;
mod devices;
mod exchange;
mod installation;
mod photos;
mod record;
mod schedule;

pub(super) use access::*;
pub(super) use catalogue::*;
pub(super) use clinic::*;
pub(super) use consent::*;
pub(super) use data_safety::*;
pub(super) use devices::*;
pub(super) use exchange::*;
pub(super) use installation::*;
pub(super) use photos::*;
pub(super) use record::*;
pub(super) use schedule::*;

use super::{Call, Reply};
use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::error::Result;

impl Call<'_> {
    /// Runs a query on one of the practice's readers, beside the writer.
    fn read<T>(&self, query: impl FnOnce(&Practice) -> Result<T>) -> Reply<T> {
        self.service.with_reader(query)
    }

    /// Runs a write as the person signed in (or the command-line tool); nobody signed in writes
    /// nothing, so that no change goes unattributed.
    fn write<T>(&self, change: impl FnOnce(&mut Practice, Actor) -> Result<T>) -> Reply<T> {
        let actor = self.caller.actor()?;
        self.service.with_practice(|p| change(p, actor))
    }

    /// Records, once it succeeded, an act of administration by whoever did it.
    fn administered(&self, act: crate::db::administration::Administration) -> Reply<()> {
        let actor = self.caller.actor()?;
        self.service
            .with_practice(|p| p.record_administration(actor, &act))
    }
}
