/**
 * "How old is your baby?": turns a date of birth (and, for a baby born early, the date they were
 * due) or a due date into the day the right stage page covers, with the engines' own rules, and
 * checks each answer with a message in NHS content style. Nothing is stored.
 */
import { calculateAgeInDays, calculateCorrectedAge, selectDevelopmentalAgeInDays } from '../child-age/index.ts';
import { addDays, daysBetween, isIsoDate, isoDateToLongText, type IsoDate } from '../dates/index.ts';
import { calculateGestationAtBirth } from '../pregnancy/index.ts';

/** A date as typed into the NHS date input: day, month and year boxes. */
export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

/** The fields a stage-finder form can send back errors for. */
export type StageFinderField = 'dateOfBirth' | 'dueDate';

/** One problem, next to its field. */
export interface StageFinderError {
  readonly field: StageFinderField;
  readonly message: string;
}

/** Where the person's answers lead: a day of pregnancy or of a child's (corrected) age. */
export type StageFinderResult =
  | { readonly ok: true; readonly audience: 'pregnancy' | 'child'; readonly day: number }
  | { readonly ok: false; readonly errors: readonly StageFinderError[] };

/** The three boxes of the date input called `name`, read from a form's fields (a missing box is empty). */
export function dateFieldsToParts(fields: Readonly<Record<string, string | null | undefined>>, name: string): DateParts {
  return { day: fields[`${name}-day`] ?? '', month: fields[`${name}-month`] ?? '', year: fields[`${name}-year`] ?? '' };
}

/** Reads a date from the three boxes; returns the date, or the message to show. */
export function readDateParts(parts: DateParts, name: string): { ok: true; date: IsoDate } | { ok: false; message: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return { ok: false, message: `Enter ${name}` };
  // "your baby's date of birth" -> "Date of birth", as the field's own name in a sentence.
  const subject = name.replace(/^(your baby's|your) /, '').replace(/^./, (first) => first.toUpperCase());
  const missing = [day === '' ? 'a day' : null, month === '' ? 'a month' : null, year === '' ? 'a year' : null].filter(Boolean);
  if (missing.length > 0) return { ok: false, message: `${subject} must include ${missing.join(' and ')}` };
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const wellFormed = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year);
  return wellFormed && isIsoDate(date) ? { ok: true, date } : { ok: false, message: `${subject} must be a real date` };
}

/** The oldest child the stage pages serve (3 years); older children are turned back with a message. */
export const oldestChildDays = 1095;

/** A baby is born at 22 weeks at the earliest that the stage pages cover: 126 days before the due date. */
export const earliestBirthBeforeDueDays = 126;

/** Works out the stage day for a baby who has been born. `dueDate` only matters for a baby born early. */
export function findChildStageDay(dateOfBirth: DateParts, dueDate: DateParts | null, today: IsoDate): StageFinderResult {
  const birth = readDateParts(dateOfBirth, "your baby's date of birth");
  if (!birth.ok) return { ok: false, errors: [{ field: 'dateOfBirth', message: birth.message }] };
  const age = calculateAgeInDays(birth.date, today);
  if (age < 0) return { ok: false, errors: [{ field: 'dateOfBirth', message: 'Date of birth must be today or in the past' }] };
  if (age > oldestChildDays) return { ok: false, errors: [{ field: 'dateOfBirth', message: 'Date of birth must be within the last 3 years' }] };

  const dueGiven = dueDate !== null && [dueDate.day, dueDate.month, dueDate.year].some((part) => part.trim() !== '');
  if (!dueGiven) return { ok: true, audience: 'child', day: age };
  const due = readDateParts(dueDate, 'the date your baby was due');
  if (!due.ok) return { ok: false, errors: [{ field: 'dueDate', message: due.message }] };
  const daysEarly = daysBetween(birth.date, due.date);
  if (daysEarly <= 0) return { ok: false, errors: [{ field: 'dueDate', message: 'The date your baby was due must be after their date of birth. If they were born on or after it, leave this blank' }] };
  if (daysEarly > earliestBirthBeforeDueDays) return { ok: false, errors: [{ field: 'dueDate', message: 'The date your baby was due must be within 18 weeks after their date of birth' }] };
  const corrected = calculateCorrectedAge(birth.date, calculateGestationAtBirth(due.date, birth.date), today);
  const day = selectDevelopmentalAgeInDays(corrected) ?? (corrected.kind === 'born-early-not-yet-due' ? corrected.correctedAgeInDays : age);
  return { ok: true, audience: 'child', day };
}

/** Works out the pregnancy day from a due date: day 280 is the due date. */
export function findPregnancyStageDay(dueDate: DateParts, today: IsoDate): StageFinderResult {
  const due = readDateParts(dueDate, 'your due date');
  if (!due.ok) return { ok: false, errors: [{ field: 'dueDate', message: due.message }] };
  const day = 280 - daysBetween(today, due.date);
  if (day < 0) return { ok: false, errors: [{ field: 'dueDate', message: `Due date must be before ${isoDateToLongText(addDays(today, 281))}` }] };
  if (day > 293) return { ok: false, errors: [{ field: 'dueDate', message: 'Due date must be within the last 2 weeks or in the future. If your baby has been born, enter their date of birth instead' }] };
  return { ok: true, audience: 'pregnancy', day };
}

/** The stage whose range covers the day; a child older than the last stage gets the last one (toddler pages end at 2). */
export function selectStageForDay<T extends { readonly slug: string | null; readonly appliesTo: readonly { readonly audience: string | null; readonly fromDay: number | null; readonly toDay: number | null }[] | null }>(
  stages: readonly T[],
  audience: 'pregnancy' | 'child',
  day: number,
): T | null {
  const covering = stages.find((stage) => (stage.appliesTo ?? []).some((range) => range.audience === audience && (range.fromDay ?? Infinity) <= day && (range.toDay ?? -Infinity) >= day));
  if (covering || audience !== 'child') return covering ?? null;
  const ranges = stages.flatMap((stage) => (stage.appliesTo ?? []).filter((range) => range.audience === audience).map((range) => ({ stage, toDay: range.toDay ?? -Infinity })));
  const last = ranges.sort((a, b) => b.toDay - a.toDay)[0];
  return last && day > last.toDay ? last.stage : null;
}
