/** The page a person sees while the database cannot be reached: the service recovers by itself. */
import { renderPlainPage } from './plain-page.ts';

/** How long to suggest waiting before trying again, in seconds. */
const retryAfterSeconds = 30;

/** A 503 page in NHS style that says what happened and what to do, with nothing personal in it. */
export function renderServiceUnavailablePage(): Response {
  return renderPlainPage({
    title: 'Sorry, the service is unavailable',
    bodyHtml: `<p>We cannot show or save red book information at the moment. Try again in a few minutes.</p>
<p>If you were saving something, it may not have been saved. Check it when the service is back.</p>
<p>Our guidance pages still work. <a href="/">Go to the home page</a>.</p>
<p>If you are worried about your health or your child's health, call your GP surgery or NHS 111. In an emergency, call 999.</p>`,
    status: 503,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
