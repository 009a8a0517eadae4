/** Settings for the Sanity CLI (`sanity dev`, `sanity build`, `sanity schema extract`, `sanity typegen generate`). */
import { defineCliConfig } from 'sanity/cli';

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID ?? 'not-configured',
    dataset: process.env.SANITY_STUDIO_DATASET ?? 'production',
  },
  typegen: {
    path: '../src/content/queries.ts',
    schema: '../src/content/schema.json',
    generates: '../src/content/sanity.types.ts',
    overloadClientMethods: false,
    formatGeneratedCode: false,
  },
});
