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

/** Up to `limit` non-stage guidance pages that share a topic with `current`, most important first. */
export function findRelatedGuidance<T extends LinkableGuidance>(all: readonly T[], current: T, limit = 4): T[] {
  const topics = new Set((current.topics ?? []).map((topic) => topic._id));
  const currentIsAboutLoss = topics.has(lossTopicId);
  return all
    .filter((candidate) => candidate._id !== current._id && candidate._type !== 'stage' && candidate.slug)
    .filter((candidate) => currentIsAboutLoss || !(candidate.topics ?? []).some((topic) => topic._id === lossTopicId))
    .map((candidate) => ({ candidate, shared: (candidate.topics ?? []).filter((topic) => topics.has(topic._id)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || (a.candidate.priority ?? 10) - (b.candidate.priority ?? 10) || (a.candidate.title ?? '').localeCompare(b.candidate.title ?? ''))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
