// The CSV import screen's own arithmetic, so it can say things before asking the core: which
// columns are still undecided, how many clients the import adds with the duplicate decisions
// made on screen, and each duplicate's reason in words. The core checks all of it again.
import type { MessageKey } from './i18n/messages';
import type { DuplicateDecision, DuplicateReason, ImportMapping, ImportReport } from './types';

/** The headers of the columns neither mapped to a detail nor ignored, in file order. */
export function undecidedColumns(headers: readonly string[], mapping: ImportMapping): string[] {
  return headers.filter((_, i) => mapping.columns[i] == null);
}

/** The clients an import adds: the core's count for the decisions it was sent, corrected for
 * the decisions changed on screen since (a duplicate now imported anyway adds one; one no
 * longer imported anyway takes one away). */
export function clientsToImport(report: ImportReport, decisions: Readonly<Record<number, DuplicateDecision | undefined>>): number {
  let count = report.to_import;
  for (const duplicate of report.duplicates) {
    const counted = duplicate.decision === 'import_anyway';
    const chosen = decisions[duplicate.line] === 'import_anyway';
    count += Number(chosen) - Number(counted);
  }
  return count;
}

/** The message that says why a row looks like a client already known. */
export const REASON_MESSAGE: Record<DuplicateReason, MessageKey> = {
  same_external_reference: 'data.import_reason_reference',
  same_name_and_date_of_birth: 'data.import_reason_name',
  same_email: 'data.import_reason_email',
};
