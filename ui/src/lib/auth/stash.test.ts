import { afterEach, describe, expect, it } from 'vitest';
import { forgetStash, offerStash, receiveStash, stashText, takeStash } from './stash';

const route = { name: 'session', clientId: 'c-1', sessionId: 's-1' } as const;
const form = { draft: { duration_minutes: '150', notes: 'Half done' }, amendment: '' };

describe('an unsaved form across a lock', () => {
  let withdraw = () => {};
  afterEach(() => {
    withdraw();
    forgetStash();
  });

  it('is stashed as JSON naming who locked, and comes back to the same person’s screen once', () => {
    withdraw = offerStash(() => ({ kind: 'session', key: 's-1', route, form }));
    const text = stashText('dana');
    expect(JSON.parse(text!)).toEqual({ kind: 'session', key: 's-1', staff_id: 'dana', route, form });
    expect(receiveStash(text, 'dana')).toEqual(route);
    expect(takeStash('session', 's-2')).toBeNull();
    expect(takeStash('session', 's-1')).toEqual(form);
    expect(takeStash('session', 's-1')).toBeNull();
  });

  it('is not given to a different person', () => {
    withdraw = offerStash(() => ({ kind: 'session', key: 's-1', route, form }));
    const text = stashText('dana');
    expect(receiveStash(text, 'marco')).toBeNull();
    expect(takeStash('session', 's-1')).toBeNull();
  });

  it('is nothing when no screen holds unsaved work, or after the screen withdrew its offer', () => {
    expect(stashText('dana')).toBeNull();
    withdraw = offerStash(() => null);
    expect(stashText('dana')).toBeNull();
    withdraw();
    withdraw = offerStash(() => ({ kind: 'session', key: 's-1', route, form }));
    withdraw();
    expect(stashText('dana')).toBeNull();
  });

  it('ignores text that is not a stash', () => {
    expect(receiveStash('not json', 'dana')).toBeNull();
    expect(receiveStash(null, 'dana')).toBeNull();
    expect(receiveStash(JSON.stringify({ staff_id: 'dana' }), 'dana')).toBeNull();
  });
});
