/**
 * The disaster-recovery tiers end to end (issue 14): the same store, seed and outage under each tier; the
 * deterministic parts of the failover compose exactly, and the node-hours follow the tier's nodes.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import type { RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';
import { simulate } from '../../../../helpers/simulate.js';
import { regionLoss, standbyStoreScenario } from '../../../../helpers/standby-store.js';

/** The region is lost 15 s into the run (10 s into the window of 45 s); promotion 5 s, TTL 10 s. */
function scenario(tier: string): string {
  return standbyStoreScenario({
    name: 'tiers-unit',
    seed: 33,
    duration: '45s',
    replications: 2,
    standby: [tier],
    writes: { rate: '50/s' },
    failures: regionLoss('us-east', '15s', '200s'),
  });
}

function recoveries(tier: string): RecoveryOutcome[] {
  const loaded = loadScenario(scenario(tier), { file: 'tiers-unit.yaml' });
  expect(loaded.errors).toEqual([]);
  return simulate(loaded.spec!).outcomes.map((outcome) => outcome.sections.recovery as RecoveryOutcome);
}

/** From the outage to the redirection. */
const redirectedAfter = (o: RecoveryOutcome['outages'][number]) => o.detection + o.promotion + o.preparation + o.redirection;

describe('disaster-recovery tiers', () => {
  it("pilot light: RTO to the redirection = active-passive's + the provisioning delay, exactly; the cost of its replica", () => {
    const active = recoveries('tier: { kind: active-passive }');
    const pilot = recoveries('tier: { kind: pilot-light, replicas: 1, provisioning: 7s }');
    const window = 45 / 3600;
    for (let r = 0; r < active.length; r++) {
      const [a] = active[r].outages;
      const [p] = pilot[r].outages;
      // The health checks draw from their own stream: the same detection under both tiers.
      expect(p.detection).toBe(a.detection);
      expect(a.preparation).toBe(0);
      expect(p.preparation).toBeCloseTo(7, 9);
      expect(redirectedAfter(p) - redirectedAfter(a)).toBeCloseTo(7, 9);
      // The first write and read come after the redirection, plus at least the 2 x 20 ms round trip.
      expect(p.rtoWrite).toBeGreaterThan(redirectedAfter(p) + 0.04);
      // Active-passive runs the 3 standby nodes all the window; pilot light 1 until the promotion ends (the outage at
      // 10 s of the window + detection + 5 s), 3 from then on (billed from the start of the provisioning).
      expect(active[r].cost.standbyNodeHours).toBeCloseTo(3 * window, 12);
      const promotedAt = 10 + p.detection + 5;
      expect(pilot[r].cost.standbyNodeHours).toBeCloseTo((promotedAt + 3 * (45 - promotedAt)) / 3600, 9);
      expect(pilot[r].cost.primaryNodeHours).toBeCloseTo(3 * window, 12);
      expect(pilot[r].tier).toBe('pilot-light');
    }
  });

  it('backup and restore: the restore delays the redirection; no standby node before the promotion', () => {
    const backup = recoveries('tier: { kind: backup-restore, every: 4s, restore: 3s }');
    for (const recovery of backup) {
      const [o] = recovery.outages;
      expect(o.preparation).toBeCloseTo(3, 9);
      const promotedAt = 10 + o.detection + 5;
      expect(recovery.cost.standbyNodeHours).toBeCloseTo((3 * (45 - promotedAt)) / 3600, 9);
      // Up to two snapshot periods of writes at 50/s, and at least what came after the last snapshot taken.
      expect(o.writesLost).toBeGreaterThan(0);
      expect(o.writesLost).toBeLessThan(50 * (2 * 4 + 1));
    }
  });

  it('warm standby: 1 node until the redirection, 3 from its scale-up request on; serves at once', () => {
    const warm = recoveries('tier: { kind: warm-standby, nodes: 1, scaleUp: 4s }');
    for (const recovery of warm) {
      const [o] = recovery.outages;
      expect(o.preparation).toBe(0);
      const redirectedAt = 10 + redirectedAfter(o);
      expect(recovery.cost.standbyNodeHours).toBeCloseTo((redirectedAt + 3 * (45 - redirectedAt)) / 3600, 9);
      expect(o.rtoWrite).toBeLessThan(redirectedAfter(o) + 0.04 + 1);
    }
  });

  /**
   * A warm standby of one node of one core that is not scaled up in the window is an M/M/1 queue: Poisson arrivals at
   * 100/s (writes and reads), exponential work of mean 1 ms, so its mean sojourn is 1 / (mu - lambda) = 1 / 900 s
   * (Kleinrock, Queueing Systems vol. 1, ch. 3), between the two 20 ms ways of the clients: 41.11 ms. Tolerance: 4
   * standard errors, the sojourn's SD (1 / 900 s) over the requests served, widened by sqrt((1 + rho) / (1 - rho))
   * for their correlation at rho = 0.1 (the reference rule sizes a tolerance by the run length).
   */
  it('warm standby while small: the standby is one M/M/1 queue between the clients\' ways', () => {
    const warm = recoveries('tier: { kind: warm-standby, nodes: 1, scaleUp: 1h }\n    cores: 1');
    let sum = 0;
    let count = 0;
    for (const recovery of warm) {
      sum += recovery.served.mean * recovery.served.count;
      count += recovery.served.count;
    }
    const expected = 0.04 + 1 / (1000 - 100);
    const se = (1 / 900) * Math.sqrt(1.1 / 0.9) / Math.sqrt(count);
    expect(count).toBeGreaterThan(2 * 100 * 15);
    expect(Math.abs(sum / count - expected)).toBeLessThan(4 * se);
  });
});
