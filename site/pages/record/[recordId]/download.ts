/**
 * Downloads one record: `?format=red-book` is the family's own file (everything, with history, for
 * keeping or adding back later); `?format=fhir` is a FHIR R4 Bundle of a child's measurements and
 * vaccines for health systems. Anyone who can read the record can download it.
 */
import type { APIRoute } from 'astro';
import { readChildDetails } from '../../../../src/red-book/child-details.ts';
import { listEntries } from '../../../../src/red-book/entries.ts';
import { recordToFhirBundle } from '../../../../src/red-book/fhir.ts';
import { exportRedBook } from '../../../../src/red-book/portability.ts';
import { instantToLondonDate } from '../../../../src/dates/index.ts';
import { loadRecordWithDetails } from '../../../lib/record-access.ts';

export const prerender = false;

const refusals = { 404: 'Page not found.\n', 403: 'You do not have permission to download this record.\n' } as const;

export const GET: APIRoute = async ({ locals, params, url }) => {
  const response: { status?: number } = {};
  const { db, userId, access, record } = await loadRecordWithDetails(locals, response, params.recordId, 'read');
  const format = url.searchParams.get('format') ?? 'red-book';
  if (!access.ok || !record || (format !== 'red-book' && format !== 'fhir')) {
    const status = response.status === 403 ? 403 : 404;
    return new Response(refusals[status], { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const now = new Date();
  const date = instantToLondonDate(now);
  let body: unknown;
  if (format === 'red-book') {
    const exported = await exportRedBook(db, userId, access.record.id, now);
    if (!exported.ok) return new Response(refusals[404], { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    body = exported.file;
  } else {
    const child = readChildDetails(record.details);
    const listed = child ? await listEntries(db, userId, access.record.id) : null;
    if (!child || !listed?.ok) return new Response('Add your child’s details before you download this.\n', { status: 409, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    body = recordToFhirBundle({ recordId: access.record.id, recordName: access.record.name, child, entries: listed.entries, generatedAt: now, deceased: record.closedReason === 'child-died' });
  }
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: {
      'Content-Type': format === 'fhir' ? 'application/fhir+json; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${format === 'fhir' ? 'red-book-fhir' : 'red-book'}-${date}.json"`,
      'Cache-Control': 'no-store',
    },
  });
};

/** Downloads are read-only: anything but GET is refused. */
export const ALL: APIRoute = () => new Response('Use GET to download a record.\n', { status: 405, headers: { Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8' } });
