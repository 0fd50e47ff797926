import { escapeMarkdown } from './markdown-escape.js';

/** A GitHub-flavoured markdown table, as lines; cells are the caller's to escape. */
export function markdownTable(header: readonly string[], rows: string[][], rightAligned: boolean[]): string[] {
  const align = header.map((_, i) => (rightAligned[i] ? '---:' : '---'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

/**
 * A table of text the run produced (causes, names): every cell escaped, every column right-aligned but the named text
 * columns.
 */
export function escapedMarkdownTable(header: readonly string[], rows: readonly string[][], textColumns: readonly string[]): string[] {
  return markdownTable(
    header,
    rows.map((cells) => cells.map(escapeMarkdown)),
    header.map((column) => !textColumns.includes(column)),
  );
}
