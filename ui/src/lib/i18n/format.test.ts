import { describe, expect, it } from 'vitest';
import { dotted, fileName, fileSize } from './format';

describe('file sizes and names for people', () => {
  it('scales to the largest unit below 1000 with one decimal', () => {
    expect(fileSize(512)).toMatch(/^512 bytes$/);
    expect(fileSize(14_200_000)).toMatch(/^14\.2 MB$/);
    expect(fileSize(1_300_000_000)).toMatch(/^1\.3 GB$/);
  });

  it('shows a file without its folders, whatever the separator', () => {
    expect(fileName('/home/clinic/backups/daily-2026-06-15.sqlite')).toBe('daily-2026-06-15.sqlite');
    expect(fileName('C:\\Clinic\\backups\\a.sqlite')).toBe('a.sqlite');
  });
});

describe('one line of parts', () => {
  it('joins the parts present with a spaced middle dot, on both sides', () => {
    expect(dotted('11:00', 'Call back')).toBe('11:00 · Call back');
    expect(dotted('11:00', null, undefined, false, '', 'Dana')).toBe('11:00 · Dana');
    expect(dotted('Plan session', 0 as const)).toBe('Plan session');
  });
});
