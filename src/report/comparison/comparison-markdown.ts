/**
 * comparison.md: the comparison's facts, then a table per figure; with a sweep, a summary table of every point first,
 * then each point folded in a <details>, as one table of the figures in which a variant differs significantly from
 * the baseline (the others only named): a 10-point, 4-policy sweep wrote 116 KB of per-figure tables, most of them
 * saying "no significant difference". comparison.html, comparison.csv and sweep.csv keep every figure with its CI.
 */
import type { Comparison, ComparisonPoint } from '../../experiment/compare.js';
import { escapeHtml } from '../html-escape.js';
import { escapeMarkdown } from '../markdown-escape.js';
import { cellOf, SWEEP_SUMMARY_NOTE, sweepSummary } from './comparison-sweep-summary.js';
import { sectionComparisonMarkdown, variantSectionsMarkdown } from './comparison-sections.js';
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
  lines.push(...sectionComparisonMarkdown(point, level));
  return lines;
}

/** A variant's cells are worth a row when it differs significantly, or when nothing can be judged (one replication). */
function worthARow(rows: ReturnType<typeof figureRows>): boolean {
  return rows.some((r) => r.verdict.kind === 'better' || r.verdict.kind === 'worse' || r.verdict.kind === 'no-interval');
}

/**
 * One point of a sweep: a row per figure in which some variant differs significantly from the baseline (each
 * variant's value, and in brackets its relative paired difference, or n.s.), then the figures without a difference
 * by name only, then the point's elections when the topology has them.
 */
function pointDetail(comparison: Comparison, point: ComparisonPoint): string[] {
  const rows: string[][] = [];
  const same: string[] = [];
  for (const figure of FIGURES) {
    const figureCells = figureRows(point, figure);
    if (worthARow(figureCells)) rows.push([figure.label, ...figureCells.map((r) => cellOf(r).text)]);
    else same.push(figure.label);
  }
  const lines: string[] = [];
  if (rows.length > 0) {
    const header = ['figure', ...point.variants.map((v) => `${v.name}${v.baseline ? ' (baseline)' : ''}`)];
    lines.push('', ...table(header, rows, header.map((_, i) => i > 0)));
  }
  const baseline = escapeMarkdown(comparison.baseline);
  if (same.length === FIGURES.length) lines.push('', `No variant differs significantly from ${baseline} in any figure.`);
  else if (same.length > 0) lines.push('', `No significant difference from ${baseline} in: ${same.map(escapeMarkdown).join(', ')}.`);
  const elections = electionComparisonRows(point);
  if (elections !== null) {
    lines.push('', `### ${ELECTION_COMPARISON_TITLE}`, '');
    lines.push(...table(ELECTION_COMPARISON_COLUMNS, elections));
  }
  return lines;
}

const POINT_DETAIL_NOTE =
  'Each point folded: a row per figure in which a variant differs significantly from the baseline (its value; in ' +
  'brackets the paired difference relative to the baseline, or n.s.), the other figures named. Every figure of ' +
  'every point with its CI and the CI of its difference: comparison.html, comparison.csv and sweep.csv.';

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
    lines.push('', '## Every point', '', POINT_DETAIL_NOTE);
    for (const point of comparison.points) {
      // GitHub and most markdown viewers render <details> folded; the blank lines let the tables inside render.
      lines.push('', `<details><summary>${escapeHtml(pointTitle(comparison, point))}</summary>`);
      lines.push(...pointDetail(comparison, point));
      lines.push('', '</details>');
    }
  }
  const seed = escapeMarkdown(comparison.seed);
  lines.push('', `Seed ${seed}; charts and the exact numbers: comparison.html, comparison.json, comparison.csv.`);
  return `${lines.join('\n')}\n`;
}
