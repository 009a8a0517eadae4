import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createRelatedGuidanceFinder, findRelatedGuidance, lossTopicId, type LinkableGuidance } from '../../src/content/related.ts';

/** A guide with the given topics (and priority, 10 when not given). */
function guide(id: string, topics: string[], priority: number | null = null, type: LinkableGuidance['_type'] = 'article'): LinkableGuidance {
  return { _id: id, _type: type, slug: id, title: id, summary: null, priority, topics: topics.map((_id) => ({ _id })) };
}

/** The rule written the plain way (every candidate scored and sorted for every page): the reference the fast finder must match. */
function findRelatedPlainly(all: readonly LinkableGuidance[], current: LinkableGuidance, limit = 4): string[] {
  const topics = new Set((current.topics ?? []).map((topic) => topic._id));
  return all
    .filter((candidate) => candidate._id !== current._id && candidate._type !== 'stage' && candidate.slug)
    .filter((candidate) => topics.has(lossTopicId) || !(candidate.topics ?? []).some((topic) => topic._id === lossTopicId))
    .map((candidate) => ({ candidate, shared: (candidate.topics ?? []).filter((topic) => topics.has(topic._id)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || (a.candidate.priority ?? 10) - (b.candidate.priority ?? 10) || (a.candidate.title ?? '').localeCompare(b.candidate.title ?? ''))
    .slice(0, limit)
    .map(({ candidate }) => candidate._id);
}

describe('related guidance: pages sharing a topic, most shared first, then by priority and title', () => {
  const pages = [
    guide('sleep-basics', ['sleep']),
    guide('safe-sleep', ['sleep', 'safety'], 1),
    guide('cot-safety', ['safety', 'sleep']),
    guide('night-feeds', ['sleep', 'feeding'], 5),
    guide('weaning', ['feeding']),
    guide('after-a-loss', ['sleep', lossTopicId]),
    guide('baby-month-3', ['sleep'], 1, 'stage'),
    guide('alpha-sleep', ['sleep']),
  ];
  test.each([
    ['two shared topics first, then priority, then title; never stages or the page itself', 'safe-sleep', ['cot-safety', 'night-feeds', 'alpha-sleep', 'sleep-basics']],
    ['one topic: priority first, then title', 'sleep-basics', ['safe-sleep', 'night-feeds', 'alpha-sleep', 'cot-safety']],
    ['pages about loss are not suggested to every family', 'weaning', ['night-feeds']],
    ['but are linked from other pages about loss', 'after-a-loss', ['safe-sleep', 'night-feeds', 'alpha-sleep', 'cot-safety']],
  ])('%s', (_name, currentId, expected) => {
    const current = pages.find((page) => page._id === currentId) as LinkableGuidance;
    expect(findRelatedGuidance(pages, current).map((page) => page._id)).toEqual(expected);
  });

  test('a page with no topics has no related pages', () => {
    expect(findRelatedGuidance(pages, guide('lonely', []))).toEqual([]);
  });

  test('one finder, asked for every page (as a build does), gives what the plain rule gives', () => {
    const topicIds = ['sleep', 'feeding', 'safety', 'crying', lossTopicId];
    const page = fc.record({
      _id: fc.uuid(),
      _type: fc.constantFrom('article', 'article', 'stage', 'symptomGuide', 'vaccine') as fc.Arbitrary<LinkableGuidance['_type']>,
      slug: fc.option(fc.constant('slug'), { freq: 8, nil: null }),
      title: fc.constantFrom('Apple', 'apple', 'Banana', 'Élan', 'zebra', 'Zebra', ''),
      summary: fc.constant(null),
      priority: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
      topics: fc.uniqueArray(fc.constantFrom(...topicIds), { maxLength: 3 }).map((ids) => ids.map((_id) => ({ _id }))),
    });
    fc.assert(
      fc.property(fc.uniqueArray(page, { selector: (candidate) => candidate._id, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (all, limit) => {
        const find = createRelatedGuidanceFinder(all, limit);
        for (const current of all) expect(find(current).map((candidate) => candidate._id)).toEqual(findRelatedPlainly(all, current, limit));
      }),
      { numRuns: 300 },
    );
  });
});
