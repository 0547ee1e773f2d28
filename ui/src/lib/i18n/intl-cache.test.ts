import { describe, expect, it } from 'vitest';
import { dateFormat, numberFormat, pluralRulesOf } from './intl-cache';

describe('Intl formatters made once', () => {
  it('answers the same formatter for the same locale and options, another for others', () => {
    const medium = dateFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    expect(dateFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })).toBe(medium);
    expect(dateFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })).not.toBe(medium);
    expect(dateFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' })).not.toBe(medium);
    expect(medium.format(new Date(Date.UTC(1980, 4, 3)))).toBe('3 May 1980');
    expect(numberFormat('en-GB')).toBe(numberFormat('en-GB'));
    expect(numberFormat('en-GB', { maximumFractionDigits: 1 }).format(2.25)).toBe('2.3');
    expect(pluralRulesOf('en-GB').select(1)).toBe('one');
  });

  it('still refuses an unknown time zone, every time', () => {
    expect(() => dateFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => dateFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
