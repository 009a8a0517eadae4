import { describe, expect, test } from 'vitest';
import {
  assessWeightTrajectory,
  calculateCentile,
  calculateCentileLineValues,
  calculateLmsValue,
  getLmsParameters,
  ukWhoCentileLines,
  weightPromptMessage,
  type CentileInput,
} from '../../src/growth/index.ts';
import { normalCumulative } from '../../src/growth/normal-distribution.ts';
import { addDays } from '../../src/dates/index.ts';

const boy = { sex: 'male', measurement: 'weight', birthDate: '2025-01-01' } as const;

function on(days: number, from = '2025-01-01'): string {
  return addDays(from, days);
}

describe('the standard normal distribution', () => {
  test.each([
    [0, 0.5],
    [1.959964, 0.975],
    [-2, 0.0227501],
    [2.0537489, 0.98],
    [-8 / 3, 0.0038304],
  ])('P(Z < %d) = %d', (z, p) => {
    expect(normalCumulative(z)).toBeCloseTo(p, 6);
  });
});

describe('calculateCentile: WHO LMS z-scores (spot values from PROVENANCE.md)', () => {
  test.each<[string, CentileInput, number]>([
    ['boys weight day 0 at the median', { ...boy, measuredOn: on(0), value: 3.3464 }, 0],
    ['boys weight day 0 at the true 98th centile', { ...boy, measuredOn: on(0), value: 4.4509 }, 2.0537],
    ['boys weight day 365 at the true 2nd centile', { ...boy, measuredOn: on(365), value: 7.6947 }, -2.0537],
    ['girls weight day 365 at the true 2nd centile', { ...boy, sex: 'female', measuredOn: on(365), value: 6.9971 }, -2.0537],
    ['boys weight day 0 at -2 SD (2.4593 kg)', { ...boy, measuredOn: on(0), value: 2.4593 }, -2],
    ['boys length day 0 at the median', { ...boy, measurement: 'length', measuredOn: on(0), value: 49.8842 }, 0],
    ['girls head circumference day 0 at the median', { ...boy, sex: 'female', measurement: 'headCircumference', measuredOn: on(0), value: 33.8787 }, 0],
    ['boys BMI day 0 at the median', { ...boy, measurement: 'bmi', measuredOn: on(0), value: 13.4069 }, 0],
  ])('%s', (_name, input, z) => {
    const result = calculateCentile(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.z).toBeCloseTo(z, 3);
    expect(result.centile).toBeCloseTo(normalCumulative(z) * 100, 2);
  });

  test('the median is the 50th centile', () => {
    const result = calculateCentile({ ...boy, measuredOn: on(0), value: 3.3464 });
    expect(result).toMatchObject({ ok: true, ageInDays: 0, correctedAgeInDays: 0, ageBasis: 'chronological' });
    expect(result.ok && result.centile).toBeCloseTo(50, 5);
  });

  describe('length to day 730 and height from day 731, with the 0.7 cm adjustment', () => {
    const boyLength = { ...boy, measurement: 'length' } as const;
    test.each<[string, Partial<CentileInput> & { measuredOn: string; value: number }]>([
      ['day 730 lying at the lying median', { measuredOn: on(730), value: 87.8018, position: 'lying' }],
      ['day 730 with no position given is taken as lying', { measuredOn: on(730), value: 87.8018 }],
      ['day 730 standing gets 0.7 cm added', { measuredOn: on(730), value: 87.1018, position: 'standing' }],
      ['day 731 standing at the standing median', { measuredOn: on(731), value: 87.1303, position: 'standing' }],
      ['day 731 with no position given is taken as standing', { measuredOn: on(731), value: 87.1303 }],
      ['day 731 lying gets 0.7 cm taken off', { measuredOn: on(731), value: 87.8303, position: 'lying' }],
    ])('%s: z = 0', (_name, input) => {
      const result = calculateCentile({ ...boyLength, ...input });
      expect(result.ok && Math.abs(result.z) < 1e-9).toBe(true);
    });
  });

  test('weight beyond +3 SD uses the restricted z-score (one unit = the 2 to 3 SD distance)', () => {
    const lms = getLmsParameters('weight', 'male', 0);
    const sd3 = calculateLmsValue(3, lms);
    const sd2 = calculateLmsValue(2, lms);
    const result = calculateCentile({ ...boy, measuredOn: on(0), value: sd3 + (sd3 - sd2) });
    expect(result.ok && result.z).toBeCloseTo(4, 9);
  });

  test('weight below -3 SD uses the restricted z-score', () => {
    const lms = getLmsParameters('weight', 'female', 100);
    const sd3 = calculateLmsValue(-3, lms);
    const sd2 = calculateLmsValue(-2, lms);
    const result = calculateCentile({ ...boy, sex: 'female', measuredOn: on(100), value: sd3 - (sd2 - sd3) / 2 });
    expect(result.ok && result.z).toBeCloseTo(-3.5, 9);
  });

  test('head circumference beyond 3 SD is not restricted', () => {
    const lms = getLmsParameters('headCircumference', 'male', 0);
    const result = calculateCentile({ ...boy, measurement: 'headCircumference', measuredOn: on(0), value: calculateLmsValue(4, lms) });
    expect(result.ok && result.z).toBeCloseTo(4, 9);
  });

  test('a baby born early is read at corrected age while correction applies', () => {
    // Born at 32+0 (56 days early); measured at 100 days old, which is 44 days corrected.
    const preterm = calculateCentile({ ...boy, measuredOn: on(100), value: 4.5, gestationAtBirth: { weeks: 32, days: 0 } });
    const term = calculateCentile({ ...boy, measuredOn: on(44), value: 4.5 });
    expect(preterm).toMatchObject({ ok: true, ageInDays: 100, correctedAgeInDays: 44, ageBasis: 'corrected' });
    expect(preterm.ok && term.ok && preterm.z).toBeCloseTo(term.ok ? term.z : NaN, 12);
  });

  test.each<[string, Partial<CentileInput>, string]>([
    ['a weight of 0', { value: 0 }, 'value-not-positive'],
    ['a negative weight', { value: -3 }, 'value-not-positive'],
    ['a weight that is not a number', { value: Number.NaN }, 'value-not-positive'],
    ['a measurement before birth', { measuredOn: '2024-12-31' }, 'measured-before-birth'],
    ['an impossible date', { measuredOn: '2025-02-29' }, 'invalid-date'],
    ['an age past the tables (day 1827)', { measuredOn: on(1827) }, 'age-beyond-tables'],
    ['a preterm baby before term-corrected age', { measuredOn: on(20), gestationAtBirth: { weeks: 30, days: 0 } }, 'preterm-before-term'],
    ['an impossible gestation', { gestationAtBirth: { weeks: 50, days: 0 } }, 'invalid-gestation'],
    ['an unknown measurement', { measurement: 'armSpan' as never }, 'invalid-measurement'],
    ['an unknown sex', { sex: 'other' as never }, 'invalid-sex'],
  ])('refuses %s', (_name, change, reason) => {
    expect(calculateCentile({ ...boy, measuredOn: on(10), value: 3.5, ...change })).toEqual({ ok: false, reason });
  });

  test('the last day of the tables (1826) still has a centile', () => {
    expect(calculateCentile({ ...boy, measuredOn: on(1826), value: 18 }).ok).toBe(true);
  });
});

describe('UK-WHO chart centile lines', () => {
  test('nine lines, two-thirds of a standard deviation apart, labelled 0.4th to 99.6th', () => {
    expect(ukWhoCentileLines.map((line) => line.label)).toEqual(['0.4th', '2nd', '9th', '25th', '50th', '75th', '91st', '98th', '99.6th']);
    for (let index = 1; index < ukWhoCentileLines.length; index += 1) {
      expect((ukWhoCentileLines[index]?.z ?? 0) - (ukWhoCentileLines[index - 1]?.z ?? 0)).toBeCloseTo(2 / 3, 12);
    }
  });

  test('the 50th line is the median and the 2nd line is at z = -2', () => {
    const values = calculateCentileLineValues('weight', 'male', 0);
    expect(values.find((line) => line.label === '50th')?.value).toBeCloseTo(3.3464, 4);
    expect(values.find((line) => line.label === '2nd')?.value).toBeCloseTo(2.4593, 4);
  });
});

describe('assessWeightTrajectory: NICE NG75 thresholds', () => {
  const birthWeight = 3.3464; // the boys' median at birth: between the 9th and 91st centiles
  const weightAtZ = (z: number, day: number): number => calculateLmsValue(z, getLmsParameters('weight', 'male', day));
  const assess = (weights: { day: number; kg: number }[], birthWeightKg = birthWeight, extra: object = {}) =>
    assessWeightTrajectory({ sex: 'male', birthDate: '2025-01-01', birthWeightKg, weights: weights.map(({ day, kg }) => ({ measuredOn: on(day), weightKg: kg })), ...extra });
  const codes = (result: ReturnType<typeof assess>) => result.findings.map((finding) => finding.code);

  test.each([
    [3.0, true, 'loses 10.4%'],
    [3.02, false, 'loses 9.8%'],
    [birthWeight * 0.9, false, 'loses exactly 10%: not more than 10%'],
  ])('early days: a weight of %d kg on day 4 -> finding %s (%s)', (kg, expected) => {
    expect(codes(assess([{ day: 4, kg }])).includes('early-weight-loss-over-10-percent')).toBe(expected);
  });

  test.each([
    [20, 3.3, false, 'day 20 is still within 3 weeks'],
    [21, 3.3, true, 'day 21 below birth weight'],
    [21, birthWeight, false, 'day 21 back to birth weight'],
  ])('latest weight on day %i of %d kg -> not back to birth weight: %s (%s)', (day, kg, expected) => {
    expect(codes(assess([{ day, kg }])).includes('not-back-to-birth-weight-by-3-weeks')).toBe(expected);
  });

  test.each([
    [0, -1.3, false, 'birth between the 9th and 91st: a fall of 1.95 spaces'],
    [0, -1.34, true, 'birth between the 9th and 91st: a fall of 2.01 spaces'],
    [1.5, -0.45, false, 'birth above the 91st: a fall of 2.93 spaces'],
    [1.5, -0.55, true, 'birth above the 91st: a fall of 3.08 spaces'],
    [-1.4, -1.9, false, 'birth below the 9th: a fall of 0.75 spaces'],
    [-1.4, -2.1, true, 'birth below the 9th: a fall of 1.05 spaces'],
  ])('birth z %d, z %d at 60 days -> centile-fall finding %s (%s)', (birthZ, latestZ, expected) => {
    const result = assess([{ day: 60, kg: weightAtZ(latestZ, 60) }], weightAtZ(birthZ, 0));
    expect(codes(result).includes('fall-across-centile-spaces')).toBe(expected);
  });

  test('the threshold follows the birth weight band', () => {
    const result = assess([{ day: 60, kg: weightAtZ(-2.1, 60) }], weightAtZ(-1.4, 0));
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'fall-across-centile-spaces', threshold: 1 }));
  });

  test.each([
    [-2.01, true],
    [-1.99, false],
  ])('current weight at z %d -> below the 2nd centile: %s', (z, expected) => {
    expect(codes(assess([{ day: 90, kg: weightAtZ(z, 90) }], weightAtZ(-1.6, 0))).includes('below-2nd-centile')).toBe(expected);
  });

  test('centile falls are not judged in the first 2 weeks, when the charts have no centile lines', () => {
    expect(codes(assess([{ day: 13, kg: weightAtZ(-1.5, 13) }]))).not.toContain('fall-across-centile-spaces');
  });

  test('no finding means no message; any finding gives the one prompt, never a diagnosis', () => {
    expect(assess([{ day: 60, kg: weightAtZ(0, 60) }])).toEqual({ findings: [], message: null, notAssessed: [] });
    const prompted = assess([{ day: 4, kg: 2.9 }]);
    expect(prompted.message).toBe(weightPromptMessage);
    expect(prompted.message).toMatch(/health visitor or GP/);
    expect(prompted.message).not.toMatch(/faltering|failure|diagnos/i);
  });

  test('a baby born early cannot have a WHO birth-weight centile, and says so', () => {
    const result = assess([{ day: 80, kg: 3.2 }], 1.5, { gestationAtBirth: { weeks: 30, days: 0 } });
    expect(result.notAssessed).toContain('birth-centile-unavailable');
    expect(codes(result)).not.toContain('fall-across-centile-spaces');
  });

  test('no weights after birth: nothing to assess', () => {
    expect(assess([])).toEqual({ findings: [], message: null, notAssessed: [] });
  });
});
