import { formatDuration, formatEstimate, formatPercent } from '../../../report/format.js';
import type { Estimate } from '../../../metrics/confidence.js';
import type { SectionComparisonTable } from '../../section.js';
import type { LeaderlessSummary } from '../sections/leaderless-figures.js';

const NOTE =
  'Per leaderless variant with clients in regions, per client region: write latency (p50, p99), the share of writes ' +
  'answered and the longest time without an answered write (after the region is lost: the time until its clients ' +
  'were served again, at most), mean with its 95 % CI across replications. Beside the standby tiers\u2019 RPO and RTO: ' +
  'without a sloppy quorum a leaderless store keeps every acknowledged write (its copies are on their way to the ' +
  'other region when it is acknowledged; with one, expired hints can lose some: its section counts them), and the ' +
  'longest gap bounds its RTO.';

/**
 * `clustersim compare` across regions' deployments (issue 14): the leaderless variants' clients by region, in a
 * table of their own after the disaster-recovery tiers' (which a leaderless summary has no `recovery` for).
 */
export function leaderlessComparisonTable(variants: readonly { name: string; summary: unknown }[]): SectionComparisonTable | null {
  const cell = (e: Estimate, format: (x: number) => string) => {
    const f = formatEstimate(e, format);
    return `${f.value} (${f.ci})`;
  };
  const rows = variants.flatMap(({ name, summary }) => {
    const regions = (summary as { leaderless?: LeaderlessSummary }).leaderless?.byClientRegion ?? [];
    return regions
      .filter((entry) => entry.writes.availability.value !== null)
      .map((entry) => [
        name,
        entry.region,
        cell(entry.writes.latency.p50, formatDuration),
        cell(entry.writes.latency.p99, formatDuration),
        cell(entry.writes.availability, (x) => formatPercent(x, 3)),
        cell(entry.writes.longestGap, formatDuration),
      ]);
  });
  if (rows.length === 0) return null;
  return {
    title: 'Leaderless clients by region',
    note: NOTE,
    columns: ['variant', 'client region', 'write p50', 'write p99', 'writes answered', 'longest write gap'],
    rows,
  };
}
