// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { readConfiguration } from './site/config.ts';

// Fail the build early, with every problem listed, if the configuration is wrong.
const configuration = readConfiguration(process.env);

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  site: configuration.siteUrl,
  // Public pages are static; routes with `export const prerender = false` run on demand.
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [react()],
  trailingSlash: 'never',
  build: {
    format: 'file',
    // External stylesheets only, so the Content-Security-Policy needs no inline styles.
    inlineStylesheets: 'never',
  },
  // The portal keeps its own sessions in the database; Astro's file-backed sessions stay off so
  // nothing personal is ever written to disk by accident.
  session: false,
  security: {
    // Origin checks are done by site/middleware.ts for every method and content type.
    checkOrigin: false,
  },
  server: { port: configuration.server.port, host: configuration.server.host },
  devToolbar: { enabled: false },
  // Never inline scripts (or other assets) into pages: the Content-Security-Policy allows only 'self'.
  vite: { build: { assetsInlineLimit: 0 } },
});
