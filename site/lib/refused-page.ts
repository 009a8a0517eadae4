/** The page a person sees when a form is sent from somewhere other than this site. */
export function renderRefusedPage(): Response {
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, we could not accept that form - First 1,001 days</title>
</head>
<body>
<main id="maincontent">
<h1>Sorry, we could not accept that form</h1>
<p>The form was not sent from a page on this website, so we did not save anything.</p>
<p><a href="/">Go to the home page</a> and try again from there.</p>
</main>
</body>
</html>`;
  return new Response(html, { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
