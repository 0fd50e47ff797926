import type { ElectionRow, ReplicationLagRow, Summary } from '../../../experiment/result.js';
import { toCsv } from '../../../report/csv.js';
import type { SingleLeaderTopologySpec } from '../../../model/spec.js';
import { whenPresent, type SectionAccumulator, type SectionDefinition } from '../../section.js';
import { electionColumns, replicationLagColumns } from '../report/csv-columns.js';
import { electionsHtml, electionsMarkdown } from '../report/elections-report.js';
import { replicationLagChart } from '../report/replication-lag-chart.js';
import { timeWithoutLeaderChart } from '../report/time-without-leader-chart.js';
import { ElectionFigures } from './election-figures.js';
import { SINGLE_LEADER_SECTION } from './ids.js';
import { ReplicatedStoreFigures } from './replicated-store-figures.js';

/** What the single-leader section hands its renderers: every election, and the replication lag per interval. */
export interface SingleLeaderResult {
  elections: ElectionRow[];
  replicationLag?: ReplicationLagRow[];
}

/**
 * The single-leader topology's section: `elections` and `writes` of summary.json (lost acknowledged writes; with a
 * replicated store also write unavailability, and `reads` with its staleness), elections.csv and
 * replication-lag.csv, the Leader elections part of summary.md and report.html, and the charts of time without a
 * leader and of replication lag.
 */
export const singleLeaderSection: SectionDefinition<SingleLeaderResult | undefined, Summary> = {
  id: SINGLE_LEADER_SECTION,
  accumulate(spec) {
    const topology = spec.topology as SingleLeaderTopologySpec | undefined;
    const elections = new ElectionFigures();
    const replicated = topology?.mode === 'replicated' ? new ReplicatedStoreFigures(spec) : null;
    const accumulator: SectionAccumulator<SingleLeaderResult | undefined> = {
      add(replication) {
        elections.add(replication);
        replicated?.add(replication);
      },
      summary() {
        const summary: Pick<Summary, 'elections' | 'writes' | 'reads'> = elections.summary();
        // The replicated store's write unavailability and (reads: any) read staleness.
        const unavailability = replicated?.writeUnavailability();
        if (unavailability !== undefined && summary.writes !== undefined) Object.assign(summary.writes, unavailability);
        const staleness = replicated?.readStaleness();
        if (staleness !== undefined) summary.reads = { staleness };
        // A scheduler acknowledges no writes: it has elections but no lost writes.
        if (topology?.mode === 'scheduler') delete summary.writes;
        return summary;
      },
      result() {
        const replicationLag = replicated?.lagRows();
        return { elections: elections.rows() ?? [], ...(replicationLag !== undefined ? { replicationLag } : {}) };
      },
    };
    return whenPresent(SINGLE_LEADER_SECTION, accumulator, undefined);
  },
  files(result) {
    if (result === undefined) return [];
    const files = [{ name: 'elections.csv', text: toCsv(result.elections, electionColumns) }];
    if (result.replicationLag !== undefined) {
      files.push({ name: 'replication-lag.csv', text: toCsv(result.replicationLag, replicationLagColumns) });
    }
    return files;
  },
  markdown: (result, summary) => electionsMarkdown(result?.elections, summary),
  html: (result, summary) => electionsHtml(result?.elections, summary),
  charts(result, _summary, context) {
    const charts = [timeWithoutLeaderChart(result?.elections), replicationLagChart(result?.replicationLag, context.shading)];
    return charts.filter((chart) => chart !== null);
  },
};
