import { NO_ESTIMATE, type Estimate } from '../../../metrics/confidence.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, isPlottable, VEGA_LITE_SCHEMA, type ChartSpec } from '../../../report/charts/chart-spec.js';
import { formatDuration, formatEstimate } from '../../../report/format.js';
import type { ComparedSummary, RecoveryPoint } from '../../recovery-point.js';
import type { SectionComparisonTable } from '../../section.js';
import type { RecoverySummary } from './recovery-figures.js';

/**
 * `clustersim compare` across disaster-recovery tiers (issue 14): what each variant's second region costs (a
 * standby's node-hours over the window, or an active/active store's other region) beside the RPO and RTO it buys, as
 * a table and as two charts. From each variant's recovery point (`SectionDefinition.recoveryPoint`), whichever
 * topology runs the tier.
 */

type Variants = readonly ComparedSummary[];

function withRecovery(variants: Variants): { name: string; recovery: RecoveryPoint }[] {
  return variants.flatMap((v) => (v.recovery === undefined ? [] : [{ name: v.name, recovery: v.recovery }]));
}

/** A standby's `recovery` of summary.json as a point of the comparison. */
export function standbyRecoveryPoint(summary: { recovery?: RecoverySummary }): RecoveryPoint | null {
  const recovery = summary.recovery;
  if (recovery === undefined) return null;
  return {
    tier: recovery.tier,
    writesLost: recovery.rpo.writesLost.mean,
    rtoWrite: recovery.rto.write.mean,
    secondRegionNodeHours: recovery.cost.standbyNodeHours,
    primaryNodeHours: recovery.cost.primaryNodeHours,
    standbyP99: recovery.standbyResponseTime.p99,
  };
}

const TABLE_NOTE =
  'Per variant: its tier, the RPO (acknowledged writes lost per outage) and the RTO (outage to first successful write), ' +
  'mean with its 95 % CI across replications, the p99 response time of the requests the promoted standby served, ' +
  'against the node-hours per replication of the standby region and of ' +
  'the primary over the window. "-": no outage in any replication, or a figure the tier does not have. ' +
  'Active/active (leaderless): the RTO is the lost region\'s clients\' first answered write after the loss (the ' +
  'detector suspecting the region\'s last node, then a write through the other region\'s coordinators), the RPO the ' +
  'acknowledged writes with no copy outside the lost region, and the standby node-hours those of the nodes outside it, ' +
  'which serve all along. Active/active (single leader): the RTO is the first write answered under the next leader ' +
  'after the loss of the leader\'s region, the RPO the acknowledged writes that leader lacks (docs/disaster-recovery.md).';

export function recoveryComparisonTable(variants: Variants): SectionComparisonTable | null {
  const rows = withRecovery(variants);
  if (rows.length === 0) return null;
  const cell = (e: Estimate | null, format: (x: number) => string) => {
    const f = formatEstimate(e ?? NO_ESTIMATE, format);
    return `${f.value} (${f.ci})`;
  };
  const hours = (x: number) => x.toFixed(2);
  return {
    title: 'Disaster recovery: RPO and RTO against cost',
    note: TABLE_NOTE,
    columns: ['variant', 'tier', 'RPO: writes lost', 'RTO: first write', 'standby p99', 'standby node-hours', 'primary node-hours'],
    rows: rows.map(({ name, recovery }) => [
      name,
      recovery.tier,
      cell(recovery.writesLost, (x) => x.toFixed(1)),
      cell(recovery.rtoWrite, formatDuration),
      cell(recovery.standbyP99, formatDuration),
      cell(recovery.secondRegionNodeHours, hours),
      cell(recovery.primaryNodeHours, hours),
    ]),
  };
}

interface Point {
  variant: string;
  value: number;
  low: number;
  high: number;
  cost: number;
  costLow: number;
  costHigh: number;
}

/** One chart: a per-outage figure of each variant against its standby node-hours, both with their 95 % CIs. */
function againstCost(variants: Variants, name: string, title: string, axis: string, of: (r: RecoveryPoint) => Estimate): ChartSpec | null {
  const points: Point[] = withRecovery(variants).flatMap(({ name: variant, recovery }) => {
    const value = of(recovery);
    const cost = recovery.secondRegionNodeHours;
    if (value.value === null || cost.value === null) return [];
    const [low, high] = value.ci95 ?? [value.value, value.value];
    const [costLow, costHigh] = cost.ci95 ?? [cost.value, cost.value];
    const point = { variant, value: value.value, low, high, cost: cost.value, costLow, costHigh };
    return isPlottable(value.value, low, high, cost.value, costLow, costHigh) ? [point] : [];
  });
  if (points.length === 0) return null;
  const names = points.map((p) => p.variant);
  const x = { field: 'cost', type: 'quantitative', title: 'Standby (active/active: second region) node-hours per replication' };
  const y = { field: 'value', type: 'quantitative', title: axis };
  const color = { field: 'variant', type: 'nominal', title: 'Variant', scale: { domain: names }, sort: names };
  return {
    name,
    caption:
      `Each variant's ${title} per outage against the node-hours of its standby region (an active/active store: of the nodes outside the lost region) per replication, with the 95 % ` +
      'confidence intervals of both as error bars: what a tier buys for what it costs. Down and to the left is cheaper ' +
      'and better; overlapping bars mean the difference is not resolved at this run length.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `${title[0].toUpperCase()}${title.slice(1)} against the standby's node-hours, per variant`,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values: points },
      layer: [
        { mark: { type: 'rule' }, encoding: { y: { ...y, field: 'low' }, y2: { field: 'high' }, x, color: { ...color, legend: null } } },
        { mark: { type: 'rule' }, encoding: { x: { ...x, field: 'costLow' }, x2: { field: 'costHigh' }, y, color: { ...color, legend: null } } },
        { mark: { type: 'point', filled: true, size: 80 }, encoding: { x, y, color } },
        { mark: { type: 'text', align: 'left', dx: 7, dy: -7 }, encoding: { x, y, text: { field: 'variant' } } },
      ],
    } as ChartSpec['spec'],
  };
}

export function recoveryComparisonCharts(variants: Variants): ChartSpec[] {
  const charts = [
    againstCost(variants, 'rto-vs-standby-cost', 'RTO (first write)', 'RTO: outage to first write (s)', (r) => r.rtoWrite),
    againstCost(variants, 'rpo-vs-standby-cost', 'RPO (writes lost)', 'RPO: acknowledged writes lost', (r) => r.writesLost),
  ];
  return charts.filter((chart): chart is ChartSpec => chart !== null);
}
