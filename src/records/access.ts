/**
 * The one access check every read and write of record data goes through, scoped by the signed-in
 * user. A record the user has no part in is "not found" (never "forbidden", which would confirm it
 * exists); a record they can see but not change in that way is "forbidden".
 */
import { and, eq } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { auditEvents, recordCarers, records } from '../db/schema.ts';
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
export type RecordAccess =
  | {
      readonly ok: true;
      readonly role: RecordRole;
      /** The record itself; `status` is 'closed' once a pregnancy has ended or a child has died (read-only from then). */
      readonly record: { readonly id: string; readonly kind: 'child' | 'pregnancy'; readonly name: string; readonly status: 'open' | 'closed' };
    }
  | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' };

/** True when `value` has the shape of an id (a UUID), so a malformed id never reaches the database. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Checks that `userId` may perform `action` on `recordId`; on success, says what the record is. */
export async function checkRecordAccess(db: PortalDatabase, userId: string, recordId: string, action: RecordAction): Promise<RecordAccess> {
  if (!isUuid(recordId)) return { ok: false, reason: 'not-found' };
  let row: { role: string; kind: string; name: string; status: string } | undefined;
  try {
    [row] = await db
      .select({ role: recordCarers.role, kind: records.kind, name: records.name, status: records.status })
      .from(recordCarers)
      .innerJoin(records, eq(records.id, recordCarers.recordId))
      .where(and(eq(recordCarers.recordId, recordId), eq(recordCarers.userId, userId)));
  } catch (error) {
    throw new DatabaseError('check access to a record', { cause: error });
  }
  if (!row) return { ok: false, reason: 'not-found' };
  const role = row.role as RecordRole;
  return canPerform(role, action) ? { ok: true, role, record: { id: recordId, kind: row.kind as 'child' | 'pregnancy', name: row.name, status: row.status as 'open' | 'closed' } } : { ok: false, reason: 'forbidden' };
}

/** The longest record name accepted. */
export const maxRecordNameLength = 60;

// Letters and marks in any script, spaces, hyphens, apostrophes and full stops: names, not markup.
const recordNamePattern = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;

/** Checks what a family calls a record: a child's first name, or something like "Our pregnancy". */
export function checkRecordName(raw: string | null): { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string } {
  const name = (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name === '') return { ok: false, message: 'Enter a name for this record, such as your child\'s first name' };
  if ([...name].length > maxRecordNameLength) return { ok: false, message: `Name must be ${maxRecordNameLength} characters or fewer` };
  if (!recordNamePattern.test(name)) return { ok: false, message: 'Name must only include letters, spaces, hyphens, apostrophes and full stops' };
  return { ok: true, name };
}

/** Creates a record with its first owner, and notes it in the record's activity. `name` must have passed `checkRecordName`. */
export async function createRecord(db: PortalDatabase, ownerId: string, kind: 'child' | 'pregnancy', name: string): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const [record] = await tx.insert(records).values({ kind, name }).returning({ id: records.id });
      if (!record) throw new Error('no record created');
      await tx.insert(recordCarers).values({ recordId: record.id, userId: ownerId, role: 'owner' });
      await tx.insert(auditEvents).values({ recordId: record.id, actorId: ownerId, action: 'record-created' });
      return record.id;
    });
  } catch (error) {
    throw new DatabaseError('create a record', { cause: error });
  }
}

/**
 * Inside a write's transaction: whether the record is still open, holding a share lock on its row so a
 * close (which takes the row for update) cannot land between this check and the write.
 */
export async function lockOpenRecord(tx: PortalDatabase, recordId: string): Promise<boolean> {
  const [row] = await tx.select({ status: records.status }).from(records).where(eq(records.id, recordId)).for('share');
  return row?.status === 'open';
}

/** The records a user can see, with their role on each. */
export async function listAccessibleRecords(db: PortalDatabase, userId: string): Promise<{ recordId: string; kind: 'child' | 'pregnancy'; name: string; role: RecordRole }[]> {
  try {
    const rows = await db
      .select({ recordId: records.id, kind: records.kind, name: records.name, role: recordCarers.role })
      .from(recordCarers)
      .innerJoin(records, eq(records.id, recordCarers.recordId))
      .where(eq(recordCarers.userId, userId))
      .orderBy(records.createdAt, records.name, records.id);
    return rows.map((row) => ({ ...row, kind: row.kind as 'child' | 'pregnancy', role: row.role as RecordRole }));
  } catch (error) {
    throw new DatabaseError('list records', { cause: error });
  }
}
