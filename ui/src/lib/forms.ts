// Helpers shared by the forms: keyboard conventions and converting between inputs and requests.

/** A form attachment (`{@attach formKeys(cancel)}`): Enter submits natively; Ctrl/⌘+Enter also
 * submits from a textarea; Esc cancels. */
export function formKeys(cancel: () => void) {
  return (form: HTMLFormElement) => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        cancel();
      } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    };
    form.addEventListener('keydown', onKey);
    return () => form.removeEventListener('keydown', onKey);
  };
}

/** An empty select or date input as `null`. */
export function orNull<T extends string>(value: T | ''): T | null {
  return value === '' ? null : value;
}

/** A number input's text as a number, `null` when empty (the core judges the value). */
export function numberOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

/** An optional number: empty or unreadable becomes `null` (left out). */
export function optionalNumber(value: string | number | null | undefined): number | null {
  const n = numberOrNull(value);
  return n === null || Number.isNaN(n) ? null : n;
}

/** A required number: empty or unreadable becomes NaN, which the shell reports as a bad request
 * unless the page checks it first; pages send 0 instead so the core names the field. */
export function numberOrZero(value: string | number | null | undefined): number {
  const n = numberOrNull(value);
  return n === null || Number.isNaN(n) ? 0 : n;
}
