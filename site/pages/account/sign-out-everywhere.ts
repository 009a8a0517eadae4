/** Ends every session of the signed-in person, this one included. */
import type { APIRoute } from 'astro';
import { invalidateUserSessions } from '../../../src/auth/session.ts';
import { getDatabase } from '../../lib/database.ts';
import { deleteSessionCookie } from '../../lib/session-cookie.ts';

export const prerender = false;

export const GET: APIRoute = ({ redirect }) => redirect('/account', 303);

export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  if (!locals.user) return redirect('/account/sign-in', 303);
  await invalidateUserSessions((await getDatabase()).db, locals.user.id);
  deleteSessionCookie(cookies);
  return redirect('/account/sign-in?done=signed-out', 303);
};
