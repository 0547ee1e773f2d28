import { describe, expect, it } from 'vitest';
import { secondsLeft, waitWords } from './wait';

describe('the wait after too many attempts', () => {
  it('counts whole seconds down to zero, never below', () => {
    const until = 1_000_000 + 30_000;
    expect(secondsLeft(until, 1_000_000)).toBe(30);
    expect(secondsLeft(until, 1_000_000 + 29_001)).toBe(1);
    expect(secondsLeft(until, 1_000_000 + 30_000)).toBe(0);
    expect(secondsLeft(until, 1_000_000 + 90_000)).toBe(0);
  });

  it('says the time left in words', () => {
    expect(waitWords(250)).toBe('4 minutes 10 seconds');
    expect(waitWords(60)).toBe('1 minute');
    expect(waitWords(61)).toBe('1 minute 1 second');
    expect(waitWords(42)).toBe('42 seconds');
    expect(waitWords(900)).toBe('15 minutes');
  });
});
