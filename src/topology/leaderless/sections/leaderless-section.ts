import type { SectionDefinition } from '../../section.js';
import { nodeSharesCsv } from '../report/nodes-csv.js';
import { leaderlessHtml, leaderlessMarkdown } from '../report/text.js';
import { tVisibilityChart, tVisibilityCsv } from '../report/t-visibility.js';
import { LEADERLESS_SECTION } from './data.js';
import { LeaderlessFigures, type LeaderlessResult, type LeaderlessSummary } from './leaderless-figures.js';

type Summary = { leaderless?: LeaderlessSummary };

/**
 * "Replicas and consistency": summary.json `leaderless` (latency per operation, staleness, k-staleness,
 * t-visibility, request-based availability), leaderless-t-visibility.csv and leaderless-nodes.csv (ring and request
 * share per node), its part of summary.md and report.html, and the t-visibility chart.
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
  ],
  markdown: (result) => leaderlessMarkdown(result.summary),
  html: (result) => leaderlessHtml(result.summary),
  charts: (result) => {
    const chart = tVisibilityChart(result.summary.staleness.tVisibility);
    return chart === null ? [] : [chart];
  },
};
