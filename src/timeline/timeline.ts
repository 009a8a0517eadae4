/**
 * A child's whole timeline, birth to 3 years 4 months: what the family recorded (measurements, vaccines,
 * reviews, screening, firsts, notes), the stage guidance on the day the child reaches each stage (by
 * corrected age where that applies), and the vaccines and reviews still to come. One list, in date order.
 */
import { addDays, isoDateToLongText, type IsoDate } from '../dates/index.ts';
import { guidanceToPath } from '../content/paths.ts';
import type { ChildDetails } from '../red-book/child-details.ts';
import { describeEntry, entryKinds } from '../red-book/describe-entry.ts';
import type { Entry } from '../red-book/entries.ts';
import { assessChildReviews } from '../red-book/health-reviews.ts';
import { assessChildImmunisations, findDoseDate } from '../red-book/immunisations.ts';
import { vaccineNames } from '../immunisation/vaccine-names.ts';
import { childToMatchDays } from './index.ts';

/** The last day the timeline covers: 3 years and 4 months, when the pre-school booster is due. */
export const timelineLastDay = 1218;

/** The kinds of item, which the page can filter on. */
export type TimelineItemKind = 'recorded' | 'guidance' | 'due';

/** One item on the timeline. */
export interface TimelineItem {
  readonly on: IsoDate;
  readonly kind: TimelineItemKind;
  readonly title: string;
  readonly detail: string | null;
  readonly href: string | null;
}

/** A stage, as the timeline needs it. */
export interface TimelineStage {
  readonly _type: 'stage';
  readonly slug: string | null;
  readonly title: string | null;
  readonly summary: string | null;
  readonly stageGroup: string | null;
  readonly appliesTo: readonly { readonly audience: string | null; readonly fromDay: number | null; readonly toDay: number | null }[] | null;
}

/**
 * The date a child first reaches each corrected day (null after the timeline ends). The matching day
 * never goes down as the days pass (corrected age runs alongside actual age, then jumps up to it when
 * correction stops), so the first date is found by halving the range: a few dates worked out per stage,
 * not every day of the timeline.
 */
export function listDatesForCorrectedDays(child: ChildDetails): (fromDay: number) => IsoDate | null {
  const known = new Map<number, number>();
  const correctedDayAt = (offset: number) => {
    let day = known.get(offset);
    if (day === undefined) {
      day = childToMatchDays(child, addDays(child.dateOfBirth, offset)).correctedDay;
      known.set(offset, day);
    }
    return day;
  };
  return (fromDay) => {
    if (correctedDayAt(timelineLastDay) < fromDay) return null;
    let low = 0;
    let high = timelineLastDay;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (correctedDayAt(middle) >= fromDay) high = middle;
      else low = middle + 1;
    }
    return addDays(child.dateOfBirth, low);
  };
}

/**
 * Builds the timeline of `recordId` for `child`: entries and notes as recorded, each stage on the date it
 * starts for this child, and doses and reviews not yet done on the date they are due.
 */
export function buildChildTimeline(input: {
  readonly recordId: string;
  readonly child: ChildDetails;
  readonly entries: readonly Entry[];
  readonly notes: readonly { readonly body: string; readonly createdAt: Date; readonly on: IsoDate }[];
  readonly stages: readonly TimelineStage[];
  readonly today: IsoDate;
}): TimelineItem[] {
  const { child, recordId, today } = input;
  const items: TimelineItem[] = [];
  for (const entry of input.entries) {
    const described = describeEntry(entry, child);
    items.push({ on: entry.occurredOn, kind: 'recorded', title: `${entryKinds[entry.kind].name}: ${described.title}`, detail: described.lines.slice(1).join(' ') || null, href: `/record/${recordId}/entries/${entry.id}` });
  }
  for (const note of input.notes) items.push({ on: note.on, kind: 'recorded', title: 'Note', detail: note.body, href: `/record/${recordId}/notes` });

  const dateForDay = listDatesForCorrectedDays(child);
  const lastDate = addDays(child.dateOfBirth, timelineLastDay);
  for (const stage of input.stages) {
    const range = stage.appliesTo?.find((candidate) => candidate.audience === 'child');
    if (!range || range.fromDay === null || !stage.slug || !stage.title) continue;
    // A baby born at term never has a "born early" stage; one born early starts on the day they were born.
    const on = range.fromDay < 0 ? (childToMatchDays(child, child.dateOfBirth).correctedDay < 0 ? child.dateOfBirth : null) : dateForDay(range.fromDay);
    if (!on || on > lastDate) continue;
    items.push({ on, kind: 'guidance', title: stage.title, detail: stage.summary, href: guidanceToPath({ _type: 'stage', slug: stage.slug }) });
  }

  for (const dose of assessChildImmunisations(child, input.entries.filter((entry) => entry.kind === 'immunisation'), today).doses) {
    if (dose.status === 'given' || dose.status === 'no longer offered') continue;
    const on = findDoseDate(dose);
    if (on > lastDate) continue;
    const name = `${vaccineNames[dose.vaccine]} (dose ${dose.dose})`;
    items.push({ on, kind: 'due', title: `${dose.status === 'overdue' ? 'Overdue' : dose.status === 'due' ? 'Due now' : 'Due'}: ${name}`, detail: dose.nextStep ? `${dose.nextStep}.` : null, href: `/record/${recordId}/immunisations` });
  }
  for (const review of assessChildReviews(child, input.entries.filter((entry) => entry.kind === 'health-review'), today)) {
    if (review.status === 'done') continue;
    items.push({
      on: review.opensOn,
      kind: 'due',
      title: `${review.status === 'overdue' ? 'Overdue' : review.status === 'due' ? 'Due now' : 'Due'}: ${review.name}`,
      detail: `Usually between ${isoDateToLongText(review.opensOn)} and ${isoDateToLongText(review.closesOn)}.${review.nextStep ? ` ${review.nextStep}.` : ''}`,
      href: `/record/${recordId}/reviews`,
    });
  }
  const kindOrder = { recorded: 0, guidance: 1, due: 2 } as const;
  return items.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : kindOrder[a.kind] - kindOrder[b.kind]));
}

/** The page of a long timeline that holds `today` ("jump to now"), counting from 1. */
export function findPageOfDay(items: readonly TimelineItem[], today: IsoDate, pageSize: number): number {
  const index = items.findIndex((item) => item.on >= today);
  return Math.floor((index < 0 ? Math.max(0, items.length - 1) : index) / pageSize) + 1;
}
