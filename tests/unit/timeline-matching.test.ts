/**
 * Guidance matched to a child's or pregnancy's day by GROQ (the same query that runs on Sanity), over a
 * small named dataset: each document on its own ageBasis, ranges inclusive at both ends, pages about loss never.
 */
import { describe, expect, test } from 'vitest';
import { createDatasetSource, type SanityDocument } from '../../src/content/dataset.ts';
import { listTimelineGuidance } from '../../src/content/queries.ts';
import { childToMatchDays, pregnancyToMatchDays } from '../../src/timeline/index.ts';

const range = (audience: 'child' | 'pregnancy', fromDay: number, toDay: number) => ({ _type: 'appliesToRange', _key: `${audience}-${fromDay}`, audience, fromDay, toDay });
const article = (id: string, ageBasis: 'corrected' | 'chronological', ranges: ReturnType<typeof range>[], extra: Record<string, unknown> = {}): SanityDocument => ({
  _id: id,
  _type: 'article',
  title: id,
  slug: { _type: 'slug', current: id },
  ageBasis,
  priority: 10,
  appliesTo: ranges,
  ...extra,
});

const source = createDatasetSource([
  article('feeding-first-month', 'corrected', [range('child', 0, 30)]),
  article('vaccines-at-8-weeks', 'chronological', [range('child', 56, 90)]),
  article('crying-peak', 'corrected', [range('child', 31, 90)]),
  article('sleep-safety', 'chronological', [range('child', 0, 365)], { priority: 1 }),
  article('pregnancy-week-20-scan', 'chronological', [range('pregnancy', 133, 146)]),
  article('losing-a-baby', 'chronological', [range('child', 0, 365), range('pregnancy', 0, 300)], { topics: [{ _type: 'reference', _ref: 'topic-loss-and-grief', _key: 'loss' }] }),
  { _id: 'drafts.feeding-first-month', _type: 'article', title: 'draft', slug: { _type: 'slug', current: 'draft' }, ageBasis: 'corrected', priority: 0, appliesTo: [range('child', 0, 1000)] },
]);

const slugsFor = async (days: Parameters<typeof listTimelineGuidance>[1]) => (await listTimelineGuidance(source, days)).map((document) => document.slug);
const child = (dateOfBirth: string, weeks: number) => ({ dateOfBirth, gestationAtBirth: { weeks, days: 0 } });

describe('listTimelineGuidance', () => {
  test.each([
    // Term baby at 70 days: both ages are 70.
    ['a term baby at day 70', childToMatchDays(child('2026-01-01', 40), '2026-03-12'), ['sleep-safety', 'crying-peak', 'vaccines-at-8-weeks']],
    // Born at 30+0 and 100 days old: corrected day 30. Corrected guidance goes by 30, chronological by 100.
    ['a baby born at 30 weeks, 100 days old (corrected 30)', childToMatchDays(child('2026-01-01', 30), '2026-04-11'), ['sleep-safety', 'feeding-first-month']],
    // The same baby a day later: corrected day 31, so the crying guidance starts and first-month feeding ends.
    ['the same baby a day later (corrected 31)', childToMatchDays(child('2026-01-01', 30), '2026-04-12'), ['sleep-safety', 'crying-peak']],
    // Before the due date the corrected day is negative: corrected-age guidance from day 0 does not match yet.
    ['a baby born at 30 weeks, 10 days old (corrected -60)', childToMatchDays(child('2026-01-01', 30), '2026-01-11'), ['sleep-safety']],
    ['range ends are inclusive: chronological day 56', { audience: 'child', chronologicalDay: 56, correctedDay: 56 }, ['sleep-safety', 'crying-peak', 'vaccines-at-8-weeks']],
    ['range ends are inclusive: chronological day 91 is past the 8-week page', { audience: 'child', chronologicalDay: 91, correctedDay: 91 }, ['sleep-safety']],
    ['20 weeks pregnant (day 140)', pregnancyToMatchDays({ dueDate: '2026-06-01' }, '2026-01-12'), ['pregnancy-week-20-scan']],
    ['19 weeks pregnant (day 132) is before the scan page', pregnancyToMatchDays({ dueDate: '2026-06-01' }, '2026-01-04'), []],
  ] as const)('%s', async (_case, days, expected) => {
    expect(await slugsFor(days)).toEqual(expected);
  });

  test('pages about loss and drafts are never matched, whatever the day', async () => {
    for (const day of [0, 30, 100, 300]) {
      const slugs = [...(await slugsFor({ audience: 'child', chronologicalDay: day, correctedDay: day })), ...(await slugsFor({ audience: 'pregnancy', chronologicalDay: day, correctedDay: day }))];
      expect(slugs).not.toContain('losing-a-baby');
      expect(slugs).not.toContain('draft');
    }
  });

  test('twins share a date of birth and gestation, so they are matched to the same guidance', async () => {
    const twin = child('2026-01-01', 35);
    expect(await slugsFor(childToMatchDays(twin, '2026-03-12'))).toEqual(await slugsFor(childToMatchDays({ ...twin }, '2026-03-12')));
  });
});
