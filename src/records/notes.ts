/** Notes a family keeps on a record: read by everyone who shares it, added by owners and carers. */
import { desc, eq } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { notes, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { checkRecordAccess, lockOpenRecord } from './access.ts';
import { recordAuditEvent } from './audit.ts';
import { cleanFreeText } from '../forms.ts';

/** The longest note accepted, in characters. */
export const maxNoteLength = 2000;

/** Checks a note's text: not empty, not too long. Line endings are normalised and control characters removed. */
export function checkNoteText(raw: string | null): { readonly ok: true; readonly body: string } | { readonly ok: false; readonly message: string } {
  const body = cleanFreeText(raw);
  if (body === '') return { ok: false, message: 'Enter your note' };
  if ([...body].length > maxNoteLength) return { ok: false, message: `Your note must be ${maxNoteLength.toLocaleString('en-GB')} characters or fewer` };
  return { ok: true, body };
}

/** Adds a note, if the person may add entries to this record and it is still open. */
export async function addNote(
  db: PortalDatabase,
  userId: string,
  recordId: string,
  text: string | null,
): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' | 'record-closed' } | { readonly ok: false; readonly reason: 'invalid'; readonly message: string }> {
  const access = await checkRecordAccess(db, userId, recordId, 'add-entry');
  if (!access.ok) return access;
  // A closed record (a birth, a loss, a child who has died) is kept as it is.
  if (access.record.status !== 'open') return { ok: false, reason: 'record-closed' };
  const note = checkNoteText(text);
  if (!note.ok) return { ok: false, reason: 'invalid', message: note.message };
  try {
    const added = await db.transaction(async (tx) => {
      if (!(await lockOpenRecord(tx, recordId))) return false;
      await tx.insert(notes).values({ recordId, body: note.body, createdBy: userId });
      await recordAuditEvent(tx, { recordId, actorId: userId, action: 'note-added' });
      return true;
    });
    return added ? { ok: true } : { ok: false, reason: 'record-closed' };
  } catch (error) {
    throw new DatabaseError('save a note', { cause: error });
  }
}

/** A note as shown: its text, who wrote it and when. */
export interface Note {
  readonly id: string;
  readonly body: string;
  readonly authorEmail: string | null;
  readonly createdAt: Date;
}

/** The notes on a record, newest first, for anyone who can read it. */
export async function listNotes(db: PortalDatabase, userId: string, recordId: string): Promise<{ readonly ok: true; readonly notes: readonly Note[] } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' }> {
  const access = await checkRecordAccess(db, userId, recordId, 'read');
  if (!access.ok) return access;
  try {
    const rows = await db
      .select({ id: notes.id, body: notes.body, authorEmail: users.email, createdAt: notes.createdAt })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.createdBy))
      .where(eq(notes.recordId, recordId))
      .orderBy(desc(notes.createdAt), desc(notes.id));
    return { ok: true, notes: rows };
  } catch (error) {
    throw new DatabaseError('read notes', { cause: error });
  }
}
