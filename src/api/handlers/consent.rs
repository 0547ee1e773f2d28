//! Consent templates and a client's signed consents.

use crate::actor::Actor;
use crate::api::requests::{
    ById, ForClient, NoRequest, SignConsent, Update, WithInput, WithdrawConsent,
};
use crate::api::{Call, Reply};
use crate::consent::{Consent, ConsentStatus, ConsentTemplate, ConsentTemplateInput};
use crate::ids::{ConsentId, ConsentTemplateId};

pub(crate) fn consent_templates(call: &Call<'_>, _: NoRequest) -> Reply<Vec<ConsentTemplate>> {
    call.read(|p| p.consent_templates())
}

pub(crate) fn consent_template_history(
    call: &Call<'_>,
    r: ById<ConsentTemplateId>,
) -> Reply<Vec<ConsentTemplate>> {
    call.read(|p| p.consent_template_history(r.id))
}

pub(crate) fn create_consent_template(
    call: &Call<'_>,
    r: WithInput<ConsentTemplateInput>,
) -> Reply<ConsentTemplate> {
    call.write(|p, actor| p.create_consent_template(actor, &r.input))
}

pub(crate) fn revise_consent_template(
    call: &Call<'_>,
    r: Update<ConsentTemplateId, ConsentTemplateInput>,
) -> Reply<ConsentTemplate> {
    call.write(|p, actor| p.revise_consent_template(actor, r.id, r.version, &r.input))
}

/// The countersigner proves it is them now, with their own PIN or password.
pub(crate) fn sign_consent(call: &Call<'_>, r: SignConsent) -> Reply<Consent> {
    let countersigner = call.service.confirm(&call.caller, &r.credential)?;
    call.service
        .with_practice(|p| p.sign_consent(Actor::Staff(countersigner), &r.input))
}

pub(crate) fn withdraw_consent(call: &Call<'_>, r: WithdrawConsent) -> Reply<Consent> {
    call.write(|p, actor| p.withdraw_consent(actor, r.id, &r.input))
}

pub(crate) fn client_consents(call: &Call<'_>, r: ForClient) -> Reply<Vec<Consent>> {
    call.read(|p| p.client_consents(r.client_id))
}

pub(crate) fn consent_status(call: &Call<'_>, r: ForClient) -> Reply<ConsentStatus> {
    call.read(|p| p.consent_status(r.client_id, p.clock().today()))
}

pub(crate) fn signed_consent(call: &Call<'_>, r: ById<ConsentId>) -> Reply<Consent> {
    call.read(|p| p.signed_consent(r.id))
}
