import type { ScenarioResult } from '../experiment/result.js';
import { escapeMarkdown } from './markdown-escape.js';
import { CLASS_COLUMNS, classRows, requestRows, runFacts, summaryFigureRows } from './summary-figures.js';

function table(header: readonly string[], rows: string[][], rightAligned: boolean[]): string[] {
  const align = header.map((_, i) => (rightAligned[i] ? '---:' : '---'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

/** summary.md: the summary for a person in a terminal or on a code host. Deterministic: no wall-clock value. */
export function buildSummaryMarkdown(result: ScenarioResult): string {
  const { summary } = result;
  const singleReplication = summary.replications < 2;
  const lines: string[] = [`# ${escapeMarkdown(summary.scenario)}`, ''];
  if (result.spec.description.trim() !== '') lines.push(escapeMarkdown(result.spec.description.trim()), '');

  for (const fact of runFacts(summary)) lines.push(`- ${fact.label}: ${escapeMarkdown(fact.value)}`);
  lines.push('', '## Figures', '');
  lines.push(
    ...table(
      ['figure', 'value', '95 % CI'],
      summaryFigureRows(summary).map((r) => [r.figure, r.value, r.ci]),
      [false, true, true],
    ),
  );
  if (singleReplication) lines.push('', 'No confidence intervals: they need at least 2 replications.');

  lines.push('', '## Requests', '');
  lines.push(
    ...table(
      ['requests', 'count'],
      requestRows(summary).map((r) => [escapeMarkdown(r.label), r.value]),
      [false, true],
    ),
  );

  const classes = classRows(summary);
  if (classes.length > 0) {
    lines.push('', '## Per class', '', 'Response times and throughput per request class (CIs in summary.json).', '');
    lines.push(
      ...table(
        CLASS_COLUMNS,
        classes.map(([name, ...values]) => [escapeMarkdown(name), ...values]),
        CLASS_COLUMNS.map((_, i) => i > 0),
      ),
    );
  }

  lines.push('', '## Warnings', '');
  if (result.warnings.length === 0) lines.push('None.');
  else for (const warning of result.warnings) lines.push(`- ${escapeMarkdown(warning)}`);
  return `${lines.join('\n')}\n`;
}
