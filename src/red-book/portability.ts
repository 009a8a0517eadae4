/**
 * A child's red book as a file the family keeps: everything in the record (details, every entry with
 * its provenance and full history, deleted entries too for owners, and notes), and the way back in. Importing
 * checks every detail and entry with the same rules as the forms, so a file can never put into the
 * database what a person could not have typed. Carers' email addresses are never written to the file.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { isIsoDate, type IsoDate } from '../dates/index.ts';
import type { PortalDatabase } from '../db/index.ts';
import { auditEvents, entries, entryVersions, notes, recordCarers, records, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { canPerform, checkRecordAccess, checkRecordName } from '../records/access.ts';
import { checkNoteText } from '../records/notes.ts';
import { checkChildDetails, childDetailsToFormValues, readChildDetails, type ChildDetails } from './child-details.ts';
import type { EntryKind, Provenance } from './entries.ts';
import { checkFirst, firstToFormValues } from './firsts.ts';
import { checkHealthReview, healthReviewToFormValues } from './health-reviews.ts';
import { checkImmunisationGiven, immunisationToFormValues } from './immunisations.ts';
import { checkMeasurement, measurementToFormValues } from './measurements.ts';
import { checkScreening, screeningToFormValues } from './screening.ts';

/** The file format's name and version, written into every file. */
export const redBookFileFormat = 'first-1001-days/red-book/1';

/** The largest file accepted for import, in bytes. */
export const maxRedBookFileBytes = 2 * 1024 * 1024;

/** One version of an entry in the file. */
export interface RedBookFileVersion {
  readonly version: number;
  readonly change: 'created' | 'edited' | 'deleted';
  readonly occurredOn: IsoDate;
  readonly data: Record<string, unknown>;
  readonly provenance: Provenance;
  readonly changedAt: string;
}

/** One entry in the file, with its history (oldest first). */
export interface RedBookFileEntry {
  readonly kind: EntryKind;
  readonly occurredOn: IsoDate;
  readonly data: Record<string, unknown>;
  readonly provenance: Provenance;
  readonly createdAt: string;
  readonly deletedAt: string | null;
  readonly history: readonly RedBookFileVersion[];
}

/** The whole file. */
export interface RedBookFile {
  readonly format: typeof redBookFileFormat;
  readonly exportedAt: string;
  readonly record: {
    readonly kind: 'child' | 'pregnancy';
    readonly name: string;
    readonly status: 'open' | 'closed';
    readonly closedReason: string | null;
    readonly closedOn: IsoDate | null;
    readonly createdAt: string;
    readonly details: unknown;
  };
  readonly entries: readonly RedBookFileEntry[];
  readonly notes: readonly { readonly text: string; readonly createdAt: string }[];
}

/** Writes a record as a red book file, for anyone who can read it. */
export async function exportRedBook(db: PortalDatabase, userId: string, recordId: string, now: Date): Promise<{ readonly ok: true; readonly file: RedBookFile } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' }> {
  const access = await checkRecordAccess(db, userId, recordId, 'read');
  if (!access.ok) return access;
  try {
    const [record] = await db.select().from(records).where(eq(records.id, recordId));
    if (!record) return { ok: false, reason: 'not-found' };
    // Deleted entries (with their history) go only to owners: carers and viewers never see what an owner deleted.
    const withDeleted = canPerform(access.role, 'manage-carers');
    const entryRows = await db
      .select()
      .from(entries)
      .where(and(eq(entries.recordId, recordId), withDeleted ? undefined : isNull(entries.deletedAt)))
      .orderBy(asc(entries.occurredOn), asc(entries.createdAt), asc(entries.id));
    const versionRows =
      entryRows.length === 0 ? [] : await db.select().from(entryVersions).where(inArray(entryVersions.entryId, entryRows.map((row) => row.id))).orderBy(asc(entryVersions.entryId), asc(entryVersions.version));
    const noteRows = await db.select({ body: notes.body, createdAt: notes.createdAt }).from(notes).where(eq(notes.recordId, recordId)).orderBy(asc(notes.createdAt), asc(notes.id));
    return {
      ok: true,
      file: {
        format: redBookFileFormat,
        exportedAt: now.toISOString(),
        record: {
          kind: record.kind as 'child' | 'pregnancy',
          name: record.name,
          status: record.status as 'open' | 'closed',
          closedReason: record.closedReason,
          closedOn: record.closedOn,
          createdAt: record.createdAt.toISOString(),
          details: record.details,
        },
        entries: entryRows.map((row) => ({
          kind: row.kind as EntryKind,
          occurredOn: row.occurredOn,
          data: row.data as Record<string, unknown>,
          provenance: row.provenance as Provenance,
          createdAt: row.createdAt.toISOString(),
          deletedAt: row.deletedAt?.toISOString() ?? null,
          history: versionRows
            .filter((version) => version.entryId === row.id)
            .map((version) => ({
              version: version.version,
              change: version.change as RedBookFileVersion['change'],
              occurredOn: version.occurredOn,
              data: version.data as Record<string, unknown>,
              provenance: version.provenance as Provenance,
              changedAt: version.changedAt.toISOString(),
            })),
        })),
        notes: noteRows.map((note) => ({ text: note.body, createdAt: note.createdAt.toISOString() })),
      },
    };
  } catch (error) {
    throw new DatabaseError('export a record', { cause: error });
  }
}

type Check = (values: Readonly<Record<string, string | null>>, child: ChildDetails, today: IsoDate) => { ok: true; occurredOn: IsoDate; data: object } | { ok: false };
type ToFormValues = (entry: { id: string; kind: EntryKind; occurredOn: IsoDate; data: Record<string, unknown>; provenance: Provenance; createdByEmail: null; createdAt: Date; updatedAt: null }) => Record<string, string>;

// Each kind is checked the way its form checks it: the stored fields turned back into form values.
const entryChecks: Readonly<Record<EntryKind, { check: Check; toFormValues: ToFormValues }>> = {
  measurement: { check: (values, child, today) => checkMeasurement({ ...values, confirmUnusual: 'yes' }, child, today), toFormValues: measurementToFormValues },
  immunisation: { check: checkImmunisationGiven, toFormValues: immunisationToFormValues },
  screening: { check: checkScreening, toFormValues: screeningToFormValues },
  'health-review': { check: checkHealthReview, toFormValues: healthReviewToFormValues },
  first: { check: checkFirst, toFormValues: firstToFormValues },
};

// "Imported from an NHS system" is for entries this service takes from NHS systems, never a family's file.
const provenances: readonly Provenance[] = ['parent-or-carer', 'professional'];
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInstantBetween = (value: unknown, earliest: number, latest: number): value is string => {
  if (typeof value !== 'string' || value.length > 40 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && time >= earliest && time <= latest;
};

/** A red book file, checked and ready to import. */
export interface CheckedRedBookFile {
  readonly name: string;
  readonly details: ChildDetails;
  readonly closed: { readonly reason: 'child-died'; readonly on: IsoDate } | null;
  readonly entries: readonly { kind: EntryKind; occurredOn: IsoDate; data: Record<string, unknown>; provenance: Provenance; createdAt: Date; deletedAt: Date | null; history: readonly RedBookFileVersion[] }[];
  readonly notes: readonly { readonly text: string; readonly createdAt: Date }[];
}

/**
 * Checks a parsed file against `today`. Every entry and every earlier version must pass its form's
 * checks. Messages say what is wrong without repeating anything from the file.
 */
export function checkRedBookFile(parsed: unknown, today: IsoDate): { readonly ok: true; readonly file: CheckedRedBookFile } | { readonly ok: false; readonly message: string } {
  const refuse = (message: string) => ({ ok: false, message }) as const;
  if (!isObject(parsed) || parsed.format !== redBookFileFormat || !isObject(parsed.record)) return refuse('The file must be a red book file downloaded from this service');
  const record = parsed.record;
  if (record.kind !== 'child') return refuse('Only a child’s record can be added from a file');
  const name = checkRecordName(typeof record.name === 'string' ? record.name : null);
  if (!name.ok) return refuse('The child’s name in the file cannot be read');
  const stored = readChildDetails(record.details);
  let details: ReturnType<typeof checkChildDetails> | null = null;
  try {
    details = stored ? checkChildDetails(childDetailsToFormValues(stored), today) : null;
  } catch {
    // A value of the wrong type in the details: refused below.
  }
  if (!details?.ok) return refuse('The child’s details in the file cannot be read. Check it is the file you downloaded');
  // A record is closed only on a real day between the birth and today, as the service itself closes it.
  const closedOn = isIsoDate(record.closedOn) && record.closedOn >= details.details.dateOfBirth && record.closedOn <= today ? record.closedOn : null;
  const closed = record.status === 'closed' && record.closedReason === 'child-died' && closedOn ? ({ reason: 'child-died', on: closedOn } as const) : null;
  if (record.status !== 'open' && !closed) return refuse('The record in the file cannot be read');
  // Moments in the file (when things were added and changed) fall between this service's first year and the end of today.
  const earliest = Date.parse('2025-01-01T00:00:00Z');
  const latest = Date.parse(`${today}T23:59:59Z`) + 24 * 60 * 60 * 1000;
  const isInstant = (value: unknown): value is string => isInstantBetween(value, earliest, latest);
  if (!Array.isArray(parsed.entries) || parsed.entries.length > 5000 || !Array.isArray(parsed.notes) || parsed.notes.length > 5000) return refuse('The entries in the file cannot be read');

  const checkedEntries: CheckedRedBookFile['entries'][number][] = [];
  for (const [index, raw] of parsed.entries.entries()) {
    const problem = refuse(`Entry ${index + 1} in the file cannot be read. Nothing has been added`);
    if (!isObject(raw) || !(typeof raw.kind === 'string' && Object.hasOwn(entryChecks, raw.kind)) || !isInstant(raw.createdAt) || !(raw.deletedAt === null || isInstant(raw.deletedAt))) return problem;
    const kind = raw.kind as EntryKind;
    const checkVersion = (version: { readonly [key: string]: unknown }) => {
      if (!isIsoDate(version.occurredOn) || !isObject(version.data) || !provenances.includes(version.provenance as Provenance)) return null;
      const { check, toFormValues } = entryChecks[kind];
      // A value of the wrong type (a number where text belongs) makes the conversion or the check throw: the file is refused, never a server error.
      try {
        const values = Object.fromEntries(
          Object.entries(toFormValues({ id: '', kind, occurredOn: version.occurredOn, data: version.data, provenance: version.provenance as Provenance, createdByEmail: null, createdAt: new Date(0), updatedAt: null })).map(([key, value]) => [key, typeof value === 'string' ? value : '\u0000']),
        );
        const checked = check(values, details.details, today);
        if (!checked.ok) return null;
        const data = { ...checked.data } as Record<string, unknown>;
        // Nothing may be quietly changed on the way in: the checked entry must give back exactly the form values it came from.
        const again = toFormValues({ id: '', kind, occurredOn: checked.occurredOn, data, provenance: version.provenance as Provenance, createdByEmail: null, createdAt: new Date(0), updatedAt: null });
        if (JSON.stringify(Object.entries(again).sort()) !== JSON.stringify(Object.entries(values).sort())) return null;
        return { occurredOn: checked.occurredOn, data, provenance: version.provenance as Provenance };
      } catch {
        return null;
      }
    };
    const current = checkVersion(raw);
    if (!current || !Array.isArray(raw.history) || raw.history.length === 0 || raw.history.length > 200) return problem;
    // A deleted entry was created first and deleted last, so it has at least two versions.
    if (raw.deletedAt !== null && raw.history.length < 2) return problem;
    const history: RedBookFileVersion[] = [];
    for (const [position, version] of raw.history.entries()) {
      // The first version is the one that created the entry; only the last can be a deletion, and only of a deleted entry.
      const expectedChange = position === 0 ? ['created'] : position === raw.history.length - 1 && raw.deletedAt !== null ? ['deleted'] : ['edited'];
      if (!isObject(version) || version.version !== position + 1 || !expectedChange.includes(version.change as string) || !isInstant(version.changedAt)) return problem;
      const checked = checkVersion(version);
      if (!checked) return problem;
      history.push({ version: position + 1, change: version.change as RedBookFileVersion['change'], ...checked, changedAt: new Date(version.changedAt).toISOString() });
    }
    // The entry as it stands is its last version, and its versions come in time order after it was created.
    const last = history.at(-1);
    if (!last || JSON.stringify([last.occurredOn, last.data, last.provenance]) !== JSON.stringify([current.occurredOn, current.data, current.provenance])) return problem;
    if (history.some((version, position) => version.changedAt < (history[position - 1]?.changedAt ?? '') || Date.parse(version.changedAt) < Date.parse(raw.createdAt as string))) return problem;
    checkedEntries.push({ kind, ...current, createdAt: new Date(raw.createdAt), deletedAt: raw.deletedAt === null ? null : new Date(raw.deletedAt as string), history });
  }
  const checkedNotes: { text: string; createdAt: Date }[] = [];
  for (const [index, raw] of parsed.notes.entries()) {
    const note = isObject(raw) && isInstant(raw.createdAt) ? checkNoteText(typeof raw.text === 'string' ? raw.text : null) : null;
    if (!note?.ok || !isObject(raw)) return refuse(`Note ${index + 1} in the file cannot be read. Nothing has been added`);
    checkedNotes.push({ text: note.body, createdAt: new Date(raw.createdAt as string) });
  }
  return { ok: true, file: { name: name.name, details: details.details, closed, entries: checkedEntries, notes: checkedNotes } };
}

/** Adds a checked file as a new child record owned by `userId`, all or nothing. Returns the new record's id. */
export async function importRedBook(db: PortalDatabase, userId: string, file: CheckedRedBookFile): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
      if (!owner) throw new Error('no such user');
      const [record] = await tx.insert(records).values({ kind: 'child', name: file.name, details: { ...file.details } }).returning({ id: records.id });
      if (!record) throw new Error('no record created');
      await tx.insert(recordCarers).values({ recordId: record.id, userId, role: 'owner' });
      await tx.insert(auditEvents).values({ recordId: record.id, actorId: userId, action: 'record-imported' });
      for (const entry of file.entries) {
        const [row] = await tx
          .insert(entries)
          .values({ recordId: record.id, kind: entry.kind, occurredOn: entry.occurredOn, data: entry.data, provenance: entry.provenance, createdBy: userId, createdAt: entry.createdAt, deletedAt: entry.deletedAt })
          .returning({ id: entries.id });
        if (!row) throw new Error('no entry created');
        // Earlier versions keep their dates; who made them is not in the file, so it is left empty.
        await tx.insert(entryVersions).values(entry.history.map((version) => ({ entryId: row.id, version: version.version, change: version.change, occurredOn: version.occurredOn, data: version.data, provenance: version.provenance, changedBy: null, changedAt: new Date(version.changedAt) })));
      }
      // Who wrote each note is not in the file either.
      if (file.notes.length > 0) await tx.insert(notes).values(file.notes.map((note) => ({ recordId: record.id, body: note.text, createdBy: null, createdAt: note.createdAt })));
      if (file.closed) await tx.update(records).set({ status: 'closed', closedReason: file.closed.reason, closedOn: file.closed.on }).where(and(eq(records.id, record.id)));
      return record.id;
    });
  } catch (error) {
    throw new DatabaseError('import a record', { cause: error });
  }
}
