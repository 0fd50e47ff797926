/**
 * Client timeouts and retries with the single-leader store (issue 6, part 3: "requests failed or retried during
 * failover"). A request refused for want of a leader is retried after the backoff; one lost with its node (or cut
 * off) is retried when its timeout fires; every retry goes to the leader of the moment. Through a leader crash with
 * quorum replication, the requests of the failover succeed once the new leader is elected instead of failing, and
 * the longest response is the time without a leader plus at most one backoff. Every run goes through `simulate`
 * (arrived = completed + failed + in flight).
 */
import { describe, expect, it } from 'vitest';
import type { ClientSpec, FailureSpec, ScenarioSpec } from '../../../../src/index.js';
import { cluster, constant, exponential, failuresOnly, singleLeader } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';
import { singleLeaderOf } from '../../../helpers/sections.js';

const backoff = 0.02;
/** A 100 ms timeout; retries every 20 ms (constant backoff, no jitter), up to 50 times: 1 s, longer than any failover. */
const retrying: ClientSpec = { timeout: 0.1, retries: 50, backoff: { base: backoff, factor: 1, jitter: 'none' } };

function store(failure: FailureSpec, clients: ClientSpec | null, seed: string): ScenarioSpec {
  const spec = cluster({
    seed,
    nodes: 5,
    policy: 'round-robin',
    latency: constant(0.0005),
    classes: [
      { name: 'writes', rate: 200, work: exponential(0.001), op: 'write' },
      { name: 'reads', rate: 100, work: exponential(0.0005), op: 'read' },
    ],
    run: { duration: 10, warmup: 1, replications: 3 },
  });
  spec.topology = singleLeader({ delay: exponential(0.002) });
  spec.reliability = failuresOnly([failure]);
  if (clients !== null) spec.reliability.clients = clients;
  return spec;
}

const leaderCrash: FailureSpec = { kind: 'timeline', steps: [{ at: 5, crash: 'node-0', for: 3 }] };
const leaderCut: FailureSpec = { kind: 'timeline', steps: [{ at: 5, partition: ['node-0'], for: 3 }] };

describe('client retries through a failover', () => {
  it('a leader crash: without retries the failover fails requests; with them every request succeeds on the new leader', () => {
    const without = simulate(store(leaderCrash, null, 'retries-crash'));
    const withRetries = simulate(store(leaderCrash, retrying, 'retries-crash'));
    // Without retries: about 300 requests/s x the time without a leader fail (no-leader), plus a few lost in the crash.
    const failedWithout = without.summary.requests.failed;
    expect(failedWithout).toBeGreaterThan(3 * 300 * 0.1);
    expect(without.summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    // With retries: none fails, and each request of the failover was retried (every 20 ms while there was no leader).
    expect(withRetries.summary.requests.failed).toBe(0);
    expect(withRetries.summary.reliability!.retries.value).toBeGreaterThan(failedWithout / 3);
    expect(withRetries.summary.writes!.acknowledgedLost.value).toBe(0);
    // The longest wait: a request that arrived as the leader was lost waits for the new one, then at most one backoff,
    // then the backlog of the failover at the new leader: rho x W of work (rho = 0.25 of its one core) drains at
    // 1 - rho, in rho W / (1 - rho); plus a commit round trip and a service time, a few ms.
    const rho = 200 * 0.001 + 100 * 0.0005;
    for (const o of withRetries.outcomes) {
      const [f] = singleLeaderOf(o)!.failovers;
      const withoutLeader = f.end - f.lostAt;
      const max = Math.max(...o.measurement.classes.map((c) => c.response.max));
      expect(max).toBeGreaterThan(withoutLeader - backoff);
      expect(max).toBeLessThan(withoutLeader + backoff + (rho * withoutLeader) / (1 - rho) + 0.015);
    }
  });

  it('the leader partitioned alone: what it held times out and is retried on the new leader; nothing fails or is lost', () => {
    const without = simulate(store(leaderCut, null, 'retries-cut'));
    const withRetries = simulate(store(leaderCut, retrying, 'retries-cut'));
    expect(without.summary.requests.failed).toBeGreaterThan(0);
    expect(withRetries.summary.requests.failed).toBe(0);
    expect(withRetries.summary.reliability!.retries.value).toBeGreaterThan(0);
    expect(withRetries.summary.writes!.acknowledgedLost.value).toBe(0);
    for (const o of withRetries.outcomes) expect(singleLeaderOf(o)!.failovers.map((f) => f.cause)).toEqual(['partition']);
  });

  it('out of retries, a request fails with the cause of its last attempt', () => {
    const once: ClientSpec = { timeout: 0.1, retries: 1, backoff: { base: backoff, factor: 1, jitter: 'none' } };
    const { summary } = simulate(store(leaderCrash, once, 'retries-exhausted'));
    // One retry 20 ms later cannot outlast a failover of 150 ms or more: requests of the failover still fail.
    expect(summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    expect(summary.reliability!.retries.value).toBeGreaterThan(0);
  });
});
