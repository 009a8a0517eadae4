/** Reads the token of an emailed link: from the query string on GET, from the form on POST. */
import { readFormData, readTextField } from '../../src/forms.ts';

/** The token, or null when it is missing or not shaped like one of ours. */
export async function readLinkToken(request: Request, url: URL): Promise<string | null> {
  const token = request.method === 'POST' ? readTextField(await readFormData(request), 'token') : url.searchParams.get('token');
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}
