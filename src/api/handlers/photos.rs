//! A client's photos, from the practice's own photo store. A new photo is decoded, stripped of
//! metadata and thumbnailed before the practice is touched, so other commands never wait for it.

use crate::api::requests::{
    AddPhoto, ById, ComparePhotos, ForClient, PhotosForMarketing, UpdatePhoto,
};
use crate::api::{Call, Reply};
use crate::error::Error;
use crate::ids::PhotoId;
use crate::photos::{Photo, PhotoComparison, PhotoStore, ViewTimeline};

impl Call<'_> {
    /// The practice's photo store (where its files live; no lock is held once it is known).
    fn photo_store(&self) -> Reply<PhotoStore> {
        self.read(|p| p.photo_store())
    }
}

/// The photo's bytes are the call's body ([`crate::api::dispatch_with_bytes`], bounded there).
pub(crate) fn add_photo(call: &Call<'_>, r: AddPhoto) -> Reply<Photo> {
    let bytes = call.bytes.ok_or_else(|| {
        Error::validation(
            "bytes",
            "The photo's bytes are missing: they are sent as the call's body",
        )
        .to_api()
    })?;
    let store = call.photo_store()?;
    call.read(|p| p.check_photo_details(&r.details))?;
    let image = store
        .prepare("file", &r.name, bytes)
        .map_err(|e| e.to_api())?;
    call.write(|p, actor| p.add_photo(actor, &store, &r.details, &image))
}

pub(crate) fn photo_timeline(call: &Call<'_>, r: ForClient) -> Reply<Vec<ViewTimeline>> {
    call.read(|p| p.photo_timeline(&p.photo_store()?, r.client_id))
}

pub(crate) fn compare_photos(call: &Call<'_>, r: ComparePhotos) -> Reply<PhotoComparison> {
    call.read(|p| p.compare_photos(&p.photo_store()?, r.a, r.b))
}

pub(crate) fn update_photo(call: &Call<'_>, r: UpdatePhoto) -> Reply<Photo> {
    let store = call.photo_store()?;
    call.write(|p, actor| p.update_photo(actor, &store, r.id, r.version, &r.edit))
}

pub(crate) fn remove_photo(call: &Call<'_>, r: ById<PhotoId>) -> Reply<()> {
    let store = call.photo_store()?;
    call.write(|p, actor| p.remove_photo(actor, &store, r.id))
}

pub(crate) fn photos_for_marketing(call: &Call<'_>, r: PhotosForMarketing) -> Reply<Vec<Photo>> {
    call.read(|p| p.photos_for_marketing(&p.photo_store()?, r.client_id, p.clock().today()))
}
