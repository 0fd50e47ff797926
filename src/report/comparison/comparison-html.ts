/**
 * comparison.html: one self-contained page in the style of report.html. No script, no stylesheet, no font, nothing
 * loaded from anywhere (the same Content-Security-Policy), the charts inlined as SVG.
 */
import { htmlPage } from '../html-page.js';
import type { Comparison, ComparisonPoint } from '../../experiment/compare.js';
import type { ChartSpec } from '../charts/index.js';
import { chartsSection, warningsSection, type ChartWithSvg } from '../html-common-sections.js';
import { escapeHtml } from '../html-escape.js';
import { REPORT_CSS } from '../html-style.js';
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
import { SWEEP_SUMMARY_NOTE, sweepSummary } from './comparison-sweep-summary.js';
import { sectionComparisonHtml, variantSectionsHtml } from './comparison-sections.js';

export type RenderedComparisonChart = ChartWithSvg;

/** As report.html: nothing may load; inline styles only, `data:` images only so no favicon is asked for. */

/** The verdict column coloured by what it says; the words carry the meaning on their own. */
const COMPARISON_CSS = `
td.verdict-better { color: #116329; background: #dafbe1; font-weight: 600; }
td.verdict-worse { color: #82071e; background: #ffebe9; font-weight: 600; }
td.verdict-not-significant { color: #57606a; }
td.verdict-baseline, td.verdict-no-interval { color: #57606a; font-style: italic; }
table.comparison td:first-child { font-weight: 600; }
table.comparison th, table.comparison td { padding: .25rem .5rem; }
table.comparison th, table.comparison td:last-child { white-space: normal; }
div.wide { overflow-x: auto; }
details.point { margin-top: 1rem; }
details.point > summary { cursor: pointer; font-size: 1.15rem; font-weight: 600; }
table.sweep-summary td:first-child { font-weight: normal; }
`;

const NUMERIC = [false, true, true, true, true, true, false];

function figureTable(comparison: Comparison, point: ComparisonPoint, figure: (typeof FIGURES)[number]): string {
  const header = FIGURE_TABLE_COLUMNS(comparison.baseline)
    .map((h, i) => `<th${NUMERIC[i] ? ' class="num"' : ''}>${escapeHtml(h.charAt(0).toUpperCase() + h.slice(1))}</th>`)
    .join('');
  const body = figureRows(point, figure)
    .map((row) => {
      const cells = rowCells(row).map((text, i) => {
        const classes = [NUMERIC[i] ? 'num' : undefined, i === 6 ? `verdict-${row.verdict.kind}` : undefined]
          .filter((c) => c !== undefined)
          .join(' ');
        return `<td${classes === '' ? '' : ` class="${escapeHtml(classes)}"`}>${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return (
    `<h3>${escapeHtml(figure.label)}</h3>\n` +
    `<div class="wide">\n<table class="comparison" data-figure="${escapeHtml(figure.path)}">\n` +
    `<thead><tr>${header}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>`
  );
}

/** The single-leader figures of a point (`comparison-elections.ts`); nothing for other topologies. */
function electionTable(point: ComparisonPoint): string {
  const rows = electionComparisonRows(point);
  if (rows === null) return '';
  const header = ELECTION_COMPARISON_COLUMNS.map(
    (h, i) => `<th${i > 0 ? ' class="num"' : ''}>${escapeHtml(h.charAt(0).toUpperCase() + h.slice(1))}</th>`,
  ).join('');
  const body = rows
    .map((row) => `<tr>${row.map((text, i) => `<td${i > 0 ? ' class="num"' : ''}>${escapeHtml(text)}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    `\n<h3>${escapeHtml(ELECTION_COMPARISON_TITLE)}</h3>\n` +
    `<div class="wide">\n<table class="comparison" data-figure="elections">\n` +
    `<thead><tr>${header}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>`
  );
}

function figureSections(comparison: Comparison): string {
  if (comparison.sweeps.length === 0) {
    const point = comparison.points[0];
    const tables = FIGURES.map((f) => figureTable(comparison, point, f)).join('\n') + electionTable(point) + variantSectionsHtml(point) + sectionComparisonHtml(point);
    return `<section id="figures">\n<h2>Figures</h2>\n${tables}\n</section>`;
  }
  const points = comparison.points
    .map((point, i) => {
      const tables = FIGURES.map((f) => figureTable(comparison, point, f)).join('\n') + electionTable(point) + variantSectionsHtml(point) + sectionComparisonHtml(point);
      return (
        `<details class="point" id="point-${i}">\n<summary>${escapeHtml(pointTitle(comparison, point))}</summary>\n` +
        `${tables}\n</details>`
      );
    })
    .join('\n');
  return `<section id="points">\n<h2>Every point</h2>\n<p class="note">Each point’s tables, folded: open one to read every figure.</p>\n${points}\n</section>`;
}

/** With a sweep, the page opens with one table of every point (comparison-sweep-summary.ts); nothing without one. */
function summarySection(comparison: Comparison): string {
  if (comparison.sweeps.length === 0) return '';
  const summary = sweepSummary(comparison);
  const axes = comparison.sweeps.length;
  const header = summary.header
    .map((h, i) => `<th${i < summary.header.length - 1 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const body = summary.rows
    .map((row) => {
      const cells = [
        ...row.axes.map((text) => `<td class="num">${escapeHtml(text)}</td>`),
        ...row.cells.map((cell) => `<td class="num verdict-${cell.kind}">${escapeHtml(cell.text)}</td>`),
        `<td>${escapeHtml(row.lowest)}</td>`,
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return (
    `<section id="summary">\n<h2>Summary</h2>\n<p class="note">${escapeHtml(SWEEP_SUMMARY_NOTE)}</p>\n` +
    `<div class="wide">\n<table class="comparison sweep-summary" data-axes="${axes}">\n` +
    `<thead><tr>${header}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>\n</section>\n`
  );
}

/** comparison.html. Pure: the same comparison and SVGs give the same bytes. */
export function buildComparisonHtml(comparison: Comparison, charts: readonly RenderedComparisonChart[]): string {
  const name = escapeHtml(comparison.scenario);
  const facts = comparisonFacts(comparison)
    .map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`)
    .join('\n');
  return htmlPage(
    `${name} · clustersim comparison`,
    REPORT_CSS + COMPARISON_CSS,
    `<header>
<h1>${name}: comparison</h1>
<dl class="facts">
${facts}
</dl>
<p class="note" id="how-to-read">${escapeHtml(readingNote(comparison))}</p>
</header>
${summarySection(comparison)}${warningsSection(comparison.warnings)}
${chartsSection(charts)}
${figureSections(comparison)}
<footer>clustersim comparison · seed ${escapeHtml(comparison.seed)} · baseline ${escapeHtml(comparison.baseline)}</footer>`,
  );
}
