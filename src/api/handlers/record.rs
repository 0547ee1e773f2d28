//! Clients, their clinical record, plans, sessions and the audit trail.

use crate::access::Permission;
use crate::actor::Actor;
use crate::api::requests::{
    AmendSession, AuditTrail, ById, ClientSessions, ListClients, NoRequest, RecentSettings,
    SearchClients, SignSession, SuggestTouchUp, Update, WithInput,
};
use crate::api::{Call, Reply};
use crate::clinic::settings::TouchUpSuggestion;
use crate::db::audit::AuditPage;
use crate::error::Error;
use crate::ids::{ClientId, PlanId, SessionId};
use crate::paging::PageRequest;
use crate::record::client_contact::{ClientContactCard, ClientContactInput};
use crate::record::client_record::{ClientRecord, PreviousSettings};
use crate::record::clients::{Client, ClientInput};
use crate::record::plans::{Plan, PlanDefaults, PlanInput};
use crate::record::search::ClientPage;
use crate::record::session_pages::{ClientOverview, SessionPage};
use crate::record::sessions::{Amendment, Session, SessionInput};

pub(crate) fn search_clients(call: &Call<'_>, r: SearchClients) -> Reply<ClientPage> {
    call.read(|p| p.search_page(&r.typed, r.filter, r.offset, r.limit))
}

pub(crate) fn list_clients(call: &Call<'_>, r: ListClients) -> Reply<ClientPage> {
    call.read(|p| p.list_clients(r.filter, r.offset, r.limit))
}

pub(crate) fn get_client(call: &Call<'_>, r: ById<ClientId>) -> Reply<Client> {
    call.read(|p| p.client(r.id))
}

/// Someone who may not read the clinical record (the front desk) records a client's contact
/// details only.
pub(crate) fn create_client(call: &Call<'_>, r: WithInput<ClientInput>) -> Reply<Client> {
    if r.input.has_clinical_details() && !call.caller.may(Permission::ClinicalRecord) {
        return Err(Error::Forbidden(
            "Only staff who may read the clinical record can record clinical details; leave them for the practitioner"
                .to_owned(),
        )
        .to_api());
    }
    call.write(|p, actor| p.create_client(actor, &r.input))
}

pub(crate) fn client_contact(call: &Call<'_>, r: ById<ClientId>) -> Reply<ClientContactCard> {
    call.read(|p| p.client_contact(r.id))
}

pub(crate) fn update_client_contact(
    call: &Call<'_>,
    r: Update<ClientId, ClientContactInput>,
) -> Reply<ClientContactCard> {
    call.write(|p, actor| p.update_client_contact(actor, r.id, r.version, &r.input))
}

pub(crate) fn update_client(call: &Call<'_>, r: Update<ClientId, ClientInput>) -> Reply<Client> {
    call.write(|p, actor| p.update_client(actor, r.id, r.version, &r.input))
}

pub(crate) fn archive_client(call: &Call<'_>, r: ById<ClientId>) -> Reply<Client> {
    call.write(|p, actor| p.archive_client(actor, r.id))
}

pub(crate) fn unarchive_client(call: &Call<'_>, r: ById<ClientId>) -> Reply<Client> {
    call.write(|p, actor| p.unarchive_client(actor, r.id))
}

pub(crate) fn client_record(call: &Call<'_>, r: ById<ClientId>) -> Reply<ClientRecord> {
    call.read(|p| p.client_record(r.id))
}

pub(crate) fn client_overview(call: &Call<'_>, r: ById<ClientId>) -> Reply<ClientOverview> {
    call.read(|p| p.client_overview(r.id))
}

pub(crate) fn client_sessions(call: &Call<'_>, r: ClientSessions) -> Reply<SessionPage> {
    call.read(|p| p.client_sessions(r.client_id, r.offset, r.limit))
}

pub(crate) fn previous_settings(
    call: &Call<'_>,
    r: RecentSettings,
) -> Reply<Vec<PreviousSettings>> {
    call.read(|p| p.previous_settings(r.client_id, r.limit))
}

pub(crate) fn plan_defaults(call: &Call<'_>, _: NoRequest) -> Reply<PlanDefaults> {
    call.read(|p| p.plan_defaults())
}

pub(crate) fn suggest_touch_up_interval(
    call: &Call<'_>,
    r: SuggestTouchUp,
) -> Reply<TouchUpSuggestion> {
    call.read(|p| p.suggest_touch_up_interval(r.client_id, r.finish))
}

pub(crate) fn create_plan(call: &Call<'_>, r: WithInput<PlanInput>) -> Reply<Plan> {
    call.write(|p, actor| p.create_plan(actor, &r.input))
}

pub(crate) fn update_plan(call: &Call<'_>, r: Update<PlanId, PlanInput>) -> Reply<Plan> {
    call.write(|p, actor| p.update_plan(actor, r.id, r.version, &r.input))
}

pub(crate) fn cancel_plan(call: &Call<'_>, r: ById<PlanId>) -> Reply<Plan> {
    call.write(|p, actor| p.cancel_plan(actor, r.id))
}

pub(crate) fn record_session(call: &Call<'_>, r: WithInput<SessionInput>) -> Reply<Session> {
    call.write(|p, actor| p.record_session(actor, &r.input))
}

pub(crate) fn update_session(
    call: &Call<'_>,
    r: Update<SessionId, SessionInput>,
) -> Reply<Session> {
    call.write(|p, actor| p.update_session(actor, r.id, r.version, &r.input))
}

pub(crate) fn discard_session(call: &Call<'_>, r: ById<SessionId>) -> Reply<()> {
    call.write(|p, actor| p.discard_session(actor, r.id))
}

/// The signer proves it is them now, with their own PIN or password.
pub(crate) fn sign_session(call: &Call<'_>, r: SignSession) -> Reply<Session> {
    let signer = call.service.confirm(&call.caller, &r.credential)?;
    call.service
        .with_practice(|p| p.sign_session(Actor::Staff(signer), r.id))
}

/// The author proves it is them now, with their own PIN or password.
pub(crate) fn amend_session(call: &Call<'_>, r: AmendSession) -> Reply<Amendment> {
    let author = call.service.confirm(&call.caller, &r.credential)?;
    call.service
        .with_practice(|p| p.amend_session(Actor::Staff(author), r.id, &r.text))
}

pub(crate) fn get_session(call: &Call<'_>, r: ById<SessionId>) -> Reply<Session> {
    call.read(|p| p.session(r.id))
}

pub(crate) fn audit_trail(call: &Call<'_>, r: AuditTrail) -> Reply<AuditPage> {
    call.read(|p| p.audit_page(&r.entity_id, PageRequest::of(r.offset, r.limit, "entries")?))
}
