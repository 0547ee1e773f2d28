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

/** One call to the core as the felt-speed benchmark sees it, in ms on the page's clock. */
export type TracedCall = { command: string; sent: number; answered?: number };

/** While the felt-speed benchmark (`HAIRLINE_BENCH_TRACE`) puts an array on
 * `window.hairlineCallTrace`, each call to the core is recorded there: its command, when it was
 * sent and when it was answered. Otherwise nothing is kept. */
export function traceCall<T>(command: string, answer: Promise<T>): Promise<T> {
  const trace = (globalThis as { hairlineCallTrace?: TracedCall[] }).hairlineCallTrace;
  if (!Array.isArray(trace)) return answer;
  const call: TracedCall = { command, sent: performance.now() };
  trace.push(call);
  const answered = () => {
    call.answered = performance.now();
  };
  answer.then(answered, answered);
  return answer;
}
