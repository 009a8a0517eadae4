/** Reads posted forms without ever failing the request: anything unreadable is null. */

/** The largest form body accepted, in bytes. A 500-character comment in any script fits easily. */
export const maxFormBytes = 100 * 1024;

/**
 * Reads a request body of at most `maxBytes`, even when no length was declared: stops as soon as it is
 * too big. Null when the declared or actual size is over the limit, or the body cannot be read.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<Blob | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (!Number.isFinite(declared) || declared > maxBytes) return null;
  try {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let received = 0;
    const reader = request.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(new Uint8Array(value));
    }
    return new Blob(chunks);
  } catch {
    return null;
  }
}

/** Reads a urlencoded or multipart form of at most `maxBytes` (`maxFormBytes` unless a page needs more); returns null for anything else. */
export async function readFormData(request: Request, maxBytes = maxFormBytes): Promise<FormData | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null;
  const body = await readBoundedBody(request, maxBytes);
  if (!body) return null;
  try {
    return await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch {
    return null;
  }
}

/** Reads a JSON body of at most `maxBytes`; null for anything else (wrong type, too big, not UTF-8, not JSON). Never throws. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) return null;
  const body = await readBoundedBody(request, maxBytes);
  if (!body) return null;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await body.arrayBuffer())) as unknown;
  } catch {
    return null;
  }
}

/** One problem with a form, in NHS content style, shown next to the field it belongs to. */
export interface FieldError<Field extends string = string> {
  readonly field: Field;
  readonly message: string;
}

/** Reads one text field; a missing, repeated or file field is null. A null form reads as empty. */
export function readTextField(form: FormData | null, name: string): string | null {
  if (!form) return null;
  const values = form.getAll(name);
  if (values.length !== 1) return null;
  const [only] = values;
  return typeof only === 'string' ? only : null;
}

/** Reads every named text field at once (see `readTextField`); missing ones are null. */
export function readTextFields(form: FormData | null, names: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(names.map((name) => [name, readTextField(form, name)]));
}

/**
 * Tidies free text a person typed: line endings become "\n", other control characters go, and the
 * ends are trimmed. Lengths are counted after this.
 */
export function cleanFreeText(raw: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point of this pattern.
  return (raw ?? '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim();
}
