import { describe, expect, test } from 'vitest';
import { assessHealthReviews, calculateReviewWindow, healthReviews } from '../../src/health-reviews/index.ts';
import { listNewbornScreening, bloodSpotConditions } from '../../src/screening/index.ts';
import { addDays } from '../../src/dates/index.ts';

describe('health visitor reviews', () => {
  test('there are five, in order', () => {
    expect(healthReviews.map((review) => review.code)).toEqual(['antenatal', 'new-baby', '6-to-8-weeks', '9-to-12-months', '2-to-2-and-a-half-years']);
  });

  test.each([
    ['antenatal', '2026-01-01', '2026-07-16', '2026-10-08', 'from 28+0 weeks to the due date'],
    ['new-baby', '2026-01-01', '2026-01-11', '2026-01-15', 'days 10 to 14'],
    ['6-to-8-weeks', '2026-01-01', '2026-02-12', '2026-03-04', 'days 42 to 62'],
    ['9-to-12-months', '2026-01-01', '2026-10-02', '2027-01-31', 'month 9 (day 274) to the day before month 13 (day 396)'],
    ['2-to-2-and-a-half-years', '2026-01-01', '2028-01-01', '2028-06-30', 'second birthday to the day before 30 months'],
    ['2-to-2-and-a-half-years', '2024-02-29', '2026-03-01', '2026-08-28', 'a leap-day birthday'],
  ] as const)('%s window from %s: %s to %s (%s)', (code, anchor, opensOn, closesOn, _description) => {
    expect(calculateReviewWindow(code, anchor)).toEqual({ opensOn, closesOn });
  });

  test.each([
    [9, 'not yet due'],
    [10, 'due'],
    [14, 'due'],
    [15, 'overdue'],
  ])('new baby review, not done, on day %i: %s', (days, status) => {
    const reviews = assessHealthReviews({ dateOfBirth: '2026-01-01', done: [], today: addDays('2026-01-01', days) });
    expect(reviews.find((review) => review.code === 'new-baby')?.status).toBe(status);
  });

  test('a review that was done is done, whatever the date', () => {
    const reviews = assessHealthReviews({ dateOfBirth: '2026-01-01', done: [{ code: 'new-baby', on: '2026-01-20' }], today: '2026-06-01' });
    expect(reviews.find((review) => review.code === 'new-baby')).toMatchObject({ status: 'done', doneOn: '2026-01-20', nextStep: null });
  });

  test('in pregnancy only the antenatal contact is assessed; after birth it is left out', () => {
    expect(assessHealthReviews({ lastPeriodStarted: '2026-01-01', done: [], today: '2026-07-16' }).map((review) => [review.code, review.status])).toEqual([['antenatal', 'due']]);
    expect(assessHealthReviews({ lastPeriodStarted: '2026-01-01', dateOfBirth: '2026-10-01', done: [], today: '2026-10-20' }).map((review) => review.code)).not.toContain('antenatal');
  });
});

describe('newborn screening', () => {
  test('the blood spot test screens for 10 conditions, including tyrosinaemia type 1', () => {
    expect(bloodSpotConditions).toHaveLength(10);
    expect(bloodSpotConditions.map((condition) => condition.code)).toContain('ht1');
  });

  test.each([
    [31, true],
    [32, false],
    [null, false],
  ])('born at %s weeks: repeat thyroid test listed: %s', (weeks, expected) => {
    expect(listNewbornScreening(weeks).some((item) => item.code === 'blood-spot-cht-repeat')).toBe(expected);
  });

  test('the blood spot test is expected from day 5', () => {
    expect(listNewbornScreening(40).find((item) => item.code === 'blood-spot')).toMatchObject({ fromDay: 5, toDay: 8 });
  });
});
