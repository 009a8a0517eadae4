/**
 * The editors' Sanity Studio. Run it with `npm run studio` from the repository root, which checks
 * that SANITY_PROJECT_ID and SANITY_DATASET are set and passes them on.
 */
import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { visionTool } from '@sanity/vision';
import { guidanceTypeNames, schemaTypes } from '../content-schemas/index.ts';
import { guidanceToPath } from '../src/content/paths.ts';
import { createPublishWithReviewReset } from './actions/publish-with-review-reset.ts';
import { ReviewBadge } from './badges/review-badge.ts';
import { createStructure } from './structure.ts';

const guidanceTypes: readonly string[] = guidanceTypeNames;
const siteUrl = process.env.SANITY_STUDIO_SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  name: 'first-1001-days',
  title: 'First 1,001 days: guidance',
  projectId: process.env.SANITY_STUDIO_PROJECT_ID ?? 'not-configured',
  dataset: process.env.SANITY_STUDIO_DATASET ?? 'production',
  plugins: [structureTool({ structure: createStructure() }), visionTool({ defaultApiVersion: '2025-02-19' })],
  schema: {
    types: schemaTypes,
    // Site settings is a single document, reached from the desk, never created from the menu.
    templates: (templates) => templates.filter((template) => template.schemaType !== 'siteSettings'),
  },
  document: {
    badges: (badges, context) => (guidanceTypes.includes(context.schemaType) ? [...badges, ReviewBadge] : badges),
    actions: (actions, context) => {
      if (context.schemaType === 'siteSettings') return actions.filter((action) => action.action === 'publish' || action.action === 'discardChanges' || action.action === 'restore');
      if (!guidanceTypes.includes(context.schemaType)) return actions;
      return actions.map((action) => (action.action === 'publish' ? createPublishWithReviewReset(action) : action));
    },
    productionUrl: async (previous, { document }) => {
      const slug = (document as { slug?: { current?: string } }).slug?.current;
      if (!guidanceTypes.includes(document._type) || !slug) return previous;
      return new URL(guidanceToPath({ _type: document._type as 'stage', slug }), siteUrl).href;
    },
    newDocumentOptions: (previous) => previous.filter((item) => item.templateId !== 'siteSettings'),
  },
});
