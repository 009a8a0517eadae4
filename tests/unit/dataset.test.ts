import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createDatasetSource, parseDatasetNdjson, selectPublishedDocuments } from '../../src/content/dataset.ts';
import { isUnpublishedId } from '../../src/content/groq-source.ts';
import { listGuidanceDocuments } from '../../src/content/queries.ts';
import { DatasetFormatError } from '../../src/errors.ts';

describe('parseDatasetNdjson', () => {
  test('reads one document a line and skips blank lines', () => {
    const text = '{"_id":"a","_type":"stage"}\n\n{"_id":"b","_type":"article"}\n';
    expect(parseDatasetNdjson(text).map((document) => document._id)).toEqual(['a', 'b']);
  });

  test.each([
    ['a line that is not JSON', '{"_id":"a","_type":"stage"}\n{oops', 2, /line 2: it is not valid JSON/],
    ['a line that is an array', '[1,2]', 1, /line 1: it is not a JSON object/],
    ['a document with no _id', '{"_type":"stage"}', 1, /line 1: the document has no "_id"/],
    ['a document with no _type', '{"_id":"a"}', 1, /line 1: the document has no "_type"/],
  ])('rejects %s, naming the line', (_name, text, _line, message) => {
    expect(() => parseDatasetNdjson(text)).toThrow(DatasetFormatError);
    expect(() => parseDatasetNdjson(text)).toThrow(message);
  });
});

describe('published documents only', () => {
  test.each([
    ['article-1', false],
    ['drafts.article-1', true],
    ['versions.r1.article-1', true],
    ['draftsarticle', false],
  ])('%s is unpublished: %s', (id, expected) => {
    expect(isUnpublishedId(id)).toBe(expected);
  });

  test('selectPublishedDocuments drops drafts and versions', () => {
    const documents = [
      { _id: 'a', _type: 'article' },
      { _id: 'drafts.a', _type: 'article' },
      { _id: 'versions.r.a', _type: 'article' },
    ];
    expect(selectPublishedDocuments(documents).map((document) => document._id)).toEqual(['a']);
  });

  test('a query for everything on the dataset source never sees a draft', async () => {
    const source = createDatasetSource([
      { _id: 'a', _type: 'article' },
      { _id: 'drafts.a', _type: 'article' },
    ]);
    expect(await source.fetch('*[]._id', {})).toEqual(['a']);
  });
});

describe('the bundled dataset', () => {
  const documents = parseDatasetNdjson(readFileSync(new URL('../../dataset/production.ndjson', import.meta.url), 'utf8'));
  const source = createDatasetSource(documents);

  test('holds no drafts', () => {
    expect(documents.filter((document) => isUnpublishedId(document._id))).toEqual([]);
  });

  test('every guidance document has a summary of 160 characters or fewer, sources and a range of days', async () => {
    const guidance = await listGuidanceDocuments(source);
    expect(guidance.length).toBeGreaterThanOrEqual(5);
    for (const document of guidance) {
      expect.soft(document.summary.length, document.slug).toBeLessThanOrEqual(160);
      expect.soft(document.sources.length, document.slug).toBeGreaterThan(0);
      expect.soft(document.appliesTo.length, document.slug).toBeGreaterThan(0);
      for (const range of document.appliesTo) expect.soft(range.toDay, document.slug).toBeGreaterThanOrEqual(range.fromDay);
      for (const cited of document.sources) expect.soft(cited.url, document.slug).toMatch(/^https:\/\//);
    }
  });

  test('every Portable Text block and span has a _key, as Sanity requires for import', () => {
    for (const document of documents) {
      for (const block of (document.body as { _key?: string; children?: { _key?: string }[] }[] | undefined) ?? []) {
        expect.soft(block._key, document._id).toBeTruthy();
        for (const child of block.children ?? []) expect.soft(child._key, document._id).toBeTruthy();
      }
    }
  });
});
