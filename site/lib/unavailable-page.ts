/** The page a person sees while the database cannot be reached: the service recovers by itself. */

/** How long to suggest waiting before trying again, in seconds. */
const retryAfterSeconds = 30;

/** A 503 page in NHS style that says what happened and what to do, with nothing personal in it. */
export function renderServiceUnavailablePage(): Response {
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, the service is unavailable - First 1,001 days</title>
</head>
<body>
<main id="maincontent">
<h1>Sorry, the service is unavailable</h1>
<p>We cannot show or save red book information at the moment. Try again in a few minutes.</p>
<p>If you were saving something, it may not have been saved. Check it when the service is back.</p>
<p>Our guidance pages still work. <a href="/">Go to the home page</a>.</p>
<p>If you are worried about your health or your child's health, call your GP surgery or NHS 111. In an emergency, call 999.</p>
</main>
</body>
</html>`;
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(retryAfterSeconds) },
  });
}
