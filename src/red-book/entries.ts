/**
 * The red book's entries and records' details, read and written only through the access check.
 * Writes need 'add-entry' (owners and carers) and an open record; closed records are read-only.
 * Every change keeps the earlier version, with who made it and when.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { entries, entryVersions, records, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import type { IsoDate } from '../dates/index.ts';
import { checkRecordAccess, isUuid, lockOpenRecord, type RecordAccess, type RecordAction } from '../records/access.ts';

/** The kinds of entry. */
export type EntryKind = 'measurement' | 'immunisation' | 'health-review' | 'screening' | 'first';

/** Who recorded an entry. */
export type Provenance = 'parent-or-carer' | 'professional' | 'imported';

/** How provenance reads beside an entry. */
export const provenanceLabels: Readonly<Record<Provenance, string>> = {
  'parent-or-carer': 'Added by a parent or carer',
  // Until professionals have their own accounts, the family says where it came from.
  professional: 'From a health professional, added by the family',
  imported: 'Imported from an NHS system',
};

/** An entry as shown. `data` has been checked by its kind's module when it was stored. */
export interface Entry<Data = Record<string, unknown>> {
  readonly id: string;
  readonly kind: EntryKind;
  readonly occurredOn: IsoDate;
  readonly data: Data;
  readonly provenance: Provenance;
  readonly createdByEmail: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date | null;
}

/** A stored entry row as an Entry: its text columns read as the kinds, provenances and data they were checked to be. */
export function rowToEntry<Row extends { kind: string; provenance: string; data: unknown }>(row: Row, createdByEmail: string | null = null): Omit<Row, 'kind' | 'provenance' | 'data'> & Pick<Entry, 'kind' | 'provenance' | 'data' | 'createdByEmail'> {
  return { createdByEmail, ...row, kind: row.kind as EntryKind, provenance: row.provenance as Provenance, data: row.data as Record<string, unknown> };
}

type Refused = { readonly ok: false; readonly reason: 'not-found' | 'forbidden' | 'record-closed' };

/** Checks write access: the access check, which also says whether the record is still open. */
async function checkWritable(db: PortalDatabase, userId: string, recordId: string): Promise<{ ok: true; access: Extract<RecordAccess, { ok: true }> } | Refused> {
  const access = await checkRecordAccess(db, userId, recordId, 'add-entry');
  if (!access.ok) return access;
  if (access.record.status !== 'open') return { ok: false, reason: 'record-closed' };
  return { ok: true, access };
}

/** Adds an entry, and its first version. */
export async function addEntry(
  db: PortalDatabase,
  input: { userId: string; recordId: string; kind: EntryKind; occurredOn: IsoDate; data: Record<string, unknown>; provenance: Provenance },
): Promise<{ readonly ok: true; readonly entryId: string } | Refused> {
  const writable = await checkWritable(db, input.userId, input.recordId);
  if (!writable.ok) return writable;
  try {
    return await db.transaction(async (tx) => {
      if (!(await lockOpenRecord(tx, input.recordId))) return { ok: false, reason: 'record-closed' } as const;
      const [entry] = await tx
        .insert(entries)
        .values({ recordId: input.recordId, kind: input.kind, occurredOn: input.occurredOn, data: input.data, provenance: input.provenance, createdBy: input.userId })
        .returning({ id: entries.id });
      if (!entry) throw new Error('no entry created');
      await tx.insert(entryVersions).values({ entryId: entry.id, version: 1, change: 'created', occurredOn: input.occurredOn, data: input.data, provenance: input.provenance, changedBy: input.userId });
      return { ok: true, entryId: entry.id } as const;
    });
  } catch (error) {
    throw new DatabaseError('save an entry', { cause: error });
  }
}

/** Changes an entry, keeping the earlier version. An entry of another record (or of another kind than `kind`), or deleted, is "not found". */
export async function editEntry(
  db: PortalDatabase,
  input: { userId: string; recordId: string; entryId: string; kind?: EntryKind; occurredOn: IsoDate; data: Record<string, unknown>; provenance: Provenance },
): Promise<{ readonly ok: true } | Refused> {
  const writable = await checkWritable(db, input.userId, input.recordId);
  if (!writable.ok) return writable;
  return changeEntry(db, input, 'edited');
}

/** Deletes an entry from view; its versions stay in the record's history. */
export async function deleteEntry(db: PortalDatabase, input: { userId: string; recordId: string; entryId: string }): Promise<{ readonly ok: true } | Refused> {
  const writable = await checkWritable(db, input.userId, input.recordId);
  if (!writable.ok) return writable;
  return changeEntry(db, input, 'deleted');
}

async function changeEntry(
  db: PortalDatabase,
  input: { userId: string; recordId: string; entryId: string; kind?: EntryKind; occurredOn?: IsoDate; data?: Record<string, unknown>; provenance?: Provenance },
  change: 'edited' | 'deleted',
): Promise<{ readonly ok: true } | Refused> {
  if (!isUuid(input.entryId)) return { ok: false, reason: 'not-found' };
  try {
    return await db.transaction(async (tx) => {
      if (!(await lockOpenRecord(tx, input.recordId))) return { ok: false, reason: 'record-closed' } as const;
      const [current] = await tx
        .select()
        .from(entries)
        .where(and(eq(entries.id, input.entryId), eq(entries.recordId, input.recordId), isNull(entries.deletedAt), input.kind ? eq(entries.kind, input.kind) : undefined))
        .for('update');
      if (!current) return { ok: false, reason: 'not-found' } as const;
      const now = new Date();
      const next = {
        occurredOn: input.occurredOn ?? current.occurredOn,
        data: (input.data ?? current.data) as Record<string, unknown>,
        provenance: input.provenance ?? (current.provenance as Provenance),
      };
      await tx
        .update(entries)
        .set(change === 'deleted' ? { deletedAt: now, updatedBy: input.userId, updatedAt: now } : { ...next, updatedBy: input.userId, updatedAt: now })
        .where(eq(entries.id, current.id));
      const [latest] = await tx
        .select({ version: sql<number>`max(${entryVersions.version})::int` })
        .from(entryVersions)
        .where(eq(entryVersions.entryId, current.id));
      await tx.insert(entryVersions).values({ entryId: current.id, version: (latest?.version ?? 0) + 1, change, ...next, changedBy: input.userId });
      return { ok: true } as const;
    });
  } catch (error) {
    throw new DatabaseError('change an entry', { cause: error });
  }
}

/** The entries of a record (optionally one kind), oldest first, for anyone who can read it. */
export async function listEntries(db: PortalDatabase, userId: string, recordId: string, kind?: EntryKind): Promise<{ readonly ok: true; readonly entries: readonly Entry[] } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' }> {
  const access = await checkRecordAccess(db, userId, recordId, 'read');
  if (!access.ok) return access;
  try {
    const rows = await db
      .select({
        id: entries.id,
        kind: entries.kind,
        occurredOn: entries.occurredOn,
        data: entries.data,
        provenance: entries.provenance,
        createdByEmail: users.email,
        createdAt: entries.createdAt,
        updatedAt: entries.updatedAt,
      })
      .from(entries)
      .leftJoin(users, eq(users.id, entries.createdBy))
      .where(and(eq(entries.recordId, recordId), isNull(entries.deletedAt), kind ? eq(entries.kind, kind) : undefined))
      .orderBy(asc(entries.occurredOn), asc(entries.createdAt));
    return { ok: true, entries: rows.map((row) => rowToEntry(row, row.createdByEmail)) };
  } catch (error) {
    throw new DatabaseError('read entries', { cause: error });
  }
}

/** One earlier or current version of an entry. */
export interface EntryVersion {
  readonly version: number;
  readonly change: 'created' | 'edited' | 'deleted';
  readonly occurredOn: IsoDate;
  readonly data: Record<string, unknown>;
  readonly provenance: Provenance;
  readonly changedById: string | null;
  readonly changedByEmail: string | null;
  readonly changedAt: Date;
}

/** Every version of one entry of a record, newest first, for anyone who can read the record. */
export async function listEntryVersions(db: PortalDatabase, userId: string, recordId: string, entryId: string): Promise<{ readonly ok: true; readonly versions: readonly EntryVersion[] } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' }> {
  const access = await checkRecordAccess(db, userId, recordId, 'read');
  if (!access.ok) return access;
  if (!isUuid(entryId)) return { ok: false, reason: 'not-found' };
  try {
    const rows = await db
      .select({
        version: entryVersions.version,
        change: entryVersions.change,
        occurredOn: entryVersions.occurredOn,
        data: entryVersions.data,
        provenance: entryVersions.provenance,
        changedById: entryVersions.changedBy,
        changedByEmail: users.email,
        changedAt: entryVersions.changedAt,
      })
      .from(entryVersions)
      .innerJoin(entries, eq(entries.id, entryVersions.entryId))
      .leftJoin(users, eq(users.id, entryVersions.changedBy))
      .where(and(eq(entryVersions.entryId, entryId), eq(entries.recordId, recordId)))
      .orderBy(desc(entryVersions.version));
    return {
      ok: true,
      versions: rows.map((row) => ({ ...row, change: row.change as EntryVersion['change'], provenance: row.provenance as Provenance, data: row.data as Record<string, unknown> })),
    };
  } catch (error) {
    throw new DatabaseError('read the history of an entry', { cause: error });
  }
}

/** Saves a record's details (child or pregnancy), if the person may add to it and it is open. */
export async function saveRecordDetails(db: PortalDatabase, input: { userId: string; recordId: string; details: Record<string, unknown> }): Promise<{ readonly ok: true } | Refused> {
  const writable = await checkWritable(db, input.userId, input.recordId);
  if (!writable.ok) return writable;
  try {
    // Only an open record's details change: the status is part of the update's own condition.
    const updated = await db
      .update(records)
      .set({ details: input.details, updatedAt: new Date() })
      .where(and(eq(records.id, input.recordId), eq(records.status, 'open')))
      .returning({ id: records.id });
    return updated.length === 1 ? { ok: true } : { ok: false, reason: 'record-closed' };
  } catch (error) {
    throw new DatabaseError("save a record's details", { cause: error });
  }
}

/** A record's details and state, for anyone who may perform `action` on it (reading, by default). */
export async function readRecord(
  db: PortalDatabase,
  userId: string,
  recordId: string,
  action: RecordAction = 'read',
): Promise<
  | { readonly ok: true; readonly access: Extract<RecordAccess, { ok: true }>; readonly details: unknown; readonly status: 'open' | 'closed'; readonly closedReason: string | null; readonly closedOn: IsoDate | null }
  | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' }
> {
  const access = await checkRecordAccess(db, userId, recordId, action);
  if (!access.ok) return access;
  try {
    const [row] = await db.select({ details: records.details, closedReason: records.closedReason, closedOn: records.closedOn }).from(records).where(eq(records.id, recordId));
    if (!row) return { ok: false, reason: 'not-found' };
    return { ok: true, access, details: row.details, status: access.record.status, closedReason: row.closedReason, closedOn: row.closedOn };
  } catch (error) {
    throw new DatabaseError('read a record', { cause: error });
  }
}
