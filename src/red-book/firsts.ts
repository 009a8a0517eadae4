/**
 * Developmental firsts: the moments the red book asks parents to note (first smile, rolling over,
 * sitting up, crawling, standing, walking, first word, first tooth) and any of the family's own.
 * These are memories, not milestones to pass: nothing here says a child is late.
 */
import type { IsoDate } from '../dates/index.ts';
import { cleanFreeText, type FieldError } from '../forms.ts';
import type { ChildDetails } from './child-details.ts';
import type { Entry } from './entries.ts';
import { readEntryDate } from './entry-date.ts';
import { dateToFormValues, readByAndNotes } from './entry-fields.ts';

/** The firsts the red book lists, and "own" for the family's own. */
export const firstNames = {
  smiled: 'First smile',
  'rolled-over': 'Rolled over',
  'sat-up': 'Sat up without help',
  crawled: 'Crawled',
  stood: 'Stood up',
  walked: 'First steps',
  'first-word': 'First word',
  'first-tooth': 'First tooth',
  own: 'Something else',
} as const;

/** The code of a first. */
export type FirstCode = keyof typeof firstNames;

/** A first's own fields; `label` names the family's own first. */
export interface FirstData {
  readonly first: FirstCode;
  readonly label: string | null;
  readonly notes: string | null;
}

/** Checks a "first" form against the child's details and `today`. */
export function checkFirst(
  input: Readonly<Record<string, string | null | undefined>>,
  child: ChildDetails,
  today: IsoDate,
): { readonly ok: true; readonly occurredOn: IsoDate; readonly data: FirstData } | { readonly ok: false; readonly errors: readonly FieldError[] } {
  const errors: FieldError[] = [];
  const first = (Object.keys(firstNames) as FirstCode[]).find((code) => code === input.first) ?? null;
  if (!first) errors.push({ field: 'first', message: 'Select what your child did' });
  const label = cleanFreeText(input.label).replace(/\s+/g, ' ');
  if (first === 'own' && label === '') errors.push({ field: 'label', message: 'Enter what your child did' });
  else if ([...label].length > 60) errors.push({ field: 'label', message: 'What your child did must be 60 characters or fewer' });
  const date = readEntryDate(input, 'happenedOn', 'it happened', child.dateOfBirth, today);
  if (!date.ok) errors.push({ field: 'happenedOn', message: date.message });
  const { notes } = readByAndNotes({ notes: input.notes }, errors);
  if (errors.length > 0 || !first || !date.ok) return { ok: false, errors };
  return { ok: true, occurredOn: date.date, data: { first, label: first === 'own' ? label : null, notes } };
}

/** A first's name as shown: the family's own words for their own first. */
export function describeFirst(data: FirstData): string {
  return data.first === 'own' ? (data.label ?? firstNames.own) : firstNames[data.first];
}

/** A stored first's fields as form values, for changing it. */
export function firstToFormValues(entry: Entry): Record<string, string> {
  const data = entry.data as unknown as FirstData;
  return { first: data.first, label: data.label ?? '', notes: data.notes ?? '', ...dateToFormValues('happenedOn', entry.occurredOn) };
}
