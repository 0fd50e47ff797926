/**
 * `recovery` of summary.json (issue 14): per-outage figures across replications; a figure without a sample is
 * absent (null), never 0.
 */
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../../../../src/metrics/measurement.js';
import { RecoveryFigures } from '../../../../../src/topology/single-leader/recovery/recovery-figures.js';
import type { OutageRecord, RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';
import type { ReplicationView } from '../../../../../src/topology/section.js';

const lag = { count: 10, mean: 0.05, p99: 0.07, max: 0.08 };
const cost = { standbyNodeHours: 0.1, primaryNodeHours: 0.2 };
const lagSeries = { width: 1, mean: [0.05], max: [0.08] };

function view(index: number, outages: OutageRecord[]): ReplicationView {
  const recovery: RecoveryOutcome = { tier: 'active-passive', outages, cost, lag, served: { count: 0, mean: NaN, p99: NaN }, lagSeries };
  return { index, measuredTime: 100, measurement: {} as Measurement, sections: { recovery } };
}

function outage(writesLost: number, rtoWrite: number): OutageRecord {
  return { at: 10, detection: 25, promotion: 30, preparation: 0, redirection: 60, failback: NaN, failbackWritesLost: NaN, writesLost, window: 0.05, rtoWrite, rtoRead: rtoWrite };
}

describe('recovery figures', () => {
  it('no outage in any replication: RPO and RTO absent (null), outages 0, the lag still there', () => {
    const figures = new RecoveryFigures();
    figures.add(view(0, []));
    figures.add(view(1, []));
    const summary = figures.summary();
    expect(summary.outages.value).toBe(0);
    expect(summary.rpo.writesLost).toEqual({ mean: { value: null, ci95: null }, p50: null, p99: null, max: null });
    expect(summary.rto.write.mean.value).toBeNull();
    expect(summary.replicationLag.mean.value).toBeCloseTo(0.05, 12);
    expect(figures.rows).toEqual([]);
  });

  it('means across replications with their CI; p50, p99 and max over every outage by nearest rank', () => {
    const figures = new RecoveryFigures();
    figures.add(view(0, [outage(4, 100)]));
    figures.add(view(1, [outage(10, 120)]));
    figures.add(view(2, [])); // no outage: left out of the means, never a 0
    const summary = figures.summary();
    expect(summary.outages.value).toBeCloseTo(2 / 3, 12);
    expect(summary.rpo.writesLost.mean.value).toBeCloseTo(7, 12);
    // Two values 4 and 10: t(0.975, 1) = 12.706, s = 4.243, half-width 12.706 x 4.243 / sqrt(2) = 38.12, clipped at 0.
    expect(summary.rpo.writesLost.mean.ci95![1]).toBeCloseTo(7 + 38.12, 1);
    expect(summary.rpo.writesLost.p50).toBe(4);
    expect(summary.rpo.writesLost.p99).toBe(10);
    expect(summary.rto.write.max).toBe(120);
    expect(figures.rows.map((r) => r.replication)).toEqual([0, 1]);
  });
});
