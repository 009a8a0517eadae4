/**
 * Newborn screening a red book records, with the days after birth each is expected.
 * Sources (checked 2026-11-25): gov.uk "Newborn blood spot screening" and "Tyrosinaemia screening
 * implemented in England" (14 October 2025: HT1 added, making 10 conditions); gov.uk "Newborn hearing
 * screening"; gov.uk "Newborn and infant physical examination (NIPE): eyes, heart, hips and testes"
 * (updated 11 August 2025). See docs/clinical-safety/hazard-log.md for points awaiting clinical review.
 */

/** The 10 conditions the blood spot (heel prick) test screens for in England. */
export const bloodSpotConditions = [
  { code: 'scd', name: 'sickle cell disease' },
  { code: 'cf', name: 'cystic fibrosis' },
  { code: 'cht', name: 'congenital hypothyroidism' },
  { code: 'pku', name: 'phenylketonuria' },
  { code: 'mcadd', name: 'medium-chain acyl-CoA dehydrogenase deficiency' },
  { code: 'msud', name: 'maple syrup urine disease' },
  { code: 'iva', name: 'isovaleric acidaemia' },
  { code: 'ga1', name: 'glutaric aciduria type 1' },
  { code: 'hcu', name: 'homocystinuria (pyridoxine unresponsive)' },
  { code: 'ht1', name: 'tyrosinaemia type 1' },
] as const;

/** A screening test and when it is expected, in days after birth (both inclusive). */
export interface ScreeningItem {
  readonly code: 'nipe-72-hours' | 'blood-spot' | 'hearing' | 'nipe-6-to-8-weeks' | 'blood-spot-cht-repeat';
  readonly name: string;
  readonly fromDay: number;
  readonly toDay: number;
  /** Only for babies born before 32 weeks. */
  readonly onlyIfBornBeforeWeeks?: number;
}

/** Screening in the order a baby has it. */
export const newbornScreening: readonly ScreeningItem[] = [
  // Physical examination within 72 hours of birth.
  { code: 'nipe-72-hours', name: 'Physical examination (eyes, heart, hips and testes) within 72 hours', fromDay: 0, toDay: 3 },
  // Blood spot ideally on day 5 (day of birth is day 0), and within days 5 to 8.
  { code: 'blood-spot', name: 'Blood spot (heel prick) test', fromDay: 5, toDay: 8 },
  // Hearing screening aims to find hearing loss within 4 to 5 weeks of birth.
  { code: 'hearing', name: 'Newborn hearing screening', fromDay: 0, toDay: 35 },
  // Babies born before 32 weeks have a second test for congenital hypothyroidism at 28 days or at discharge.
  { code: 'blood-spot-cht-repeat', name: 'Repeat blood spot test for congenital hypothyroidism', fromDay: 28, toDay: 28, onlyIfBornBeforeWeeks: 32 },
  { code: 'nipe-6-to-8-weeks', name: 'Physical examination at 6 to 8 weeks', fromDay: 42, toDay: 62 },
];

/** The screening a baby should have, given their gestation at birth in completed weeks. */
export function listNewbornScreening(gestationWeeksAtBirth: number | null): ScreeningItem[] {
  return newbornScreening.filter((item) => item.onlyIfBornBeforeWeeks === undefined || (gestationWeeksAtBirth !== null && gestationWeeksAtBirth < item.onlyIfBornBeforeWeeks));
}
