/**
 * The editors' Sanity Studio. Run it with `npm run studio` from the repository root, which checks
 * that SANITY_PROJECT_ID and SANITY_DATASET are set and passes them on.
 */
import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { visionTool } from '@sanity/vision';
import { schemaTypes } from '../content-schemas/index.ts';

export default defineConfig({
  name: 'first-1001-days',
  title: 'First 1,001 days: guidance',
  projectId: process.env.SANITY_STUDIO_PROJECT_ID ?? 'not-configured',
  dataset: process.env.SANITY_STUDIO_DATASET ?? 'production',
  plugins: [structureTool(), visionTool({ defaultApiVersion: '2025-02-19' })],
  schema: { types: schemaTypes },
});
