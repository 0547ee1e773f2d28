import { describe, expect, it } from 'vitest';
import {
  blankDraft,
  changedColumns,
  draftFromSetting,
  earlierFor,
  missingPicks,
  nextZoneDraft,
  settingFromDraft,
} from './session-grid';
import type { PreviousSettings, ZoneSetting } from './types';

const crown: ZoneSetting = {
  zone: 'crown',
  needle_id: 'n-1',
  cartridge_lot: 'C-7',
  depth_mm: 0.8,
  target_layer: 'upper dermis',
  angle_deg: 30,
  machine_speed: null,
  stroke_mm: 3.5,
  pigment_lot_id: 'l-1',
  dilution: '1:2',
  density: 'medium',
};

const previous = (session_id: string, number: number, zones: ZoneSetting[]): PreviousSettings => ({
  session_id,
  plan_id: 'p-1',
  number,
  performed_on: `2026-0${number}-01`,
  practitioner_id: 's-1',
  duration_minutes: 150,
  zones,
});

describe('zone grid', () => {
  it('round-trips a setting through the inputs', () => {
    expect(settingFromDraft(draftFromSetting(crown))).toEqual(crown);
  });

  it('sees no change when the values are the same, however typed', () => {
    const draft = { ...draftFromSetting(crown), depth_mm: '0.80', cartridge_lot: ' C-7 ' };
    expect(changedColumns(draft, crown).size).toBe(0);
  });

  it('highlights exactly the cells that differ from last time', () => {
    const draft = { ...draftFromSetting(crown), depth_mm: '1.0', density: 'high' as const, machine_speed: '90' };
    expect([...changedColumns(draft, crown)].sort()).toEqual(['density', 'depth_mm', 'machine_speed']);
  });

  it('highlights nothing on a first session', () => {
    expect(changedColumns(blankDraft('crown'), undefined).size).toBe(0);
  });

  it('finds the same zone in earlier sessions, newest first, skipping the one being edited', () => {
    const history = [
      previous('s-3', 3, [crown]),
      previous('s-2', 2, [{ ...crown, zone: 'temples' }]),
      previous('s-1', 1, [{ ...crown, depth_mm: 0.6 }]),
    ];
    expect(earlierFor('crown', history).map((e) => e.session.number)).toEqual([3, 1]);
    expect(earlierFor('crown', history, 's-3').map((e) => e.setting.depth_mm)).toEqual([0.6]);
  });

  it('sends empty required numbers as 0 and empty optional ones as null, for the core to judge', () => {
    const setting = settingFromDraft({ ...blankDraft('crown'), needle_id: 'n', pigment_lot_id: 'l' });
    expect(setting.depth_mm).toBe(0);
    expect(setting.machine_speed).toBeNull();
  });

  it('asks for a needle and a lot before sending', () => {
    expect(missingPicks([draftFromSetting(crown), blankDraft('temples')])).toEqual({ index: 1, column: 'needle_id' });
    expect(missingPicks([draftFromSetting(crown)])).toBeNull();
  });

  it('adds the first planned area not in the grid yet, as it was last time', () => {
    const last = previous('s-1', 1, [crown]);
    const rows = [blankDraft('frontal_hairline')];
    expect(nextZoneDraft(rows, ['frontal_hairline', 'crown'], last)).toEqual(draftFromSetting(crown));
    expect(nextZoneDraft(rows, ['frontal_hairline', 'crown'], null)).toEqual(blankDraft('crown'));
    expect(nextZoneDraft([...rows, blankDraft('temples')], ['frontal_hairline'], null).zone).toBe('mid_scalp');
  });
});
