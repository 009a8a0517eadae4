/**
 * Links between guidance pages: the previous and next stage, and related guidance by topic. Pages
 * about loss are linked only from other pages about loss, never suggested to every family.
 */
import type { GuidanceType } from './paths.ts';

/** The fields needed to link one page to another. */
export interface LinkableGuidance {
  readonly _id: string;
  readonly _type: GuidanceType;
  readonly slug: string | null;
  readonly title: string | null;
  readonly summary: string | null;
  readonly priority: number | null;
  readonly stageGroup?: string | null;
  readonly keyMessages?: readonly string[] | null;
  readonly topics?: readonly { readonly _id: string }[] | null;
  readonly appliesTo?: readonly { readonly audience: string | null; readonly fromDay: number | null }[] | null;
}

/** The topic whose pages are only suggested to families who are already reading about loss. */
export const lossTopicId = 'topic-loss-and-grief';

function startDay(stage: LinkableGuidance): number {
  const range = stage.appliesTo?.[0];
  // Pregnancy first, then the first two years.
  return (range?.audience === 'pregnancy' ? -1000 : 0) + (range?.fromDay ?? 0);
}

/** The previous and next stage: pregnancy week by week, then the baby's months and toddler stages. "Born early" leads into the first month. */
export function findNeighbouringStages<T extends LinkableGuidance>(stages: readonly T[], current: T): { previous: T | null; next: T | null } {
  const sequence = stages.filter((stage) => stage._type === 'stage' && stage.stageGroup !== 'born-early').sort((a, b) => startDay(a) - startDay(b));
  if (current.stageGroup === 'born-early') {
    return { previous: null, next: sequence.find((stage) => stage.stageGroup === 'baby') ?? null };
  }
  const index = sequence.findIndex((stage) => stage._id === current._id);
  if (index < 0) return { previous: null, next: null };
  return { previous: sequence[index - 1] ?? null, next: sequence[index + 1] ?? null };
}

/**
 * A finder of related guidance for one set of pages. A build asks once for every page, so the pages are
 * ranked once (priority, then title) and each combination of topics is worked out once: the cost grows
 * with the number of pages times the number of distinct topic combinations, not with the pages squared.
 */
export function createRelatedGuidanceFinder<T extends LinkableGuidance>(all: readonly T[], limit = 4): (current: T) => T[] {
  const collator = new Intl.Collator();
  const ranked = all
    .filter((candidate) => candidate._type !== 'stage' && candidate.slug)
    .sort((a, b) => (a.priority ?? 10) - (b.priority ?? 10) || collator.compare(a.title ?? '', b.title ?? ''));
  const byTopics = new Map<string, T[]>();
  return (current) => {
    const topicIds = [...new Set((current.topics ?? []).map((topic) => topic._id))].sort();
    const key = topicIds.join('\n');
    let best = byTopics.get(key);
    if (!best) {
      const topics = new Set(topicIds);
      const currentIsAboutLoss = topics.has(lossTopicId);
      const scored: { candidate: T; shared: number; position: number }[] = [];
      for (const [position, candidate] of ranked.entries()) {
        if (!currentIsAboutLoss && (candidate.topics ?? []).some((topic) => topic._id === lossTopicId)) continue;
        const shared = (candidate.topics ?? []).filter((topic) => topics.has(topic._id)).length;
        if (shared > 0) scored.push({ candidate, shared, position });
      }
      // One more than needed: the page itself may be among them.
      best = scored
        .sort((a, b) => b.shared - a.shared || a.position - b.position)
        .slice(0, limit + 1)
        .map(({ candidate }) => candidate);
      byTopics.set(key, best);
    }
    return best.filter((candidate) => candidate._id !== current._id).slice(0, limit);
  };
}

/** Up to `limit` non-stage guidance pages that share a topic with `current`, most important first (then by title). */
export function findRelatedGuidance<T extends LinkableGuidance>(all: readonly T[], current: T, limit = 4): T[] {
  return createRelatedGuidanceFinder(all, limit)(current);
}
