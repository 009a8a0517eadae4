/**
 * Every GROQ query the portal and the Studio run, as named functions and filters. Pages, endpoints
 * and the Studio's desk call these; nothing else writes GROQ. The same functions run on the bundled
 * dataset (groq-js) and on a Sanity project (`@sanity/client`, published perspective). Result types
 * are generated from the schema by `npm run content:types` (sanity schema extract + typegen) into
 * `sanity.types.ts`; they are never copied by hand.
 */
import { defineQuery } from 'groq';
import { ContentSourceError } from '../errors.ts';
import type { GroqParams, GroqSource } from './groq-source.ts';
import { lossTopicId } from './related.ts';
import type {
  AllGuidanceQueryResult,
  ArticlesQueryResult,
  GuidanceForDayQueryResult,
  GuidanceSnapshotQueryResult,
  PreviewGuidanceQueryResult,
  ReviewDueQueryResult,
  SiteSettingsQueryResult,
  StagesQueryResult,
  SymptomGuidesQueryResult,
  TimelineGuidanceQueryResult,
  TopicsQueryResult,
  VaccinesQueryResult,
} from './sanity.types.ts';

/** The document types that are guidance pages. */
export const guidanceTypes = ['stage', 'article', 'symptomGuide', 'vaccine'] as const;

/** Studio desk filter: the stages of one group (`$group`). */
export const stageGroupFilter = '_type == "stage" && stageGroup == $group';

/** Studio desk ordering of stages: by the first day they apply to. */
export const stageOrdering = [{ field: 'appliesTo[0].fromDay', direction: 'asc' }] as const;

/** Studio "Review due" filter: guidance (`$types`) whose next review is on or before `$dueBy`. */
export const reviewDueFilter = '_type in $types && defined(review.nextReviewDue) && review.nextReviewDue <= $dueBy';

/** Studio "Review due" ordering: soonest first. */
export const reviewDueOrdering = [{ field: 'review.nextReviewDue', direction: 'asc' }] as const;

/** Lists every stage, in age order: pregnancy, born early, baby, toddler. */
export const stagesQuery = defineQuery(`*[_type == "stage" && defined(slug.current)] | order(select(appliesTo[0].audience == "pregnancy" => 0, 1) asc, appliesTo[0].fromDay asc) {
  _id, _type, title, "slug": slug.current, summary, stageGroup, appliesTo[]{ audience, fromDay, toDay }, keyMessages, priority
}`);

/** Lists every article, by title. */
export const articlesQuery = defineQuery(`*[_type == "article" && defined(slug.current)] | order(title asc) {
  _id, _type, title, "slug": slug.current, summary, priority, "topics": topics[]->{ _id, title, "slug": slug.current }
}`);

/** Lists every "when to get help" guide, by title. */
export const symptomGuidesQuery = defineQuery(`*[_type == "symptomGuide" && defined(slug.current)] | order(title asc) {
  _id, _type, title, "slug": slug.current, summary
}`);

/** Lists every vaccine page, by title. */
export const vaccinesQuery = defineQuery(`*[_type == "vaccine" && defined(slug.current)] | order(title asc) {
  _id, _type, title, "slug": slug.current, summary, code
}`);

/** Lists every topic, in the editors' order. */
export const topicsQuery = defineQuery(`*[_type == "topic" && defined(slug.current)] | order(order asc, title asc) {
  _id, title, "slug": slug.current, description
}`);

/** The site settings document, or null. */
export const siteSettingsQuery = defineQuery(`*[_type == "siteSettings"][0] { serviceName, navigation[]{ label, href }, contactLinks[]{ label, href } }`);

/** Everything a guidance page shows. Shared by the full list and the preview query. */
const guidanceProjection = `{
  _id, _type, title, "slug": slug.current, summary, body, keyMessages, priority, ageBasis, language, stageGroup,
  appliesTo[]{ audience, fromDay, toDay },
  "topics": topics[]->{ _id, title, "slug": slug.current },
  sources[]{ title, publisher, url, accessedOn },
  "review": review{ status, reviewedOn, nextReviewDue, "reviewedBy": reviewedBy->{ name, role, jobTitle } },
  emergencySigns, urgentSigns, homeCare,
  code, protectsAgainst, whenGiven, howGiven, commonReactions,
  "updatedAt": _updatedAt
}`;

/** Every guidance document in full, for building its static page. */
export const allGuidanceQuery = defineQuery(`*[_type in ["stage", "article", "symptomGuide", "vaccine"] && defined(slug.current)] | order(_type asc, slug.current asc) ${guidanceProjection}`);

/** One guidance document of a type by slug, drafts first: for editors' preview through a drafts source. */
export const previewGuidanceQuery = defineQuery(`*[_type == $type && slug.current == $slug] | order(select(_id in path("drafts.**") => 0, 1) asc)[0] ${guidanceProjection}`);

/** Guidance whose next review is on or before `$dueBy`, soonest first (the Studio's "Review due"). */
export const reviewDueQuery = defineQuery(`*[_type in $types && defined(review.nextReviewDue) && review.nextReviewDue <= $dueBy] | order(review.nextReviewDue asc) {
  _id, _type, title, "nextReviewDue": review.nextReviewDue
}`);

/** Guidance whose `appliesTo` covers `$day` for `$audience`, best first (the timeline's matching). */
export const guidanceForDayQuery = defineQuery(`*[_type in ["stage", "article", "symptomGuide", "vaccine"] && count(appliesTo[audience == $audience && fromDay <= $day && toDay >= $day]) > 0] | order(priority asc, title asc) {
  _id, _type, title, "slug": slug.current, summary, keyMessages, ageBasis, priority
}`);

/** Every published guidance document, whole: the signed-in pages' in-memory snapshot, so they never ask Sanity on each request. */
export const guidanceSnapshotQuery = defineQuery(`*[_type in ["stage", "article", "symptomGuide", "vaccine"] && defined(slug.current)]`);

/**
 * Guidance (not stages) for a child's or a pregnancy's day, best first. Each document is matched on the
 * day its \`ageBasis\` names: actual age, or corrected age for a baby born early. Pages about loss are never
 * suggested to every family.
 */
export const timelineGuidanceQuery = defineQuery(`*[_type in ["article", "symptomGuide", "vaccine"] && defined(slug.current) && !references($lossTopicId) && (
  (ageBasis == "chronological" && count(appliesTo[audience == $audience && fromDay <= $chronologicalDay && toDay >= $chronologicalDay]) > 0) ||
  (ageBasis != "chronological" && count(appliesTo[audience == $audience && fromDay <= $correctedDay && toDay >= $correctedDay]) > 0)
)] | order(priority asc, title asc) { _id, _type, title, "slug": slug.current, summary, keyMessages, priority, ageBasis }`);

async function runQuery<T>(source: GroqSource, name: string, query: string, params: GroqParams = {}): Promise<T> {
  try {
    return (await source.fetch(query, params)) as T;
  } catch (error) {
    if (error instanceof ContentSourceError) throw error;
    throw new ContentSourceError(name, { cause: error });
  }
}

/** One whole guidance document, as pages render it. */
export type GuidanceDocument = AllGuidanceQueryResult[number];

/** Lists every stage, in age order. */
export const listStages = (source: GroqSource): Promise<StagesQueryResult> => runQuery(source, 'listStages', stagesQuery);

/** Lists every article, by title. */
export const listArticles = (source: GroqSource): Promise<ArticlesQueryResult> => runQuery(source, 'listArticles', articlesQuery);

/** Lists every "when to get help" guide. */
export const listSymptomGuides = (source: GroqSource): Promise<SymptomGuidesQueryResult> => runQuery(source, 'listSymptomGuides', symptomGuidesQuery);

/** Lists every vaccine page. */
export const listVaccines = (source: GroqSource): Promise<VaccinesQueryResult> => runQuery(source, 'listVaccines', vaccinesQuery);

/** Lists every topic. */
export const listTopics = (source: GroqSource): Promise<TopicsQueryResult> => runQuery(source, 'listTopics', topicsQuery);

/** Gets the site settings, or null. */
export const getSiteSettings = (source: GroqSource): Promise<SiteSettingsQueryResult> => runQuery(source, 'getSiteSettings', siteSettingsQuery);

/** Lists every guidance document in full. */
export const listGuidanceDocuments = (source: GroqSource): Promise<AllGuidanceQueryResult> => runQuery(source, 'listGuidanceDocuments', allGuidanceQuery);

/** Lists guidance due for review on or before `dueBy`, soonest first. */
export const listReviewDue = (source: GroqSource, dueBy: string): Promise<ReviewDueQueryResult> =>
  runQuery(source, 'listReviewDue', reviewDueQuery, { types: [...guidanceTypes], dueBy });

/** Lists guidance that applies on `day` for `audience`, best first. */
export const listGuidanceForDay = (source: GroqSource, audience: 'pregnancy' | 'child', day: number): Promise<GuidanceForDayQueryResult> =>
  runQuery(source, 'listGuidanceForDay', guidanceForDayQuery, { audience, day });

/** Lists every published guidance document, whole (for the in-memory snapshot). */
export const listGuidanceSnapshot = (source: GroqSource): Promise<GuidanceSnapshotQueryResult> => runQuery(source, 'listGuidanceSnapshot', guidanceSnapshotQuery);

/** Lists the guidance for a child's or pregnancy's matching days, best first (pages about loss left out). */
export const listTimelineGuidance = (
  source: GroqSource,
  days: { readonly audience: 'pregnancy' | 'child'; readonly chronologicalDay: number; readonly correctedDay: number },
): Promise<TimelineGuidanceQueryResult> =>
  runQuery(source, 'listTimelineGuidance', timelineGuidanceQuery, { audience: days.audience, chronologicalDay: days.chronologicalDay, correctedDay: days.correctedDay, lossTopicId });

/** Gets a guidance document for preview (a draft where there is one), or null. Only for a drafts source. */
export const getPreviewGuidance = (source: GroqSource, type: (typeof guidanceTypes)[number], slug: string): Promise<PreviewGuidanceQueryResult> =>
  runQuery(source, 'getPreviewGuidance', previewGuidanceQuery, { type, slug });
