/**
 * Every GROQ query the portal runs, as named functions with typed results. Pages and endpoints
 * call these; nothing else writes GROQ. The same functions run on the bundled dataset (groq-js)
 * and on a Sanity project (`@sanity/client`, published perspective).
 */
import { ContentSourceError } from '../errors.ts';
import type { GroqParams, GroqSource } from './groq-source.ts';

/** Who a piece of guidance is for: someone pregnant, or a child from birth. */
export type Audience = 'pregnancy' | 'child';

/**
 * A range of days a document applies to. Pregnancy days count from the first day of the last
 * period (day 280 is the due date); child days count from birth.
 */
export interface AppliesToRange {
  readonly audience: Audience;
  readonly fromDay: number;
  readonly toDay: number;
}

/** A source a page cites, with the date an editor last checked it. */
export interface Source {
  readonly title: string;
  readonly publisher: string;
  readonly url: string;
  readonly checkedOn: string | null;
}

/** One Portable Text block or custom block, as stored by Sanity. */
export interface PortableTextItem {
  readonly _type: string;
  readonly _key: string;
  readonly [field: string]: unknown;
}

/** The fields every list of guidance needs. */
export interface GuidanceSummary {
  readonly _id: string;
  readonly _type: 'stage' | 'article';
  readonly title: string;
  readonly slug: string;
  readonly summary: string;
  readonly appliesTo: readonly AppliesToRange[];
  readonly updatedAt: string;
}

/** A whole guidance page: a stage or an article. */
export interface GuidanceDocument extends GuidanceSummary {
  readonly body: readonly PortableTextItem[];
  readonly keyMessages: readonly string[];
  readonly sources: readonly Source[];
}

const summaryProjection = `{
  _id,
  _type,
  title,
  "slug": slug.current,
  summary,
  "appliesTo": coalesce(appliesTo[]{ audience, fromDay, toDay }, []),
  "updatedAt": _updatedAt
}`;

const documentProjection = `{
  _id,
  _type,
  title,
  "slug": slug.current,
  summary,
  "appliesTo": coalesce(appliesTo[]{ audience, fromDay, toDay }, []),
  "updatedAt": _updatedAt,
  "body": coalesce(body, []),
  "keyMessages": coalesce(keyMessages, []),
  "sources": coalesce(sources[]{ title, publisher, url, "checkedOn": coalesce(checkedOn, null) }, [])
}`;

async function runQuery<T>(source: GroqSource, name: string, query: string, params: GroqParams = {}): Promise<T> {
  try {
    return (await source.fetch(query, params)) as T;
  } catch (error) {
    if (error instanceof ContentSourceError) throw error;
    throw new ContentSourceError(name, { cause: error });
  }
}

/** Lists every stage, pregnancy first, then by the day it starts. */
export function listStages(source: GroqSource): Promise<GuidanceSummary[]> {
  return runQuery(
    source,
    'listStages',
    `*[_type == "stage" && defined(slug.current)] | order(appliesTo[0].audience desc, appliesTo[0].fromDay asc) ${summaryProjection}`,
  );
}

/** Lists every article, by title. */
export function listArticles(source: GroqSource): Promise<GuidanceSummary[]> {
  return runQuery(source, 'listArticles', `*[_type == "article" && defined(slug.current)] | order(title asc) ${summaryProjection}`);
}

/** Gets one stage by its slug, or null when there is none. */
export function getStageBySlug(source: GroqSource, slug: string): Promise<GuidanceDocument | null> {
  return runQuery(source, 'getStageBySlug', `*[_type == "stage" && slug.current == $slug][0] ${documentProjection}`, { slug });
}

/** Gets one article by its slug, or null when there is none. */
export function getArticleBySlug(source: GroqSource, slug: string): Promise<GuidanceDocument | null> {
  return runQuery(source, 'getArticleBySlug', `*[_type == "article" && slug.current == $slug][0] ${documentProjection}`, { slug });
}

/** Lists every guidance document in full, for building its static page. */
export function listGuidanceDocuments(source: GroqSource): Promise<GuidanceDocument[]> {
  return runQuery(
    source,
    'listGuidanceDocuments',
    `*[_type in ["stage", "article"] && defined(slug.current)] | order(_type asc, slug.current asc) ${documentProjection}`,
  );
}
