/**
 * Converting between the ranges editors think in ("pregnancy weeks 12 to 14", "age 6 to 9 months")
 * and the days that guidance stores, with the engines' own week and month rules.
 */
import { ageInDaysToCompletedMonths, monthToStartDay } from '../child-age/index.ts';

/** The units an editor can pick. */
export type RangeUnit = 'weeks' | 'months' | 'days';

/** Who the range is for. */
export type RangeAudience = 'pregnancy' | 'child';

/** Turns "from X to Y (inclusive) in a unit" into stored days. Months are for children only. */
export function rangeToDays(audience: RangeAudience, unit: RangeUnit, from: number, to: number): { fromDay: number; toDay: number } {
  if (unit === 'days') return { fromDay: from, toDay: to };
  if (unit === 'weeks') return { fromDay: from * 7, toDay: to * 7 + 6 };
  if (audience === 'pregnancy') throw new RangeError('Pregnancy ranges are in weeks or days');
  return { fromDay: monthToStartDay(from), toDay: monthToStartDay(to + 1) - 1 };
}

/** Describes stored days in the largest unit they fit exactly, such as "weeks 12 to 14". */
export function daysToRange(audience: RangeAudience, fromDay: number, toDay: number): { unit: RangeUnit; from: number; to: number } {
  if (audience === 'child' && fromDay >= 0) {
    const from = ageInDaysToCompletedMonths(fromDay);
    const to = ageInDaysToCompletedMonths(toDay);
    if (monthToStartDay(from) === fromDay && monthToStartDay(to + 1) - 1 === toDay) return { unit: 'months', from, to };
  }
  if (fromDay % 7 === 0 && (toDay + 1) % 7 === 0 && fromDay >= 0) return { unit: 'weeks', from: fromDay / 7, to: (toDay + 1) / 7 - 1 };
  return { unit: 'days', from: fromDay, to: toDay };
}

/** A sentence describing a range for editors, such as "Pregnancy weeks 12 to 14 (days 84 to 104)". */
export function describeRange(audience: RangeAudience, fromDay: number, toDay: number): string {
  const range = daysToRange(audience, fromDay, toDay);
  const who = audience === 'pregnancy' ? 'Pregnancy' : 'Age';
  const days = `days ${fromDay} to ${toDay}`;
  return range.unit === 'days' ? `${who}: ${days}` : `${who}: ${range.unit} ${range.from} to ${range.to} (${days})`;
}
