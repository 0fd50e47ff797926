/**
 * The replicated store with a standby region, end to end (issue 14): the primary region crashes, the standby is
 * promoted by the failover procedure and serves the clients from the redirection on.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import type { RecoverySummary } from '../../../../../src/topology/single-leader/recovery/recovery-figures.js';
import type { RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';
import { simulate } from '../../../../helpers/simulate.js';
import { expectOneFailoverAt15s, regionLoss, standbyStoreScenario } from '../../../../helpers/standby-store.js';

const SCENARIO = standbyStoreScenario({
  name: 'standby-unit',
  seed: 21,
  duration: '40s',
  replications: 3,
  writes: { rate: '100/s' },
  failures: regionLoss('us-east', '20s', '200s'),
});

describe('a replicated store with a standby region', () => {
  it('fails over once per replication: detection, promotion and TTL add up to the redirection, then the standby serves', () => {
    const loaded = loadScenario(SCENARIO, { file: 'standby-unit.yaml' });
    expect(loaded.errors).toEqual([]);
    const { outcomes, summary } = simulate(loaded.spec!);
    for (const outcome of outcomes) {
      const recovery = outcome.sections.recovery as RecoveryOutcome;
      // The region fails 20 s into the run, 15 s into the window; every node with it, so the leader is lost then.
      const outage = expectOneFailoverAt15s(recovery);
      const redirectedAfter = outage.detection + outage.promotion + outage.redirection;
      expect(outage.rtoRead).toBeGreaterThanOrEqual(redirectedAfter + 0.04);
      expect(outage.rtoRead).toBeLessThan(redirectedAfter + 0.04 + 0.2);
      // Constant 20 ms lag: the writes lost are those acknowledged in the last 20 ms before the outage (a Poisson
      // count of mean 2: its mean is log-shipping.test.ts's); a loss always has a positive window.
      expect(Number.isInteger(outage.writesLost)).toBe(true);
      expect(outage.window > 0).toBe(outage.writesLost > 0);
      // Constant latency, no link: every write's lag is 20 ms.
      expect(recovery.lag.mean).toBeCloseTo(0.02, 9);
      expect(recovery.lag.max).toBeCloseTo(0.02, 9);
    }
    const recovery = (summary as unknown as { recovery: RecoverySummary }).recovery;
    expect(recovery.outages.value).toBe(1);
    expect(recovery.rto.promotion.mean.value).toBeCloseTo(5, 9);
    expect(recovery.rto.redirection.max).toBeCloseTo(10, 9);
    // Only the requests of the outage to the redirection (under 20 s at 200/s, 3 replications) fail: the rest of the
    // 40 s window is served, by the primary and then by the standby.
    expect(summary.requests.failed).toBeLessThan(3 * 200 * 20);
    expect(summary.requests.completed).toBeGreaterThan(3 * 200 * 19);
  });
});
