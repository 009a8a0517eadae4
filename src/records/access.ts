/**
 * The one access check every read and write of record data goes through, scoped by the signed-in
 * user. A record the user has no part in is "not found" (never "forbidden", which would confirm it
 * exists); a record they can see but not change in that way is "forbidden".
 */
import { and, eq } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { recordCarers, records } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';

/** A carer's role on a record. */
export type RecordRole = 'owner' | 'carer' | 'viewer';

/** What someone may want to do to a record. */
export type RecordAction = 'read' | 'add-entry' | 'manage-carers' | 'delete-record';

/** Which roles may do what. Owners: everything; carers: read and add entries; viewers: read only. */
export const recordPermissions: Readonly<Record<RecordRole, readonly RecordAction[]>> = {
  owner: ['read', 'add-entry', 'manage-carers', 'delete-record'],
  carer: ['read', 'add-entry'],
  viewer: ['read'],
};

/** True when `role` may perform `action`. */
export function canPerform(role: RecordRole, action: RecordAction): boolean {
  return recordPermissions[role].includes(action);
}

/** The outcome of an access check. */
export type RecordAccess = { readonly ok: true; readonly role: RecordRole } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' };

/** The role a user has on a record, or null when they have none (or the id is not a record id at all). */
export async function findRecordRole(db: PortalDatabase, userId: string, recordId: string): Promise<RecordRole | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(recordId)) return null;
  try {
    const [row] = await db
      .select({ role: recordCarers.role })
      .from(recordCarers)
      .where(and(eq(recordCarers.recordId, recordId), eq(recordCarers.userId, userId)));
    return (row?.role as RecordRole | undefined) ?? null;
  } catch (error) {
    throw new DatabaseError('check access to a record', { cause: error });
  }
}

/** Checks that `userId` may perform `action` on `recordId`. */
export async function checkRecordAccess(db: PortalDatabase, userId: string, recordId: string, action: RecordAction): Promise<RecordAccess> {
  const role = await findRecordRole(db, userId, recordId);
  if (role === null) return { ok: false, reason: 'not-found' };
  return canPerform(role, action) ? { ok: true, role } : { ok: false, reason: 'forbidden' };
}

/** Creates a record with its first owner. */
export async function createRecord(db: PortalDatabase, ownerId: string, kind: 'child' | 'pregnancy'): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const [record] = await tx.insert(records).values({ kind }).returning({ id: records.id });
      if (!record) throw new Error('no record created');
      await tx.insert(recordCarers).values({ recordId: record.id, userId: ownerId, role: 'owner' });
      return record.id;
    });
  } catch (error) {
    throw new DatabaseError('create a record', { cause: error });
  }
}

/** The records a user can see, with their role on each. */
export async function listAccessibleRecords(db: PortalDatabase, userId: string): Promise<{ recordId: string; kind: string; role: RecordRole }[]> {
  try {
    const rows = await db
      .select({ recordId: records.id, kind: records.kind, role: recordCarers.role })
      .from(recordCarers)
      .innerJoin(records, eq(records.id, recordCarers.recordId))
      .where(eq(recordCarers.userId, userId));
    return rows.map((row) => ({ ...row, role: row.role as RecordRole }));
  } catch (error) {
    throw new DatabaseError('list records', { cause: error });
  }
}
