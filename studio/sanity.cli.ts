/** Settings for the Sanity CLI (`sanity dev`, `sanity build`, `sanity schema extract`). */
import { defineCliConfig } from 'sanity/cli';

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID ?? 'not-configured',
    dataset: process.env.SANITY_STUDIO_DATASET ?? 'production',
  },
});
