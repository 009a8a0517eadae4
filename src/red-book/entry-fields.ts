/** Fields that several kinds of red book entry share: who did it, notes, and dates as form values. */
import type { IsoDate } from '../dates/index.ts';
import { cleanFreeText, type FieldError } from '../forms.ts';

/** The longest note on a screening entry, review or first. */
export const maxEntryNoteLength = 500;

/** Reads the optional "who" and "notes" fields shared by screening, reviews and firsts. */
export function readByAndNotes(input: Readonly<Record<string, string | null | undefined>>, errors: FieldError[]): { by: string | null; notes: string | null } {
  const by = cleanFreeText(input.by).replace(/\s+/g, ' ');
  const notes = cleanFreeText(input.notes);
  if ([...by].length > 100) errors.push({ field: 'by', message: 'Who did it must be 100 characters or fewer' });
  if ([...notes].length > maxEntryNoteLength) errors.push({ field: 'notes', message: `Notes must be ${maxEntryNoteLength} characters or fewer` });
  return { by: by || null, notes: notes || null };
}

/** A date as the three fields of a date input named `name`. */
export function dateToFormValues(name: string, date: IsoDate): Record<string, string> {
  return { [`${name}-day`]: String(Number(date.slice(8, 10))), [`${name}-month`]: String(Number(date.slice(5, 7))), [`${name}-year`]: date.slice(0, 4) };
}
