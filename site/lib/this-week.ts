/**
 * The signed-in home's "This week" card for each open record: the stage page for the child's age
 * (corrected where that applies) or the pregnancy week, the guidance matched to that day, what is due in
 * the next 8 weeks or overdue, the latest measurements, and what comes next. Closed records get no card.
 * Glue only: the matching days and due items come from src/timeline, the content from the snapshot.
 */
import type { PortalDatabase } from '../../src/db/index.ts';
import { guidanceToPath } from '../../src/content/paths.ts';
import { listStages, listTimelineGuidance } from '../../src/content/queries.ts';
import { findNeighbouringStages } from '../../src/content/related.ts';
import { selectStageForDay } from '../../src/content/stage-finder.ts';
import type { IsoDate } from '../../src/dates/index.ts';
import { readChildDetails } from '../../src/red-book/child-details.ts';
import { listEntries } from '../../src/red-book/entries.ts';
import type { AssessedMeasurement } from '../../src/red-book/measurements.ts';
import { describeAge } from '../../src/red-book/measurements.ts';
import { describePregnancy, readPregnancyDetails } from '../../src/red-book/pregnancy.ts';
import { readRecord } from '../../src/red-book/entries.ts';
import { childToMatchDays, listChildDueItems, listPregnancyDue, pregnancyToMatchDays, summariseGrowth, type DueItem } from '../../src/timeline/index.ts';
import { getContentSnapshot } from './content-snapshot.ts';

/** A link to a guidance page. */
export interface GuidanceLink {
  readonly title: string;
  readonly href: string;
  readonly summary: string | null;
}

/** One record's card. */
export interface ThisWeekCard {
  readonly recordId: string;
  /** "3 months old (corrected age 1 month)", "20 weeks and 3 days pregnant". */
  readonly where: string;
  readonly stage: GuidanceLink | null;
  readonly guidance: readonly GuidanceLink[];
  readonly due: readonly DueItem[];
  readonly latest: readonly AssessedMeasurement[];
  readonly weightPrompt: string | null;
  readonly next: (GuidanceLink & { readonly keyMessages: readonly string[] }) | null;
}

/** How many guidance links a card shows, besides the stage. */
export const cardGuidanceLimit = 4;

/** Builds the card for one record the person can read, or null (closed, no details yet, or no access). */
export async function buildThisWeekCard(db: PortalDatabase, userId: string, recordId: string, today: IsoDate): Promise<ThisWeekCard | null> {
  const record = await readRecord(db, userId, recordId);
  if (!record.ok || record.status !== 'open') return null;
  const kind = record.access.record.kind;
  const child = kind === 'child' ? readChildDetails(record.details) : null;
  const pregnancy = kind === 'pregnancy' ? readPregnancyDetails(record.details) : null;
  if (!child && !pregnancy) return null;
  const days = child ? childToMatchDays(child, today) : pregnancyToMatchDays(pregnancy!, today);
  const source = await getContentSnapshot();
  const [stages, guidance] = await Promise.all([listStages(source), listTimelineGuidance(source, days)]);
  // Stage pages are about the baby's development, so they go by corrected age.
  const stage = selectStageForDay(stages, days.audience, days.correctedDay);
  const next = stage ? findNeighbouringStages(stages, stage).next : null;
  const toLink = (document: { _type: 'stage' | 'article' | 'symptomGuide' | 'vaccine'; slug: string | null; title: string | null; summary: string | null }): GuidanceLink | null =>
    document.slug && document.title ? { title: document.title, href: guidanceToPath({ _type: document._type, slug: document.slug }), summary: document.summary } : null;

  let where: string;
  let due: DueItem[];
  let latest: readonly AssessedMeasurement[] = [];
  let weightPrompt: string | null = null;
  if (child) {
    const listed = await listEntries(db, userId, recordId);
    const recordEntries = listed.ok ? listed.entries : [];
    due = listChildDueItems(child, recordEntries, today);
    ({ latest, weightPrompt } = summariseGrowth(child, recordEntries, today));
    where =
      days.correctedDay !== days.chronologicalDay
        ? days.correctedDay < 0
          ? `${describeAge(days.chronologicalDay)} old, ${-days.correctedDay} days before their due date`
          : `${describeAge(days.chronologicalDay)} old (corrected age ${describeAge(days.correctedDay)})`
        : `${describeAge(days.chronologicalDay)} old`;
  } else {
    const progress = describePregnancy(pregnancy!, today);
    due = listPregnancyDue(pregnancy!, today);
    where = progress ? `${progress.weeks} weeks and ${progress.days} ${progress.days === 1 ? 'day' : 'days'} pregnant` : 'Pregnant';
  }
  const nextLink = next ? toLink(next) : null;
  return {
    recordId,
    where,
    stage: stage ? toLink(stage) : null,
    guidance: guidance.flatMap((document) => toLink(document) ?? []).slice(0, cardGuidanceLimit),
    due,
    latest,
    weightPrompt,
    next: nextLink ? { ...nextLink, keyMessages: next?.keyMessages ?? [] } : null,
  };
}
