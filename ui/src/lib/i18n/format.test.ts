import { describe, expect, it } from 'vitest';
import { fileName, fileSize } from './format';

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
