/** The signed-in home's records and "This week" cards: src/timeline/card.ts with the content snapshot. */
import type { PortalDatabase } from '../../src/db/index.ts';
import type { IsoDate } from '../../src/dates/index.ts';
import { listHomeRecords as listHomeRecordsFromSource, type HomeRecord } from '../../src/timeline/card.ts';
import { getContentSnapshot } from './content-snapshot.ts';

export type { ThisWeekCard } from '../../src/timeline/card.ts';

/** Every record the person shares, with its card: two queries, through their own memberships. */
export async function listHomeRecords(db: PortalDatabase, userId: string, today: IsoDate): Promise<HomeRecord[]> {
  return listHomeRecordsFromSource(db, await getContentSnapshot(), userId, today);
}
