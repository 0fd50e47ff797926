import { htmlPage } from './html-page.js';
import { busiestFirst } from './node-order.js';
import type { NodeRowTable } from '../experiment/node-row-table.js';
import type { NodeRow, ReliabilitySummary, ScenarioResult } from '../experiment/result.js';
import type { ChartSpec } from './charts/index.js';
import { formatBytes, formatCount, formatMeanCount, formatPercent, formatSignificant } from './format.js';
import { chartsSection, warningsSection, type ChartWithSvg } from './html-common-sections.js';
import { escapeHtml } from './html-escape.js';
import { capitalized, htmlTable as table, type Column } from './html-table.js';
import { sectionsOf } from './sections.js';
import { REPORT_CSS } from './html-style.js';
import {
  conditionRows,
  CONDITION_COLUMNS,
  CONDITION_NOTE,
  DETECTION_NOTE,
  INCIDENT_COLUMNS,
  incidentTable,
  minHealthyNote,
  NO_INCIDENT_TEXT,
  NODE_RELIABILITY_COLUMNS,
  nodeReliabilityCells,
  reliabilityFigureRows,
  SLO_COLUMNS,
  SLO_FAIL,
  SLO_INCONCLUSIVE,
  sloNote,
  sloStatus,
  SLO_PASS,
  sloRows,
  sloVerdict,
} from './reliability-figures.js';
import { scenarioAsRun } from './scenario-text.js';
import { CLASS_COLUMNS, classRows, requestRows, runFacts, summaryFigureRows } from './summary-figures.js';

export type RenderedChart = ChartWithSvg;


function factsList(result: ScenarioResult): string {
  const items = runFacts(result.summary).map(
    (f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`,
  );
  return `<dl class="facts">\n${items.join('\n')}\n</dl>`;
}

/** A figure table: the figure, its value, and its 95 % CI. */
const FIGURE_COLUMNS: Column[] = [
  { header: 'Figure', numeric: false },
  { header: 'Value', numeric: true },
  { header: '95 % CI', numeric: true },
];

function summarySection(result: ScenarioResult): string {
  const { summary } = result;
  const figures = table(
    'figures',
    FIGURE_COLUMNS,
    summaryFigureRows(summary).map((r) => [r.figure, r.value, r.ci]),
  );
  const noCi =
    summary.replications < 2
      ? '<p class="note">No confidence intervals: they need at least 2 replications.</p>'
      : '<p class="note">95 % Student-t confidence intervals across replications.</p>';
  const requests = table(
    'requests',
    [
      { header: 'Requests (all replications)', numeric: false },
      { header: 'Count', numeric: true },
    ],
    requestRows(summary).map((r) => [r.label, r.value]),
  );
  const classes = classRows(summary);
  const perClass =
    classes.length === 0
      ? ''
      : `<h3>Per class</h3>\n<p class="note">Means over replications; their confidence intervals are in summary.json.</p>\n${table(
          'classes',
          CLASS_COLUMNS.map((header, i) => ({ header, numeric: i > 0 })),
          classes,
        )}`;
  return `<section id="summary">\n<h2>Summary</h2>\n${figures}\n${noCi}\n<h3>Requests</h3>\n${requests}\n${perClass}\n</section>`;
}

function reliabilitySection(reliability: ReliabilitySummary): string {
  const figures = table(
    'reliability',
    FIGURE_COLUMNS,
    reliabilityFigureRows(reliability).map((r) => [r.figure, r.value, r.ci]),
  );
  const conditions = table(
    'conditions',
    CONDITION_COLUMNS.map((header, i) => ({ header: capitalized(header), numeric: i > 0 })),
    conditionRows(reliability),
  );
  return (
    `<section id="reliability">\n<h2>Reliability</h2>\n<p class="note">${escapeHtml(minHealthyNote(reliability))}</p>\n` +
    `${figures}\n<p class="note">${escapeHtml(DETECTION_NOTE)}</p>\n` +
    `<h3>Response time: healthy vs degraded</h3>\n<p class="note">${escapeHtml(CONDITION_NOTE)}</p>\n${conditions}\n` +
    '</section>'
  );
}

const SLO_RESULT_CLASSES: Record<string, string> = {
  [SLO_PASS]: 'slo-pass',
  [SLO_FAIL]: 'slo-fail',
  [SLO_INCONCLUSIVE]: 'slo-inconclusive',
};
const SLO_STATUS_CLASSES = { pass: 'slo-pass', fail: 'slo-fail', undecided: 'slo-unjudged' } as const;

function sloSection(reliability: ReliabilitySummary): string {
  const verdict = escapeHtml(sloVerdict(reliability));
  if (reliability.slo.length === 0) return `<section id="slo">\n<h2>Objectives (SLO)</h2>\n<p>${verdict}</p>\n</section>`;
  const status = SLO_STATUS_CLASSES[sloStatus(reliability)];
  const checks = table(
    'slo',
    SLO_COLUMNS.map((header) => ({
      header: capitalized(header),
      numeric: header !== 'objective' && header !== 'result',
      classOf: header === 'result' ? (text: string) => SLO_RESULT_CLASSES[text] : undefined,
    })),
    sloRows(reliability),
  );
  return `<section id="slo">\n<h2>Objectives (SLO)</h2>\n<p class="verdict ${status}">${verdict}</p>\n${checks}\n` +
    `<p class="note">${escapeHtml(sloNote(reliability))}</p>\n</section>`;
}

function incidentsSection(result: ScenarioResult): string {
  if (result.incidents.length === 0) {
    return `<section id="incidents">\n<h2>Incidents</h2>\n<p>${escapeHtml(NO_INCIDENT_TEXT)}</p>\n</section>`;
  }
  const incidents = incidentTable(result.incidents);
  const rows = table(
    'incidents',
    INCIDENT_COLUMNS.map((header) => ({ header: capitalized(header), numeric: header !== 'cause' })),
    incidents.rows,
  );
  return (
    `<section id="incidents">\n<h2>Incidents</h2>\n<p class="note">${escapeHtml(incidents.note)}</p>\n` +
    `<div class="scroll">\n${rows}\n</div>\n</section>`
  );
}

function reliabilitySections(result: ScenarioResult): string {
  const { reliability } = result.summary;
  if (reliability === null) return '';
  return `${reliabilitySection(reliability)}\n${sloSection(reliability)}\n${incidentsSection(result)}\n`;
}

/** With failures, uptime, crashes, MTBF and MTTR come right after the node's name, where they are seen first. */
function nodeCells(n: NodeRow, withReliability: boolean): string[] {
  return [
    n.node,
    n.group,
    n.zone,
    ...(withReliability ? nodeReliabilityCells(n) : []),
    formatMeanCount(n.completed),
    formatPercent(n.utilization),
    formatPercent(n.nicUtilization),
    formatSignificant(n.meanQueueLength, 3),
    formatBytes(n.storageUsed),
    formatBytes(n.bytesMoved),
  ];
}

/**
 * Above this many nodes the page lists only the busiest: a row per node of a million-node cluster made a 200 MB page
 * no browser opens.
 */
export const MAX_NODE_ROWS_IN_HTML = 1000;

function nodesSection(nodes: NodeRowTable, withReliability: boolean): string {
  const columns: Column[] = [
    { header: 'Node', numeric: false },
    { header: 'Group', numeric: false },
    { header: 'Zone', numeric: false },
    ...(withReliability
      ? NODE_RELIABILITY_COLUMNS.map((header) => ({ header: capitalized(header), numeric: true }))
      : []),
    { header: 'Completed', numeric: true },
    { header: 'CPU busy', numeric: true },
    { header: 'NIC busy', numeric: true },
    { header: 'Queue length', numeric: true },
    { header: 'Storage used', numeric: true },
    { header: 'Bytes moved', numeric: true },
  ];
  const reliabilityNote = withReliability
    ? 'fraction of the measured time the node was up, crashes per replication, observed MTBF and MTTR (a dash: none observed), '
    : '';
  const shown = nodes.length > MAX_NODE_ROWS_IN_HTML ? busiestFirst(nodes, MAX_NODE_ROWS_IN_HTML) : nodes.toArray();
  const cells = shown.map((n) => nodeCells(n, withReliability));
  const which =
    shown.length < nodes.length
      ? `The ${formatCount(shown.length)} busiest of ${formatCount(nodes.length)} nodes (nodes.csv has every node). `
      : '';
  return (
    `<section id="nodes">\n<h2>Nodes</h2>\n<p class="note">${which}Means over replications: ${reliabilityNote}requests completed, fraction of time the cores and the NIC were busy, mean queue length, storage used and bytes through the NIC. nodes.csv has the exact values.</p>\n` +
    `<div class="scroll">\n${table('nodes', columns, cells)}\n</div>\n</section>`
  );
}

/** The sections of the topology (or of features) present in the result, each rendered by its own definition. */
function sectionsHtml(result: ScenarioResult): string {
  return sectionsOf(result)
    .map(({ definition, result: data }) => definition.html?.(data, result.summary) ?? '')
    .join('');
}

function scenarioSection(result: ScenarioResult): string {
  const { origin, text } = scenarioAsRun(result);
  return (
    `<section id="scenario">\n<h2>Scenario as run</h2>\n<p class="note">${escapeHtml(origin)}</p>\n` +
    `<pre><code>${escapeHtml(text)}</code></pre>\n</section>`
  );
}

/** report.html: one self-contained page. Pure: the same result and SVGs give the same bytes. */
export function buildHtml(result: ScenarioResult, charts: readonly RenderedChart[]): string {
  const { summary } = result;
  const name = escapeHtml(summary.scenario);
  const description = result.spec.description.trim();
  return htmlPage(
    `${name} · clustersim report`,
    REPORT_CSS,
    `<header>
<h1>${name}</h1>
${description === '' ? '' : `<p class="description">${escapeHtml(description)}</p>\n`}${factsList(result)}
</header>
${summarySection(result)}
${sectionsHtml(result)}${reliabilitySections(result)}${warningsSection(result.warnings)}
${chartsSection(charts)}
${nodesSection(result.nodes, summary.reliability !== null)}
${scenarioSection(result)}
<footer>clustersim report · seed ${escapeHtml(summary.seed)} · fingerprint ${escapeHtml(summary.fingerprint)}</footer>`,
  );
}
