/** The signed-in home's "This week" cards: src/timeline/card.ts with the content snapshot. */
import type { PortalDatabase } from '../../src/db/index.ts';
import type { IsoDate } from '../../src/dates/index.ts';
import { buildThisWeekCard as buildCardFromSource, listHomeRecords as listHomeRecordsFromSource, type HomeRecord, type ThisWeekCard } from '../../src/timeline/card.ts';
import { getContentSnapshot } from './content-snapshot.ts';

export type { ThisWeekCard } from '../../src/timeline/card.ts';

/** The card for one record the signed-in person can read, or null. */
export async function buildThisWeekCard(db: PortalDatabase, userId: string, recordId: string, today: IsoDate): Promise<ThisWeekCard | null> {
  return buildCardFromSource(db, await getContentSnapshot(), userId, recordId, today);
}

/** Every record the person shares, with its card: two queries, through their own memberships. */
export async function listHomeRecords(db: PortalDatabase, userId: string, today: IsoDate): Promise<HomeRecord[]> {
  return listHomeRecordsFromSource(db, await getContentSnapshot(), userId, today);
}
