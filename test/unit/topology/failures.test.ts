/**
 * The failure path of the direct topology: crashes, partitions, slow nodes, scripted incidents, heartbeat
 * detection, client timeouts and retries. Every run goes through `simulate`, which checks that each request is
 * counted exactly once (arrived = completed + failed + in flight) in every replication.
 */
import { describe, expect, it } from 'vitest';
import type { ClientSpec, FailureSpec, ScenarioSpec } from '../../../src/index.js';
import { cluster, constant, exponential } from '../../helpers/scenarios.js';
import { simulate } from '../../helpers/simulate.js';

const noTimeout: ClientSpec = { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' } };
const retrying: ClientSpec = { timeout: 10, retries: 2, backoff: { base: 0.05, factor: 2, jitter: 'full' } };

function withFailures(
  failures: FailureSpec[],
  options: { nodes?: number; rate?: number; duration?: number; clients?: ClientSpec; minHealthy?: number; seed?: string } = {},
): ScenarioSpec {
  const spec = cluster({
    seed: options.seed ?? 'failures',
    nodes: options.nodes ?? 4,
    policy: 'least-connections',
    rate: options.rate ?? 1,
    work: exponential(1),
    latency: constant(0.002),
    run: { duration: options.duration ?? 2000, warmup: 0, replications: 2 },
  });
  spec.reliability = {
    failures,
    repairCrews: Infinity,
    detection: { heartbeat: 0.1, timeout: 0.3 },
    clients: options.clients ?? noTimeout,
    slo: { minHealthy: options.minHealthy ?? 1, successRatio: 0 }, // the node rule alone
  };
  return spec;
}

const crashes: FailureSpec = {
  kind: 'crash',
  nodes: 'node',
  timeToFailure: exponential(200),
  timeToRepair: exponential(20),
};

describe('crashes', () => {
  it('without a client timeout, requests lost in a crash fail at once with cause node-crash', () => {
    const { summary } = simulate(withFailures([crashes]));
    expect(summary.requests.failedByCause['node-crash']).toBeGreaterThan(0);
    expect(summary.requests.failedByCause.timeout).toBe(0);
    expect(summary.reliability!.retries.value).toBe(0);
    expect(summary.reliability!.crashes.value).toBeGreaterThan(10);
  });

  it('with a timeout, lost requests are retried on other nodes; retries add load; few fail for good', () => {
    const { summary } = simulate(withFailures([crashes], { clients: retrying }));
    expect(summary.requests.failedByCause['node-crash']).toBe(0);
    expect(summary.reliability!.retries.value).toBeGreaterThan(0);
    // A retried request succeeds unless all three attempts are lost: far rarer than a single loss.
    const noRetry = simulate(withFailures([crashes])).summary;
    expect(summary.requests.failed).toBeLessThan(noRetry.requests.failed / 3);
    // The time the client waited before retrying shows in the tail.
    expect(summary.responseTime.max.value).toBeGreaterThan(retrying.timeout);
  });

  it('every failed request has a cause, and the same seed gives the same run', () => {
    const first = simulate(withFailures([crashes], { clients: retrying }));
    const second = simulate(withFailures([crashes], { clients: retrying }));
    expect(second.summary.fingerprint).toBe(first.summary.fingerprint);
    expect(JSON.stringify(second.summary)).toBe(JSON.stringify(first.summary));
    const causes = Object.values(first.summary.requests.failedByCause).reduce((a, b) => a + b, 0);
    expect(causes).toBe(first.summary.requests.failed);
  });
});

describe('scripted incidents', () => {
  it('a crash for 50 s with minHealthy = all nodes is one incident of exactly 50 s, with its cause', () => {
    const spec = withFailures([{ kind: 'timeline', steps: [{ at: 100, crash: 'node-1', for: 50 }] }], {
      nodes: 2,
      rate: 0.5,
      duration: 400,
      minHealthy: 2,
    });
    const { result, summary } = simulate(spec);
    expect(result.incidents).toHaveLength(2); // one per replication
    for (const incident of result.incidents) {
      expect(incident.start).toBeCloseTo(100, 9);
      expect(incident.duration).toBeCloseTo(50, 9);
      expect(incident.cause).toBe('scripted crash node-1');
    }
    expect(summary.availability.time.value).toBeCloseTo(1 - 50 / 400, 9);
    // The dispatcher suspects the node 250 to 350 ms after the crash (timeout 300 ms + 2 ms latency - phase).
    const latency = summary.reliability!.detection.latency!;
    expect(latency.min).toBeGreaterThan(0.3 + 0.002 - 0.1);
    expect(latency.max).toBeLessThanOrEqual(0.3 + 0.002 + 1e-9);
  });

  it('a partition loses what crosses it, is suspected although the node runs, and heals', () => {
    const spec = withFailures([{ kind: 'timeline', steps: [{ at: 100, partition: ['node-0'], for: 60 }] }], {
      nodes: 2,
      rate: 1,
      duration: 400,
    });
    const { summary } = simulate(spec);
    expect(summary.requests.failedByCause.unreachable).toBeGreaterThan(0);
    expect(summary.reliability!.detection.falseSuspicions.value).toBe(1);
    expect(summary.reliability!.crashes.value).toBe(0);
    // With minHealthy 1 the other node keeps the service up.
    expect(summary.availability.time.value).toBe(1);
  });

  it('a node slowed below its heartbeat deadline is suspected wrongly, and trusted again after', () => {
    // Heartbeat 100 ms becomes 500 ms at factor 0.2: longer than the 300 ms timeout, so each beat comes too late.
    const spec = withFailures([{ kind: 'timeline', steps: [{ at: 100, slow: 'node-0', factor: 0.2, for: 30 }] }], {
      nodes: 2,
      rate: 0.5,
      duration: 300,
    });
    const { summary } = simulate(spec);
    // About one suspicion per 500 ms beat over 30 s: ~60 per replication.
    expect(summary.reliability!.detection.falseSuspicions.value).toBeGreaterThan(40);
    expect(summary.reliability!.detection.falseSuspicions.value).toBeLessThan(80);
    expect(summary.requests.failed).toBe(0);
  });

  it('a zone outage takes every node of the zone down together', () => {
    const spec = withFailures([{ kind: 'domain', nodes: 'zone:z1', at: [100], duration: 30 }], {
      nodes: 3,
      rate: 0.5,
      duration: 300,
      minHealthy: 1,
    });
    const { result, summary } = simulate(spec);
    expect(summary.reliability!.crashes.value).toBe(3);
    expect(result.incidents.every((i) => Math.abs(i.duration - 30) < 1e-9)).toBe(true);
    expect(summary.requests.failedByCause['no-healthy-node']).toBeGreaterThan(0);
  });
});
