//! The installation, and the sample clinic.

use crate::api::requests::NoRequest;
use crate::api::service::AppInfo;
use crate::api::{Call, Reply};
use crate::demo::{DemoSpec, DemoSummary, SAMPLE_PASSWORD};

pub(crate) fn app_info(call: &Call<'_>, _: NoRequest) -> Reply<AppInfo> {
    Ok(call.service.info())
}

/// The sample clinic, in a practice with no clients and no staff but its owner; its staff sign
/// in with the sample password (hashed once, outside the practice's lock).
pub(crate) fn load_demo_clinic(call: &Call<'_>, _: NoRequest) -> Reply<DemoSummary> {
    let password = crate::access::secrets::hash_secret(SAMPLE_PASSWORD);
    // The generator records what it makes as made by Hairline itself.
    call.service.with_practice(|p| {
        let summary = p.generate_demo(DemoSpec::SAMPLE)?;
        p.give_sample_staff_password(&password)?;
        Ok(summary)
    })
}
