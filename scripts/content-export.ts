/**
 * `npm run content:export`: refreshes the bundled guidance (studio/data/production.ndjson) from the
 * configured Sanity dataset: published documents only, in a stable order so the change diffs cleanly.
 * Needs SANITY_PROJECT_ID and SANITY_DATASET (and SANITY_READ_TOKEN for a private dataset).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportPublishedNdjson, parseDatasetNdjson } from '../src/content/dataset.ts';
import { ChildHealthError } from '../src/errors.ts';
import { createSanitySource } from '../site/lib/content-source.ts';
import { requireSanityConfiguration } from './sanity-configuration.ts';

const howTo = [
  'Refreshing the bundled guidance needs a Sanity project. Set these and run "npm run content:export" again:',
  '  SANITY_PROJECT_ID  your project id, from sanity.io/manage',
  '  SANITY_DATASET     the dataset to export, for example "production"',
  '  SANITY_READ_TOKEN  a read token, if the dataset is private',
].join('\n');

const output = process.env.CONTENT_EXPORT_PATH ?? fileURLToPath(new URL('../studio/data/production.ndjson', import.meta.url));

const content = requireSanityConfiguration(howTo);
try {
  const ndjson = await exportPublishedNdjson(createSanitySource(content));
  const count = parseDatasetNdjson(ndjson).length;
  writeFileSync(output, ndjson);
  console.log(`Wrote ${count} published documents to ${output}.`);
} catch (error) {
  console.error(error instanceof ChildHealthError ? `${error.message}\n\n${howTo}` : error);
  process.exit(1);
}
