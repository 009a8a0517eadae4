/**
 * The signed-in pages' content: an in-memory snapshot of every published guidance document, queried
 * with the same GROQ through groq-js, so a family's page never waits on Sanity. With the bundled
 * dataset the snapshot is the dataset itself. With Sanity it is fetched on first use, refreshed every
 * `snapshotMaxAgeMs`, and at once when Sanity's publish webhook calls `/api/content-published`. If a
 * refresh fails, the last snapshot is kept (and the bundled dataset is used until one has loaded).
 * Each snapshot remembers its answers (a snapshot never changes; a new one starts with none).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDatasetSource, parseDatasetNdjson, type SanityDocument } from '../../src/content/dataset.ts';
import type { GroqSource } from '../../src/content/groq-source.ts';
import { listGuidanceSnapshot } from '../../src/content/queries.ts';
import { createCachedSource } from '../../src/content/cached-source.ts';
import { getConfiguration } from '../config.ts';
import { getContentSource } from './content-source.ts';

/** How old a Sanity snapshot may get before it is refreshed. */
export const snapshotMaxAgeMs = 10 * 60 * 1000;

let snapshot: { source: GroqSource; loadedAt: number } | null = null;
let refreshing: Promise<void> | null = null;
let bundled: GroqSource | null = null;
let configuredDataset: GroqSource | null = null;

function getBundledSource(): GroqSource {
  bundled ??= createCachedSource(createDatasetSource(parseDatasetNdjson(readFileSync(path.resolve(process.cwd(), 'studio/data/production.ndjson'), 'utf8'))));
  return bundled;
}

async function refresh(): Promise<void> {
  try {
    const documents = await listGuidanceSnapshot(getContentSource());
    snapshot = { source: createCachedSource(createDatasetSource(documents as unknown as SanityDocument[])), loadedAt: Date.now() };
  } catch (error) {
    // Keep serving what we have; the next request tries again after the interval.
    console.error(error instanceof Error ? error.message : 'The content snapshot could not be refreshed.');
    if (snapshot) snapshot = { ...snapshot, loadedAt: Date.now() };
  }
}

// Read through a function: TypeScript cannot see that an awaited refresh has set it.
const readSnapshot = () => snapshot;

/** The GROQ source signed-in pages query: the snapshot (refreshed in the background when old). */
export async function getContentSnapshot(): Promise<GroqSource> {
  const config = getConfiguration().content;
  if (config.kind === 'dataset') {
    configuredDataset ??= createCachedSource(getContentSource());
    return configuredDataset;
  }
  if (!snapshot) {
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    await refreshing;
    return readSnapshot()?.source ?? getBundledSource();
  }
  if (Date.now() - snapshot.loadedAt > snapshotMaxAgeMs && !refreshing) {
    refreshing = refresh().finally(() => {
      refreshing = null;
    });
  }
  return snapshot.source;
}

/** Marks the snapshot as old, so the next request loads a fresh one (the publish webhook calls this). */
export function expireContentSnapshot(): void {
  if (snapshot) snapshot = { ...snapshot, loadedAt: 0 };
}
