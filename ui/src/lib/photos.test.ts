import { describe, expect, it } from 'vitest';
import { acceptedImage, compareProblem, flatten, step, toggleSelection } from './photos';
import type { Photo, ViewTimeline } from './types';

const photo = (id: string, view: Photo['view'], client = 'c1') => ({ id, view, client_id: client }) as unknown as Photo;

describe('photo screen rules', () => {
  it('keeps at most two photos selected, dropping the oldest pick', () => {
    expect(toggleSelection([], 'a')).toEqual(['a']);
    expect(toggleSelection(['a', 'b'], 'c')).toEqual(['b', 'c']);
    expect(toggleSelection(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('compares only two photos of the same view of one client', () => {
    expect(compareProblem([photo('a', 'front')])).toBe('pick_two');
    expect(compareProblem([photo('a', 'front'), photo('b', 'crown')])).toBe('different_views');
    expect(compareProblem([photo('a', 'front'), photo('b', 'front', 'c2')])).toBe('different_views');
    expect(compareProblem([photo('a', 'front'), photo('b', 'front')])).toBeNull();
  });

  it('walks the timeline view by view and wraps in full screen', () => {
    const timeline: ViewTimeline[] = [
      { view: 'front', photos: [photo('a', 'front'), photo('b', 'front')] },
      { view: 'crown', photos: [photo('c', 'crown')] },
    ];
    expect(flatten(timeline).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(step(2, 1, 3)).toBe(0);
    expect(step(0, -1, 3)).toBe(2);
    expect(step(0, 1, 0)).toBe(0);
  });

  it('accepts JPEG, PNG and WebP only', () => {
    expect(acceptedImage({ name: 'a.JPG', type: '' })).toBe(true);
    expect(acceptedImage({ name: 'x', type: 'image/webp' })).toBe(true);
    expect(acceptedImage({ name: 'a.gif', type: 'image/gif' })).toBe(false);
  });
});
