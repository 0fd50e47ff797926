/** comparison.md: the comparison's facts, then a table per figure (per point, with a sweep). */
import type { Comparison, ComparisonPoint } from '../../experiment/compare.js';
import { escapeMarkdown } from '../markdown-escape.js';
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

function table(header: readonly string[], rows: string[][]): string[] {
  const align = header.map((_, i) => (RIGHT_ALIGNED[i] ? '---:' : '---'));
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
  if (comparison.sweep === null) {
    lines.push('', '## Figures');
    lines.push(...figureTables(comparison, comparison.points[0], '###'));
  } else {
    for (const point of comparison.points) {
      lines.push('', `## ${escapeMarkdown(pointTitle(comparison, point))}`);
      lines.push(...figureTables(comparison, point, '###'));
    }
  }
  const seed = escapeMarkdown(comparison.seed);
  lines.push('', `Seed ${seed}; charts and the exact numbers: comparison.html, comparison.json, comparison.csv.`);
  return `${lines.join('\n')}\n`;
}
