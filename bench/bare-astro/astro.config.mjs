// @ts-check
// The build-scaling benchmark's baseline: a bare Astro site of plain pages, no adapter, no integrations,
// no styles. bench/build-scaling.ts copies this folder to a temporary directory and builds it there.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  trailingSlash: 'never',
  build: { format: 'file' },
  devToolbar: { enabled: false },
});
