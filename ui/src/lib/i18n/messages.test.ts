import { describe, expect, it } from 'vitest';
import { codes, label, language, plural, t, VOCABULARY_VALUES, type CountKey, type Vocabulary } from './messages';

describe('message catalogue', () => {
  it('labels every code of every core vocabulary, and nothing else', () => {
    for (const vocabulary of Object.keys(VOCABULARY_VALUES) as Vocabulary[]) {
      const labelled = Object.keys(language.labels[vocabulary]).sort();
      expect([...VOCABULARY_VALUES[vocabulary]].sort(), vocabulary).toEqual(labelled);
    }
  });

  it('has no empty message', () => {
    for (const [key, text] of Object.entries(language.messages)) expect(text.trim(), key).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('record.number', { number: 12 })).toBe('Client no. 12');
    expect(t('plan.session_n', {})).toBe('Session {n}');
  });

  it('says how many through the language’s plural rules: “1 appointment”, “2 appointments”', () => {
    expect(plural('cal.count', 1)).toBe('1 appointment');
    expect(plural('cal.count', 0)).toBe('0 appointments');
    expect(plural('cal.count', 2)).toBe('2 appointments');
    expect(plural('clients.contra_badge', 1)).toBe('1 contraindication');
    expect(plural('today.contra', 3)).toBe('3 contraindications on file');
    expect(plural('recalls.days_overdue', 1)).toBe('1 day overdue');
    expect(plural('clients.count', 1, { shown: 1 })).toBe('1 of 1 client');
    expect(plural('clients.count', 1200, { shown: 1100 })).toBe('1,100 of 1,200 clients');
    expect(plural('plan.spacing', 1)).toBe('Every day');
  });

  it('has a one and an other form for every counted phrase, each with its count', () => {
    for (const key of Object.keys(language.counts) as CountKey[]) {
      const forms = language.counts[key];
      expect(forms.one, key).toBeTruthy();
      expect(forms.other, key).toContain('{count}');
    }
  });

  it('writes no “(s)” plural and no count glued to a noun outside the counted phrases', () => {
    for (const [key, text] of Object.entries(language.messages)) {
      expect(text, key).not.toMatch(/\(s\)/);
      // "{n} sessions" would read "1 sessions": a count and its noun belong in a counted phrase.
      expect(text, key).not.toMatch(/\{\w+\} (?!is\b|was\b|has\b|this\b)[a-z]+s\b/);
    }
  });

  it('does not read placeholders in the substituted values', () => {
    expect(t('clients.no_match', { typed: '{typed} <b>' })).toBe('No client matches “{typed} <b>”.');
  });

  it('offers pickers in the core order', () => {
    expect(codes('zone')[0]).toBe('frontal_hairline');
    expect(label('zone', 'crown')).toBe('Crown');
  });
});
