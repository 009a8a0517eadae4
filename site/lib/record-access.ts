/** The record pages' one way in: the signed-in person's access to the record in the URL, through the access check in src/. */
import type { PortalDatabase } from '../../src/db/index.ts';
import { checkRecordAccess, type RecordAccess, type RecordAction } from '../../src/records/access.ts';
import { readRecord } from '../../src/red-book/entries.ts';
import { getDatabase } from './database.ts';

/** Checks access for the page's record. Pages render `DeniedPage` with the status set here when it is refused. */
export async function loadRecordAccess(
  locals: App.Locals,
  response: { status?: number },
  recordId: string | undefined,
  action: RecordAction,
): Promise<{ readonly db: PortalDatabase; readonly userId: string; readonly access: RecordAccess }> {
  const db = (await getDatabase()).db;
  const userId = locals.user?.id ?? '';
  const access: RecordAccess = locals.user && recordId ? await checkRecordAccess(db, userId, recordId, action) : { ok: false, reason: 'not-found' };
  if (!access.ok) response.status = access.reason === 'not-found' ? 404 : 403;
  return { db, userId, access };
}

/** How a record's kind reads on the page. */
export const recordKindLabels = { child: 'Child', pregnancy: 'Pregnancy' } as const;

/** How a role reads on the page. */
export const roleLabels = { owner: 'Owner', carer: 'Carer', viewer: 'Viewer' } as const;

/** A record page's record with its details and state (one access check), or the status to refuse with. */
export async function loadRecordWithDetails(
  locals: App.Locals,
  response: { status?: number },
  recordId: string | undefined,
  action: RecordAction,
  kind?: 'child' | 'pregnancy',
): Promise<{ readonly db: PortalDatabase; readonly userId: string; readonly access: RecordAccess; readonly record: Extract<Awaited<ReturnType<typeof readRecord>>, { ok: true }> | null }> {
  const db = (await getDatabase()).db;
  const userId = locals.user?.id ?? '';
  const record = locals.user && recordId ? await readRecord(db, userId, recordId, action) : null;
  // A page for one kind of record does not exist for the other kind.
  const access: RecordAccess = !record ? { ok: false, reason: 'not-found' } : !record.ok ? record : kind && record.access.record.kind !== kind ? { ok: false, reason: 'not-found' } : record.access;
  if (!access.ok) response.status = access.reason === 'not-found' ? 404 : 403;
  return { db, userId, access, record: access.ok && record?.ok ? record : null };
}
