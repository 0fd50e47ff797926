import { columnsOf, toCsv } from '../../../report/csv.js';
import { whenPresent, type SectionAccumulator, type SectionDefinition } from '../../section.js';
import { REGIONS_SECTION } from '../sections/ids.js';
import { RegionsFigures, type RegionRow, type RegionsSummary } from './regions-figures.js';
import { regionsHtml, regionsMarkdown } from './regions-report.js';
import { activeActiveRecoveryPoint } from '../../recovery-point.js';

const columns = columnsOf<RegionRow>({
  region: 'region',
  leaderShare: 'leader_share',
  writes: 'writes',
  writeMean: 'write_mean_s',
  writeP50: 'write_p50_s',
  writeP99: 'write_p99_s',
});

/**
 * `regions` of summary.json, regions.csv and the "Regions" part of summary.md and report.html: where the leader was,
 * the non-voters' lag, and the write latency by client region. Present with `topology.placement` or clients with a
 * region.
 */
export const regionsSection: SectionDefinition<RegionRow[], { regions?: RegionsSummary }> = {
  id: REGIONS_SECTION,
  accumulate() {
    const figures = new RegionsFigures();
    const accumulator: SectionAccumulator<RegionRow[]> = {
      add: (replication) => figures.add(replication),
      summary: () => ({ regions: figures.summary() }),
      result: () => figures.rows(figures.summary()),
    };
    return whenPresent(REGIONS_SECTION, accumulator, []);
  },
  files(rows, summary) {
    return summary.regions === undefined ? [] : [{ name: 'regions.csv', text: toCsv(rows, columns) }];
  },
  markdown: (_rows, summary) => regionsMarkdown(summary.regions),
  html: (_rows, summary) => regionsHtml(summary.regions),
  recoveryPoint: (summary) => activeActiveRecoveryPoint(summary.regions?.recovery),
};
