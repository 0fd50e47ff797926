/**
 * Failback (issue 14): the primary region returns, the old primary catches up from the promoted standby, the standby
 * is fenced, and the role and the clients move back; no acknowledged write is lost when the switch waits for the
 * catch-up.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import type { RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';
import { simulate } from '../../../../helpers/simulate.js';
import { regionLoss, standbyStoreScenario } from '../../../../helpers/standby-store.js';

/**
 * us-east is lost 10 s into the window and returns 25 s later; the failover (detection 2 to 4 s, promotion 5 s, TTL
 * 10 s) redirects the clients 17 to 19 s after the outage, so the standby serves 6 to 8 s before the return.
 */
function scenario(link: string, after: string): string {
  return standbyStoreScenario({
    name: 'failback-unit',
    seed: 44,
    duration: '75s',
    replications: 2,
    network: link,
    standby: ['tier: { kind: pilot-light, provisioning: 0s }', `failback: { after: ${after} }`],
    writes: { rate: '50/s', size: '4KB' },
    failures: regionLoss('us-east', '15s', '25s'),
  });
}

function run(link: string, after: string) {
  const loaded = loadScenario(scenario(link, after), { file: 'failback-unit.yaml' });
  expect(loaded.errors).toEqual([]);
  return simulate(loaded.spec!);
}

describe('failback', () => {
  it('a fast link: the catch-up is done by the start; failback = promotion + TTL (+ the last write in flight); nothing lost', () => {
    const { outcomes, summary } = run('', '5s');
    for (const outcome of outcomes) {
      const [o] = (outcome.sections.recovery as RecoveryOutcome).outages;
      expect(o.failbackWritesLost).toBe(0);
      // From the fence to the clients back: the drain of the last write (the rest of a write in service, exponential
      // of mean 1 ms, under 50 ms but for odds of e^-50; then one 20 ms latency), 5 s, 10 s.
      expect(o.failback).toBeGreaterThanOrEqual(15);
      expect(o.failback).toBeLessThanOrEqual(15 + 0.05 + 0.02);
      // Pilot light: 1 node before the promotion, 3 from it to the clients' return, 1 again after.
      const recovery = outcome.sections.recovery as RecoveryOutcome;
      // The return is the first leader elected after the region's repair at 35 s: within one election (under 1 s).
      const promotedAt = 10 + o.detection + 5;
      const hours = (backAt: number) => (promotedAt + 3 * (backAt - promotedAt) + (75 - backAt)) / 3600;
      expect(recovery.cost.standbyNodeHours).toBeGreaterThanOrEqual(hours(35 + 5 + o.failback) - 1e-12);
      expect(recovery.cost.standbyNodeHours).toBeLessThanOrEqual(hours(36 + 5 + o.failback));
    }
    // After the failback the old primary serves: the requests that fail are those of the outage to the redirection
    // (under 19 s) and the writes of the fence to the clients' return (15 s at 50/s); 2 replications at 100/s.
    expect(summary.requests.failed).toBeLessThan(2 * (100 * 19 + 50 * 15.1));
    expect(summary.requests.completed).toBeGreaterThan(2 * 100 * (75 - 19 - 15.1));
  });

  it('a thin link: the switch waits for the catch-up, and still loses no acknowledged write', () => {
    // 2 Mbps = 250 KB/s, busy 80 % with the standby's 50 writes/s of 4 KB; the backlog of at least 6 s of writes
    // (about 300, 1.2 MB) takes over 4.8 s alone, so the switch comes at least 2.8 s after the fence at 2 s.
    const { outcomes } = run('links: { crossRegion: { bandwidth: 2Mbps } }', '2s');
    for (const outcome of outcomes) {
      const [o] = (outcome.sections.recovery as RecoveryOutcome).outages;
      expect(o.failbackWritesLost).toBe(0);
      expect(o.failback).toBeGreaterThan(15 + 2.8);
    }
  });
});
