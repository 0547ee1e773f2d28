import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeHub, LiveReload, concerns, type ChangedEvent } from './live';

const booking: ChangedEvent = { command: 'book_appointment', areas: ['calendar', 'recalls'], client_id: 'c1' };
const signing: ChangedEvent = { command: 'sign_session', areas: ['record', 'recalls', 'today'], client_id: 'c2' };
const settings: ChangedEvent = { command: 'update_clinic_settings', areas: ['clinic'], client_id: null };

describe('which changes concern a screen', () => {
  it('a screen reloads for its own areas only', () => {
    expect(concerns({ areas: ['calendar'] }, booking)).toBe(true);
    expect(concerns({ areas: ['calendar'] }, signing)).toBe(false);
    expect(concerns({ areas: ['today', 'calendar'] }, signing)).toBe(true);
  });

  it('one client’s record reloads for that client, or a change to no client in particular', () => {
    const record = { areas: ['record', 'recalls', 'clinic'] as const, clientId: () => 'c2' };
    expect(concerns(record, signing)).toBe(true);
    expect(concerns(record, booking)).toBe(false);
    expect(concerns(record, settings)).toBe(true);
  });
});

describe('a screen’s live reload', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gathers a burst of changes into one reload, well within two seconds', async () => {
    const reload = vi.fn();
    const live = new LiveReload({ areas: ['calendar'] }, reload);
    live.heard(booking);
    live.heard(booking);
    live.heard(booking);
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads for a change elsewhere, nor after the screen closed', async () => {
    const reload = vi.fn();
    const live = new LiveReload({ areas: ['calendar'] }, reload);
    live.heard(signing);
    await vi.advanceTimersByTimeAsync(500);
    expect(reload).not.toHaveBeenCalled();
    live.heard(booking);
    live.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(reload).not.toHaveBeenCalled();
  });

  it('never runs two reloads at once: a change during a reload runs one more after it', async () => {
    let finish: () => void = () => {};
    let running = 0;
    let most = 0;
    const reload = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          running += 1;
          most = Math.max(most, running);
          finish = () => {
            running -= 1;
            resolve();
          };
        }),
    );
    const live = new LiveReload({ areas: ['calendar'] }, reload);
    live.heard(booking);
    await vi.advanceTimersByTimeAsync(200);
    expect(reload).toHaveBeenCalledTimes(1);
    live.heard(booking);
    live.heard(booking);
    await vi.advanceTimersByTimeAsync(200);
    expect(reload).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(reload).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(200);
    expect(reload).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('a failed reload does not stop the next change from reloading', async () => {
    const reload = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const live = new LiveReload({ areas: ['calendar'] }, reload);
    live.heard(booking);
    await vi.advanceTimersByTimeAsync(200);
    live.heard(booking);
    await vi.advanceTimersByTimeAsync(200);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});

describe('the one subscription to the shell’s changes', () => {
  it('subscribes once for every screen, delivers to each, and ends with the last', async () => {
    let deliver: (event: ChangedEvent) => void = () => {};
    const stop = vi.fn();
    const subscribe = vi.fn(async (heard: (event: ChangedEvent) => void) => {
      deliver = heard;
      return stop;
    });
    const hub = new ChangeHub(subscribe);
    const calendar = vi.fn();
    const badge = vi.fn();
    const removeCalendar = hub.add(calendar);
    const removeBadge = hub.add(badge);
    expect(subscribe).toHaveBeenCalledTimes(1);
    deliver(booking);
    expect(calendar).toHaveBeenCalledWith(booking);
    expect(badge).toHaveBeenCalledWith(booking);
    removeCalendar();
    deliver(signing);
    expect(calendar).toHaveBeenCalledTimes(1);
    expect(badge).toHaveBeenCalledTimes(2);
    expect(stop).not.toHaveBeenCalled();
    removeBadge();
    await Promise.resolve();
    await Promise.resolve();
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
