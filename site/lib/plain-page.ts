/** A page of plain HTML (no layout, no stylesheet) for answers the middleware gives before any page runs. */
export function renderPlainPage(options: { title: string; bodyHtml: string; status: number; headers?: Readonly<Record<string, string>> }): Response {
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} - First 1,001 days</title>
</head>
<body>
<main id="maincontent">
<h1>${options.title}</h1>
${options.bodyHtml}
</main>
</body>
</html>`;
  return new Response(html, { status: options.status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...options.headers } });
}
