//! Typed record identifiers: UUIDv7 newtypes, so one kind of id can't be passed for another and
//! records created at different sites (or re-imported from an archive) never collide.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;
use uuid::Uuid;

macro_rules! record_id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(Uuid);

        impl $name {
            /// A new, time-ordered id (UUIDv7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0.hyphenated().to_string()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                Uuid::parse_str(text)
                    .map(Self)
                    .map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }
    )*};
}

record_id! {
    /// A client (patient) of the clinic.
    ClientId;
    /// One structured contraindication on a client's record.
    ContraindicationId;
    /// A practitioner or manager.
    StaffId;
    /// A pigment shade in the catalogue.
    PigmentId;
    /// One manufactured lot of a pigment shade.
    PigmentLotId;
    /// A needle cartridge configuration in the catalogue.
    NeedleId;
    /// A client's course of treatment.
    PlanId;
    /// One recorded visit of a plan.
    SessionId;
    /// A correction appended to a signed session.
    AmendmentId;
    /// One row of the audit trail.
    AuditId;
    /// A clinic location.
    SiteId;
    /// A booking in the calendar.
    AppointmentId;
    /// Something due for a client: the next session of a plan, or a touch-up.
    RecallId;
    /// One attempt to reach a client about a recall.
    ContactAttemptId;
    /// A photo on a client's record.
    PhotoId;
    /// A consent document the clinic edits; its text lives in numbered versions.
    ConsentTemplateId;
    /// One version of a consent template: the exact text a client signs.
    ConsentTemplateVersionId;
    /// A signed consent, or the dated withdrawal of one.
    ConsentId;
}
