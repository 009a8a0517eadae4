/**
 * The personalised "this week": which day of the guidance a child or pregnancy is at, and what is due.
 * A child has two days: their actual (chronological) age, and their corrected age while correction
 * applies (a baby born early and not yet at their due date is at a negative corrected day, which the
 * "born early" stage covers). Each guidance document says which of the two it is matched on
 * (`ageBasis`). Pure: the page passes the details, the entries, today and the matched guidance.
 */
import { calculateCorrectedAge, selectDevelopmentalAgeInDays } from '../child-age/index.ts';
import { addDays, daysBetween, type IsoDate } from '../dates/index.ts';
import type { ChildDetails } from '../red-book/child-details.ts';
import type { Entry } from '../red-book/entries.ts';
import { listPregnancyDueItems, type PregnancyDetails } from '../red-book/pregnancy.ts';
import { summariseRedBook, type RedBookSummary } from '../red-book/summary.ts';
import { findDoseDate } from '../red-book/immunisations.ts';
import { vaccineNames } from '../immunisation/vaccine-names.ts';

/** Due items are shown this many days ahead ("in the next 8 weeks"). */
export const dueSoonDays = 56;

/** The days a child's guidance is matched on. */
export interface ChildMatchDays {
  readonly audience: 'child';
  /** Days since birth. */
  readonly chronologicalDay: number;
  /** Corrected age in days while correction applies (negative before the due date), otherwise the actual age. */
  readonly correctedDay: number;
}

/** The day a pregnancy's guidance is matched on (day 280 is the due date). */
export interface PregnancyMatchDays {
  readonly audience: 'pregnancy';
  readonly chronologicalDay: number;
  readonly correctedDay: number;
}

/** Works out a child's matching days on `today`. */
export function childToMatchDays(child: Pick<ChildDetails, 'dateOfBirth' | 'gestationAtBirth'>, today: IsoDate): ChildMatchDays {
  const age = calculateCorrectedAge(child.dateOfBirth, child.gestationAtBirth, today);
  const corrected = selectDevelopmentalAgeInDays(age) ?? (age.kind === 'born-early-not-yet-due' ? age.correctedAgeInDays : age.ageInDays);
  return { audience: 'child', chronologicalDay: age.ageInDays, correctedDay: corrected };
}

/** Works out a pregnancy's matching day on `today`: both bases are the same day of pregnancy. */
export function pregnancyToMatchDays(details: PregnancyDetails, today: IsoDate): PregnancyMatchDays {
  const day = 280 - daysBetween(today, details.dueDate);
  return { audience: 'pregnancy', chronologicalDay: day, correctedDay: day };
}

/** Something due, coming up or overdue, with what to do. */
export interface DueItem {
  readonly kind: 'immunisation' | 'health-review' | 'pregnancy';
  readonly name: string;
  readonly status: 'overdue' | 'due' | 'coming up';
  /** When it is (or was) due from. */
  readonly from: IsoDate;
  readonly nextStep: string | null;
}

const statusOrder = { overdue: 0, due: 1, 'coming up': 2 } as const;

/** Sorts due items: overdue first, then due now, then coming up, each by date. */
function sortDueItems(items: DueItem[]): DueItem[] {
  return items.sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.name.localeCompare(b.name)));
}

/**
 * What is due for a child on `today`: vaccines and health reviews that are overdue, due now, or due
 * within `dueSoonDays`. Vaccines go by actual age (the immunisation engine takes only the date of birth).
 * A caller that already has the red book's summary for `today` passes it, so nothing is worked out twice.
 */
export function listChildDueItems(child: ChildDetails, recordEntries: readonly Entry[], today: IsoDate, summary: RedBookSummary = summariseRedBook(child, recordEntries, today)): DueItem[] {
  const horizon = addDays(today, dueSoonDays);
  const items: DueItem[] = [];
  for (const dose of summary.immunisations.doses) {
    const from = findDoseDate(dose);
    if (dose.status === 'overdue' || dose.status === 'due') items.push({ kind: 'immunisation', name: `${vaccineNames[dose.vaccine]} (dose ${dose.dose})`, status: dose.status, from, nextStep: dose.nextStep });
    else if (dose.status === 'not yet due' && dose.canBeGivenFrom !== null && from <= horizon) items.push({ kind: 'immunisation', name: `${vaccineNames[dose.vaccine]} (dose ${dose.dose})`, status: 'coming up', from, nextStep: null });
  }
  for (const review of summary.reviews) {
    if (review.status === 'overdue' || review.status === 'due') items.push({ kind: 'health-review', name: review.name, status: review.status, from: review.opensOn, nextStep: review.nextStep });
    else if (review.status === 'not yet due' && review.opensOn <= horizon) items.push({ kind: 'health-review', name: review.name, status: 'coming up', from: review.opensOn, nextStep: null });
  }
  return sortDueItems(items);
}

/** What is due in a pregnancy on `today`, within `dueSoonDays` (the antenatal contact leaves once it is recorded). */
export function listPregnancyDue(details: PregnancyDetails, today: IsoDate, recordEntries: readonly Entry[] = []): DueItem[] {
  const horizon = addDays(today, dueSoonDays);
  return sortDueItems(
    listPregnancyDueItems(details, today, { antenatalContactOn: findAntenatalContact(recordEntries) })
      .filter((item) => item.status === 'due' || item.from <= horizon)
      .map((item) => ({ kind: 'pregnancy', name: item.name, status: item.status === 'due' ? 'due' : 'coming up', from: item.from, nextStep: item.status === 'due' ? item.nextStep : null })),
  );
}

/** The date of a pregnancy's recorded antenatal contact, or null. */
export function findAntenatalContact(recordEntries: readonly Entry[]): IsoDate | null {
  return recordEntries.find((entry) => entry.kind === 'health-review' && (entry.data as { review?: unknown }).review === 'antenatal')?.occurredOn ?? null;
}
