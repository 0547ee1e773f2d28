//! A clinic server's workstations: pairing codes, the paired devices, revoking one.

use crate::access::devices::{certificate_fingerprint, PairedDevice, PairingCode};
use crate::api::requests::{ById, NoRequest};
use crate::api::{Call, Reply};
use crate::error::Error;

pub(crate) fn create_pairing_code(call: &Call<'_>, _: NoRequest) -> Reply<PairingCode> {
    let path = call.service.folder().server_certificate();
    let not_served = || {
        Error::refused(
            None,
            "Pairing codes come from a clinic server, and this practice is not served by one: \
             start hairline-server with this data folder first",
        )
        .to_api()
    };
    let pem = std::fs::read_to_string(&path).map_err(|_| not_served())?;
    let fingerprint = certificate_fingerprint(&pem).ok_or_else(not_served)?;
    call.write(|p, actor| p.create_pairing_code(actor, &fingerprint[..4]))
}

pub(crate) fn list_devices(call: &Call<'_>, _: NoRequest) -> Reply<Vec<PairedDevice>> {
    call.read(|p| p.list_devices())
}

pub(crate) fn revoke_device(call: &Call<'_>, r: ById<String>) -> Reply<PairedDevice> {
    call.write(|p, actor| p.revoke_device(actor, &r.id))
}
