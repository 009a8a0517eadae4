/**
 * `/health`: what the service is running on, for operators and monitors. No secrets, no URLs,
 * no personal data: the kinds of content source and database, and the migration level.
 */
import type { APIRoute } from 'astro';
import { getConfiguration } from '../config.ts';
import { getDatabase } from '../lib/database.ts';

export const prerender = false;

export const GET: APIRoute = async () => {
  const config = getConfiguration();
  const body: Record<string, unknown> = { status: 'ok', content: { kind: config.content.kind } };
  let status = 200;
  try {
    const database = await getDatabase();
    const level = await database.getMigrationLevel();
    body.database = { kind: database.kind, migrations: level };
    if (level.applied !== level.available) {
      body.status = 'degraded';
      status = 503;
    }
  } catch (error) {
    console.error(`health check: database unavailable (${error instanceof Error ? error.name : 'unknown error'})`);
    body.status = 'unavailable';
    body.database = { kind: config.database.kind, migrations: null };
    status = 503;
  }
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};
