/**
 * Makes user text safe inside one markdown table cell or list item: no column or line breaks, no raw HTML. Only
 * characters that break structure are escaped, so `web_tier` stays readable in a terminal (GitHub-flavoured markdown
 * does not emphasise inside words).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\|<>`])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}
