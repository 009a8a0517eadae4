/**
 * The content queries, run with the same cases on both sources: the bundled dataset through
 * groq-js, and Sanity through the real @sanity/client talking to a local stand-in server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatasetSource, parseDatasetNdjson } from '../../src/content/dataset.ts';
import type { GroqSource } from '../../src/content/groq-source.ts';
import { getPreviewGuidance, listArticles, listGuidanceDocuments, listGuidanceForDay, listReviewDue, listStages, listSymptomGuides } from '../../src/content/queries.ts';
import { createSanityPreviewSource, createSanitySource } from '../../site/lib/content-source.ts';
import { startSanityQueryServer, type SanityQueryServer } from '../fixtures/sanity-query-server.ts';

const fixtureDocuments = parseDatasetNdjson(readFileSync(new URL('../fixtures/content/fixture.ndjson', import.meta.url), 'utf8'));

let server: SanityQueryServer;
const sanityConfig = (apiHost: string, dataset = 'production') => ({ kind: 'sanity', projectId: 'fixture', dataset, apiVersion: '2025-02-19', token: null, apiHost, previewSecret: null }) as const;
const sources: Record<'dataset' | 'sanity', () => GroqSource> = {
  dataset: () => createDatasetSource(fixtureDocuments),
  sanity: () => createSanitySource(sanityConfig(server.url)),
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

  test('lists stages in age order: pregnancy, then born early, then baby', async () => {
    const stages = await listStages(source());
    expect(stages.map((stage) => stage.slug)).toEqual(['pregnancy-week-8', 'pregnancy-week-12', 'born-early', 'baby-month-1']);
  });

  test('lists only published articles that have a slug', async () => {
    const articles = await listArticles(source());
    expect(articles.map((article) => article.title)).toEqual(['Vitamin D']);
  });

  test('never returns a draft or release version in the full list', async () => {
    const documents = await listGuidanceDocuments(source());
    expect(documents.map((document) => document._id).filter((id) => id.includes('.'))).toEqual([]);
    expect(documents.map((document) => document.title)).not.toContain('Vitamin D (draft rewrite)');
    expect(documents).toHaveLength(6);
  });

  test('gets a whole document with its reviewer and sources', async () => {
    const documents = await listGuidanceDocuments(source());
    expect(documents.find((document) => document.slug === 'pregnancy-week-12')).toMatchObject({
      _type: 'stage',
      stageGroup: 'pregnancy',
      appliesTo: [{ audience: 'pregnancy', fromDay: 84, toDay: 90 }],
      keyMessages: ['You will be offered a dating scan.'],
      sources: [{ publisher: 'NHS', accessedOn: '2026-11-01' }],
      review: { status: 'clinically-reviewed', reviewedBy: { name: 'Fixture reviewer', role: 'clinical-reviewer' } },
      updatedAt: '2026-11-01T09:00:00Z',
    });
  });

  test('lists "when to get help" guides', async () => {
    expect((await listSymptomGuides(source())).map((guide) => guide.slug)).toEqual(['high-temperature']);
  });

  test.each([
    ['pregnancy', 84, ['pregnancy-week-12']],
    ['pregnancy', 83, []],
    ['child', -1, ['born-early']],
    ['child', 30, ['high-temperature', 'vitamin-d', 'baby-month-1']],
  ] as const)('guidance for %s day %i, best first: %o', async (audience, day, expected) => {
    expect((await listGuidanceForDay(source(), audience, day)).map((document) => document.slug)).toEqual(expected);
  });

  test.each([
    ['2026-11-25', ['vitamin-d', 'baby-month-1']],
    ['2027-01-24', ['vitamin-d', 'baby-month-1', 'pregnancy-week-12', 'high-temperature']],
  ])('"Review due" on or before %s lists overdue and due documents, soonest first, never drafts', async (dueBy, expected) => {
    const slugs = (await listReviewDue(source(), dueBy)).map((document) => document._id);
    const byId = new Map((await listGuidanceDocuments(source())).map((document) => [document._id, document.slug]));
    expect(slugs.map((id) => byId.get(id))).toEqual(expected);
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
    const source = createSanitySource(sanityConfig(leaky.url));
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
    const source = createSanitySource(sanityConfig(server.url, 'missing'));
    await expect(listGuidanceForDay(source, 'child', 424242)).rejects.toMatchObject({ name: 'ContentSourceError', code: 'content-source-failed' });
    await expect(listGuidanceForDay(source, 'child', 424242)).rejects.not.toThrow(/424242/);
  });
});

describe("editors' draft preview", () => {
  test('reads the draft of a page through the drafts perspective, with the read token', async () => {
    server.received.length = 0;
    const source = createSanityPreviewSource({ ...sanityConfig(server.url), token: 'read-token' });
    const document = await getPreviewGuidance(source, 'article', 'vitamin-d');
    expect(document?.title).toBe('Vitamin D (draft rewrite)');
    expect(server.received).toEqual([expect.objectContaining({ perspective: 'drafts', authorization: 'Bearer read-token' })]);
  });

  test('falls back to the published page when there is no draft, and to null when there is no page', async () => {
    const source = createSanityPreviewSource({ ...sanityConfig(server.url), token: 'read-token' });
    expect((await getPreviewGuidance(source, 'stage', 'pregnancy-week-12'))?.title).toBe('12 weeks pregnant');
    expect(await getPreviewGuidance(source, 'stage', 'no-such-page')).toBeNull();
  });

  test('the published source never shows the draft', async () => {
    expect((await listGuidanceDocuments(sources.sanity())).find((document) => document.slug === 'vitamin-d')?.title).toBe('Vitamin D');
  });
});
