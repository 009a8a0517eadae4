/**
 * "This week" for one open record: the stage page for the child's age (corrected where that applies) or
 * the pregnancy week, the guidance matched to that day, what is due in the next 8 weeks or overdue, the
 * latest measurements, and what comes next. The signed-in home and the weekly email both use it, so they
 * say the same. Closed records get no card. Content comes from whichever GROQ source the caller passes.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { entries, recordCarers, records } from '../db/schema.ts';
import { ChildHealthError, DatabaseError } from '../errors.ts';
import type { RecordRole } from '../records/access.ts';
import { guidanceToPath } from '../content/paths.ts';
import type { GroqSource } from '../content/groq-source.ts';
import { listStages, listTimelineGuidance } from '../content/queries.ts';
import { findNeighbouringStages } from '../content/related.ts';
import { selectStageForDay } from '../content/stage-finder.ts';
import type { IsoDate } from '../dates/index.ts';
import { readChildDetails } from '../red-book/child-details.ts';
import { listEntries, readRecord, rowToEntry, type Entry } from '../red-book/entries.ts';
import type { AssessedMeasurement } from '../red-book/measurements.ts';
import { describeAge } from '../red-book/measurements.ts';
import { describePregnancy, readPregnancyDetails } from '../red-book/pregnancy.ts';
import { summariseRedBook } from '../red-book/summary.ts';
import { childToMatchDays, listChildDueItems, listPregnancyDue, pregnancyToMatchDays, type DueItem } from './index.ts';

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

/** A record as the card needs it: already read through the access check (or, for reminders, through a carer's membership). */
export interface CardRecord {
  readonly recordId: string;
  readonly kind: 'child' | 'pregnancy';
  readonly status: 'open' | 'closed';
  readonly details: unknown;
  readonly entries: readonly Entry[];
}

/** Guidance lookups, cached for a run that builds many cards (the reminders): many children share a day. */
export interface GuidanceCache {
  stages?: ReturnType<typeof listStages>;
  readonly guidance: Map<string, ReturnType<typeof listTimelineGuidance>>;
}

/** A new, empty cache for one run. */
export const createGuidanceCache = (): GuidanceCache => ({ guidance: new Map() });

/** Builds the card from a record's details and entries, or null (closed, or no details yet). */
export async function buildCard(source: GroqSource, record: CardRecord, today: IsoDate, cache: GuidanceCache = createGuidanceCache()): Promise<ThisWeekCard | null> {
  if (record.status !== 'open') return null;
  const child = record.kind === 'child' ? readChildDetails(record.details) : null;
  const pregnancy = record.kind === 'pregnancy' ? readPregnancyDetails(record.details) : null;
  if (!child && !pregnancy) return null;
  const days = child ? childToMatchDays(child, today) : pregnancyToMatchDays(pregnancy!, today);
  const guidanceKey = `${days.audience}:${days.chronologicalDay}:${days.correctedDay}`;
  cache.stages ??= listStages(source);
  const matched = cache.guidance.get(guidanceKey) ?? listTimelineGuidance(source, days);
  cache.guidance.set(guidanceKey, matched);
  const [stages, guidance] = await Promise.all([cache.stages, matched]);
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
    // One summary serves the due items and the growth lines.
    const summary = summariseRedBook(child, record.entries, today);
    due = listChildDueItems(child, record.entries, today, summary);
    latest = summary.latestMeasurements;
    weightPrompt = summary.weightPrompt;
    where =
      days.correctedDay !== days.chronologicalDay
        ? days.correctedDay < 0
          ? `${describeAge(days.chronologicalDay)} old, ${-days.correctedDay} days before their due date`
          : `${describeAge(days.chronologicalDay)} old (corrected age ${describeAge(days.correctedDay)})`
        : `${describeAge(days.chronologicalDay)} old`;
  } else {
    const progress = describePregnancy(pregnancy!, today);
    due = listPregnancyDue(pregnancy!, today, record.entries);
    where = progress ? `${progress.weeks} weeks and ${progress.days} ${progress.days === 1 ? 'day' : 'days'} pregnant` : 'Pregnant';
  }
  const nextLink = next ? toLink(next) : null;
  return {
    recordId: record.recordId,
    where,
    stage: stage ? toLink(stage) : null,
    guidance: guidance.flatMap((document) => toLink(document) ?? []).slice(0, cardGuidanceLimit),
    due,
    latest,
    weightPrompt,
    next: nextLink ? { ...nextLink, keyMessages: next?.keyMessages ?? [] } : null,
  };
}

/** Builds the card for one record the signed-in person can read, or null (closed, no details yet, or no access). */
export async function buildThisWeekCard(db: PortalDatabase, source: GroqSource, userId: string, recordId: string, today: IsoDate): Promise<ThisWeekCard | null> {
  const record = await readRecord(db, userId, recordId);
  if (!record.ok || record.status !== 'open') return null;
  const kind = record.access.record.kind;
  const listed = await listEntries(db, userId, recordId);
  return buildCard(source, { recordId, kind, status: record.status, details: record.details, entries: listed.ok ? listed.entries : [] }, today);
}

/** A record on the signed-in home: what it is, the person's role, and its card (null when closed or without details). */
export interface HomeRecord {
  readonly recordId: string;
  readonly kind: 'child' | 'pregnancy';
  readonly name: string;
  readonly role: RecordRole;
  readonly card: ThisWeekCard | null;
}

/**
 * Every record the person shares, with its card, in two queries: the records through the person's own
 * memberships (the same scope as the access check's "read"), then all their entries, joined to the same
 * memberships so no other record's entries can come back.
 */
export async function listHomeRecords(db: PortalDatabase, source: GroqSource, userId: string, today: IsoDate): Promise<HomeRecord[]> {
  try {
    const shared = await db
      .select({ recordId: records.id, kind: records.kind, name: records.name, status: records.status, details: records.details, role: recordCarers.role })
      .from(recordCarers)
      .innerJoin(records, eq(records.id, recordCarers.recordId))
      .where(eq(recordCarers.userId, userId))
      .orderBy(records.createdAt, records.name, records.id);
    const open = shared.filter((record) => record.status === 'open').map((record) => record.recordId);
    const rows =
      open.length === 0
        ? []
        : await db
            .select({ id: entries.id, recordId: entries.recordId, kind: entries.kind, occurredOn: entries.occurredOn, data: entries.data, provenance: entries.provenance, createdAt: entries.createdAt, updatedAt: entries.updatedAt })
            .from(entries)
            .innerJoin(recordCarers, and(eq(recordCarers.recordId, entries.recordId), eq(recordCarers.userId, userId)))
            .where(and(inArray(entries.recordId, open), isNull(entries.deletedAt)))
            .orderBy(asc(entries.occurredOn), asc(entries.createdAt));
    const cache = createGuidanceCache();
    return await Promise.all(
      shared.map(async (record) => ({
        recordId: record.recordId,
        kind: record.kind as 'child' | 'pregnancy',
        name: record.name,
        role: record.role as RecordRole,
        card: await buildCard(
          source,
          {
            recordId: record.recordId,
            kind: record.kind as 'child' | 'pregnancy',
            status: record.status as 'open' | 'closed',
            details: record.details,
            entries: rows.filter((row) => row.recordId === record.recordId).map((row) => rowToEntry(row)),
          },
          today,
          cache,
        ),
      })),
    );
  } catch (error) {
    if (error instanceof ChildHealthError) throw error;
    throw new DatabaseError("read the records for a person's home page", { cause: error });
  }
}
