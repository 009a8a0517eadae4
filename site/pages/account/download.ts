/** "Download all my data": a JSON file of the signed-in person's account and the records they share. */
import type { APIRoute } from 'astro';
import { exportAccountData } from '../../../src/records/account-data.ts';
import { getDatabase } from '../../lib/database.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, redirect }) => {
  if (!locals.user) return redirect('/account/sign-in?returnTo=%2Faccount', 303);
  const now = new Date();
  const data = await exportAccountData((await getDatabase()).db, locals.user.id, now);
  if (!data) return redirect('/account/sign-in', 303);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="first-1001-days-data-${now.toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  });
};

/** Downloads are read-only: anything but GET is refused. */
export const ALL: APIRoute = () => new Response('Use GET to download your data.\n', { status: 405, headers: { Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8' } });
