import { describe, expect, test } from 'vitest';
import { createDatasetSource, parseDatasetNdjson, selectPublishedDocuments } from '../../src/content/dataset.ts';
import { isUnpublishedId } from '../../src/content/groq-source.ts';
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
