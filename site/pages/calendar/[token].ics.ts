/**
 * A carer's private calendar feed. The address's secret is the only key: no cookie is read, and a wrong
 * or old secret is simply not found. What it lists is read through the carer's own access to each record.
 */
import type { APIRoute } from 'astro';
import { instantToLondonDate } from '../../../src/dates/index.ts';
import { findCalendarFeed, listCalendarItems, writeICalendar } from '../../../src/reminders/calendar.ts';
import { getDatabase } from '../../lib/database.ts';

export const prerender = false;

const notFound = () => new Response('Calendar not found. Make a new calendar link in your account.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export const GET: APIRoute = async ({ params }) => {
  const db = (await getDatabase()).db;
  const feed = await findCalendarFeed(db, params.token ?? '');
  if (!feed) return notFound();
  const now = new Date();
  const items = await listCalendarItems(db, feed.userId, feed.nameStyle, instantToLondonDate(now));
  return new Response(writeICalendar(items, now), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="first-1001-days.ics"',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
};

/** The feed is read-only. */
export const ALL: APIRoute = () => new Response('Use GET.\n', { status: 405, headers: { Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8' } });
