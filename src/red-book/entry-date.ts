/** The date of a red book entry: a real date, not in the future, and not before the child was born. */
import type { IsoDate } from '../dates/index.ts';
import { dateFieldsToParts, readDateParts } from '../content/stage-finder.ts';

/**
 * Reads the date input `name` for an entry. `what` finishes "the date …", such as "it was measured",
 * and is used in every message: "The date it was measured must be today or in the past".
 */
export function readEntryDate(
  fields: Readonly<Record<string, string | null | undefined>>,
  name: string,
  what: string,
  dateOfBirth: IsoDate,
  today: IsoDate,
): { readonly ok: true; readonly date: IsoDate } | { readonly ok: false; readonly message: string } {
  const date = readDateParts(dateFieldsToParts(fields, name), `the date ${what}`);
  if (!date.ok) return date;
  if (date.date > today) return { ok: false, message: `The date ${what} must be today or in the past` };
  if (date.date < dateOfBirth) return { ok: false, message: `The date ${what} must be on or after the date of birth` };
  return date;
}
