/**
 * How a pregnancy ends. "My baby is born": each baby (twins and triplets too) gets a child record,
 * shared with everyone who shared the pregnancy, with gestation at birth worked out from the due date
 * (and editable); the pregnancy record closes. A pregnancy loss closes the record gently: from that
 * moment nothing is due and nothing is ever sent about it. Owners only.
 */
import { and, eq } from 'drizzle-orm';
import { isPlausibleGestation, type Gestation } from '../child-age/index.ts';
import { daysBetween, type IsoDate } from '../dates/index.ts';
import type { PortalDatabase } from '../db/index.ts';
import { auditEvents, recordCarers, records } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import type { FieldError } from '../forms.ts';
import { calculateGestationAtBirth } from '../pregnancy/index.ts';
import { dateFieldsToParts, readDateParts } from '../content/stage-finder.ts';
import { checkRecordAccess, checkRecordName } from '../records/access.ts';
import type { ChildDetails } from './child-details.ts';
import { readPregnancyDetails } from './pregnancy.ts';

/** The most babies the form takes at once. */
export const maxBabies = 4;

/** One baby from the birth form. */
export interface Baby {
  readonly name: string;
  readonly sex: 'female' | 'male';
}

/** Checks the birth form: the date, the gestation (worked out from the due date unless changed) and each baby. */
export function checkBirth(
  input: Readonly<Record<string, string | null | undefined>>,
  dueDate: IsoDate,
  today: IsoDate,
): { readonly ok: true; readonly dateOfBirth: IsoDate; readonly gestation: Gestation; readonly babies: readonly Baby[] } | { readonly ok: false; readonly errors: readonly FieldError[] } {
  const errors: FieldError[] = [];
  const born = readDateParts(dateFieldsToParts(input, 'dateOfBirth'), 'the date your baby was born');
  let dateOfBirth: IsoDate | null = null;
  if (!born.ok) errors.push({ field: 'dateOfBirth', message: born.message });
  else if (born.date > today) errors.push({ field: 'dateOfBirth', message: 'The date of birth must be today or in the past' });
  else if (daysBetween(born.date, dueDate) > 18 * 7) errors.push({ field: 'dateOfBirth', message: 'The date of birth must be no more than 18 weeks before your due date' });
  else dateOfBirth = born.date;

  let gestation: Gestation | null = null;
  const weeksText = (input.gestationWeeks ?? '').trim();
  if (dateOfBirth && weeksText === '') {
    gestation = calculateGestationAtBirth(dueDate, dateOfBirth);
  } else if (weeksText !== '') {
    const candidate = { weeks: Number(weeksText), days: Number((input.gestationDays ?? '').trim() || '0') };
    if (!/^\d{1,2}$/.test(weeksText) || !isPlausibleGestation(candidate)) errors.push({ field: 'gestationWeeks', message: 'Enter a gestation between 22 weeks and 44 weeks 6 days' });
    else gestation = candidate;
  }
  if (gestation && !isPlausibleGestation(gestation)) {
    errors.push({ field: 'gestationWeeks', message: 'Enter how many weeks pregnant you were when your baby was born, between 22 and 44 weeks' });
    gestation = null;
  }

  const count = Number(input.babies ?? '1');
  const babyCount = Number.isInteger(count) && count >= 1 && count <= maxBabies ? count : 1;
  const babies: Baby[] = [];
  for (let index = 1; index <= babyCount; index += 1) {
    const name = checkRecordName(input[`baby${index}-name`] ?? null);
    const sex = input[`baby${index}-sex`];
    const which = babyCount === 1 ? 'your baby' : `baby ${index}`;
    if (!name.ok) errors.push({ field: `baby${index}-name`, message: name.message.replace("Enter a name for this record, such as your child's first name", `Enter a name for ${which}`) });
    if (sex !== 'female' && sex !== 'male') errors.push({ field: `baby${index}-sex`, message: `Select the sex of ${which}` });
    if (name.ok && (sex === 'female' || sex === 'male')) babies.push({ name: name.name, sex });
  }
  if (errors.length > 0 || !dateOfBirth || !gestation) return { ok: false, errors };
  return { ok: true, dateOfBirth, gestation, babies };
}

type Refused = { readonly ok: false; readonly reason: 'not-found' | 'forbidden' | 'record-closed' | 'not-a-pregnancy' };

/**
 * Runs `work` on an open pregnancy record the person owns, inside a transaction that has locked the
 * record, so a birth and a loss (or two births) can never both be recorded. `operation` names the work
 * for the error if the database fails.
 */
async function changeOpenPregnancy<Result>(
  db: PortalDatabase,
  userId: string,
  pregnancyId: string,
  operation: string,
  work: (tx: PortalDatabase, details: unknown) => Promise<Result>,
): Promise<Result | Refused> {
  const access = await checkRecordAccess(db, userId, pregnancyId, 'manage-carers');
  if (!access.ok) return access;
  try {
    return await db.transaction(async (tx): Promise<Result | Refused> => {
      const [row] = await tx.select({ kind: records.kind, status: records.status, details: records.details }).from(records).where(eq(records.id, pregnancyId)).for('update');
      if (!row) return { ok: false, reason: 'not-found' };
      if (row.kind !== 'pregnancy') return { ok: false, reason: 'not-a-pregnancy' };
      if (row.status !== 'open') return { ok: false, reason: 'record-closed' };
      return work(tx, row.details);
    });
  } catch (error) {
    throw new DatabaseError(operation, { cause: error });
  }
}

/** Records a birth: a child record per baby, shared as the pregnancy was, and the pregnancy closed. Returns the new records' ids. */
export async function recordBirth(
  db: PortalDatabase,
  input: { userId: string; pregnancyId: string; dateOfBirth: IsoDate; gestation: Gestation; babies: readonly Baby[] },
): Promise<{ readonly ok: true; readonly childIds: readonly string[] } | Refused> {
  return changeOpenPregnancy(db, input.userId, input.pregnancyId, 'record a birth', async (tx, pregnancyDetails) => {
    if (!readPregnancyDetails(pregnancyDetails)) return { ok: false, reason: 'not-a-pregnancy' } as const;
    const carers = await tx.select({ userId: recordCarers.userId, role: recordCarers.role }).from(recordCarers).where(eq(recordCarers.recordId, input.pregnancyId));
    const childIds: string[] = [];
    for (const baby of input.babies) {
      const details: ChildDetails = {
        dateOfBirth: input.dateOfBirth,
        sex: baby.sex,
        nhsNumber: null,
        gestationAtBirth: input.gestation,
        birthWeightKg: null,
        birthLengthCm: null,
        birthHeadCircumferenceCm: null,
        placeOfBirth: null,
        healthProblems: null,
        familyHistory: null,
      };
      const [child] = await tx.insert(records).values({ kind: 'child', name: baby.name, details: { ...details } }).returning({ id: records.id });
      if (!child) throw new Error('no child record created');
      await tx.insert(recordCarers).values(carers.map((carer) => ({ recordId: child.id, userId: carer.userId, role: carer.role })));
      await tx.insert(auditEvents).values({ recordId: child.id, actorId: input.userId, action: 'record-created' });
      childIds.push(child.id);
    }
    await tx
      .update(records)
      .set({ status: 'closed', closedReason: 'born', closedOn: input.dateOfBirth, updatedAt: new Date() })
      .where(and(eq(records.id, input.pregnancyId), eq(records.status, 'open')));
    return { ok: true, childIds } as const;
  });
}

/** Closes a pregnancy record after a loss. From this moment it shows nothing due and nothing is sent about it. */
export async function recordPregnancyLoss(db: PortalDatabase, input: { userId: string; pregnancyId: string; on: IsoDate }): Promise<{ readonly ok: true } | Refused> {
  return changeOpenPregnancy(db, input.userId, input.pregnancyId, 'close a pregnancy record', async (tx) => {
    await tx.update(records).set({ status: 'closed', closedReason: 'pregnancy-loss', closedOn: input.on, updatedAt: new Date() }).where(eq(records.id, input.pregnancyId));
    return { ok: true } as const;
  });
}

/**
 * Closes a child's record after the child has died, at an owner's request. The record is kept,
 * read-only, for everyone who shares it; nothing is due and nothing is ever sent about the child
 * again. Owners can still delete it whenever they choose.
 */
export async function recordChildDied(db: PortalDatabase, input: { userId: string; childId: string; on: IsoDate }): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' | 'record-closed' | 'not-a-child' }> {
  const access = await checkRecordAccess(db, input.userId, input.childId, 'manage-carers');
  if (!access.ok) return access;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select({ kind: records.kind, status: records.status }).from(records).where(eq(records.id, input.childId)).for('update');
      if (!row) return { ok: false, reason: 'not-found' } as const;
      if (row.kind !== 'child') return { ok: false, reason: 'not-a-child' } as const;
      if (row.status !== 'open') return { ok: false, reason: 'record-closed' } as const;
      await tx.update(records).set({ status: 'closed', closedReason: 'child-died', closedOn: input.on, updatedAt: new Date() }).where(eq(records.id, input.childId));
      await tx.insert(auditEvents).values({ recordId: input.childId, actorId: input.userId, action: 'record-closed' });
      return { ok: true } as const;
    });
  } catch (error) {
    throw new DatabaseError("close a child's record", { cause: error });
  }
}
