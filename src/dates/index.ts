/**
 * Calendar dates as the portal counts them: plain 'YYYY-MM-DD' days with no time of day, so a
 * child's age never shifts with the clock change. "Today" is always passed in; when it has to be
 * worked out from an instant, it is the date in Europe/London.
 */

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const millisecondsPerDay = 86_400_000;

/** Reads a 'YYYY-MM-DD' date; null if it is not a real calendar date (such as 2025-02-29). */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = isoDatePattern.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True when `value` is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

/** True in leap years of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1 to 12). */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function requireDate(value: IsoDate): { year: number; month: number; day: number } {
  const parts = parseIsoDate(value);
  if (!parts) throw new RangeError('Expected a calendar date written YYYY-MM-DD');
  return parts;
}

/** Days since 1970-01-01 for a calendar date: a whole number, never affected by time zones. */
export function isoDateToDayNumber(value: IsoDate): number {
  const { year, month, day } = requireDate(value);
  return Date.UTC(year, month - 1, day) / millisecondsPerDay;
}

/** The calendar date for a day number (days since 1970-01-01). */
export function dayNumberToIsoDate(dayNumber: number): IsoDate {
  return new Date(dayNumber * millisecondsPerDay).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return isoDateToDayNumber(to) - isoDateToDayNumber(from);
}

/** The date `days` days after `date` (or before, when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return dayNumberToIsoDate(isoDateToDayNumber(date) + days);
}

/**
 * The calendar anniversary `months` months after `date`: 1 year is 12 months, 18 months is 18.
 * When that month has no such day (29 February in a common year, 31 April), the anniversary is the
 * first day of the next month, so something due "on or after" it is never offered a day early.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = requireDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  if (day <= daysInMonth(targetYear, targetMonth)) {
    return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  const nextIndex = monthIndex + 1;
  return `${String(Math.floor(nextIndex / 12)).padStart(4, '0')}-${String((nextIndex % 12) + 1).padStart(2, '0')}-01`;
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Europe/London at `instant` (the caller passes the clock in). */
export function instantToLondonDate(instant: Date): IsoDate {
  return londonDate.format(instant);
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A date as NHS pages write it, such as "2 September 2027". */
export function isoDateToLongText(date: IsoDate): string {
  requireDate(date);
  return longDate.format(new Date(`${date}T00:00:00Z`));
}

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A date where space is short, such as a table beside a chart: "2 Sept 2027". */
export function isoDateToShortText(date: IsoDate): string {
  requireDate(date);
  return shortDate.format(new Date(`${date}T00:00:00Z`));
}

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });

/** A moment as NHS pages write it, in UK time: "25 November 2026 at 9:05am", "at 12pm" for midday. */
export function instantToLondonText(instant: Date): string {
  const parts = Object.fromEntries(londonTime.formatToParts(instant).map((part) => [part.type, part.value]));
  const minutes = parts.minute === '00' ? '' : `:${parts.minute ?? '00'}`;
  const hour = parts.hour === '0' ? '12' : (parts.hour ?? '12');
  return `${isoDateToLongText(instantToLondonDate(instant))} at ${hour}${minutes}${(parts.dayPeriod ?? '').toLowerCase()}`;
}

/** The later of two dates. */
export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
