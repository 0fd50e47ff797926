import type { NodeRow, ReliabilitySummary, ScenarioResult } from '../experiment/result.js';
import { leastAvailableFirst } from './node-order.js';
import { formatCount } from './format.js';
import { escapeMarkdown } from './markdown-escape.js';
import { sectionsOf } from './sections.js';
import { escapedMarkdownTable, markdownTable as table } from './markdown-table.js';
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
  sloNote,
  sloRows,
  sloVerdict,
} from './reliability-figures.js';
import { CLASS_COLUMNS, classRows, requestRows, runFacts, summaryFigureRows } from './summary-figures.js';


/** summary.md lists this many nodes at most, least available first; nodes.csv has every node. */
export const MAX_NODE_ROWS_IN_MARKDOWN = 50;

function reliabilityLines(result: ScenarioResult, reliability: ReliabilitySummary): string[] {
  const lines: string[] = ['', '## Reliability', '', minHealthyNote(reliability), ''];
  lines.push(
    ...table(
      ['figure', 'value', '95 % CI'],
      reliabilityFigureRows(reliability).map((r) => [r.figure, r.value, r.ci]),
      [false, true, true],
    ),
  );
  lines.push('', DETECTION_NOTE);

  lines.push('', '### Response time: healthy vs degraded', '');
  lines.push(CONDITION_NOTE, '');
  lines.push(...table(CONDITION_COLUMNS, conditionRows(reliability), CONDITION_COLUMNS.map((_, i) => i > 0)));

  lines.push('', '## Objectives (SLO)', '', sloVerdict(reliability));
  const slo = sloRows(reliability);
  if (slo.length > 0) lines.push('', ...table(SLO_COLUMNS, slo, [false, true, true, true, false]), '', sloNote(reliability));

  lines.push('', '## Incidents', '');
  if (result.incidents.length === 0) {
    lines.push(NO_INCIDENT_TEXT);
  } else {
    const incidents = incidentTable(result.incidents);
    lines.push(incidents.note, '', ...escapedMarkdownTable(INCIDENT_COLUMNS, incidents.rows, ['cause']));
  }

  const nodes = result.nodes;
  const shown = leastAvailableFirst(nodes, MAX_NODE_ROWS_IN_MARKDOWN);
  lines.push('', '## Node reliability', '');
  lines.push(
    shown.length < nodes.length
      ? `The ${formatCount(shown.length)} least available of ${formatCount(nodes.length)} nodes (means over ` +
          'replications; crashes per replication); nodes.csv has every node.'
      : 'Least available first; means over replications, crashes per replication. nodes.csv has the exact values.',
    '',
  );
  const header = ['node', 'zone', ...NODE_RELIABILITY_COLUMNS];
  lines.push(
    ...table(
      header,
      shown.map((n) => [escapeMarkdown(n.node), escapeMarkdown(n.zone), ...nodeReliabilityCells(n)]),
      header.map((_, i) => i > 1),
    ),
  );
  return lines;
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

  for (const { definition, result: data } of sectionsOf(result)) lines.push(...(definition.markdown?.(data, summary) ?? []));

  if (summary.reliability !== null) lines.push(...reliabilityLines(result, summary.reliability));

  lines.push('', '## Warnings', '');
  if (result.warnings.length === 0) lines.push('None.');
  else for (const warning of result.warnings) lines.push(`- ${escapeMarkdown(warning)}`);
  return `${lines.join('\n')}\n`;
}
