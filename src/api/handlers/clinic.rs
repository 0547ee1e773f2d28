//! Staff, sites and the clinic's rules.

use crate::api::requests::{
    ListStaff, NoRequest, SetActive, StaffSites, Update, UpdateClinicSettings, WithInput,
};
use crate::api::{Call, Reply};
use crate::clinic::settings::ClinicSettings;
use crate::clinic::sites::{Site, SiteInput};
use crate::clinic::staff::{Staff, StaffInput};
use crate::ids::{SiteId, StaffId};

pub(crate) fn list_staff(call: &Call<'_>, r: ListStaff) -> Reply<Vec<Staff>> {
    call.read(|p| p.list_staff(r.include_inactive))
}

pub(crate) fn create_staff(call: &Call<'_>, r: WithInput<StaffInput>) -> Reply<Staff> {
    call.write(|p, actor| p.create_staff(actor, &r.input))
}

pub(crate) fn update_staff(call: &Call<'_>, r: Update<StaffId, StaffInput>) -> Reply<Staff> {
    call.write(|p, actor| p.update_staff(actor, r.id, r.version, &r.input))
}

pub(crate) fn set_staff_active(call: &Call<'_>, r: SetActive<StaffId>) -> Reply<Staff> {
    call.write(|p, actor| p.set_staff_active(actor, r.id, r.active))
}

pub(crate) fn list_sites(call: &Call<'_>, _: NoRequest) -> Reply<Vec<Site>> {
    call.read(|p| p.list_sites())
}

pub(crate) fn create_site(call: &Call<'_>, r: WithInput<SiteInput>) -> Reply<Site> {
    call.write(|p, actor| p.create_site(actor, &r.input))
}

pub(crate) fn update_site(call: &Call<'_>, r: Update<SiteId, SiteInput>) -> Reply<Site> {
    call.write(|p, actor| p.update_site(actor, r.id, r.version, &r.input))
}

pub(crate) fn set_staff_sites(call: &Call<'_>, r: StaffSites) -> Reply<()> {
    call.write(|p, actor| p.set_staff_sites(actor, r.staff_id, &r.sites))
}

pub(crate) fn clinic_settings(call: &Call<'_>, _: NoRequest) -> Reply<ClinicSettings> {
    call.read(|p| p.settings())
}

pub(crate) fn update_clinic_settings(
    call: &Call<'_>,
    r: UpdateClinicSettings,
) -> Reply<ClinicSettings> {
    call.write(|p, actor| p.update_settings(actor, &r.settings))
}
