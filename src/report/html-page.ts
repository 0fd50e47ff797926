/**
 * No network access at all: no scripts, no external styles, fonts or images. Inline styles and data: images only,
 * so a report opened from a mail attachment or an air-gapped machine shows exactly what it shows here.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The shell every clustersim HTML page shares: escaped title, the strict policy above, inline CSS, the body. */
export function htmlPage(title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
