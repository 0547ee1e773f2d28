// The wait after too many wrong attempts: the core says how many seconds (`wait_seconds`), the
// screen counts them down to the moment another attempt is allowed.
import { plural, t } from '../i18n/messages';

/** Whole seconds left until `until` (epoch ms) at `now`, never below 0. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** A wait in words: "4 minutes 10 seconds", "1 minute", "42 seconds". */
export function waitWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return plural('auth.seconds', rest);
  if (rest === 0) return plural('auth.minutes', minutes);
  return t('auth.minutes_seconds', { minutes: plural('auth.minutes', minutes), seconds: plural('auth.seconds', rest) });
}
