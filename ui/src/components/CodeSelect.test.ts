import { cleanup, render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { codes, label } from '../lib/i18n/messages';
import Generic from './CodeSelect.svelte';

// render() does not infer a generic component's type parameters from the props it is given.
const CodeSelect = Generic as unknown as Component<Record<string, unknown>>;

afterEach(cleanup);

const options = (select: HTMLSelectElement) => [...select.options].map((o) => [o.value, o.textContent]);

describe('CodeSelect', () => {
  it('offers every code of the vocabulary in the core’s order, labelled, with the value chosen', () => {
    const { container } = render(CodeSelect, { vocabulary: 'density', value: 'high' });
    const select = container.querySelector('select')!;
    expect(options(select)).toEqual(codes('density').map((c) => [c, label('density', c)]));
    expect(select.value).toBe('high');
  });

  it('adds the blank first option only when asked, and passes attributes on to the <select>', () => {
    const { container } = render(CodeSelect, {
      vocabulary: 'sun',
      value: '',
      blank: 'Not set',
      id: 'sun',
      disabled: true,
      'data-testid': 'sun-picker',
      'aria-describedby': 'error-sun',
    });
    const select = container.querySelector('select')!;
    expect(options(select)[0]).toEqual(['', 'Not set']);
    expect(select.options).toHaveLength(codes('sun').length + 1);
    expect(select.value).toBe('');
    expect(select.id).toBe('sun');
    expect(select.disabled).toBe(true);
    expect(select.dataset.testid).toBe('sun-picker');
    expect(select.getAttribute('aria-describedby')).toBe('error-sun');
  });
});
