//! Exports, imports, erasure and the subject-access page. Every export goes where the one
//! export policy says ([`crate::exchange::export_file`]) and answers the path written.

use crate::api::events::IMPORT_PROGRESS;
use crate::api::requests::{CsvFile, EraseClient, ForClient, ImportClients, NoRequest};
use crate::api::{Call, Reply};
use crate::db::administration::Administration;
use crate::exchange::archive::{salvage_archive, ArchiveSummary, SalvageReport};
use crate::exchange::encoding::decode_csv_base64;
use crate::exchange::export_file::{new_export_path, stamped_name};
use crate::exchange::import::{import_setup_of, ImportReport, ImportSetup};
use crate::exchange::subject_access::SubjectAccessExport;
use crate::record::erasure::ErasureReport;
use std::path::PathBuf;

impl Call<'_> {
    /// A new file in the export folder for `what`, stamped with now.
    fn export_path(&self, what: &str, extension: &str) -> Reply<PathBuf> {
        let name = stamped_name(what, self.service.clock().now(), extension);
        new_export_path(self.service.exports(), &name).map_err(|e| e.to_api())
    }
}

pub(crate) fn export_client_record(call: &Call<'_>, r: ForClient) -> Reply<String> {
    let number = call.read(|p| p.client(r.client_id))?.number;
    let path = call.export_path(&format!("client-{number}"), "json")?;
    call.read(|p| p.subject_access_export_to(r.client_id, &path))?;
    call.administered(Administration::ExportClientRecord {
        client_id: r.client_id.to_string(),
        file: Some(path.display().to_string()),
    })?;
    Ok(path.display().to_string())
}

pub(crate) fn export_practice(call: &Call<'_>, _: NoRequest) -> Reply<(String, ArchiveSummary)> {
    let path = call.export_path("practice", "json")?;
    let summary = call
        .service
        .reader()?
        .export_archive_to(&path)
        .map_err(|e| e.to_api())?;
    call.administered(Administration::ExportPractice {
        file: path.display().to_string(),
        rows: summary.row_counts.values().sum(),
    })?;
    Ok((path.display().to_string(), summary))
}

/// Writes what can still be read of the damaged database, without opening it as a practice.
pub(crate) fn salvage_database(call: &Call<'_>, _: NoRequest) -> Reply<(String, SalvageReport)> {
    let path = call.export_path("salvaged", "json")?;
    let database = call.service.folder().database();
    let report =
        salvage_archive(&database, &path, call.service.clock().now()).map_err(|e| e.to_api())?;
    Ok((path.display().to_string(), report))
}

pub(crate) fn erase_client(call: &Call<'_>, r: EraseClient) -> Reply<ErasureReport> {
    call.write(|p, actor| p.erase_client(actor, r.client_id, &r.confirmation))
}

pub(crate) fn import_setup(_: &Call<'_>, r: CsvFile) -> Reply<ImportSetup> {
    decode_csv_base64(&r.content_base64)
        .and_then(|csv| import_setup_of(&csv))
        .map_err(|e| e.to_api())
}

pub(crate) fn preview_import(call: &Call<'_>, r: ImportClients) -> Reply<ImportReport> {
    let csv = decode_csv_base64(&r.content_base64).map_err(|e| e.to_api())?;
    call.read(|p| p.preview_import(&csv.text, &r.request))
}

pub(crate) fn import_clients(call: &Call<'_>, r: ImportClients) -> Reply<ImportReport> {
    let csv = decode_csv_base64(&r.content_base64).map_err(|e| e.to_api())?;
    call.write(|p, actor| {
        p.import_clients(actor, &csv.text, &r.request, &mut |progress| {
            let payload = serde_json::to_value(progress).expect("progress serialises");
            call.events.emit(IMPORT_PROGRESS, payload);
        })
    })
}

pub(crate) fn subject_access(call: &Call<'_>, r: ForClient) -> Reply<SubjectAccessExport> {
    let export = call.read(|p| p.subject_access_export(r.client_id))?;
    call.administered(Administration::ExportClientRecord {
        client_id: r.client_id.to_string(),
        file: None,
    })?;
    Ok(export)
}
