/**
 * Immunisations in the red book: the doses a family records as given, and the engine's assessment of
 * the child's whole schedule from them (given, due, overdue, not yet due, no longer offered).
 */
import { laterDate, type IsoDate } from '../dates/index.ts';
import { cleanFreeText, type FieldError } from '../forms.ts';
import { assessImmunisations, type AssessedDose, type ImmunisationAssessment, type VaccineCode } from '../immunisation/index.ts';
import { vaccineNames } from '../immunisation/vaccine-names.ts';
import { readEntryDate } from './entry-date.ts';
import { dateToFormValues } from './entry-fields.ts';
import type { ChildDetails } from './child-details.ts';
import type { Entry } from './entries.ts';

/** An immunisation entry's own fields. */
export interface ImmunisationData {
  readonly vaccine: VaccineCode;
  readonly place: string | null;
  readonly batch: string | null;
}

/** The form's fields. */
export type ImmunisationField = 'vaccine' | 'givenOn' | 'place' | 'batch';

const vaccineCodes = Object.keys(vaccineNames) as VaccineCode[];

/** Checks a "vaccine given" form against the child's date of birth and `today`. */
export function checkImmunisationGiven(
  input: Readonly<Record<string, string | null | undefined>>,
  child: ChildDetails,
  today: IsoDate,
): { readonly ok: true; readonly occurredOn: IsoDate; readonly data: ImmunisationData } | { readonly ok: false; readonly errors: readonly FieldError<ImmunisationField>[] } {
  const errors: FieldError<ImmunisationField>[] = [];
  const vaccine = vaccineCodes.find((code) => code === input.vaccine) ?? null;
  if (!vaccine) errors.push({ field: 'vaccine', message: 'Select which vaccine was given' });
  const date = readEntryDate(input, 'givenOn', 'it was given', child.dateOfBirth, today);
  if (!date.ok) errors.push({ field: 'givenOn', message: date.message });
  const givenOn = date.ok ? date.date : null;
  const place = cleanFreeText(input.place).replace(/\s+/g, ' ');
  const batch = (input.batch ?? '').trim();
  if ([...place].length > 100) errors.push({ field: 'place', message: 'Where it was given must be 100 characters or fewer' });
  if (batch !== '' && !/^[A-Za-z0-9 ./-]{1,30}$/.test(batch)) errors.push({ field: 'batch', message: 'Batch number must only include letters, numbers, spaces, hyphens, full stops and slashes, up to 30 characters' });
  if (errors.length > 0 || !vaccine || !givenOn) return { ok: false, errors };
  return { ok: true, occurredOn: givenOn, data: { vaccine, place: place || null, batch: batch || null } };
}

/** The engine's assessment of this child's schedule, from the doses recorded. */
export function assessChildImmunisations(child: ChildDetails, immunisationEntries: readonly Entry[], today: IsoDate): ImmunisationAssessment {
  return assessImmunisations({
    dateOfBirth: child.dateOfBirth,
    eligibility: { bcg: child.selectiveProgrammes?.bcg === true, hepb: child.selectiveProgrammes?.hepb === true },
    given: immunisationEntries.map((entry) => ({ vaccine: (entry.data as unknown as ImmunisationData).vaccine, givenOn: entry.occurredOn })),
    today,
  });
}

/** A stored dose's fields as form values, for changing it. */
export function immunisationToFormValues(entry: Entry): Record<string, string> {
  const data = entry.data as unknown as ImmunisationData;
  return { vaccine: data.vaccine, place: data.place ?? '', batch: data.batch ?? '', provenance: entry.provenance, ...dateToFormValues('givenOn', entry.occurredOn) };
}

/** The date a dose not yet given is due on: its due date, or later when the gap after the previous dose ends after it. */
export function findDoseDate(dose: Pick<AssessedDose, 'dueOn' | 'canBeGivenFrom'>): IsoDate {
  return dose.canBeGivenFrom === null ? dose.dueOn : laterDate(dose.dueOn, dose.canBeGivenFrom);
}
