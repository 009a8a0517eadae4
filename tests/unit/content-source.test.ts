/**
 * The content queries, run with the same cases on both sources: the bundled dataset through
 * groq-js, and Sanity through the real @sanity/client talking to a local stand-in server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatasetSource, parseDatasetNdjson } from '../../src/content/dataset.ts';
import type { GroqSource } from '../../src/content/groq-source.ts';
import { getArticleBySlug, getStageBySlug, listArticles, listGuidanceDocuments, listStages } from '../../src/content/queries.ts';
import { createSanitySource } from '../../site/lib/content-source.ts';
import { startSanityQueryServer, type SanityQueryServer } from '../fixtures/sanity-query-server.ts';

const fixtureDocuments = parseDatasetNdjson(readFileSync(new URL('../fixtures/content/fixture.ndjson', import.meta.url), 'utf8'));

let server: SanityQueryServer;
const sources: Record<'dataset' | 'sanity', () => GroqSource> = {
  dataset: () => createDatasetSource(fixtureDocuments),
  sanity: () =>
    createSanitySource({ kind: 'sanity', projectId: 'fixture', dataset: 'production', apiVersion: '2025-02-19', token: null, apiHost: server.url }),
};

beforeAll(async () => {
  server = await startSanityQueryServer(fixtureDocuments, 'production');
});
afterAll(async () => {
  await server.close();
});

describe.each(['dataset', 'sanity'] as const)('content queries on the %s source', (kind) => {
  const source = (): GroqSource => sources[kind]();

  test('says which kind of source it is', () => {
    expect(source().kind).toBe(kind);
  });

  test('lists stages with pregnancy first, then by the day each starts', async () => {
    const stages = await listStages(source());
    expect(stages.map((stage) => stage.slug)).toEqual(['pregnancy-week-8', 'pregnancy-week-12', 'baby-month-1']);
  });

  test('lists only published articles that have a slug', async () => {
    const articles = await listArticles(source());
    expect(articles.map((article) => article.title)).toEqual(['Vitamin D']);
  });

  test.each([
    ['a published article', 'vitamin-d', 'Vitamin D'],
    ['an article that only has a draft', 'unpublished', null],
    ['an article that only has a release version', 'safe-sleep', null],
    ['a slug that does not exist', 'no-such-page', null],
    ['a slug that tries GROQ injection', '" || true || "', null],
  ])('gets %s by slug', async (_name, slug, expectedTitle) => {
    const article = await getArticleBySlug(source(), slug);
    expect(article?.title ?? null).toBe(expectedTitle);
  });

  test('gets a whole stage with defaults for missing fields', async () => {
    const stage = await getStageBySlug(source(), 'pregnancy-week-12');
    expect(stage).toMatchObject({
      _type: 'stage',
      slug: 'pregnancy-week-12',
      appliesTo: [{ audience: 'pregnancy', fromDay: 84, toDay: 90 }],
      keyMessages: ['You will be offered a dating scan.'],
      sources: [{ publisher: 'NHS', checkedOn: '2026-11-01' }],
      updatedAt: '2026-11-01T09:00:00Z',
    });
    const bare = await getStageBySlug(source(), 'baby-month-1');
    expect(bare).toMatchObject({ keyMessages: [], sources: [], body: [] });
  });

  test('never returns a draft or release version in any list', async () => {
    const documents = await listGuidanceDocuments(source());
    expect(documents.map((document) => document._id).filter((id) => id.includes('.'))).toEqual([]);
    expect(documents).toHaveLength(4);
  });
});

describe('the Sanity source', () => {
  test('asks for the published perspective on every query, without a token by default', async () => {
    server.received.length = 0;
    await listArticles(sources.sanity());
    expect(server.received).toEqual([expect.objectContaining({ perspective: 'published', authorization: null, dataset: 'production' })]);
  });

  test('drops drafts and release versions even if the server returns them', async () => {
    const leaky = await startSanityQueryServer(fixtureDocuments, 'production', { ignorePerspective: true });
    const source = createSanitySource({ kind: 'sanity', projectId: 'fixture', dataset: 'production', apiVersion: '2025-02-19', token: null, apiHost: leaky.url });
    try {
      const draft = await source.fetch('*[_id == $id][0]{ _id, title }', { id: 'drafts.article-fixture-vitamin-d' });
      expect(draft).toBeNull();
      const all = (await source.fetch('*[_type == "article"]{ _id }', {})) as { _id: string }[];
      expect(all.map((document) => document._id).sort()).toEqual(['article-fixture-no-slug', 'article-fixture-vitamin-d']);
    } finally {
      await leaky.close();
    }
  });

  test('reports a failed query as a ContentSourceError without the query parameters', async () => {
    const source = createSanitySource({ kind: 'sanity', projectId: 'fixture', dataset: 'missing', apiVersion: '2025-02-19', token: null, apiHost: server.url });
    await expect(getArticleBySlug(source, 'private-slug-value')).rejects.toMatchObject({ name: 'ContentSourceError', code: 'content-source-failed' });
    await expect(getArticleBySlug(source, 'private-slug-value')).rejects.not.toThrow(/private-slug-value/);
  });
});
