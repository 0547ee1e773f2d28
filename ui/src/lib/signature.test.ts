import { describe, expect, it } from 'vitest';
import { hasSignature, isPngSignature, strokesToPath } from './signature';

describe('signature capture', () => {
  it('turns strokes into SVG path data, one move per stroke', () => {
    const path = strokesToPath([
      [{ x: 1, y: 2 }, { x: 3.04, y: 4.96 }],
      [{ x: 10, y: 10 }, { x: 12, y: 11 }, { x: 14, y: 9 }],
    ]);
    expect(path).toBe('M 1 2 L 3 5 M 10 10 L 12 11 L 14 9');
  });

  it('keeps a tap as a tiny dot and skips empty strokes', () => {
    expect(strokesToPath([[], [{ x: 5, y: 5 }]])).toBe('M 5 5 L 5.5 5');
  });

  it('needs at least two points to count as signed', () => {
    expect(hasSignature([])).toBe(false);
    expect(hasSignature([[{ x: 1, y: 1 }]])).toBe(false);
    expect(hasSignature([[{ x: 1, y: 1 }, { x: 2, y: 2 }]])).toBe(true);
  });

  it('tells a PNG signature from path data', () => {
    expect(isPngSignature('data:image/png;base64,AAAA')).toBe(true);
    expect(isPngSignature('M 1 2 L 3 4')).toBe(false);
  });
});
