/**
 * `clustersim compare` across tiers (issue 14): RPO and RTO against the standby's node-hours, a row and a point per
 * variant with the figures of its summary.json; no table or chart without a variant that has a standby.
 */
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../../../../src/metrics/measurement.js';
import { recoveryComparisonCharts, recoveryComparisonTable, standbyRecoveryPoint } from '../../../../../src/topology/single-leader/recovery/recovery-comparison.js';
import { RecoveryFigures } from '../../../../../src/topology/single-leader/recovery/recovery-figures.js';
import type { RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';

/** A variant's `recovery` from two replications with one outage each. */
function recovery(tier: string, writesLost: number, rtoWrite: number, standbyNodeHours: number) {
  const figures = new RecoveryFigures();
  for (let index = 0; index < 2; index++) {
    const outcome: RecoveryOutcome = {
      tier,
      outages: [{ at: 300, detection: 25, promotion: 30, preparation: 0, redirection: 60, writesLost, window: 0.04, rtoWrite, rtoRead: rtoWrite, failback: NaN, failbackWritesLost: NaN }],
      cost: { standbyNodeHours, primaryNodeHours: 0.6 },
      lag: { count: 1, mean: 0.046, p99: 0.06, max: 0.08 },
      served: { count: 0, mean: NaN, p99: NaN },
      lagSeries: { width: 10, mean: [], max: [] },
    };
    figures.add({ index, measuredTime: 720, measurement: {} as Measurement, sections: { recovery: outcome } });
  }
  return { recovery: figures.summary() };
}

/** A variant as the comparison hands it to the hooks: its summary and its tier's point. */
function variant(name: string, summary: ReturnType<typeof recovery> | Record<string, never>) {
  const point = standbyRecoveryPoint(summary);
  return point === null ? { name, summary } : { name, summary, recovery: point };
}

/** An active/active variant's point as the leaderless section gives it: no primary figure, no standby p99. */
const activeActive = {
  name: 'active-active',
  summary: {},
  recovery: {
    tier: 'active/active (leaderless)',
    writesLost: { value: 0, ci95: [0, 0] as [number, number] },
    rtoWrite: { value: 2.98, ci95: [2.72, 3.25] as [number, number] },
    secondRegionNodeHours: { value: 0.6, ci95: [0.6, 0.6] as [number, number] },
    primaryNodeHours: null,
    standbyP99: null,
  },
};

describe('recovery comparison', () => {
  const variants = [
    variant('active-passive', recovery('active-passive', 7, 115, 0.6)),
    variant('backup', recovery('backup-restore', 27000, 300, 0.25)),
    variant('no standby', {}),
  ];

  it('one row per variant with a standby: tier, RPO, RTO, the standby p99 (none served here: absent), node-hours', () => {
    const table = recoveryComparisonTable(variants);
    expect(table?.columns).toEqual(['variant', 'tier', 'RPO: writes lost', 'RTO: first write', 'standby p99', 'standby node-hours', 'primary node-hours']);
    // Two equal replications: a zero-width interval.
    expect(table?.rows).toEqual([
      ['active-passive', 'active-passive', '7.0 (7.0 – 7.0)', '115.0 s (115.0 – 115.0 s)', '– (–)', '0.60 (0.60 – 0.60)', '0.60 (0.60 – 0.60)'],
      ['backup', 'backup-restore', '27000.0 (27000.0 – 27000.0)', '300.0 s (300.0 – 300.0 s)', '– (–)', '0.25 (0.25 – 0.25)', '0.60 (0.60 – 0.60)'],
    ]);
    expect(recoveryComparisonTable([{ name: 'no standby', summary: {} }])).toBeNull();
  });

  it('an active/active tier from another topology is a row and a point beside the standby tiers', () => {
    const table = recoveryComparisonTable([...variants, activeActive]);
    expect(table?.rows[2]).toEqual(['active-active', 'active/active (leaderless)', '0.0 (0.0 – 0.0)', '2.980 s (2.720 – 3.250 s)', '– (–)', '0.60 (0.60 – 0.60)', '– (–)']);
    const values = (recoveryComparisonCharts([activeActive])[0].spec as { data: { values: { variant: string; value: number; cost: number }[] } }).data.values;
    expect(values.map((p) => [p.variant, p.value, p.cost])).toEqual([['active-active', 2.98, 0.6]]);
  });

  it('two charts, RTO and RPO against the node-hours, a point per variant', () => {
    const charts = recoveryComparisonCharts(variants);
    expect(charts.map((c) => c.name)).toEqual(['rto-vs-standby-cost', 'rpo-vs-standby-cost']);
    const values = (charts[0].spec as { data: { values: { variant: string; value: number; cost: number }[] } }).data.values;
    expect(values.map((p) => [p.variant, p.value, p.cost])).toEqual([
      ['active-passive', 115, 0.6],
      ['backup', 300, 0.25],
    ]);
    expect(recoveryComparisonCharts([])).toEqual([]);
  });
});
