/**
 * Prompts about a baby's weight, from NICE NG75 "Faltering growth: recognition and management of
 * faltering growth in children" (published 27 September 2017), checked 2026-11-25:
 * - 1.1.1 and 1.1.2: some weight loss in the early days is common; more than 10% of birth weight
 *   lost needs assessment; most babies are back to their birth weight by 3 weeks.
 * - 1.2 (thresholds for concern): a fall across 1 or more weight centile spaces if birth weight was
 *   below the 9th centile; 2 or more if it was between the 9th and 91st; 3 or more if above the 91st;
 *   or current weight below the 2nd centile for age, whatever the birth weight.
 * These produce a prompt to talk to a health visitor or GP, never a diagnosis.
 */
import { calculateAgeInDays, type Gestation } from '../child-age/index.ts';
import type { IsoDate } from '../dates/index.ts';
import { calculateCentile, centileSpaceZ, type GrowthSex } from './centile.ts';

/** What the assessment looks at. */
export interface WeightTrajectoryInput {
  readonly sex: GrowthSex;
  readonly birthDate: IsoDate;
  readonly birthWeightKg: number;
  readonly gestationAtBirth?: Gestation;
  /** Weights after birth, in any order. */
  readonly weights: readonly { readonly measuredOn: IsoDate; readonly weightKg: number }[];
}

/** One NG75 threshold that the weights cross. */
export type WeightFinding =
  | { readonly code: 'early-weight-loss-over-10-percent'; readonly percentLost: number; readonly source: 'NICE NG75 1.1.2' }
  | { readonly code: 'not-back-to-birth-weight-by-3-weeks'; readonly source: 'NICE NG75 1.1.1' }
  | { readonly code: 'fall-across-centile-spaces'; readonly spacesFallen: number; readonly threshold: 1 | 2 | 3; readonly source: 'NICE NG75 1.2' }
  | { readonly code: 'below-2nd-centile'; readonly source: 'NICE NG75 1.2' };

/** The findings and the one sentence to show when there are any. */
export interface WeightTrajectoryAssessment {
  readonly findings: readonly WeightFinding[];
  /** Null when nothing crosses a threshold. */
  readonly message: string | null;
  /** Why some checks could not be made (for example a baby not yet at their due date). */
  readonly notAssessed: readonly ('birth-centile-unavailable' | 'latest-centile-unavailable')[];
}

/** "Early days": NG75 says weight loss usually stops by day 3 or 4 and most babies regain by 3 weeks. */
export const earlyDaysEndDay = 21;

/** UK-WHO charts have no centile lines in the first 2 weeks, so centile falls are judged from day 14. */
export const firstCentileDay = 14;

/** The sentence families see when a threshold is crossed. Not a diagnosis. */
export const weightPromptMessage =
  "Talk to your health visitor or GP about your baby's weight. They can check how feeding is going and how your baby is growing.";

/** Checks a baby's weights against the NICE NG75 thresholds for concern. */
export function assessWeightTrajectory(input: WeightTrajectoryInput): WeightTrajectoryAssessment {
  const findings: WeightFinding[] = [];
  const notAssessed: ('birth-centile-unavailable' | 'latest-centile-unavailable')[] = [];
  const weights = [...input.weights]
    .map((weight) => ({ ...weight, ageInDays: calculateAgeInDays(input.birthDate, weight.measuredOn) }))
    .filter((weight) => weight.ageInDays > 0 && weight.weightKg > 0)
    .sort((a, b) => a.ageInDays - b.ageInDays);
  const latest = weights.at(-1);
  if (!latest || !(input.birthWeightKg > 0)) return { findings, message: null, notAssessed };

  // NG75 1.1.2: more than 10% of birth weight lost in the early days.
  const earliestLowest = weights.filter((weight) => weight.ageInDays <= earlyDaysEndDay).reduce<number | null>((lowest, weight) => (lowest === null || weight.weightKg < lowest ? weight.weightKg : lowest), null);
  if (earliestLowest !== null) {
    const percentLost = ((input.birthWeightKg - earliestLowest) / input.birthWeightKg) * 100;
    if (percentLost > 10) findings.push({ code: 'early-weight-loss-over-10-percent', percentLost: Math.round(percentLost * 10) / 10, source: 'NICE NG75 1.1.2' });
  }

  // NG75 1.1.1: most babies are back to birth weight by 3 weeks. Judged on the latest weight.
  if (latest.ageInDays >= earlyDaysEndDay && latest.weightKg < input.birthWeightKg) {
    findings.push({ code: 'not-back-to-birth-weight-by-3-weeks', source: 'NICE NG75 1.1.1' });
  }

  const common = { sex: input.sex, birthDate: input.birthDate, measurement: 'weight' as const, ...(input.gestationAtBirth ? { gestationAtBirth: input.gestationAtBirth } : {}) };
  const latestCentile = calculateCentile({ ...common, measuredOn: latest.measuredOn, value: latest.weightKg });
  if (!latestCentile.ok) {
    notAssessed.push('latest-centile-unavailable');
  } else {
    // NG75 1.2: below the 2nd centile (the chart's 2nd centile line is z = -2).
    if (latestCentile.correctedAgeInDays >= firstCentileDay && latestCentile.z < -2) findings.push({ code: 'below-2nd-centile', source: 'NICE NG75 1.2' });

    const birthCentile = calculateCentile({ ...common, measuredOn: input.birthDate, value: input.birthWeightKg });
    if (!birthCentile.ok) {
      notAssessed.push('birth-centile-unavailable');
    } else if (latestCentile.correctedAgeInDays >= firstCentileDay) {
      // Centile bands of birth weight by chart line: below the 9th (z -4/3), above the 91st (z +4/3).
      const threshold: 1 | 2 | 3 = birthCentile.z < -4 / 3 ? 1 : birthCentile.z > 4 / 3 ? 3 : 2;
      const spacesFallen = (birthCentile.z - latestCentile.z) / centileSpaceZ;
      // A tiny tolerance so a fall of exactly one space, computed in floating point, counts.
      if (spacesFallen >= threshold - 1e-9) {
        findings.push({ code: 'fall-across-centile-spaces', spacesFallen: Math.round(spacesFallen * 100) / 100, threshold, source: 'NICE NG75 1.2' });
      }
    }
  }

  return { findings, message: findings.length > 0 ? weightPromptMessage : null, notAssessed };
}
