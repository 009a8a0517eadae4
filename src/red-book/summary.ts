/**
 * The red book summarised for a health professional: age (and corrected age), the latest of each
 * measurement with its centile, vaccines, screening and reviews, each with who recorded it. Pure: the
 * page passes the child's details, the entries and today.
 */
import { calculateCorrectedAge, type CorrectedAge } from '../child-age/index.ts';
import type { IsoDate } from '../dates/index.ts';
import type { GrowthMeasurement } from '../growth/index.ts';
import type { ImmunisationAssessment } from '../immunisation/index.ts';
import type { ChildDetails } from './child-details.ts';
import type { Entry } from './entries.ts';
import { assessChildReviews } from './health-reviews.ts';
import { assessChildImmunisations } from './immunisations.ts';
import { assessMeasurements, type AssessedMeasurement } from './measurements.ts';
import { assessScreening, type ScreeningStatus } from './screening.ts';

/** Everything the summary and the printable red book show. */
export interface RedBookSummary {
  readonly age: CorrectedAge;
  readonly measurements: readonly AssessedMeasurement[];
  /** The latest of each measurement (BMI only from age 2), in a fixed order. */
  readonly latestMeasurements: readonly AssessedMeasurement[];
  readonly weightPrompt: string | null;
  readonly immunisations: ImmunisationAssessment;
  readonly screening: readonly ScreeningStatus[];
  /** Checklist answers ("Can your baby see?" and "Can your baby hear?"), newest last. */
  readonly checklists: readonly Entry[];
  readonly reviews: ReturnType<typeof assessChildReviews>;
  readonly firsts: readonly Entry[];
}

const quantityOrder: readonly GrowthMeasurement[] = ['weight', 'length', 'headCircumference', 'bmi'];

/** Works out the summary of a child's red book on `today`. */
export function summariseRedBook(child: ChildDetails, recordEntries: readonly Entry[], today: IsoDate): RedBookSummary {
  const ofKind = (kind: Entry['kind']) => recordEntries.filter((entry) => entry.kind === kind);
  const { measurements, weightPrompt } = assessMeasurements(child, ofKind('measurement'));
  // assessMeasurements lists newest first, so the first of each quantity is its latest.
  const latestMeasurements = quantityOrder.flatMap((quantity) => measurements.find((measurement) => measurement.quantity === quantity) ?? []);
  const screeningEntries = ofKind('screening');
  return {
    age: calculateCorrectedAge(child.dateOfBirth, child.gestationAtBirth, today),
    measurements,
    latestMeasurements,
    weightPrompt,
    immunisations: assessChildImmunisations(child, ofKind('immunisation'), today),
    screening: assessScreening(child, screeningEntries, today),
    checklists: screeningEntries.filter((entry) => String((entry.data as { test?: unknown }).test).startsWith('can-your-baby')),
    reviews: assessChildReviews(child, ofKind('health-review'), today),
    firsts: ofKind('first'),
  };
}
