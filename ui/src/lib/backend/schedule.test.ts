import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { schedule } = await import('./schedule');

describe('calendar and recall commands', () => {
  beforeEach(() => invoke.mockReset());

  it('sends each command its named arguments', async () => {
    invoke.mockResolvedValue(null);
    await schedule.snooze('r1', '2026-12-01');
    expect(invoke).toHaveBeenLastCalledWith('snooze_recall', { recallId: 'r1', until: '2026-12-01' });
    await schedule.practitionerDay('p1', '2026-11-24');
    expect(invoke).toHaveBeenLastCalledWith('practitioner_day', { practitionerId: 'p1', day: '2026-11-24' });
    await schedule.setStaffSites('p1', ['s1']);
    expect(invoke).toHaveBeenLastCalledWith('set_staff_sites', { staffId: 'p1', sites: ['s1'] });
    await schedule.updateSettings({} as never);
    expect(invoke).toHaveBeenLastCalledWith('update_clinic_settings', { settings: {} });
  });

  it('names only commands the shell lists', async () => {
    const { readFileSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const here = dirname(fileURLToPath(import.meta.url));
    const list = readFileSync(join(here, '../../../../src-tauri/src/command_list.rs'), 'utf8');
    const source = readFileSync(join(here, 'schedule.ts'), 'utf8');
    const used = [...source.matchAll(/call<[^>]+>\('(\w+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(20);
    for (const name of used) expect(list, name).toMatch(new RegExp(`\\b${name},`));
  });
});
