/** The page a person sees when a form is sent from somewhere other than this site. */
import { renderPlainPage } from './plain-page.ts';

/** A 403 page saying nothing was saved and where to start again. */
export function renderRefusedPage(): Response {
  return renderPlainPage({
    title: 'Sorry, we could not accept that form',
    bodyHtml: `<p>The form was not sent from a page on this website, so we did not save anything.</p>
<p><a href="/">Go to the home page</a> and try again from there.</p>`,
    status: 403,
  });
}
