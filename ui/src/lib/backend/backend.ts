// The only module that talks to the Tauri shell. Pages call these typed functions; every failure
// arrives as an ApiError ({code, message, field}), never as a bare string.
import { convertFileSrc, invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open, save } from '@tauri-apps/plugin-dialog';
import type {
  Amendment,
  SubjectAccessExport,
  RecoveryReport,
  SalvageReport,
  ImportProgress,
  ImportReport,
  ImportRequest,
  ImportSetup,
  ArchiveSummary,
  ErasureReport,
  BackupFile,
  BackupInfo,
  CopyProgress,
  IntegrityReport,
  RestoreReport,
  ApiError,
  AppInfo,
  ArchiveFilter,
  AuditEntry,
  Consent,
  ConsentId,
  ConsentStatus,
  ConsentTemplate,
  ConsentTemplateId,
  ConsentTemplateInput,
  Photo,
  PhotoComparison,
  PhotoDetails,
  PhotoEdit,
  PhotoId,
  ViewTimeline,
  SignConsentInput,
  WithdrawConsentInput,
  Client,
  ClientId,
  ClientInput,
  ClientPage,
  ClientRecord,
  ClientSummary,
  DemoSummary,
  Finish,
  LotUse,
  Needle,
  NeedleId,
  NeedleInput,
  Pigment,
  PigmentCatalogue,
  PigmentId,
  PigmentInput,
  PigmentLot,
  PigmentLotId,
  PigmentLotInput,
  Plan,
  PlanDefaults,
  PlanId,
  PlanInput,
  PreviousSettings,
  Session,
  SessionId,
  SessionInput,
  Staff,
  StaffId,
  StaffInput,
  TouchUpSuggestion,
  Workstation,
} from '../types';

/** A failed command, carrying the shell's ApiError. */
export class BackendError extends Error {
  readonly api: ApiError;
  constructor(api: ApiError) {
    super(api.message);
    this.name = 'BackendError';
    this.api = api;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

/** Any thrown value as an ApiError; anything the shell did not shape is a `bad_request`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof BackendError) return error.api;
  if (isApiError(error)) return { code: error.code, message: error.message, field: error.field ?? null };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'bad_request', message, field: null };
}

/** Invokes one shell command; every failure becomes a BackendError. */
export async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw new BackendError(toApiError(error));
  }
}

/** Calls `onProgress` with each `backup-progress` event until the returned function is called. */
async function onBackupProgress(onProgress: (progress: CopyProgress) => void): Promise<() => void> {
  return listen<CopyProgress>('backup-progress', (event) => onProgress(event.payload));
}

export const backend = {
  listBackups: () => call<BackupFile[]>('list_backups'),
  backUpNow: () => call<BackupInfo>('back_up_now'),
  /** Asks where to save a backup (the native save dialog); `null` when the user cancels. */
  chooseBackupFile: (suggested: string) =>
    save({ defaultPath: suggested, filters: [{ name: 'Hairline backup', extensions: ['sqlite'] }] }),
  backUpTo: (path: string) => call<BackupInfo>('back_up_to', { path }),
  /** Asks which backup file to restore (the native open dialog); `null` when the user cancels. */
  chooseRestoreFile: async (): Promise<string | null> => {
    const chosen = await open({ multiple: false, directory: false, filters: [{ name: 'Hairline backup', extensions: ['sqlite'] }] });
    return typeof chosen === 'string' ? chosen : null;
  },
  restoreFromFile: (path: string) => call<RestoreReport>('restore_from_file', { path }),
  restoreBackup: (path: string) => call<RestoreReport>('restore_backup', { path }),
  checkDatabase: () => call<IntegrityReport>('check_database'),
  exportClientRecord: (clientId: ClientId) => call<string>('export_client_record', { clientId }),
  exportPractice: () => call<[string, ArchiveSummary]>('export_practice'),
  importSetup: (text: string) => call<ImportSetup>('import_setup', { text }),
  previewImport: (text: string, request: ImportRequest) => call<ImportReport>('preview_import', { text, request }),
  importClients: (text: string, request: ImportRequest) => call<ImportReport>('import_clients', { text, request }),
  onImportProgress: async (onProgress: (progress: ImportProgress) => void): Promise<() => void> =>
    listen<ImportProgress>('import-progress', (event) => onProgress(event.payload)),
  subjectAccess: (clientId: ClientId) => call<SubjectAccessExport>('subject_access', { clientId }),
  newestGoodBackup: () => call<BackupFile | null>('newest_good_backup'),
  recoverFromBackup: (path: string) => call<RecoveryReport>('recover_from_backup', { path }),
  salvageDatabase: () => call<[string, SalvageReport]>('salvage_database'),
  eraseClient: (clientId: ClientId, confirmation: string) =>
    call<ErasureReport>('erase_client', { clientId, confirmation }),
  onBackupProgress,
  appInfo: () => call<AppInfo>('app_info'),
  workstation: () => call<Workstation>('workstation'),
  setCurrentStaff: (staffId: StaffId | null) =>
    call<Workstation>('set_current_staff', { request: { current_staff_id: staffId } }),
  loadDemoClinic: () => call<DemoSummary>('load_demo_clinic'),

  listStaff: (includeInactive = false) => call<Staff[]>('list_staff', { includeInactive }),
  createStaff: (input: StaffInput) => call<Staff>('create_staff', { input }),
  updateStaff: (id: StaffId, input: StaffInput) => call<Staff>('update_staff', { id, input }),
  setStaffActive: (id: StaffId, active: boolean) => call<Staff>('set_staff_active', { id, active }),

  searchClients: (typed: string, filter: ArchiveFilter, limit = 50) =>
    call<ClientSummary[]>('search_clients', { typed, filter, limit }),
  listClients: (filter: ArchiveFilter, offset = 0, limit = 100) =>
    call<ClientPage>('list_clients', { filter, offset, limit }),
  getClient: (id: ClientId) => call<Client>('get_client', { id }),
  createClient: (input: ClientInput) => call<Client>('create_client', { input }),
  updateClient: (id: ClientId, input: ClientInput) => call<Client>('update_client', { id, input }),
  archiveClient: (id: ClientId) => call<Client>('archive_client', { id }),
  unarchiveClient: (id: ClientId) => call<Client>('unarchive_client', { id }),
  clientRecord: (id: ClientId) => call<ClientRecord>('client_record', { id }),
  previousSettings: (clientId: ClientId, limit = 3) =>
    call<PreviousSettings[]>('previous_settings', { clientId, limit }),

  planDefaults: () => call<PlanDefaults>('plan_defaults'),
  suggestTouchUpInterval: (clientId: ClientId, finish: Finish | null) =>
    call<TouchUpSuggestion>('suggest_touch_up_interval', { clientId, finish }),
  createPlan: (input: PlanInput) => call<Plan>('create_plan', { input }),
  updatePlan: (id: PlanId, input: PlanInput) => call<Plan>('update_plan', { id, input }),
  cancelPlan: (id: PlanId) => call<Plan>('cancel_plan', { id }),

  recordSession: (input: SessionInput) => call<Session>('record_session', { input }),
  updateSession: (id: SessionId, input: SessionInput) => call<Session>('update_session', { id, input }),
  discardSession: (id: SessionId) => call<null>('discard_session', { id }),
  signSession: (id: SessionId) => call<Session>('sign_session', { id }),
  amendSession: (id: SessionId, text: string) => call<Amendment>('amend_session', { id, text }),
  getSession: (id: SessionId) => call<Session>('get_session', { id }),

  listPigments: () => call<PigmentCatalogue>('list_pigments'),
  createPigment: (input: PigmentInput) => call<Pigment>('create_pigment', { input }),
  updatePigment: (id: PigmentId, input: PigmentInput) => call<Pigment>('update_pigment', { id, input }),
  setPigmentActive: (id: PigmentId, active: boolean) => call<Pigment>('set_pigment_active', { id, active }),
  addPigmentLot: (pigmentId: PigmentId, input: PigmentLotInput) =>
    call<PigmentLot>('add_pigment_lot', { pigmentId, input }),
  updatePigmentLot: (id: PigmentLotId, input: PigmentLotInput) =>
    call<PigmentLot>('update_pigment_lot', { id, input }),
  listNeedles: () => call<Needle[]>('list_needles'),
  createNeedle: (input: NeedleInput) => call<Needle>('create_needle', { input }),
  updateNeedle: (id: NeedleId, input: NeedleInput) => call<Needle>('update_needle', { id, input }),
  setNeedleActive: (id: NeedleId, active: boolean) => call<Needle>('set_needle_active', { id, active }),

  pigmentLotUses: (id: PigmentLotId) => call<LotUse[]>('pigment_lot_uses', { id }),
  cartridgeLotUses: (lotNumber: string) => call<LotUse[]>('cartridge_lot_uses', { lotNumber }),
  auditTrail: (entityId: string) => call<AuditEntry[]>('audit_trail', { entityId }),

  // consent
  consentTemplates: () => call<ConsentTemplate[]>('consent_templates'),
  consentTemplateHistory: (id: ConsentTemplateId) => call<ConsentTemplate[]>('consent_template_history', { id }),
  createConsentTemplate: (input: ConsentTemplateInput) => call<ConsentTemplate>('create_consent_template', { input }),
  reviseConsentTemplate: (id: ConsentTemplateId, input: ConsentTemplateInput) =>
    call<ConsentTemplate>('revise_consent_template', { id, input }),
  signConsent: (input: SignConsentInput) => call<Consent>('sign_consent', { input }),
  withdrawConsent: (id: ConsentId, input: WithdrawConsentInput) => call<Consent>('withdraw_consent', { id, input }),
  clientConsents: (clientId: ClientId) => call<Consent[]>('client_consents', { clientId }),
  consentStatus: (clientId: ClientId) => call<ConsentStatus>('consent_status', { clientId }),
  signedConsent: (id: ConsentId) => call<Consent>('signed_consent', { id }),

  // photos
  addPhoto: (details: PhotoDetails, name: string, bytes: Uint8Array) =>
    call<Photo>('add_photo', { details, name, bytes: Array.from(bytes) }),
  photoTimeline: (clientId: ClientId) => call<ViewTimeline[]>('photo_timeline', { clientId }),
  comparePhotos: (a: PhotoId, b: PhotoId) => call<PhotoComparison>('compare_photos', { a, b }),
  updatePhoto: (id: PhotoId, edit: PhotoEdit) => call<Photo>('update_photo', { id, edit }),
  removePhoto: (id: PhotoId) => call<null>('remove_photo', { id }),
  photosForMarketing: (clientId: ClientId | null) => call<Photo[]>('photos_for_marketing', { clientId }),
  /** The webview URL of a file in the photo folder (the asset protocol reads nothing else). */
  photoUrl: (path: string) => convertFileSrc(path),
};

export type Backend = typeof backend;
