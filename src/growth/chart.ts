/**
 * A growth chart as one server-rendered SVG: the nine UK-WHO centile lines of the WHO Child Growth
 * Standards for one measurement and sex, with the child's measurements on top. Framework-free and
 * pure: the page passes in every point, the words it wants in each point's tooltip, and an id prefix.
 *
 * Sources: UK-WHO chart format (nine centiles, no lines from birth to 2 weeks, length to 2 years
 * then height, BMI from 2 years) from RCPCH "UK-WHO growth charts: fact sheets" and the UK-WHO 0-4
 * years chart; LMS tables and the lying/standing switch after day 730 from WHO anthro
 * (src/growth/data/PROVENANCE.md); checked 2026-11-25. Not a medical device: see
 * docs/clinical-safety/intended-use.md.
 */
import { daysPerMonth } from '../child-age/index.ts';
import { ChildHealthError } from '../errors.ts';
import { calculateCentileLineValues, lastLyingLengthDay, lastTableDay, ukWhoCentileLines, type GrowthMeasurement, type GrowthSex } from './centile.ts';
// UK-WHO charts draw no centile lines from birth to 2 weeks (RCPCH fact sheets); the same day 14 the weight prompts use.
import { firstCentileDay } from './weight-trajectory.ts';

/** Which age a chart plots: age from birth, or age corrected for being born early. */
export type GrowthChartAgeBasis = 'chronological' | 'corrected';

/** One measurement to plot, with the words its tooltip shows. */
export interface GrowthChartPointInput {
  /** Age from birth in whole days on the day of measuring; also puts the points in date order. */
  readonly ageInDays: number;
  /** Corrected age in days, or null when correction does not apply (the point is then left off a corrected-age chart). */
  readonly correctedAgeInDays: number | null;
  /** In the chart's unit: kg, cm, or kg/m² for BMI. */
  readonly value: number;
  /** The date as a person reads it, such as "3 March 2025". */
  readonly dateText: string;
  /** The centile as a person reads it, such as "50th centile (corrected age)". */
  readonly centileText: string;
}

/** What `buildGrowthChart` needs. */
export interface GrowthChartInput {
  readonly measurement: GrowthMeasurement;
  readonly sex: GrowthSex;
  readonly ageBasis: GrowthChartAgeBasis;
  readonly points: readonly GrowthChartPointInput[];
  /** Makes the title and description ids unique on the page: a letter, then letters, digits, "-" or "_". */
  readonly idPrefix: string;
  /** Only when the page chooses to name the child in the chart's title. */
  readonly childName?: string;
}

/** The ages a chart covers, in days. */
export interface GrowthChartRange {
  readonly startDay: number;
  readonly endDay: number;
}

/** One point on a drawn line, in days and units and in SVG coordinates. */
export interface GrowthChartLinePoint {
  readonly ageInDays: number;
  readonly value: number;
  readonly x: number;
  readonly y: number;
}

/** A centile line as drawn: length and BMI lines have two segments, either side of the lying-to-standing switch. */
export interface GrowthChartCentileLine {
  readonly label: string;
  readonly segments: readonly (readonly GrowthChartLinePoint[])[];
}

/** A plotted measurement and its tooltip. */
export interface GrowthChartPlottedPoint extends GrowthChartLinePoint {
  readonly title: string;
}

/** Why measurements were left off the chart, counted. */
export interface GrowthChartNotShown {
  readonly total: number;
  /** No age on the chosen basis (corrected age asked for, none given). */
  readonly noAgeOnBasis: number;
  /** Younger or older than the chart's range, such as BMI before 2 years or any measurement after 5 years. */
  readonly outsideAgeRange: number;
  /** Not a finite number. */
  readonly unreadable: number;
}

/** A built chart: the SVG to put in the page, the words it carries, and its geometry. */
export interface GrowthChart {
  /** One `<svg role="img">` element, every text XML-escaped; safe to insert as HTML. */
  readonly svg: string;
  readonly titleId: string;
  readonly descriptionId: string;
  readonly title: string;
  readonly description: string;
  readonly range: GrowthChartRange;
  readonly yRange: { readonly min: number; readonly max: number; readonly step: number };
  readonly centileLines: readonly GrowthChartCentileLine[];
  /** In date order. */
  readonly points: readonly GrowthChartPlottedPoint[];
  readonly shownCount: number;
  readonly notShown: GrowthChartNotShown;
  /** SVG x for an age in days. */
  readonly ageToX: (ageInDays: number) => number;
  /** SVG y for a value in the chart's unit. */
  readonly valueToY: (value: number) => number;
}

/** A programmer fault in what was passed to `buildGrowthChart`. */
export class GrowthChartInputError extends ChildHealthError {
  /** `problem` says what to change; it never repeats the input. */
  constructor(problem: string) {
    super('growth-chart-input-invalid', `The growth chart cannot be drawn: ${problem}.`);
  }
}

/** How each chart reads: its name, its y-axis name, unit, and the unit in words for the description. */
export const growthChartQuantities: Readonly<Record<GrowthMeasurement, { readonly name: string; readonly axisName: string; readonly unit: string; readonly unitWords: string }>> = {
  weight: { name: 'Weight', axisName: 'Weight', unit: 'kg', unitWords: 'kilograms' },
  length: { name: 'Length or height', axisName: 'Length or height', unit: 'cm', unitWords: 'centimetres' },
  headCircumference: { name: 'Head circumference', axisName: 'Head circumference', unit: 'cm', unitWords: 'centimetres' },
  bmi: { name: 'BMI (body mass index)', axisName: 'BMI', unit: 'kg/m²', unitWords: 'kilograms per square metre' },
};

type ChartQuantity = (typeof growthChartQuantities)[GrowthMeasurement];

/** The red book plots BMI from age 2 (the day the WHO length table switches to standing height). */
export const firstBmiDay = lastLyingLengthDay;

/** The first day of age 1 year: a child plotted on the 0 to 1 year chart is younger than this. */
export const firstDayOfYearOne = 365;

// Layout in viewBox units; the SVG scales to its container's width.
const width = 720;
const height = 480;
const plotLeft = 64;
const plotRight = 664;
const plotTop = 40;
const plotBottom = 420;
const colours = { centile: '#4c6272', child: '#005eb8', grid: '#d8dde0', text: '#212b32', background: '#ffffff' } as const;

/** Chooses the ages a chart covers from the ages it will plot: birth to 1 year, 2 years or 5 years; BMI always 2 to 5 years. */
export function selectGrowthChartRange(measurement: GrowthMeasurement, plottedAges: readonly number[]): GrowthChartRange {
  if (measurement === 'bmi') return { startDay: firstBmiDay, endDay: lastTableDay };
  const ages = plottedAges.filter((age) => Number.isFinite(age) && age >= 0 && age <= lastTableDay);
  const oldest = ages.length > 0 ? Math.max(...ages) : 0;
  if (oldest < firstDayOfYearOne) return { startDay: 0, endDay: firstDayOfYearOne };
  if (oldest <= lastLyingLengthDay) return { startDay: 0, endDay: lastLyingLengthDay };
  return { startDay: 0, endDay: lastTableDay };
}

const xmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for XML content and attribute values. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => xmlEntities[character] ?? character);
}

/** Builds the growth chart for one measurement: the SVG, its title and description, the counts of points shown and not shown. */
export function buildGrowthChart(input: GrowthChartInput): GrowthChart {
  if (!/^[A-Za-z][\w-]*$/.test(input.idPrefix)) throw new GrowthChartInputError('idPrefix must start with a letter and hold only letters, digits, "-" and "_"');
  if (!Object.hasOwn(growthChartQuantities, input.measurement)) throw new GrowthChartInputError('measurement must be weight, length, headCircumference or bmi');
  if (input.sex !== 'male' && input.sex !== 'female') throw new GrowthChartInputError('sex must be male or female');
  const listed = growthChartQuantities[input.measurement];

  // Sort by age from birth, which is date order for one child; equal ages keep the caller's order.
  const ordered = input.points.map((point, index) => ({ point, index })).sort((a, b) => a.point.ageInDays - b.point.ageInDays || a.index - b.index);
  const notShown = { noAgeOnBasis: 0, outsideAgeRange: 0, unreadable: 0 };
  const candidates: { point: GrowthChartPointInput; age: number }[] = [];
  for (const { point } of ordered) {
    const age = input.ageBasis === 'corrected' ? point.correctedAgeInDays : point.ageInDays;
    if (age === null) notShown.noAgeOnBasis += 1;
    else if (!Number.isFinite(age) || !Number.isFinite(point.value)) notShown.unreadable += 1;
    else candidates.push({ point, age });
  }
  const range = selectGrowthChartRange(
    input.measurement,
    candidates.map((candidate) => candidate.age),
  );
  // A chart that ends by day 730 holds only lying lengths, so it is a length chart.
  const quantity: ChartQuantity = input.measurement === 'length' && range.endDay <= lastLyingLengthDay ? { ...listed, name: 'Length', axisName: 'Length' } : listed;
  const shown = candidates.filter((candidate) => candidate.age >= range.startDay && candidate.age <= range.endDay);
  notShown.outsideAgeRange = candidates.length - shown.length;

  const lineDays = listCentileDays(input.measurement, range);
  const lineValues = lineDays.map((day) => ({ day, values: calculateCentileLineValues(input.measurement, input.sex, day) }));
  const lowest = Math.min(...lineValues.map((entry) => entry.values[0]?.value ?? Infinity), ...shown.map((candidate) => candidate.point.value));
  const highest = Math.max(...lineValues.map((entry) => entry.values[ukWhoCentileLines.length - 1]?.value ?? -Infinity), ...shown.map((candidate) => candidate.point.value));
  const yRange = chooseValueRange(lowest, highest);

  const ageToX = (ageInDays: number) => plotLeft + ((ageInDays - range.startDay) / (range.endDay - range.startDay)) * (plotRight - plotLeft);
  const valueToY = (value: number) => plotBottom - ((value - yRange.min) / (yRange.max - yRange.min)) * (plotBottom - plotTop);
  const place = (ageInDays: number, value: number): GrowthChartLinePoint => ({ ageInDays, value, x: roundCoordinate(ageToX(ageInDays)), y: roundCoordinate(valueToY(value)) });

  const centileLines: GrowthChartCentileLine[] = ukWhoCentileLines.map((line, lineIndex) => {
    const drawn = lineValues.map((entry) => place(entry.day, entry.values[lineIndex]?.value ?? Number.NaN));
    return { label: line.label, segments: splitAtStandingSwitch(input.measurement, drawn) };
  });
  const points: GrowthChartPlottedPoint[] = shown.map(({ point, age }) => ({
    ...place(age, point.value),
    title: `${formatNumber(point.value)} ${quantity.unit}, ${point.dateText}, ${point.centileText}`,
  }));

  const titleId = `${input.idPrefix}-title`;
  const descriptionId = `${input.idPrefix}-desc`;
  const sexWords = input.sex === 'male' ? 'boys' : 'girls';
  const rangeWords = describeRange(range);
  const title = `${quantity.name} chart${input.childName ? ` for ${input.childName}` : ''}: WHO Child Growth Standards for ${sexWords}, ${rangeWords}`;
  const notShownTotal = notShown.noAgeOnBasis + notShown.outsideAgeRange + notShown.unreadable;
  const description = describeChart({ input, quantity, sexWords, rangeWords, range, points: shown.map((candidate) => candidate.point), notShownTotal });

  const svg = renderSvg({ input, quantity, range, yRange, centileLines, points, title, description, titleId, descriptionId, ageToX, valueToY });
  const counts = { shownCount: points.length, notShown: { total: notShownTotal, ...notShown } };
  return { svg, titleId, descriptionId, title, description, range, yRange, centileLines, points, ...counts, ageToX, valueToY };
}

/** The days a centile line is drawn at: weekly to 1 year, fortnightly to 2 years, then every 4 weeks, plus each end and both sides of the lying-to-standing switch. */
function listCentileDays(measurement: GrowthMeasurement, range: GrowthChartRange): number[] {
  const first = Math.max(firstCentileDay, range.startDay);
  const days = new Set<number>([first, range.endDay]);
  for (let day = first; day <= range.endDay; day += day < firstDayOfYearOne ? 7 : day < lastLyingLengthDay ? 14 : 28) days.add(day);
  if (measurement === 'length' || measurement === 'bmi') for (const day of [lastLyingLengthDay, lastLyingLengthDay + 1]) if (day >= first && day <= range.endDay) days.add(day);
  return [...days].sort((a, b) => a - b);
}

/**
 * The length and BMI tables use lying length to day 730 and standing height from day 731, so their
 * lines step there (about 0.7 cm); the line is broken rather than joined by a steep stroke, as on the
 * UK-WHO charts. A segment of one point draws nothing, so the BMI lines start at day 731.
 */
function splitAtStandingSwitch(measurement: GrowthMeasurement, drawn: GrowthChartLinePoint[]): GrowthChartLinePoint[][] {
  if (measurement !== 'length' && measurement !== 'bmi') return [drawn];
  const segments = [drawn.filter((point) => point.ageInDays <= lastLyingLengthDay), drawn.filter((point) => point.ageInDays > lastLyingLengthDay)];
  return segments.filter((segment) => segment.length >= 2);
}

/** The y range: the 0.4th line's lowest to the 99.6th line's highest (and every plotted value), padded, on whole tick steps. */
function chooseValueRange(lowest: number, highest: number): { min: number; max: number; step: number } {
  const padding = Math.max((highest - lowest) * 0.04, 0.1);
  const step = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500].find((candidate) => (highest - lowest + 2 * padding) / candidate <= 20) ?? 1000;
  const min = Math.floor((lowest - padding) / step) * step;
  return { min: lowest >= 0 ? Math.max(0, min) : min, max: Math.ceil((highest + padding) / step) * step, step };
}

/** The age range in words, as the title and description say it. */
function describeRange(range: GrowthChartRange): string {
  const end = `${Math.round(range.endDay / (12 * daysPerMonth))} years`.replace(/^1 years$/, '1 year');
  return range.startDay === 0 ? `birth to ${end}` : `${Math.round(range.startDay / (12 * daysPerMonth))} to ${end}`;
}

/** The accessible description: which chart, whose standard, the range, how many points, and the latest one. */
function describeChart(args: {
  input: GrowthChartInput;
  quantity: ChartQuantity;
  sexWords: string;
  rangeWords: string;
  range: GrowthChartRange;
  points: readonly GrowthChartPointInput[];
  notShownTotal: number;
}): string {
  const { input, quantity, sexWords, rangeWords, range, points, notShownTotal } = args;
  const linesFrom = range.startDay === 0 ? '2 weeks' : '2 years';
  const sentences = [
    `${quantity.name} in ${quantity.unitWords} by ${input.ageBasis === 'corrected' ? 'corrected age (corrected for being born early)' : 'age'}, from ${rangeWords}.`,
    `The 9 centile lines of the WHO Child Growth Standards for ${sexWords}, from the 0.4th to the 99.6th centile, are drawn from ${linesFrom}.`,
  ];
  const latest = points.at(-1);
  if (!latest) sentences.push('No measurements are shown.');
  else {
    sentences.push(points.length === 1 ? '1 measurement is shown.' : `${points.length} measurements are shown, joined in date order.`);
    sentences.push(`The latest shown is ${formatNumber(latest.value)} ${quantity.unit} on ${latest.dateText}: ${latest.centileText}.`);
  }
  if (notShownTotal > 0) sentences.push(notShownTotal === 1 ? '1 measurement is not shown.' : `${notShownTotal} measurements are not shown.`);
  return sentences.join(' ');
}

/** The x-axis ticks: months (labelled each month to 1 year, every 2 to 2 years), then years; unlabelled ticks are minor. */
function listAgeTicks(range: GrowthChartRange): { day: number; label: string | null }[] {
  const ticks: { day: number; label: string | null }[] = [];
  const lastMonth = Math.round(range.endDay / daysPerMonth);
  const firstMonth = Math.round(range.startDay / daysPerMonth);
  const longChart = range.endDay > lastLyingLengthDay;
  for (let month = firstMonth; month <= lastMonth; month += longChart ? 3 : 1) {
    // Month M starts at M x 30.4375 days (WHO); the last tick is held to the chart's edge, a fraction of a day away.
    const day = Math.min(range.endDay, Math.max(range.startDay, month * daysPerMonth));
    let label: string | null;
    if (!longChart) label = lastMonth <= 12 || month % 2 === 0 ? String(month) : null;
    else if (month < 24 && month % 6 === 0) label = String(month);
    else if (month >= 24 && month % 12 === 0) label = `${month / 12} years`;
    else label = null;
    ticks.push({ day, label });
  }
  return ticks;
}

/** The x-axis title for a range. */
function describeAgeAxis(range: GrowthChartRange, basis: GrowthChartAgeBasis): string {
  const words = range.startDay > 0 ? 'years' : range.endDay > lastLyingLengthDay ? 'months, then years from 2' : 'months';
  return `${basis === 'corrected' ? 'Corrected age' : 'Age'} in ${words}`;
}

/** The SVG markup for a built chart. */
function renderSvg(args: {
  input: GrowthChartInput;
  quantity: ChartQuantity;
  range: GrowthChartRange;
  yRange: { min: number; max: number; step: number };
  centileLines: readonly GrowthChartCentileLine[];
  points: readonly GrowthChartPlottedPoint[];
  title: string;
  description: string;
  titleId: string;
  descriptionId: string;
  ageToX: (ageInDays: number) => number;
  valueToY: (value: number) => number;
}): string {
  const { input, quantity, range, yRange, centileLines, points, title, description, titleId, descriptionId, ageToX, valueToY } = args;
  const n = (value: number) => String(roundCoordinate(value));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="growth-chart" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMidYMid meet"` +
      ` role="img" aria-labelledby="${escapeXml(titleId)}" aria-describedby="${escapeXml(descriptionId)}" font-family="inherit" font-size="12">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(title)}</title>`,
    `<desc id="${escapeXml(descriptionId)}">${escapeXml(description)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${colours.background}"/>`,
  );

  // Grid and axes.
  const yTicks: number[] = [];
  for (let value = yRange.min; value <= yRange.max + yRange.step / 1000; value += yRange.step) yTicks.push(Math.round(value * 1000) / 1000);
  const decimals = yRange.step < 1 ? 1 : 0;
  const xTicks = listAgeTicks(range);
  parts.push(`<g stroke="${colours.grid}" stroke-width="1">`);
  for (const value of yTicks) parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${n(valueToY(value))}" y2="${n(valueToY(value))}"/>`);
  for (const tick of xTicks) if (tick.label !== null) parts.push(`<line x1="${n(ageToX(tick.day))}" x2="${n(ageToX(tick.day))}" y1="${plotTop}" y2="${plotBottom}"/>`);
  parts.push('</g>');
  parts.push(`<g stroke="${colours.text}" stroke-width="1"><path fill="none" d="M${plotLeft} ${plotTop}V${plotBottom}H${plotRight}"/>`);
  for (const value of yTicks) parts.push(`<line x1="${plotLeft - 5}" x2="${plotLeft}" y1="${n(valueToY(value))}" y2="${n(valueToY(value))}"/>`);
  for (const tick of xTicks) parts.push(`<line x1="${n(ageToX(tick.day))}" x2="${n(ageToX(tick.day))}" y1="${plotBottom}" y2="${plotBottom + (tick.label === null ? 3 : 6)}"/>`);
  parts.push('</g>');
  parts.push(`<g fill="${colours.text}">`);
  for (const value of yTicks) parts.push(`<text x="${plotLeft - 8}" y="${n(valueToY(value) + 4)}" text-anchor="end">${escapeXml(value.toFixed(decimals))}</text>`);
  for (const tick of xTicks) if (tick.label !== null) parts.push(`<text x="${n(ageToX(tick.day))}" y="${plotBottom + 20}" text-anchor="middle">${escapeXml(tick.label)}</text>`);
  parts.push(
    `<text x="${(plotLeft + plotRight) / 2}" y="${height - 12}" text-anchor="middle" font-size="13">${escapeXml(describeAgeAxis(range, input.ageBasis))}</text>`,
    `<text transform="translate(16 ${(plotTop + plotBottom) / 2}) rotate(-90)" text-anchor="middle" font-size="13">${escapeXml(`${quantity.axisName} (${quantity.unit})`)}</text>`,
    '</g>',
  );

  // Key, so nothing depends on colour alone: the measurements are a heavier line with circles.
  parts.push(
    `<g font-size="12" fill="${colours.text}">`,
    `<line x1="${plotLeft}" x2="${plotLeft + 24}" y1="18" y2="18" stroke="${colours.child}" stroke-width="2"/><circle cx="${plotLeft + 12}" cy="18" r="4" fill="${colours.child}"/>`,
    `<text x="${plotLeft + 30}" y="22">Measurements</text>`,
    `<line x1="${plotLeft + 140}" x2="${plotLeft + 164}" y1="18" y2="18" stroke="${colours.centile}" stroke-width="1"/>`,
    `<text x="${plotLeft + 170}" y="22">${escapeXml('Centile lines, WHO Child Growth Standards')}</text>`,
    '</g>',
  );

  // Centile lines, each labelled at its right end with its centile.
  parts.push(`<g fill="none" stroke="${colours.centile}" stroke-width="1" stroke-linejoin="round">`);
  for (const line of centileLines) {
    const d = line.segments.map((segment) => segment.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join('')).join('');
    parts.push(`<path data-centile="${escapeXml(line.label)}"${line.label === '50th' ? ' stroke-width="1.75"' : ''} d="${d}"/>`);
  }
  parts.push('</g>');
  parts.push(`<g fill="${colours.centile}" font-size="11">`);
  for (const label of placeCentileLabels(centileLines)) parts.push(`<text x="${plotRight + 4}" y="${n(label.y + 4)}">${escapeXml(label.label)}</text>`);
  parts.push('</g>');

  // The child's measurements: a line in date order and a circle each, with a tooltip.
  parts.push(`<g fill="${colours.child}" stroke="${colours.child}">`);
  const childPath = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join('');
  if (points.length >= 2) parts.push(`<path fill="none" stroke-width="2" stroke-linejoin="round" d="${childPath}"/>`);
  for (const point of points) {
    parts.push(`<circle cx="${point.x}" cy="${point.y}" r="4" stroke="${colours.background}" stroke-width="1"><title>${escapeXml(point.title)}</title></circle>`);
  }
  parts.push('</g>');
  parts.push('</svg>');
  return parts.join('');
}

/** Where each centile label goes at the right end: on its line, nudged apart where lines run close together. */
function placeCentileLabels(centileLines: readonly GrowthChartCentileLine[]): { label: string; y: number }[] {
  const gap = 11;
  const labels = centileLines.map((line) => ({ label: line.label, y: line.segments.at(-1)?.at(-1)?.y ?? plotBottom })).sort((a, b) => b.y - a.y);
  // Bottom (0.4th) upwards, then back down so no label is pushed above the plot.
  for (let index = 1; index < labels.length; index += 1) {
    const below = labels[index - 1];
    const label = labels[index];
    if (below && label && below.y - label.y < gap) label.y = below.y - gap;
  }
  for (let index = labels.length - 1; index >= 0; index -= 1) {
    const label = labels[index];
    const above = labels[index + 1];
    if (label && label.y < plotTop + 4) label.y = plotTop + 4;
    if (label && above && label.y - above.y < gap) label.y = above.y + gap;
  }
  return labels;
}

/** Rounds an SVG coordinate to 0.1 of a unit, which keeps a 5-year chart small. */
function roundCoordinate(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A measurement as the red book writes it: up to 2 decimal places, no thousands separator. */
function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}
