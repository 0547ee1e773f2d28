import { describe, expect, it } from 'vitest';
import {
  blankDraft,
  changedColumns,
  draftFromSetting,
  earlierFor,
  nextZoneDraft,
  readSetting,
  type ZoneDraft,
} from './session-grid';
import { readForm } from './fields';
import type { PreviousSettings, ZoneSetting } from './types';

/** One row read as the form reads it: the setting, or its cells' problems. */
const readRow = (draft: ZoneDraft, index = 0) => readForm((read) => readSetting(read, draft, index));
const settingFromDraft = (draft: ZoneDraft) => {
  const read = readRow(draft);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
};
const rowProblems = (draft: ZoneDraft, index = 0) => {
  const read = readRow(draft, index);
  return read.ok ? {} : read.problems;
};

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

  it('does not call a cell still to be filled a change: today’s blank lots are not highlighted', () => {
    const draft = { ...draftFromSetting(crown), cartridge_lot: '', pigment_lot_id: '' as const, depth_mm: '1.0' };
    expect([...changedColumns(draft, crown)]).toEqual(['depth_mm']);
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

  it('never sends a blank or unreadable depth or angle as 0: each is a problem of its cell, named with the zone', () => {
    const picked = { ...draftFromSetting(crown) };
    expect(rowProblems({ ...picked, depth_mm: '', angle_deg: 'forty five' }, 2)).toEqual({
      'zones[2].depth_mm': 'Depth (mm) (Crown) is required',
      'zones[2].angle_deg': 'Angle (°) (Crown): “forty five” is not a number',
    });
    expect(rowProblems({ ...picked, depth_mm: '0.8mm', stroke_mm: 'long' })).toEqual({
      'zones[0].depth_mm': 'Depth (mm) (Crown): “0.8mm” is not a number',
      'zones[0].stroke_mm': 'Stroke (mm) (Crown): “long” is not a number',
    });
  });

  it('leaves a blank optional number out, and reads a comma decimal', () => {
    const setting = settingFromDraft({ ...draftFromSetting(crown), depth_mm: '0,8', machine_speed: ' ', stroke_mm: '' });
    expect(setting.depth_mm).toBe(0.8);
    expect(setting.machine_speed).toBeNull();
    expect(setting.stroke_mm).toBeNull();
  });

  it('asks for a needle, a lot, the cartridge lot and the dilution before sending', () => {
    expect(Object.keys(rowProblems({ ...blankDraft('temples'), depth_mm: '1', angle_deg: '30' }, 1))).toEqual([
      'zones[1].needle_id',
      'zones[1].cartridge_lot',
      'zones[1].pigment_lot_id',
      'zones[1].dilution',
    ]);
    expect(rowProblems(draftFromSetting(crown))).toEqual({});
  });

  it('adds the first planned area not in the grid yet, with last time’s technique and today’s lots to read', () => {
    const last = previous('s-1', 1, [crown]);
    const rows = [blankDraft('frontal_hairline')];
    expect(nextZoneDraft(rows, ['frontal_hairline', 'crown'], last)).toEqual({ ...draftFromSetting(crown), cartridge_lot: '', pigment_lot_id: '' });
    expect(nextZoneDraft(rows, ['frontal_hairline', 'crown'], null)).toEqual(blankDraft('crown'));
    expect(nextZoneDraft([...rows, blankDraft('temples')], ['frontal_hairline'], null).zone).toBe('mid_scalp');
  });
});
