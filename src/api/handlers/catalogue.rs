//! Pigments, their lots, needle cartridges and lot traceability.

use crate::api::requests::{
    AddPigmentLot, CartridgeLotUses, NoRequest, PigmentLotUses, SetActive, Update, WithInput,
};
use crate::api::{Call, Reply};
use crate::catalogue::needles::{Needle, NeedleInput};
use crate::catalogue::pigments::{
    Pigment, PigmentCatalogue, PigmentInput, PigmentLot, PigmentLotInput,
};
use crate::catalogue::traceability::LotUsePage;
use crate::ids::{NeedleId, PigmentId, PigmentLotId};
use crate::paging::PageRequest;

pub(crate) fn list_pigments(call: &Call<'_>, _: NoRequest) -> Reply<PigmentCatalogue> {
    call.read(|p| p.pigment_catalogue())
}

pub(crate) fn create_pigment(call: &Call<'_>, r: WithInput<PigmentInput>) -> Reply<Pigment> {
    call.write(|p, actor| p.create_pigment(actor, &r.input))
}

pub(crate) fn update_pigment(
    call: &Call<'_>,
    r: Update<PigmentId, PigmentInput>,
) -> Reply<Pigment> {
    call.write(|p, actor| p.update_pigment(actor, r.id, r.version, &r.input))
}

pub(crate) fn set_pigment_active(call: &Call<'_>, r: SetActive<PigmentId>) -> Reply<Pigment> {
    call.write(|p, actor| p.set_pigment_active(actor, r.id, r.active))
}

pub(crate) fn add_pigment_lot(call: &Call<'_>, r: AddPigmentLot) -> Reply<PigmentLot> {
    call.write(|p, actor| p.add_pigment_lot(actor, r.pigment_id, &r.input))
}

pub(crate) fn update_pigment_lot(
    call: &Call<'_>,
    r: Update<PigmentLotId, PigmentLotInput>,
) -> Reply<PigmentLot> {
    call.write(|p, actor| p.update_pigment_lot(actor, r.id, r.version, &r.input))
}

pub(crate) fn list_needles(call: &Call<'_>, _: NoRequest) -> Reply<Vec<Needle>> {
    call.read(|p| p.list_needles())
}

pub(crate) fn create_needle(call: &Call<'_>, r: WithInput<NeedleInput>) -> Reply<Needle> {
    call.write(|p, actor| p.create_needle(actor, &r.input))
}

pub(crate) fn update_needle(call: &Call<'_>, r: Update<NeedleId, NeedleInput>) -> Reply<Needle> {
    call.write(|p, actor| p.update_needle(actor, r.id, r.version, &r.input))
}

pub(crate) fn set_needle_active(call: &Call<'_>, r: SetActive<NeedleId>) -> Reply<Needle> {
    call.write(|p, actor| p.set_needle_active(actor, r.id, r.active))
}

pub(crate) fn pigment_lot_uses(call: &Call<'_>, r: PigmentLotUses) -> Reply<LotUsePage> {
    call.read(|p| p.pigment_lot_uses(r.lot_id, PageRequest::of(r.offset, r.limit, "uses")?))
}

pub(crate) fn cartridge_lot_uses(call: &Call<'_>, r: CartridgeLotUses) -> Reply<LotUsePage> {
    call.read(|p| p.cartridge_lot_uses(&r.lot_number, PageRequest::of(r.offset, r.limit, "uses")?))
}
