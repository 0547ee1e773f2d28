import { describe, expect, it } from 'vitest';
import { clientsToImport, REASON_MESSAGE, undecidedColumns } from './csv-import';
import { t } from './i18n/messages';
import type { DuplicateMatch, ImportReport } from './types';

function duplicate(line: number, decision: DuplicateMatch['decision']): DuplicateMatch {
  return { line, name: 'Ana Lopez', reason: 'same_email', existing_number: 1, earlier_line: null, decision };
}

function report(to_import: number, duplicates: DuplicateMatch[]): ImportReport {
  return { status: 'needs_decisions', rows: 10, to_import, imported: 0, skipped: 0, problems: [], duplicates };
}

describe('the CSV import screen', () => {
  it('names the columns neither mapped nor ignored', () => {
    const headers = ['Patient ID', 'First', 'Last', 'Points'];
    const mapping = { columns: [null, 'first_name', 'last_name', 'ignore'] as const, date_order: 'day_first' as const };
    expect(undecidedColumns(headers, { ...mapping, columns: [...mapping.columns] })).toEqual(['Patient ID']);
    expect(undecidedColumns(headers, { ...mapping, columns: ['external_id', 'first_name', 'last_name', 'ignore'] })).toEqual([]);
  });

  it('counts the clients an import adds with the decisions made on screen', () => {
    // 8 good rows and 2 duplicates undecided when checked: 8 import.
    const checked = report(8, [duplicate(3, null), duplicate(5, null)]);
    expect(clientsToImport(checked, {})).toBe(8);
    expect(clientsToImport(checked, { 3: 'skip', 5: 'skip' })).toBe(8);
    expect(clientsToImport(checked, { 3: 'import_anyway', 5: 'skip' })).toBe(9);
    // Checked with line 3 imported anyway (already counted by the core), then changed to skip.
    const rechecked = report(9, [duplicate(3, 'import_anyway'), duplicate(5, 'skip')]);
    expect(clientsToImport(rechecked, { 3: 'import_anyway', 5: 'skip' })).toBe(9);
    expect(clientsToImport(rechecked, { 3: 'skip', 5: 'skip' })).toBe(8);
    expect(clientsToImport(rechecked, { 3: 'import_anyway', 5: 'import_anyway' })).toBe(10);
  });

  it('says every duplicate reason in words', () => {
    expect(t(REASON_MESSAGE.same_external_reference)).toBe('same ID in the previous system');
    expect(new Set(Object.values(REASON_MESSAGE).map((key) => t(key))).size).toBe(3);
  });
});
