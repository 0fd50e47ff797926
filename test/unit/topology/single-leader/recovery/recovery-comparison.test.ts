/**
 * `clustersim compare` across tiers (issue 14): RPO and RTO against the standby's node-hours, a row and a point per
 * variant with the figures of its summary.json; no table or chart without a variant that has a standby.
 */
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../../../../src/metrics/measurement.js';
import { recoveryComparisonCharts, recoveryComparisonTable } from '../../../../../src/topology/single-leader/recovery/recovery-comparison.js';
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

describe('recovery comparison', () => {
  const variants = [
    { name: 'active-passive', summary: recovery('active-passive', 7, 115, 0.6) },
    { name: 'backup', summary: recovery('backup-restore', 27000, 300, 0.25) },
    { name: 'no standby', summary: {} },
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
