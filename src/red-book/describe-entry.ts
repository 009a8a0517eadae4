/**
 * One way to put any red book entry into words: a title and a few lines, used by the entry's history,
 * the "show to a professional" summary and the printable red book, so they never disagree.
 */
import { calculateAgeInDays } from '../child-age/index.ts';
import { isoDateToLongText, type IsoDate } from '../dates/index.ts';
import { vaccineNames } from '../immunisation/vaccine-names.ts';
import { healthReviews } from '../health-reviews/index.ts';
import type { ChildDetails } from './child-details.ts';
import type { EntryKind } from './entries.ts';
import { describeFirst, type FirstData } from './firsts.ts';
import type { HealthReviewData } from './health-reviews.ts';
import type { ImmunisationData } from './immunisations.ts';
import { centileOf, describeAge, describeCentile, quantities, type MeasurementData } from './measurements.ts';
import { describeScreening, screeningTestNames, type ScreeningData } from './screening.ts';

/** What a kind of entry is called, and the page that lists it. */
export const entryKinds: Readonly<Record<EntryKind, { readonly name: string; readonly path: string; readonly pageName: string }>> = {
  measurement: { name: 'Measurement', path: 'measurements', pageName: 'Growth' },
  immunisation: { name: 'Vaccine', path: 'immunisations', pageName: 'Vaccines' },
  screening: { name: 'Screening', path: 'screening', pageName: 'Screening' },
  'health-review': { name: 'Health review', path: 'reviews', pageName: 'Health reviews' },
  first: { name: 'First', path: 'firsts', pageName: 'Firsts' },
};

/** An entry (or one version of it) put into words; `detailed` lists every answer of a checklist. */
export function describeEntry(entry: { readonly kind: EntryKind; readonly occurredOn: IsoDate; readonly data: Record<string, unknown> }, child: ChildDetails | null, detailed = false): { readonly title: string; readonly lines: readonly string[] } {
  const on = isoDateToLongText(entry.occurredOn);
  const age = child && entry.occurredOn >= child.dateOfBirth ? ` (age ${describeAge(calculateAgeInDays(child.dateOfBirth, entry.occurredOn))})` : '';
  // A pregnancy record holds only its antenatal contact (a health review) and notes.
  if (!child && entry.kind !== 'health-review') return { title: entryKinds[entry.kind].name, lines: [`On ${on}.`] };
  switch (entry.kind) {
    case 'measurement': {
      if (!child) break;
      const data = entry.data as unknown as MeasurementData;
      const quantity = quantities[data.quantity];
      const position = data.position ? ` Measured ${data.position === 'lying' ? 'lying down' : 'standing up'}.` : '';
      return {
        title: `${quantity.label}: ${data.value} ${quantity.unit}`,
        lines: [`Measured on ${on}${age}.${position}`, `${describeCentile(centileOf(child, entry.occurredOn, data))}.`, ...(data.measuredBy ? [`Measured by ${data.measuredBy}.`] : [])],
      };
    }
    case 'immunisation': {
      const data = entry.data as unknown as ImmunisationData;
      return {
        title: vaccineNames[data.vaccine] ?? 'Vaccine',
        lines: [`Given on ${on}${age}.`, ...(data.place ? [`Where: ${data.place}.`] : []), ...(data.batch ? [`Batch number: ${data.batch}.`] : [])],
      };
    }
    case 'screening': {
      if (!child) break;
      const data = entry.data as unknown as ScreeningData;
      return { title: screeningTestNames[data.test] ?? 'Screening', lines: [`${data.test.startsWith('can-your-baby') ? 'Answered' : 'Done'} on ${on}${age}.`, ...describeScreening(data, child.sex, detailed, entry.occurredOn >= child.dateOfBirth ? calculateAgeInDays(child.dateOfBirth, entry.occurredOn) : null), ...byAndNotes(data)] };
    }
    case 'health-review': {
      const data = entry.data as unknown as HealthReviewData;
      return { title: healthReviews.find((review) => review.code === data.review)?.name ?? 'Health review', lines: [`Done on ${on}${age}.`, ...byAndNotes(data)] };
    }
    case 'first': {
      const data = entry.data as unknown as FirstData;
      return { title: describeFirst(data), lines: [`On ${on}${age}.`, ...(data.notes ? [data.notes] : [])] };
    }
  }
  return { title: entryKinds[entry.kind].name, lines: [`On ${on}.`] };
}

function byAndNotes(data: { readonly by: string | null; readonly notes: string | null }): string[] {
  return [...(data.by ? [`By ${data.by}.`] : []), ...(data.notes ? [`Notes: ${data.notes}`] : [])];
}
