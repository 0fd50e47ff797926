import { escapeHtml } from './html-escape.js';

/** A column of an HTML table. */
export interface Column {
  header: string;
  numeric: boolean;
  /** A class for a body cell from its text, e.g. to mark a failed objective; none when it returns undefined. */
  classOf?: (text: string) => string | undefined;
}

/** Every cell is escaped here, so no caller can forget to. */
export function htmlTable(className: string, columns: Column[], rows: string[][]): string {
  const cell = (tag: 'th' | 'td', text: string, classes: (string | undefined)[]) => {
    const names = classes.filter((c) => c !== undefined);
    const attribute = names.length === 0 ? '' : ` class="${escapeHtml(names.join(' '))}"`;
    return `<${tag}${attribute}>${escapeHtml(text)}</${tag}>`;
  };
  const num = (column: Column) => (column.numeric ? 'num' : undefined);
  const head = columns.map((c) => cell('th', c.header, [num(c)])).join('');
  const body = rows
    .map((cells) => {
      const tds = cells.map((text, i) => cell('td', text, [num(columns[i]), columns[i].classOf?.(text)]));
      return `<tr>${tds.join('')}</tr>`;
    })
    .join('\n');
  return `<table class="${className}">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The header of a table shared with summary.md, where headers are lower case; `p99` stays as it is. */
export function capitalized(header: string): string {
  return /^p\d/.test(header) ? header : header.charAt(0).toUpperCase() + header.slice(1);
}
