import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, isLockShortcut } from './idle';

describe('the idle lock timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks once the idle minutes pass with no input, and only once', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(5, onIdle);
    timer.start();
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.running).toBe(false);
  });

  it('counts again from every keyboard or mouse input', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(1, onIdle);
    timer.start();
    vi.advanceTimersByTime(50_000);
    timer.poke();
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    timer.poke();
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never locks once stopped (signed out, or locked already)', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(1, onIdle);
    timer.start();
    timer.stop();
    timer.poke();
    vi.advanceTimersByTime(10 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('follows a new idle time from the last input', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(30, onIdle);
    timer.start();
    vi.advanceTimersByTime(2 * 60_000);
    timer.setMinutes(1);
    expect(onIdle).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(0);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('locks at the first tick after the computer slept past the limit', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(5, onIdle);
    timer.start();
    // The clock jumps (sleep) without the timers firing in between.
    vi.setSystemTime(Date.now() + 3 * 60 * 60_000);
    vi.advanceTimersByTime(5 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});

describe('the lock shortcut', () => {
  const key = (over: Partial<KeyboardEvent>) => ({ key: 'l', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
  it('is Ctrl+L or ⌘L, nothing else', () => {
    expect(isLockShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isLockShortcut(key({ metaKey: true, key: 'L' }))).toBe(true);
    expect(isLockShortcut(key({}))).toBe(false);
    expect(isLockShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isLockShortcut(key({ ctrlKey: true, key: 'k' }))).toBe(false);
  });
});
