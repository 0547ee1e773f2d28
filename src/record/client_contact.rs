//! The front desk's view of a client: who they are and how to reach them, without anything
//! clinical (no contraindications, medications, allergies, notes or skin and hair details). Its
//! edit changes the contact details only and keeps the clinical record exactly as it is.

use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::error::Result;
use crate::ids::ClientId;
use crate::record::clients::{Client, ClientInput};
use crate::record::contraindications::ContraindicationInput;
use crate::vocab::ContactChannel;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A client's contact details.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClientContactCard {
    pub id: ClientId,
    pub number: u32,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub preferred_contact: ContactChannel,
    pub care_reminders_consent: bool,
    pub marketing_consent: bool,
    pub external_reference: String,
    pub client_since: Option<NaiveDate>,
    pub archived_at: Option<DateTime<Utc>>,
    /// The client record's version: an edit sends it back.
    pub version: u32,
}

impl From<&Client> for ClientContactCard {
    fn from(c: &Client) -> Self {
        ClientContactCard {
            id: c.id,
            number: c.number,
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            date_of_birth: c.date_of_birth,
            phone: c.phone.clone(),
            email: c.email.clone(),
            address: c.address.clone(),
            preferred_contact: c.preferred_contact,
            care_reminders_consent: c.care_reminders_consent,
            marketing_consent: c.marketing_consent,
            external_reference: c.external_reference.clone(),
            client_since: c.client_since,
            archived_at: c.archived_at,
            version: c.version,
        }
    }
}

/// The contact details as the front desk's form sends them.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct ClientContactInput {
    pub first_name: String,
    pub last_name: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub date_of_birth: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub preferred_contact: ContactChannel,
    pub care_reminders_consent: bool,
    pub marketing_consent: bool,
    /// Someone confirmed recording a client younger than the clinic's minimum age.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub confirm_minor: Option<bool>,
}

impl Practice {
    /// One client's contact details.
    pub fn client_contact(&self, id: ClientId) -> Result<ClientContactCard> {
        Ok((&self.client(id)?).into())
    }

    /// Changes a client's contact details, if the record is still at `version`; the clinical
    /// record is kept exactly as it is (the same rules and audit as any client edit).
    pub fn update_client_contact(
        &mut self,
        actor: Actor,
        id: ClientId,
        version: u32,
        input: &ClientContactInput,
    ) -> Result<ClientContactCard> {
        let on_file = self.client(id)?;
        let whole = ClientInput {
            first_name: input.first_name.clone(),
            last_name: input.last_name.clone(),
            date_of_birth: input.date_of_birth,
            phone: input.phone.clone(),
            email: input.email.clone(),
            address: input.address.clone(),
            preferred_contact: Some(input.preferred_contact),
            care_reminders_consent: Some(input.care_reminders_consent),
            marketing_consent: input.marketing_consent,
            fitzpatrick: on_file.fitzpatrick,
            hair_loss_pattern: on_file.hair_loss_pattern,
            indication: on_file.indication,
            hair_coverage: on_file.hair_coverage,
            hair_length: on_file.hair_length,
            sun_exposure: on_file.sun_exposure,
            contraindications: on_file
                .contraindications
                .iter()
                .map(ContraindicationInput::from)
                .collect(),
            medications: on_file.medications.clone(),
            allergies: on_file.allergies.clone(),
            notes: on_file.notes.clone(),
            confirm_minor: input.confirm_minor,
        };
        // A stale `version` is refused by the update itself, so nothing read above can be lost.
        Ok((&self.update_client(actor, id, version, &whole)?).into())
    }
}

impl ClientInput {
    /// Whether the form carries anything clinical (which only someone allowed to read the
    /// clinical record may write).
    pub fn has_clinical_details(&self) -> bool {
        self.fitzpatrick.is_some()
            || self.hair_loss_pattern.is_some()
            || self.indication.is_some()
            || self.hair_coverage.is_some()
            || self.hair_length.is_some()
            || self.sun_exposure.is_some()
            || !self.contraindications.is_empty()
            || !self.medications.trim().is_empty()
            || !self.allergies.trim().is_empty()
            || !self.notes.trim().is_empty()
    }
}
