import type { SectionDefinition } from '../../section.js';
import { leaderlessComparisonTable } from '../report/comparison.js';
import { nodeSharesCsv } from '../report/nodes-csv.js';
import { rebalancesCsv } from '../report/rebalances.js';
import { leaderlessHtml, leaderlessMarkdown } from '../report/text.js';
import { tVisibilityChart, tVisibilityCsv } from '../report/t-visibility.js';
import { LEADERLESS_SECTION } from './data.js';
import { LeaderlessFigures, type LeaderlessResult, type LeaderlessSummary } from './leaderless-figures.js';
import { activeActiveRecoveryPoint } from '../../recovery-point.js';

type Summary = { leaderless?: LeaderlessSummary };

/**
 * "Replicas and consistency": summary.json `leaderless` (latency per operation, staleness, k-staleness,
 * t-visibility, request-based availability, rebalances), leaderless-t-visibility.csv, leaderless-nodes.csv (ring and
 * request share per node) and with membership changes leaderless-rebalances.csv, its part of summary.md and report.html, and the t-visibility chart.
 */
export const leaderlessSection: SectionDefinition<LeaderlessResult, Summary> = {
  id: LEADERLESS_SECTION,
  accumulate(spec) {
    const figures = new LeaderlessFigures(spec);
    const names = spec.nodes.map((node) => node.name);
    return {
      add: (replication) => figures.add(replication),
      summary: () => ({ leaderless: figures.summary() }),
      result: () => ({ summary: figures.summary(), nodes: figures.nodeRows(names) }),
    };
  },
  files: (result) => [
    { name: 'leaderless-t-visibility.csv', text: tVisibilityCsv(result.summary.staleness.tVisibility) },
    { name: 'leaderless-nodes.csv', text: nodeSharesCsv(result.nodes) },
    ...(result.summary.rebalances === undefined ? [] : [{ name: 'leaderless-rebalances.csv', text: rebalancesCsv(result.summary.rebalances) }]),
  ],
  markdown: (result) => leaderlessMarkdown(result.summary),
  html: (result) => leaderlessHtml(result.summary),
  charts: (result) => {
    const chart = tVisibilityChart(result.summary.staleness.tVisibility);
    return chart === null ? [] : [chart];
  },
  comparisonTable: leaderlessComparisonTable,
  recoveryPoint: (summary) => activeActiveRecoveryPoint(summary.leaderless?.recovery),
};
