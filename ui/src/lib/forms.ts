// Helpers shared by the forms: keyboard conventions, number inputs, and converting between inputs
// and requests (reading typed values is fields.ts's).

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

/** An unchosen select (its blank first option, '') as `null`. Typed values go through fields.ts. */
export function orNull<T extends string>(value: T | ''): T | null {
  return value === '' ? null : value;
}

/** The attributes of a number field: a text input (so what was typed, "0,8" or "forty five",
 * reaches the field readers as typed, instead of the blank a number input makes of it) with the
 * numeric keyboard. `whole` for whole numbers. */
export function numberInput(whole = false) {
  return { type: 'text', inputmode: whole ? 'numeric' : 'decimal', autocomplete: 'off', spellcheck: false } as const;
}

/** The field paths (`data-field-input`, which Field gives its control) of the inputs in `form`
 * holding text the browser cannot read as their type: a half-typed date's value reads as '', so
 * without this the readers would take it for blank. */
export function unreadableFields(form: ParentNode): string[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[data-field-input]')]
    .filter((input) => input.validity?.badInput)
    .map((input) => input.dataset.fieldInput ?? '');
}

/** Whether one input holds text the browser cannot read as its type (a half-typed date). */
export function unreadable(input: HTMLInputElement | null | undefined): boolean {
  return !!input?.validity?.badInput;
}

/** After a form was refused, puts the cursor in its first field marked invalid. */
export function focusFirstInvalid(within: ParentNode = document): void {
  setTimeout(() => within.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
