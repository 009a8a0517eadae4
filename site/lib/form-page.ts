/** Small pieces shared by the account and record pages' form handling. */
import type { FieldError } from '../../src/forms.ts';

/** Shown when a form body cannot be read at all (too big, wrong type): nothing is stored. */
export const unreadableFormError: FieldError = { field: 'form', message: 'We could not read what you sent. Check your answers and try again' };

/** The message for too many attempts, in NHS style, with how long to wait (rounded up to minutes). */
export function describeRateLimit(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `You have tried too many times. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again`;
}

/** The message for a field, if any. */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}
