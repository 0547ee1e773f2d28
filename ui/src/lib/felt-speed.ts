// The moments the felt-speed benchmark (`scripts/bench-ui`) reads from outside the page: a
// performance mark `hairline:<name>` at the second animation frame after it is asked for, when
// what was just put in the DOM has been painted.

/** Marks `hairline:<name>` once, after the next paint. */
export function markPainted(name: string): void {
  const mark = `hairline:${name}`;
  if (performance.getEntriesByName(mark).length > 0) return;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (performance.getEntriesByName(mark).length === 0) performance.mark(mark);
    }),
  );
}
