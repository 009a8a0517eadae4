/**
 * The pregnancy record: the due date (given directly or worked out from the first day of the last
 * period), how far along the pregnancy is, and the items due in pregnancy: the whooping cough vaccine
 * from 16 weeks, the RSV vaccine from 28 weeks, the flu vaccine in flu season, and the antenatal health
 * visitor contact from 28 weeks. Sources: CHILD-HEALTH-FACTS.md "Pregnancy vaccines" (gov.uk RSV
 * programme information, 2024; Green Book pertussis and influenza chapters) and "Health reviews";
 * checked 2026-11-25.
 */
import { addDays, daysBetween, type IsoDate } from '../dates/index.ts';
import type { FieldError } from '../forms.ts';
import { assessHealthReviews } from '../health-reviews/index.ts';
import { calculateDueDate, calculatePregnancyProgress, dueDateToLastPeriod, type PregnancyProgress } from '../pregnancy/index.ts';
import { dateFieldsToParts, readDateParts } from '../content/stage-finder.ts';
import { readEntryDate } from './entry-date.ts';
import { readByAndNotes } from './entry-fields.ts';

/** A pregnancy's details as stored. */
export interface PregnancyDetails {
  readonly dueDate: IsoDate;
}

/** Checks the due date form: a due date, or else the first day of the last period. */
export function checkPregnancyDetails(
  input: Readonly<Record<string, string | null | undefined>>,
  today: IsoDate,
): { readonly ok: true; readonly details: PregnancyDetails } | { readonly ok: false; readonly errors: readonly FieldError<'dueDate' | 'lastPeriod'>[] } {
  const parts = (name: string) => dateFieldsToParts(input, name);
  const empty = (name: string) => Object.values(parts(name)).every((value) => value.trim() === '');
  let dueDate: IsoDate;
  if (!empty('dueDate') || empty('lastPeriod')) {
    const due = readDateParts(parts('dueDate'), 'your due date');
    if (!due.ok) return { ok: false, errors: [{ field: 'dueDate', message: empty('dueDate') ? 'Enter your due date, or the first day of your last period' : due.message }] };
    dueDate = due.date;
  } else {
    const period = readDateParts(parts('lastPeriod'), 'the first day of your last period');
    if (!period.ok) return { ok: false, errors: [{ field: 'lastPeriod', message: period.message }] };
    if (period.date > today) return { ok: false, errors: [{ field: 'lastPeriod', message: 'The first day of your last period must be today or in the past' }] };
    dueDate = calculateDueDate(period.date);
  }
  // A pregnancy can be followed from its start until 2 weeks after the due date (42 weeks).
  if (daysBetween(today, dueDate) > 280) return { ok: false, errors: [{ field: 'dueDate', message: 'Your due date must be within the next 40 weeks' }] };
  if (daysBetween(dueDate, today) > 14) return { ok: false, errors: [{ field: 'dueDate', message: 'Your due date must be no more than 2 weeks ago. If your baby has been born, tell us on the record page' }] };
  return { ok: true, details: { dueDate } };
}

/** Reads stored details back, or null when no due date has been given yet. */
export function readPregnancyDetails(stored: unknown): PregnancyDetails | null {
  return typeof stored === 'object' && stored !== null && typeof (stored as { dueDate?: unknown }).dueDate === 'string' ? (stored as PregnancyDetails) : null;
}

/** Where the pregnancy is today. */
export function describePregnancy(details: PregnancyDetails, today: IsoDate): PregnancyProgress | null {
  return calculatePregnancyProgress(dueDateToLastPeriod(details.dueDate), today);
}

/** One item due in pregnancy. */
export interface PregnancyDueItem {
  readonly code: 'whooping-cough-vaccine' | 'rsv-vaccine' | 'flu-vaccine' | 'antenatal-contact';
  readonly name: string;
  readonly from: IsoDate;
  readonly status: 'not yet due' | 'due';
  readonly nextStep: string;
}

/** True when `date` is in the flu season (1 September to 31 March). */
function isFluSeason(date: IsoDate): boolean {
  const monthDay = date.slice(5);
  return monthDay >= '09-01' || monthDay <= '03-31';
}

/**
 * What is due in this pregnancy on `today`, in order. Vaccines recorded as given are left out by the
 * caller (the red book records them); the antenatal contact leaves once it is done.
 */
export function listPregnancyDueItems(details: PregnancyDetails, today: IsoDate, done: { readonly antenatalContactOn: IsoDate | null } = { antenatalContactOn: null }): PregnancyDueItem[] {
  const lastPeriod = dueDateToLastPeriod(details.dueDate);
  const status = (from: IsoDate) => (today >= from ? 'due' : 'not yet due') as PregnancyDueItem['status'];
  const items: PregnancyDueItem[] = [
    {
      code: 'whooping-cough-vaccine',
      name: 'Whooping cough vaccine',
      from: addDays(lastPeriod, 16 * 7),
      status: status(addDays(lastPeriod, 16 * 7)),
      nextStep: 'It is best to have it between 16 and 32 weeks. Ask your midwife or GP surgery',
    },
    {
      code: 'rsv-vaccine',
      name: 'RSV vaccine',
      from: addDays(lastPeriod, 28 * 7),
      status: status(addDays(lastPeriod, 28 * 7)),
      nextStep: 'Ask your midwife or GP surgery. It protects your baby in their first months',
    },
  ];
  if (isFluSeason(today)) items.push({ code: 'flu-vaccine', name: 'Flu vaccine', from: today, status: 'due', nextStep: 'You can have it at any stage of pregnancy. Ask your GP surgery or a pharmacy' });
  const [antenatal] = assessHealthReviews({ lastPeriodStarted: lastPeriod, done: done.antenatalContactOn ? [{ code: 'antenatal', on: done.antenatalContactOn }] : [], today });
  if (antenatal && antenatal.status !== 'done') {
    items.push({
      code: 'antenatal-contact',
      name: 'Antenatal visit from your health visitor',
      from: antenatal.opensOn,
      status: antenatal.status === 'not yet due' ? 'not yet due' : 'due',
      nextStep: 'Your health visiting team should contact you. If they have not, contact them',
    });
  }
  return items;
}

/**
 * Checks the "antenatal contact done" form: the date (from the start of the pregnancy to today), who
 * visited and notes. Stored as a health review entry on the pregnancy record, with history like any other.
 */
export function checkAntenatalContact(
  input: Readonly<Record<string, string | null | undefined>>,
  details: PregnancyDetails,
  today: IsoDate,
): { readonly ok: true; readonly occurredOn: IsoDate; readonly data: { readonly review: 'antenatal'; readonly by: string | null; readonly notes: string | null } } | { readonly ok: false; readonly errors: readonly FieldError[] } {
  const errors: FieldError[] = [];
  const date = readEntryDate(input, 'doneOn', 'of the visit', dueDateToLastPeriod(details.dueDate), today);
  if (!date.ok) errors.push({ field: 'doneOn', message: date.message.replace('on or after the date of birth', 'after your pregnancy started') });
  const { by, notes } = readByAndNotes(input, errors);
  if (errors.length > 0 || !date.ok) return { ok: false, errors };
  return { ok: true, occurredOn: date.date, data: { review: 'antenatal', by, notes } };
}
