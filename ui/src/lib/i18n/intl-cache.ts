// Intl's formatters are slow to make and cheap to use: in the window's engine a new
// DateTimeFormat costs about 0.5 ms, which a list of a few hundred dates paid on every render.
// One formatter per locale and options is made here, once, and kept.

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function kept<F>(cache: Map<string, F>, locale: string | undefined, options: object, make: () => F): F {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let made = cache.get(key);
  if (made === undefined) {
    made = make();
    cache.set(key, made);
  }
  return made;
}

/** The date and time formatter for `locale` and `options` (made once; an unknown time zone
 * throws a RangeError, as `new Intl.DateTimeFormat` does). */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** The number formatter for `locale` and `options` (made once). */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

/** The plural rules of `locale` (made once). */
export function pluralRulesOf(locale: string): Intl.PluralRules {
  return kept(pluralRules, locale, {}, () => new Intl.PluralRules(locale));
}
