//! The installation and who is working at it.

use crate::api::requests::NoRequest;
use crate::api::service::{AppInfo, Workstation};
use crate::api::{Call, Reply};
use crate::demo::{DemoSpec, DemoSummary};

pub(crate) fn app_info(call: &Call<'_>, _: NoRequest) -> Reply<AppInfo> {
    Ok(call.service.info())
}

pub(crate) fn workstation(call: &Call<'_>, _: NoRequest) -> Reply<Workstation> {
    Ok(call.service.workstation())
}

pub(crate) fn set_current_staff(call: &Call<'_>, r: Workstation) -> Reply<Workstation> {
    call.service.set_workstation(r).map_err(|e| e.to_api())
}

pub(crate) fn load_demo_clinic(call: &Call<'_>, _: NoRequest) -> Reply<DemoSummary> {
    // The generator records what it makes as made by Hairline itself.
    call.service
        .with_practice(|p| p.generate_demo(DemoSpec::SAMPLE))
}
