/**
 * comparison.md: the comparison's facts, then a table per figure; with a sweep, a summary table of every point first,
 * then each point's tables folded in a <details>.
 */
import type { Comparison, ComparisonPoint } from '../../experiment/compare.js';
import { escapeHtml } from '../html-escape.js';
import { escapeMarkdown } from '../markdown-escape.js';
import { SWEEP_SUMMARY_NOTE, sweepSummary } from './comparison-sweep-summary.js';
import { variantSectionsMarkdown } from './comparison-sections.js';
import { ELECTION_COMPARISON_COLUMNS, ELECTION_COMPARISON_TITLE, electionComparisonRows } from './comparison-elections.js';
import {
  comparisonFacts,
  FIGURE_TABLE_COLUMNS,
  FIGURES,
  figureRows,
  pointTitle,
  readingNote,
  rowCells,
} from './comparison-figures.js';

const RIGHT_ALIGNED = [false, true, true, true, true, true, false];

function table(header: readonly string[], rows: string[][], rightAligned: readonly boolean[] = RIGHT_ALIGNED): string[] {
  const align = header.map((_, i) => (rightAligned[i] ? '---:' : '---'));
  return [header.map(escapeMarkdown), align, ...rows.map((r) => r.map(escapeMarkdown))].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );
}

function figureTables(comparison: Comparison, point: ComparisonPoint, level: string): string[] {
  const lines: string[] = [];
  for (const figure of FIGURES) {
    lines.push('', `${level} ${figure.label}`, '');
    lines.push(...table(FIGURE_TABLE_COLUMNS(comparison.baseline), figureRows(point, figure).map(rowCells)));
  }
  const elections = electionComparisonRows(point);
  if (elections !== null) {
    lines.push('', `${level} ${ELECTION_COMPARISON_TITLE}`, '');
    lines.push(...table(ELECTION_COMPARISON_COLUMNS, elections));
  }
  lines.push(...variantSectionsMarkdown(point, level));
  return lines;
}

export function buildComparisonMarkdown(comparison: Comparison): string {
  const lines: string[] = [`# ${escapeMarkdown(comparison.scenario)}: comparison`, ''];
  for (const fact of comparisonFacts(comparison)) lines.push(`- ${fact.label}: ${escapeMarkdown(fact.value)}`);
  lines.push('', readingNote(comparison));
  if (comparison.warnings.length > 0) {
    lines.push('', '## Warnings', '');
    for (const warning of comparison.warnings) lines.push(`- ${escapeMarkdown(warning)}`);
  }
  if (comparison.sweeps.length === 0) {
    lines.push('', '## Figures');
    lines.push(...figureTables(comparison, comparison.points[0], '###'));
  } else {
    const summary = sweepSummary(comparison);
    lines.push('', '## Summary', '', SWEEP_SUMMARY_NOTE, '');
    const cells = summary.rows.map((row) => [...row.axes, ...row.cells.map((c) => c.text), row.lowest]);
    lines.push(...table(summary.header, cells, summary.header.map((_, i) => i < summary.header.length - 1)));
    lines.push('', '## Every point', '', 'Each point’s tables, folded: open one to read every figure.');
    for (const point of comparison.points) {
      // GitHub and most markdown viewers render <details> folded; the blank lines let the tables inside render.
      lines.push('', `<details><summary>${escapeHtml(pointTitle(comparison, point))}</summary>`);
      lines.push(...figureTables(comparison, point, '###'));
      lines.push('', '</details>');
    }
  }
  const seed = escapeMarkdown(comparison.seed);
  lines.push('', `Seed ${seed}; charts and the exact numbers: comparison.html, comparison.json, comparison.csv.`);
  return `${lines.join('\n')}\n`;
}
