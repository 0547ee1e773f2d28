import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { createRawSnippet, type Component } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problemsError } from '../lib/errors';
import { t } from '../lib/i18n/messages';
import Field from './Field.svelte';
import FormActions from './FormActions.svelte';
import GenericNamedSelect from './NamedSelect.svelte';

// render() does not infer a generic component's type parameters from the props it is given.
const NamedSelect = GenericNamedSelect as unknown as Component<Record<string, unknown>>;

afterEach(cleanup);

describe('FormActions', () => {
  it('ends a form with its submit button, Cancel and the hint', async () => {
    const cancel = vi.fn();
    const { getByTestId, getByText } = render(FormActions, { save: 'Save plan', testid: 'save-plan', cancel, hint: 'Esc' });
    const submit = getByTestId('save-plan') as HTMLButtonElement;
    expect(submit.type).toBe('submit');
    expect(submit.textContent?.trim()).toBe('Save plan');
    expect(submit.disabled).toBe(false);
    await fireEvent.click(getByText(t('common.cancel')));
    expect(cancel).toHaveBeenCalledOnce();
    expect(getByText('Esc').className).toContain('hint');
  });

  it('says it is saving while busy, and has no Cancel unless given one', () => {
    const { getByTestId, queryByText } = render(FormActions, { save: 'Save plan', testid: 'save-plan', busy: true });
    const submit = getByTestId('save-plan') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    expect(submit.textContent?.trim()).toBe(t('common.saving'));
    expect(queryByText(t('common.cancel'))).toBeNull();
  });
});

describe('Field', () => {
  const input = createRawSnippet((aria: () => Record<string, unknown>) => ({
    render: () =>
      `<input data-testid="phone" aria-describedby="${aria()['aria-describedby'] ?? ''}" aria-required="${aria()['aria-required'] ?? ''}" />`,
  }));

  it('shows the core’s message for its field beside the control, which it describes', () => {
    const error = { code: 'validation', message: 'Not a phone number', field: 'phone' } as const;
    const { container, getByTestId } = render(Field, { label: 'Phone', required: true, error, field: 'phone', children: input });
    expect(container.querySelector('label')!.classList.contains('invalid')).toBe(true);
    expect(container.querySelector('span')!.textContent).toBe('Phone *');
    const message = container.querySelector('[data-field="phone"]')!;
    expect(message.textContent).toBe('Not a phone number');
    expect(getByTestId('phone').getAttribute('aria-describedby')).toBe(message.id);
    expect(getByTestId('phone').getAttribute('aria-required')).toBe('true');
  });

  it('shows a field problem from the readers beside its field, among the others', () => {
    const error = problemsError({ phone: 'Phone is required', email: 'x' });
    const { container } = render(Field, { label: 'Phone', error, field: 'phone', children: input });
    expect(container.querySelector('[data-field="phone"]')!.textContent).toBe('Phone is required');
    expect(container.querySelector('label')!.classList.contains('invalid')).toBe(true);
    expect(container.querySelector('.required-mark')).toBeNull();
  });

  it('stays quiet about another field’s error', () => {
    const error = { code: 'validation', message: 'Bad email', field: 'email' } as const;
    const { container } = render(Field, { label: 'Phone', error, field: 'phone', children: input });
    expect(container.querySelector('label')!.classList.contains('invalid')).toBe(false);
    expect(container.querySelector('.field-error')).toBeNull();
  });
});

describe('NamedSelect', () => {
  it('names each record, valued by its id, after the blank option when asked', () => {
    const items = [
      { id: 's-1', name: 'Harbour Street' },
      { id: 's-2', name: 'Mill Lane' },
    ];
    const { container } = render(NamedSelect, { items, value: 's-2', blank: 'All sites' });
    const select = container.querySelector('select')!;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'All sites'],
      ['s-1', 'Harbour Street'],
      ['s-2', 'Mill Lane'],
    ]);
    expect(select.value).toBe('s-2');
  });
});
