import { describe, expect, it } from 'vitest';
import { numberInput, unreadable, unreadableFields } from './forms';

/** A date input whose browser could (`bad` false) or could not read what was typed. */
function dateInput(field: string, bad: boolean): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'date';
  input.dataset.fieldInput = field;
  Object.defineProperty(input, 'validity', { value: { badInput: bad } });
  return input;
}

describe('form inputs', () => {
  it('names the fields whose input could not read what was typed (a half-typed date reads as blank)', () => {
    const form = document.createElement('form');
    form.append(dateInput('date_of_birth', true), dateInput('contraindications[0].kind.until', false), dateInput('expires_on', true));
    expect(unreadableFields(form)).toEqual(['date_of_birth', 'expires_on']);
    expect(unreadable(form.querySelector('input'))).toBe(true);
    expect(unreadable(null)).toBe(false);
  });

  it('makes number fields text inputs, so what was typed reaches the readers as typed', () => {
    expect(numberInput()).toMatchObject({ type: 'text', inputmode: 'decimal' });
    expect(numberInput(true)).toMatchObject({ type: 'text', inputmode: 'numeric' });
  });
});
