import { describe, expect, it } from 'vitest';
import { codes, label, language, t, VOCABULARY_VALUES, type Vocabulary } from './messages';

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
    expect(t('clients.count', { shown: 3, total: 10 })).toBe('3 of 10 clients');
    expect(t('clients.count', { shown: 3 })).toBe('3 of {total} clients');
  });

  it('does not read placeholders in the substituted values', () => {
    expect(t('clients.no_match', { typed: '{typed} <b>' })).toBe('No client matches “{typed} <b>”.');
  });

  it('offers pickers in the core order', () => {
    expect(codes('zone')[0]).toBe('frontal_hairline');
    expect(label('zone', 'crown')).toBe('Crown');
  });
});
