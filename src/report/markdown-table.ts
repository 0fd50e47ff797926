/** A GitHub-flavoured markdown table, as lines; cells are the caller's to escape. */
export function markdownTable(header: readonly string[], rows: string[][], rightAligned: boolean[]): string[] {
  const align = header.map((_, i) => (rightAligned[i] ? '---:' : '---'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}
