/** The comparison report of `clustersim compare`: JSON, markdown, CSV, Vega-Lite charts rendered to SVG, one HTML page. */
export { writeComparison, comparisonFolderName } from './write-comparison.js';
export { buildComparisonJson } from './comparison-json.js';
export { buildComparisonMarkdown } from './comparison-markdown.js';
export { buildComparisonCsv, buildSweepCsv, comparisonCsvRows, type ComparisonCsvRow } from './comparison-csv.js';
export { heatmapChart } from './comparison-heatmap.js';
export { sweepSummary, type SweepSummary } from './comparison-sweep-summary.js';
export { buildComparisonHtml, type RenderedComparisonChart } from './comparison-html.js';
export { buildComparisonCharts, cdfOverlayChart, perVariantChart, againstSweepChart } from './comparison-charts.js';
export {
  figureRows,
  verdictOf,
  comparisonFacts,
  readingNote,
  VERDICT_BASELINE,
  VERDICT_NOT_SIGNIFICANT,
  VERDICT_NO_INTERVAL,
  type Verdict,
  type VerdictKind,
  type FigureRowCells,
} from './comparison-figures.js';
