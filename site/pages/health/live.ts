/**
 * `/health/live`: liveness for monitors and load balancers: the server is up and answering. It does no
 * work at all (no database, no content), so it stays up while the database is down (`/health` is the
 * readiness check that reports that), and it is the framework's floor in `bench/signed-in-load.ts`.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = () =>
  new Response('{"status":"ok"}\n', { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
