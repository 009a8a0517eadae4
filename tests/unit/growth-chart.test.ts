/** The server-rendered SVG growth chart: range, centile lines from 2 weeks, age basis, escaping, accessibility and size. */
// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { buildGrowthChart, GrowthChartInputError, selectGrowthChartRange, type GrowthChartInput, type GrowthChartPointInput } from '../../src/growth/chart.ts';
import { calculateCentileLineValues, ukWhoCentileLines, type GrowthMeasurement, type GrowthSex } from '../../src/growth/centile.ts';

const centileLabels = ukWhoCentileLines.map((line) => line.label);

/** A measurement at `ageInDays`, with corrected age only when given. */
function point(ageInDays: number, value: number, correctedAgeInDays: number | null = null): GrowthChartPointInput {
  return { ageInDays, correctedAgeInDays, value, dateText: `day ${ageInDays}`, centileText: '50th centile' };
}

/** A term girl weighed through her first year. */
const termGirlFirstYear: GrowthChartInput = {
  measurement: 'weight',
  sex: 'female',
  ageBasis: 'chronological',
  idPrefix: 'weight-chart',
  points: [point(5, 3.3), point(42, 4.6), point(120, 6.2), point(300, 8.4)],
};

/** A boy born at 30+0 weeks (70 days early); corrected age applies until 2 years corrected, so the last point has none. */
const bornAt30Weeks: GrowthChartInput = {
  measurement: 'weight',
  sex: 'male',
  ageBasis: 'chronological',
  idPrefix: 'preterm',
  points: [point(60, 2.4, -10), point(100, 3.6, 30), point(200, 6.1, 130), point(330, 8.2, 260), point(900, 11.9, null)],
};

/** A toddler measured to nearly 5 years. */
const toddlerToFiveYears = (measurement: GrowthMeasurement, sex: GrowthSex = 'male'): GrowthChartInput => ({
  measurement,
  sex,
  ageBasis: 'chronological',
  idPrefix: `chart-${measurement}`,
  points: measurement === 'bmi' ? [point(20, 13.4), point(400, 17), point(760, 16.2), point(1800, 15.4)] : [point(20, 4), point(400, 10), point(760, 50), point(1800, 100)],
});

/** Parses the SVG as XML (so bad escaping fails to parse) and returns its root. */
function parseSvg(svg: string): Element {
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document.documentElement;
}

/** The subpaths of an SVG path made of M and L commands, as [x, y] pairs. */
function readPath(d: string): [number, number][][] {
  return d
    .split('M')
    .filter(Boolean)
    .map((subpath) => subpath.split('L').map((pair) => pair.split(' ').map(Number) as [number, number]));
}

/** The centile paths of a rendered chart, in order from the 0.4th. */
function readCentilePaths(root: Element): { label: string; subpaths: [number, number][][] }[] {
  return [...root.querySelectorAll('path[data-centile]')].map((path) => ({ label: path.getAttribute('data-centile') ?? '', subpaths: readPath(path.getAttribute('d') ?? '') }));
}

describe('the age range is chosen from the ages plotted', () => {
  test.each([
    ['no measurements', [], 0, 365],
    ['oldest 364 days (under 1 year)', [10, 364], 0, 365],
    ['oldest 365 days (1 year)', [10, 365], 0, 730],
    ['oldest 730 days (last day of lying length)', [730], 0, 730],
    ['oldest 731 days (standing height)', [731], 0, 1826],
    ['oldest 1826 days (end of the tables)', [1826], 0, 1826],
    ['one beyond the tables, which does not widen the range', [100, 1827], 0, 365],
  ])('%s gives days %i to %i', (_name, ages, startDay, endDay) => {
    expect(selectGrowthChartRange('weight', ages)).toEqual({ startDay, endDay });
    const chart = buildGrowthChart({ ...termGirlFirstYear, points: ages.map((age) => point(age, 8)) });
    expect(chart.range).toEqual({ startDay, endDay });
  });

  test.each([[[]], [[100]], [[1826]]])('BMI always runs from 2 to 5 years (ages %j)', (ages) => {
    expect(selectGrowthChartRange('bmi', ages)).toEqual({ startDay: 730, endDay: 1826 });
  });
});

describe('centile lines start at 2 weeks, as on the UK-WHO charts', () => {
  test.each([
    ['weight, birth to 1 year', termGirlFirstYear],
    ['weight, birth to 2 years', { ...termGirlFirstYear, points: [point(500, 10)] }],
    ['length, birth to 5 years', toddlerToFiveYears('length')],
    ['head circumference, birth to 5 years', toddlerToFiveYears('headCircumference', 'female')],
  ])('%s: every line begins at day 14 and has no point before it', (_name, input) => {
    const chart = buildGrowthChart(input);
    const day14X = Math.round(chart.ageToX(14) * 10) / 10;
    for (const line of readCentilePaths(parseSvg(chart.svg))) {
      expect(line.subpaths[0]?.[0]?.[0]).toBe(day14X);
      expect(Math.min(...line.subpaths.flat().map(([x]) => x))).toBe(day14X);
    }
    for (const line of chart.centileLines) expect(line.segments[0]?.[0]?.ageInDays).toBe(14);
  });

  test('the lines run to the right edge of the range', () => {
    const chart = buildGrowthChart(toddlerToFiveYears('weight'));
    for (const line of chart.centileLines) expect(line.segments.at(-1)?.at(-1)?.ageInDays).toBe(1826);
  });
});

describe('nine centile lines, each labelled', () => {
  test.each(['weight', 'length', 'headCircumference', 'bmi'] as const)('%s has the 9 UK-WHO lines and a label for each', (measurement) => {
    const root = parseSvg(buildGrowthChart(toddlerToFiveYears(measurement)).svg);
    expect(readCentilePaths(root).map((line) => line.label)).toEqual(centileLabels);
    const labelTexts = [...root.querySelectorAll('text')].map((text) => text.textContent);
    for (const label of centileLabels) expect(labelTexts.filter((text) => text === label)).toHaveLength(1);
  });

  test('the 50th centile line is heavier than the others', () => {
    const root = parseSvg(buildGrowthChart(termGirlFirstYear).svg);
    expect(root.querySelector('path[data-centile="50th"]')?.getAttribute('stroke-width')).toBe('1.75');
    expect(root.querySelector('path[data-centile="9th"]')?.getAttribute('stroke-width')).toBeNull();
  });
});

describe('the 50th centile is drawn where the WHO tables put it', () => {
  test.each([
    ['weight', 'female', 14, termGirlFirstYear.points],
    ['weight', 'female', 182, termGirlFirstYear.points],
    ['weight', 'male', 364, termGirlFirstYear.points],
    ['length', 'male', 730, [point(700, 85)]],
    ['length', 'female', 1826, [point(1800, 108)]],
    ['headCircumference', 'male', 1826, [point(1800, 50)]],
    ['bmi', 'female', 1826, [point(1800, 15.5)]],
  ] as const)('%s for a %s at day %i', (measurement, sex, day, points) => {
    const chart = buildGrowthChart({ ...termGirlFirstYear, measurement, sex, points });
    const expected = calculateCentileLineValues(measurement, sex, day).find((line) => line.label === '50th')?.value ?? Number.NaN;
    const fifty = readCentilePaths(parseSvg(chart.svg)).find((line) => line.label === '50th');
    const vertex = fifty?.subpaths.flat().find(([x]) => x === Math.round(chart.ageToX(day) * 10) / 10);
    expect(vertex).toBeDefined();
    expect(Math.abs((vertex?.[1] ?? Number.NaN) - chart.valueToY(expected))).toBeLessThanOrEqual(0.05);
  });
});

describe('length to 2 years, then height', () => {
  test('the length lines break between day 730 (lying) and day 731 (standing), each side read from its own table row', () => {
    const chart = buildGrowthChart(toddlerToFiveYears('length'));
    for (const [index, line] of chart.centileLines.entries()) {
      expect(line.segments).toHaveLength(2);
      const [lying, standing] = line.segments;
      expect(lying?.at(-1)?.ageInDays).toBe(730);
      expect(standing?.[0]?.ageInDays).toBe(731);
      expect(lying?.at(-1)?.value).toBe(calculateCentileLineValues('length', 'male', 730)[index]?.value);
      expect(standing?.[0]?.value).toBe(calculateCentileLineValues('length', 'male', 731)[index]?.value);
    }
    for (const line of readCentilePaths(parseSvg(chart.svg))) expect(line.subpaths).toHaveLength(2);
  });

  test('weight lines are not broken at 2 years', () => {
    for (const line of buildGrowthChart(toddlerToFiveYears('weight')).centileLines) expect(line.segments).toHaveLength(1);
  });
});

describe('BMI from age 2', () => {
  test('the axis starts at day 730; a BMI at day 729 is left out and one at day 730 is drawn on the left edge', () => {
    const chart = buildGrowthChart({ ...toddlerToFiveYears('bmi'), points: [point(729, 16), point(730, 16.1), point(1000, 16)] });
    expect(chart.range.startDay).toBe(730);
    expect(chart.points.map((plotted) => plotted.ageInDays)).toEqual([730, 1000]);
    expect(chart.points[0]?.x).toBe(chart.ageToX(730));
    expect(chart.notShown).toEqual({ total: 1, noAgeOnBasis: 0, outsideAgeRange: 1, unreadable: 0 });
    expect(parseSvg(chart.svg).querySelectorAll('circle title')).toHaveLength(2);
  });

  test('the BMI lines start at day 731, from the standing-height table', () => {
    const chart = buildGrowthChart(toddlerToFiveYears('bmi'));
    for (const line of chart.centileLines) {
      expect(line.segments).toHaveLength(1);
      expect(line.segments[0]?.[0]?.ageInDays).toBe(731);
    }
  });
});

describe('age basis: chronological or corrected', () => {
  test('corrected age moves a preterm baby’s points left by the days born early', () => {
    const chronological = buildGrowthChart(bornAt30Weeks);
    const corrected = buildGrowthChart({ ...bornAt30Weeks, ageBasis: 'corrected' });
    expect(chronological.points.map((plotted) => plotted.ageInDays)).toEqual([60, 100, 200, 330, 900]);
    expect(corrected.points.map((plotted) => plotted.ageInDays)).toEqual([30, 130, 260]);
    expect(corrected.points[0]?.x).toBe(Math.round(corrected.ageToX(30) * 10) / 10);
    expect(chronological.points[1]?.x).toBe(Math.round(chronological.ageToX(100) * 10) / 10);
  });

  test('on corrected age, a point with no corrected age and one before the due date are counted as not shown', () => {
    const corrected = buildGrowthChart({ ...bornAt30Weeks, ageBasis: 'corrected' });
    expect(corrected.range).toEqual({ startDay: 0, endDay: 365 });
    expect(corrected.shownCount).toBe(3);
    expect(corrected.notShown).toEqual({ total: 2, noAgeOnBasis: 1, outsideAgeRange: 1, unreadable: 0 });
    expect(corrected.description).toContain('2 measurements are not shown.');
    expect(corrected.description).toContain('corrected age');
  });

  test('on chronological age the same baby needs the 5-year chart and every point is shown', () => {
    const chronological = buildGrowthChart(bornAt30Weeks);
    expect(chronological.range).toEqual({ startDay: 0, endDay: 1826 });
    expect(chronological.notShown.total).toBe(0);
  });
});

describe('the child’s points', () => {
  test('are joined in date order whatever order they come in, each circle titled with value, date and centile', () => {
    const chart = buildGrowthChart({ ...termGirlFirstYear, points: [...termGirlFirstYear.points].reverse() });
    const root = parseSvg(chart.svg);
    const line = root.querySelector(`path[stroke-width="2"]`);
    const vertices = readPath(line?.getAttribute('d') ?? '')[0] ?? [];
    expect(vertices.map(([x]) => x)).toEqual([5, 42, 120, 300].map((day) => Math.round(chart.ageToX(day) * 10) / 10));
    const titles = [...root.querySelectorAll('circle > title')].map((title) => title.textContent);
    expect(titles).toEqual(['3.3 kg, day 5, 50th centile', '4.6 kg, day 42, 50th centile', '6.2 kg, day 120, 50th centile', '8.4 kg, day 300, 50th centile']);
  });

  test('a point after 5 years is left out and counted', () => {
    const chart = buildGrowthChart({ ...termGirlFirstYear, points: [point(1826, 18), point(1827, 18.1)] });
    expect(chart.points.map((plotted) => plotted.ageInDays)).toEqual([1826]);
    expect(chart.notShown.outsideAgeRange).toBe(1);
  });

  test.each([
    ['a value that is not a number', point(100, Number.NaN)],
    ['an age that is not a number', point(Number.NaN, 6)],
  ])('%s is left out and counted as unreadable', (_name, bad) => {
    const chart = buildGrowthChart({ ...termGirlFirstYear, points: [point(100, 6), bad] });
    expect(chart.shownCount).toBe(1);
    expect(chart.notShown).toEqual({ total: 1, noAgeOnBasis: 0, outsideAgeRange: 0, unreadable: 1 });
  });

  test('no points draws the lines, no child line, and says so', () => {
    const chart = buildGrowthChart({ ...termGirlFirstYear, points: [] });
    const root = parseSvg(chart.svg);
    expect(root.querySelectorAll('circle title')).toHaveLength(0);
    expect(readCentilePaths(root)).toHaveLength(9);
    expect(chart.description).toContain('No measurements are shown.');
  });
});

describe('the y range', () => {
  test('runs from below the 0.4th line to above the 99.6th line over the whole range', () => {
    const chart = buildGrowthChart(termGirlFirstYear);
    const values = chart.centileLines.flatMap((line) => line.segments.flat().map((drawn) => drawn.value));
    expect(chart.yRange.min).toBeLessThan(Math.min(...values));
    expect(chart.yRange.max).toBeGreaterThan(Math.max(...values));
    expect(chart.yRange.max).toBeLessThan(20);
  });

  test.each([
    ['a high outlier', 25, (range: { min: number; max: number }) => range.max >= 25],
    ['a low outlier', 0.9, (range: { min: number; max: number }) => range.min <= 0.9],
  ])('widens to take in %s', (_name, value, covers) => {
    const chart = buildGrowthChart({ ...termGirlFirstYear, points: [...termGirlFirstYear.points, point(200, value)] });
    expect(covers(chart.yRange)).toBe(true);
    const outlier = chart.points.find((plotted) => plotted.value === value);
    expect(outlier?.y).toBeGreaterThanOrEqual(chart.valueToY(chart.yRange.max));
    expect(outlier?.y).toBeLessThanOrEqual(chart.valueToY(chart.yRange.min));
  });

  test.each([
    ['weight', 'kg'],
    ['length', 'cm'],
    ['headCircumference', 'cm'],
    ['bmi', 'kg/m²'],
  ] as const)('%s is labelled in %s on whole tick steps', (measurement, unit) => {
    const chart = buildGrowthChart(toddlerToFiveYears(measurement));
    const texts = [...parseSvg(chart.svg).querySelectorAll('text')].map((text) => text.textContent);
    expect(texts.some((text) => text?.endsWith(`(${unit})`))).toBe(true);
    expect(Number.isInteger(Math.round((chart.yRange.max - chart.yRange.min) / chart.yRange.step * 1e6) / 1e6)).toBe(true);
  });
});

describe('every text is escaped', () => {
  test('hostile date, centile and name text stays text', () => {
    const hostile = '<script>&"\'</script>';
    const chart = buildGrowthChart({ ...termGirlFirstYear, childName: hostile, points: [{ ...point(100, 6), dateText: hostile, centileText: `${hostile} centile` }] });
    expect(chart.svg).not.toContain('<script');
    const root = parseSvg(chart.svg);
    expect(root.querySelectorAll('script')).toHaveLength(0);
    expect(root.querySelector('circle > title')?.textContent).toBe(`6 kg, ${hostile}, ${hostile} centile`);
    expect(root.querySelector(':scope > title')?.textContent).toContain(hostile);
    expect(root.querySelector(':scope > desc')?.textContent).toContain(`on ${hostile}: ${hostile} centile.`);
  });
});

describe('accessible name and description', () => {
  test('one svg with role img, its title and desc ids from idPrefix: the title names it (aria-labelledby), the desc describes it (aria-describedby)', () => {
    const chart = buildGrowthChart(termGirlFirstYear);
    const root = parseSvg(chart.svg);
    expect(root.tagName).toBe('svg');
    expect(chart.svg.match(/<svg/g)).toHaveLength(1);
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-labelledby')).toBe('weight-chart-title');
    expect(root.getAttribute('aria-describedby')).toBe('weight-chart-desc');
    expect(root.querySelector(':scope > title')?.id).toBe('weight-chart-title');
    expect(root.querySelector(':scope > desc')?.id).toBe('weight-chart-desc');
    expect([chart.titleId, chart.descriptionId]).toEqual(['weight-chart-title', 'weight-chart-desc']);
  });

  test.each(['', '1chart', 'two words', 'x"y', 'a<b'])('idPrefix %j is refused', (idPrefix) => {
    expect(() => buildGrowthChart({ ...termGirlFirstYear, idPrefix })).toThrow(GrowthChartInputError);
  });

  test.each([
    [
      'a girl’s weight',
      termGirlFirstYear,
      ['Weight in kilograms by age, from birth to 1 year.', 'WHO Child Growth Standards for girls', 'drawn from 2 weeks', '4 measurements are shown', 'The latest shown is 8.4 kg on day 300: 50th centile.'],
    ],
    [
      'a boy’s BMI',
      toddlerToFiveYears('bmi'),
      ['BMI (body mass index) in kilograms per square metre', 'WHO Child Growth Standards for boys', 'from 2 to 5 years', 'drawn from 2 years', '2 measurements are shown', 'on day 1800', '2 measurements are not shown.'],
    ],
    ['a boy’s length', toddlerToFiveYears('length'), ['Length or height in centimetres', 'birth to 5 years', '4 measurements are shown']],
  ])('the description of %s says what it shows', (_name, input, phrases) => {
    const chart = buildGrowthChart(input);
    for (const phrase of phrases) expect(chart.description).toContain(phrase);
    expect(parseSvg(chart.svg).querySelector(':scope > desc')?.textContent).toBe(chart.description);
  });

  test.each([
    ['to 2 years is a length chart', [point(700, 85)], 'Length chart: WHO Child Growth Standards for boys, birth to 2 years', 'Length (cm)'],
    ['past 2 years is a length or height chart', [point(731, 87)], 'Length or height chart: WHO Child Growth Standards for boys, birth to 5 years', 'Length or height (cm)'],
  ])('a chart of lying lengths %s', (_name, points, title, axis) => {
    const chart = buildGrowthChart({ ...toddlerToFiveYears('length'), points });
    expect(chart.title).toBe(title);
    expect([...parseSvg(chart.svg).querySelectorAll('text')].map((text) => text.textContent)).toContain(axis);
  });

  test('the title names the child only when the page passes a name', () => {
    expect(buildGrowthChart(termGirlFirstYear).title).toBe('Weight chart: WHO Child Growth Standards for girls, birth to 1 year');
    expect(buildGrowthChart({ ...termGirlFirstYear, childName: 'Amira' }).title).toBe('Weight chart for Amira: WHO Child Growth Standards for girls, birth to 1 year');
  });
});

describe('prints and scales cleanly', () => {
  test('sized by viewBox at 100% width, inheriting the font, in NHS blue and dark grey', () => {
    const root = parseSvg(buildGrowthChart(termGirlFirstYear).svg);
    expect(root.getAttribute('viewBox')).toBe('0 0 720 480');
    expect(root.getAttribute('width')).toBe('100%');
    expect(root.getAttribute('height')).toBeNull();
    expect(root.getAttribute('font-family')).toBe('inherit');
    expect(root.querySelector('path[data-centile]')?.parentElement?.getAttribute('stroke')).toBe('#4c6272');
    expect(root.querySelector('circle > title')?.parentElement?.parentElement?.getAttribute('stroke')).toBe('#005eb8');
  });

  test.each(['weight', 'length', 'headCircumference', 'bmi'] as const)('a 5-year %s chart with 60 points is under 30 KB', (measurement) => {
    const points = Array.from({ length: 60 }, (_, index) => point(730 + index * 18, measurement === 'bmi' ? 16 : 14));
    const chart = buildGrowthChart({ ...toddlerToFiveYears(measurement), points });
    expect(chart.range.endDay).toBe(1826);
    expect(Buffer.byteLength(chart.svg, 'utf8')).toBeLessThan(30 * 1024);
  });
});
