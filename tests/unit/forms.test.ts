/** Reading posted forms: never more than the limit, even when the body does not say how long it is. */
import { describe, expect, test } from 'vitest';
import { maxFormBytes, readFormData } from '../../src/forms.ts';

/** A request whose body arrives in chunks with no Content-Length, as a chunked upload does. */
function streamedRequest(body: string, type = 'application/x-www-form-urlencoded'): Request {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let start = 0; start < bytes.length; start += 8192) controller.enqueue(bytes.slice(start, start + 8192));
      controller.close();
    },
  });
  return new Request('http://localhost/form', { method: 'POST', body: stream, headers: { 'content-type': type }, duplex: 'half' } as RequestInit);
}

describe('readFormData', () => {
  test.each([
    ['exactly the limit', maxFormBytes, true],
    ['one byte over the limit', maxFormBytes + 1, false],
    ['a much larger body', maxFormBytes * 20, false],
  ])('a streamed body of %s (no Content-Length) is %s', async (_case, size, accepted) => {
    const body = `note=${'x'.repeat(size - 5)}`;
    const form = await readFormData(streamedRequest(body));
    expect(form === null).toBe(!accepted);
    if (accepted) expect(form?.get('note')).toHaveLength(size - 5);
  });

  test('a larger limit, given by the page, lets a bigger upload through', async () => {
    expect(await readFormData(streamedRequest(`note=${'x'.repeat(maxFormBytes)}`), maxFormBytes * 2)).not.toBeNull();
  });

  test('a declared length over the limit is refused without reading the body', async () => {
    const request = new Request('http://localhost/form', { method: 'POST', body: 'note=x', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(maxFormBytes + 1) } });
    expect(await readFormData(request)).toBeNull();
    expect(request.bodyUsed).toBe(false);
  });

  test.each(['application/json', 'text/plain', ''])('a body of type "%s" is not a form', async (type) => {
    expect(await readFormData(streamedRequest('note=x', type))).toBeNull();
  });
});
