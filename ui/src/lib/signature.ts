// Signature capture: pointer strokes (mouse, touch or pen) become SVG path data, the form the core
// stores for a drawn signature. Pure functions so they are tested without a canvas.

export type Point = { x: number; y: number };
export type Stroke = Point[];

/** Rounds to one decimal so the stored path stays small. */
function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** SVG path data of the strokes: `M x y L x y …` per stroke; a single tap becomes a dot. */
export function strokesToPath(strokes: Stroke[]): string {
  return strokes
    .filter((s) => s.length > 0)
    .map((s) => {
      const [first, ...rest] = s;
      const start = `M ${r(first.x)} ${r(first.y)}`;
      if (rest.length === 0) return `${start} L ${r(first.x + 0.5)} ${r(first.y)}`;
      return `${start} ${rest.map((p) => `L ${r(p.x)} ${r(p.y)}`).join(' ')}`;
    })
    .join(' ');
}

/** Whether the strokes amount to a signature (something drawn, not a stray click). */
export function hasSignature(strokes: Stroke[]): boolean {
  return strokes.reduce((n, s) => n + s.length, 0) >= 2;
}

/** Whether a stored signature is a PNG data URL (else it is SVG path data). */
export function isPngSignature(signature: string): boolean {
  return signature.startsWith('data:image/png;base64,');
}
