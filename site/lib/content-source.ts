/**
 * Binds the content queries to the configured source: the bundled NDJSON dataset through
 * groq-js, or a Sanity project through `@sanity/client` with the published perspective.
 */
import { readFileSync } from 'node:fs';
import { createClient } from '@sanity/client';
import { createDatasetSource, parseDatasetNdjson } from '../../src/content/dataset.ts';
import type { GroqSource } from '../../src/content/groq-source.ts';
import { isUnpublishedId } from '../../src/content/groq-source.ts';
import { ContentSourceError } from '../../src/errors.ts';
import { getConfiguration, type ContentConfiguration } from '../config.ts';

type SanityConfiguration = Extract<ContentConfiguration, { kind: 'sanity' }>;

/** A GROQ source over a Sanity client with the given perspective; `transform` runs on each result. */
function createSanityClientSource(config: SanityConfiguration, perspective: 'published' | 'drafts', label: string, transform: (result: unknown) => unknown): GroqSource {
  const client = createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiVersion: config.apiVersion,
    perspective,
    // The CDN serves only anonymous published reads.
    useCdn: perspective === 'published' && config.token === null && config.apiHost === null,
    ...(config.token ? { token: config.token } : {}),
    ...(config.apiHost ? { apiHost: config.apiHost, useProjectHostname: false } : {}),
  });
  return {
    kind: 'sanity',
    async fetch(query, params) {
      let result: unknown;
      try {
        result = await client.fetch(query, params as Record<string, unknown>);
      } catch (error) {
        throw new ContentSourceError(label, { cause: error });
      }
      return transform(result);
    },
  };
}

/** Creates a GROQ source that asks a Sanity project, published documents only. */
export function createSanitySource(config: SanityConfiguration): GroqSource {
  return createSanityClientSource(config, 'published', 'Sanity query', dropUnpublished);
}

/**
 * Creates a GROQ source that reads drafts, for editors' preview only: it needs the read token, and
 * its results are never cached, indexed or built into static pages.
 */
export function createSanityPreviewSource(config: SanityConfiguration & { token: string }): GroqSource {
  return createSanityClientSource(config, 'drafts', 'Sanity preview query', (result) => result);
}

/** Belt and braces: never pass on a document whose id marks it as a draft or release version. */
function dropUnpublished(result: unknown): unknown {
  if (Array.isArray(result)) {
    return result.filter((item) => !(isRecord(item) && typeof item._id === 'string' && isUnpublishedId(item._id)));
  }
  if (isRecord(result) && typeof result._id === 'string' && isUnpublishedId(result._id)) return null;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Creates the source described by `config`. */
export function createContentSource(config: ContentConfiguration): GroqSource {
  if (config.kind === 'sanity') return createSanitySource(config);
  return createDatasetSource(parseDatasetNdjson(readFileSync(config.datasetPath, 'utf8')));
}

let cached: GroqSource | undefined;

/** The content source of this process, created once. */
export function getContentSource(): GroqSource {
  cached ??= createContentSource(getConfiguration().content);
  return cached;
}
