/**
 * More than one outage per replication (issue 14: RPO and RTO "per outage and per replication"): with failback the
 * promoted standby hands the role back and becomes a standby again, so a second loss of the primary region is
 * detected and failed over like the first, and the report counts both.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import type { RecoverySummary } from '../../../../../src/topology/single-leader/recovery/recovery-figures.js';
import type { RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';
import { simulate } from '../../../../helpers/simulate.js';
import { standbyStoreScenario } from '../../../../helpers/standby-store.js';

/**
 * us-east lost 15 s into the run (10 s into the window) for 25 s, and, when `twice`, again at 85 s for 25 s. Each
 * failover: detection in (2, 4] s, promotion 5 s, TTL 10 s; the failback starts 5 s after the return and takes the
 * drain, a 5 s promotion and the 10 s TTL, so the clients are back on us-east by about 15 + 25 + 1 + 5 + 15 = 61 s,
 * well before the second loss.
 */
function run(twice: boolean, tier?: string) {
  const text = standbyStoreScenario({
    name: 'repeated-outages',
    seed: 61,
    // Once: to 80 s, the first failback over by then.
    duration: twice ? '140s' : '80s',
    replications: 2,
    standby: [...(tier === undefined ? [] : [`tier: ${tier}`]), 'failback: { after: 5s }'],
    writes: { rate: '100/s' },
    failures: ['  - kind: domain', '    nodes: region:us-east', `    at: [${twice ? '15s, 85s' : '15s'}]`, '    duration: 25s'],
  });
  const loaded = loadScenario(text, { file: 'repeated-outages.yaml' });
  expect(loaded.errors).toEqual([]);
  const { outcomes, summary } = simulate(loaded.spec!);
  return { outages: outcomes.map((o) => (o.sections.recovery as RecoveryOutcome).outages), summary: summary as typeof summary & { recovery: RecoverySummary } };
}

describe('repeated outages', () => {
  it('two outages in one window: two failovers, each with the single outage\'s RTO', () => {
    const once = run(false);
    const twice = run(true);
    expect(twice.summary.recovery.outages.value).toBe(2);
    expect(once.summary.recovery.outages.value).toBe(1);
    twice.outages.forEach((outages, replication) => {
      expect(outages.map((o) => o.at)).toEqual([10, 80].map((at) => expect.closeTo(at, 9)));
      // Nothing differs before the second loss: the first outage is the single-outage run's, figure for figure.
      expect(outages[0]).toEqual(once.outages[replication][0]);
      for (const outage of outages) {
        // The single outage's composition (test/helpers/standby-store.ts, expectOneFailoverAt15s): detection in
        // (2, 4] s, the 5 s promotion and 10 s TTL, then the first write within 0.2 s plus its 2 x 20 ms round trip.
        expect(outage.detection).toBeGreaterThan(2);
        expect(outage.detection).toBeLessThanOrEqual(4);
        expect(outage.promotion).toBeCloseTo(5, 9);
        expect(outage.redirection).toBeCloseTo(10, 9);
        const redirectedAfter = outage.detection + outage.promotion + outage.redirection;
        expect(outage.rtoWrite).toBeGreaterThanOrEqual(redirectedAfter + 0.04);
        expect(outage.rtoWrite).toBeLessThan(redirectedAfter + 0.04 + 0.2);
        expect(outage.failbackWritesLost).toBe(0);
        expect(outage.failback).toBeGreaterThanOrEqual(15);
      }
      // The checks resume on their cycle, 2 s; the losses are 70 s = 35 cycles apart, so each falls at the same
      // phase of it and the two detections are equal.
      expect(outages[1].detection).toBeCloseTo(outages[0].detection, 9);
    });
  });

  /**
   * Backup and restore: the snapshots stop at the first cut and resume after the failback, so the second outage
   * loses only the writes since the newest snapshot at the standby: fewer than every + its shipping time (4 s and
   * a 20 ms latency; tiny snapshots on a link without a bandwidth) of 100 writes/s, a Poisson count of mean at most
   * 402; 550 is over 7 standard deviations above. Had they not resumed, the second outage would lose every write
   * since the failback, about 100/s x 25 s.
   */
  it('backup and restore: the snapshots resume after the failback', () => {
    const { outages, summary } = run(true, '{ kind: backup-restore, every: 4s, restore: 1s }');
    expect(summary.recovery.outages.value).toBe(2);
    for (const [, second] of outages) {
      expect(second.preparation).toBeCloseTo(1, 9);
      expect(second.writesLost).toBeLessThan(550);
    }
  });
});
