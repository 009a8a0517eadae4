/**
 * The bundled dataset: Sanity's NDJSON export format (one JSON document a line), queried with
 * the same GROQ as a live Sanity project through groq-js.
 *
 * groq-js has no perspectives, so unpublished documents (`drafts.` and `versions.` ids) are
 * removed when the dataset is loaded: only published content can ever be served.
 */
import { evaluate, parse } from 'groq-js';
import { ContentSourceError, DatasetFormatError } from '../errors.ts';
import { isUnpublishedId, type GroqParams, type GroqSource } from './groq-source.ts';

/** One document as Sanity stores it. */
export interface SanityDocument {
  readonly _id: string;
  readonly _type: string;
  readonly [field: string]: unknown;
}

/** Parses NDJSON text into documents, checking each line has an `_id` and `_type`. */
export function parseDatasetNdjson(text: string): SanityDocument[] {
  const documents: SanityDocument[] = [];
  const lines = text.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DatasetFormatError(index + 1, 'it is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DatasetFormatError(index + 1, 'it is not a JSON object');
    }
    const record = value as Record<string, unknown>;
    if (typeof record._id !== 'string' || record._id === '') {
      throw new DatasetFormatError(index + 1, 'the document has no "_id"');
    }
    if (typeof record._type !== 'string' || record._type === '') {
      throw new DatasetFormatError(index + 1, 'the document has no "_type"');
    }
    documents.push(record as SanityDocument);
  }
  return documents;
}

/** Keeps only published documents: drops every `drafts.` and `versions.` id. */
export function selectPublishedDocuments(documents: readonly SanityDocument[]): SanityDocument[] {
  return documents.filter((document) => !isUnpublishedId(document._id));
}

/** Creates a GROQ source over in-memory documents; unpublished documents are never visible. */
export function createDatasetSource(documents: readonly SanityDocument[]): GroqSource {
  const published = selectPublishedDocuments(documents);
  return {
    kind: 'dataset',
    async fetch(query: string, params: GroqParams): Promise<unknown> {
      try {
        const tree = parse(query, { params });
        const result = await evaluate(tree, { dataset: published, params });
        return await result.get();
      } catch (error) {
        throw new ContentSourceError('dataset query', { cause: error });
      }
    },
  };
}

/** Every published document, for an export. System documents (`_.` ids) are left out. */
export const publishedDocumentsQuery = '*[!(_id in path("drafts.**")) && !(_id in path("versions.**")) && !(_id in path("_.**"))] | order(_type asc, _id asc)';

/** Writes documents as NDJSON, one a line, in a stable order, so exports diff cleanly. */
export function documentsToNdjson(documents: readonly SanityDocument[]): string {
  return [...documents]
    .filter((document) => !isUnpublishedId(document._id))
    .sort((a, b) => (a._type === b._type ? (a._id < b._id ? -1 : 1) : a._type < b._type ? -1 : 1))
    .map((document) => JSON.stringify(document))
    .join('\n')
    .concat('\n');
}

/** Reads every published document from a source (a Sanity project) as NDJSON. */
export async function exportPublishedNdjson(source: GroqSource): Promise<string> {
  const documents = (await source.fetch(publishedDocumentsQuery, {})) as SanityDocument[];
  return documentsToNdjson(documents);
}
