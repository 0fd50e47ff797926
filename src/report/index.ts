/** The report: observes a ScenarioResult and writes it as JSON, markdown, CSV, Vega-Lite, SVG and one HTML page. */
export { writeReport, buildSummaryJson } from './write-report.js';
export { chartJson } from './chart-files.js';
export {
  writeDirAtomically,
  temporarySibling,
  asideSibling,
  recoverInterruptedWrites,
  type AtomicWriteOptions,
  type WritePhase,
  type Checkpoint,
} from './atomic-dir.js';
export { reportFolderName } from './report-folder-name.js';
export { buildSummaryMarkdown, MAX_NODE_ROWS_IN_MARKDOWN } from './summary-markdown.js';
export { summaryFigureRows, requestRows, classRows, runFacts, type FigureRow, type LabelledValue } from './summary-figures.js';
export {
  buildCharts,
  MAX_NODES_AS_BARS,
  MAX_INCIDENTS_SHADED,
  TIMELINE_PANEL_HEIGHT,
  type ChartSpec,
} from './charts/index.js';
export { renderSvg, compileChart, preloadRenderer, type CompiledChart } from './render-svg.js';
export { buildHtml, type RenderedChart } from './html.js';
export { escapeHtml } from './html-escape.js';
export { toCsv, csvChunks, columnsOf, type CsvColumn } from './csv.js';
export { timeseriesColumns, nodeColumns, histogramColumns, incidentColumns } from './csv-tables.js';
export {
  reliabilityFigureRows,
  conditionRows,
  sloRows,
  sloVerdict,
  incidentTable,
  nodeReliabilityCells,
  MAX_INCIDENT_ROWS_SHOWN,
  SLO_PASS,
  SLO_FAIL,
  type IncidentTable,
} from './reliability-figures.js';
export { specToJson, scenarioAsRun, UNBOUNDED, type ScenarioText } from './scenario-text.js';
export {
  formatDuration,
  formatSpan,
  formatRate,
  formatPercent,
  formatCount,
  formatBytes,
  formatEstimate,
  formatSignificant,
  groupThousands,
  formatTrimmed,
  formatLongDuration,
  formatNines,
  ninesOf,
  NINES_SHOWN,
} from './format.js';
export * from './comparison/index.js';
export { writeSizing, sizingFolderName } from './sizing/write-sizing.js';
export { buildSizingJson, type SizingPlan, type SizingJson } from './sizing/sizing-json.js';
