/**
 * The single-leader replicated store as a topology (issue 6, parts 1 and 3): request routing, the Raft cluster
 * following the failure models' crashes, write loss in async mode and none with quorum or all, and the summary's
 * `elections` and `writes`. Every run goes through `simulate` (each request counted exactly once).
 */
import { describe, expect, it } from 'vitest';
import type { FailureSpec, ScenarioSpec, SingleLeaderTopologySpec } from '../../../../src/index.js';
import { cluster, constant, exponential, singleLeader } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';
import { valueOf } from '../../../helpers/estimate.js';
import { singleLeaderOf } from '../../../helpers/sections.js';

const noTimeout = { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' as const } };

function store(
  topology: Partial<SingleLeaderTopologySpec>,
  options: { seed: string; duration?: number; failures?: FailureSpec[]; reads?: number; writes?: number; replications?: number } = {
    seed: 'store',
  },
): ScenarioSpec {
  const spec = cluster({
    seed: options.seed,
    nodes: 5,
    policy: 'round-robin',
    classes: [
      { name: 'writes', rate: options.writes ?? 200, work: exponential(0.001), op: 'write' },
      { name: 'reads', rate: options.reads ?? 200, work: exponential(0.001), op: 'read' },
    ],
    run: { duration: options.duration ?? 100, warmup: 1, replications: options.replications ?? 2 },
  });
  spec.topology = singleLeader({ replication: 'async', delay: exponential(0.005), ...topology });
  if (options.failures) {
    spec.reliability = {
      failures: options.failures,
      repairCrews: Infinity,
      detection: { heartbeat: 0.1, timeout: 0.3 },
      clients: noTimeout,
      slo: { minHealthy: 3, successRatio: 0 }, // the node rule alone
    };
  }
  return spec;
}

/** Every node crashes every 4 s on average and is back after 0.5 s: the leader dies about every 4 s. */
const frequentCrashes: FailureSpec = { kind: 'crash', nodes: '*', timeToFailure: exponential(4), timeToRepair: exponential(0.5) };

describe('routing', () => {
  it('reads to the leader load only the leader; reads to any node spread over all five', () => {
    const leaderReads = simulate(store({ reads: 'leader' }, { seed: 'reads-leader', duration: 20 }));
    expect(leaderReads.result.nodes.at(0).utilization).toBeCloseTo(0.4, 1);
    for (const n of leaderReads.result.nodes.slice(1)) expect(n.utilization).toBe(0);
    const anyReads = simulate(store({ reads: 'any' }, { seed: 'reads-any', duration: 20 }));
    // The leader serves every write (0.2) and a fifth of the reads (0.04); each follower a fifth of the reads.
    expect(anyReads.result.nodes.at(0).utilization).toBeCloseTo(0.24, 1);
    for (const n of anyReads.result.nodes.slice(1)) expect(n.utilization).toBeCloseTo(0.04, 2);
    expect(anyReads.summary.requests.failed).toBe(0);
  });

  it('without failures no election, no lost write, and the summary carries elections and writes', () => {
    const { summary } = simulate(store({ replication: 'quorum' }, { seed: 'quiet', duration: 10 }));
    expect(summary.elections!.count.value).toBe(0);
    expect(summary.writes!.acknowledgedLost.value).toBe(0);
    expect(summary.requests.failedByCause['no-leader']).toBe(0);
  });

  it('the direct topology keeps its summary: no elections, no writes, no no-leader cause', () => {
    const spec = store({}, { seed: 'direct', duration: 5 });
    delete spec.topology;
    const { summary } = simulate(spec);
    expect(summary.elections).toBeUndefined();
    expect(summary.writes).toBeUndefined();
    expect(Object.keys(summary.requests.failedByCause)).not.toContain('no-leader');
  });

  it('a scripted crash of the leader: writes fail with no-leader until a new leader is elected', () => {
    const spec = store({ replication: 'quorum' }, {
      seed: 'timeline',
      duration: 10,
      failures: [{ kind: 'timeline', steps: [{ at: 5, crash: 'node-0', for: 3 }] }],
      replications: 1,
    });
    const { summary } = simulate(spec);
    const e = summary.elections!;
    expect(e.count.value).toBe(1);
    // A follower times out 150-300 ms after the last heartbeat it heard, then wins in one round (5 ms delays).
    expect(e.timeWithoutLeader.mean.value).toBeGreaterThan(0.1);
    expect(e.timeWithoutLeader.mean.value).toBeLessThan(0.4);
    expect(e.rounds.mean.value).toBeGreaterThanOrEqual(1);
    expect(summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    expect(summary.requests.failedByCause['node-crash']).toBeGreaterThan(0);
    // About 200 writes/s (and as many leader reads) fail for the time without a leader.
    expect(summary.requests.failedByCause['no-leader']).toBeLessThan(400 * 0.4);
  });
});

describe('acknowledged writes across many leader crashes', () => {
  const run = (replication: SingleLeaderTopologySpec['replication'], seed: string) =>
    simulate(store({ replication }, { seed, duration: 100, failures: [frequentCrashes], replications: 2 }));

  it('async loses some acknowledged writes; quorum and all never do', () => {
    const async = run('async', 'loss-async');
    const quorum = run('quorum', 'loss-quorum');
    const all = run('all', 'loss-all');
    for (const { summary } of [async, quorum, all]) expect(summary.elections!.count.value).toBeGreaterThan(10);
    expect(async.summary.writes!.acknowledgedLost.value).toBeGreaterThan(0);
    expect(quorum.summary.writes!.acknowledgedLost.value).toBe(0);
    expect(all.summary.writes!.acknowledgedLost.value).toBe(0);
    for (const o of [...quorum.outcomes, ...all.outcomes]) expect(singleLeaderOf(o)!.acknowledgedLostAll).toBe(0);
    // What quorum pays instead: the write waits for the replicas.
    expect(valueOf(quorum.summary.classes.writes.responseTime.mean)).toBeGreaterThan(valueOf(async.summary.classes.writes.responseTime.mean));
    expect(valueOf(all.summary.classes.writes.responseTime.mean)).toBeGreaterThan(valueOf(quorum.summary.classes.writes.responseTime.mean));
  });
});

describe('acknowledged writes across crashes and partitions together', () => {
  // Random partitions of single nodes, overlapping into two-node groups (a minority: the old leader may be inside,
  // a new one is elected outside and the old one steps down at the heal), on top of random crashes, several seeds.
  const faults: FailureSpec[] = [
    frequentCrashes,
    { kind: 'partition', nodes: 'node-1', timeBetween: exponential(3), duration: exponential(0.6) },
    { kind: 'partition', nodes: 'node-2', timeBetween: exponential(5), duration: exponential(0.8) },
    { kind: 'partition', nodes: 'node-3', timeBetween: exponential(5), duration: exponential(0.8) },
    { kind: 'partition', nodes: 'node-0', timeBetween: exponential(4), duration: exponential(0.5) },
  ];
  it.each(['quorum', 'all'] as const)('%s never loses an acknowledged write, whatever the schedule', (replication) => {
    let elections = 0;
    for (const seed of ['mixed-1', 'mixed-2', 'mixed-3']) {
      const { summary, outcomes } = simulate(store({ replication }, { seed, duration: 40, failures: faults, replications: 2 }));
      elections += valueOf(summary.elections!.count);
      for (const o of outcomes) expect(singleLeaderOf(o)!.acknowledgedLostAll, `${replication} ${seed}`).toBe(0);
    }
    // The schedules did depose leaders many times: the check was exercised.
    expect(elections).toBeGreaterThan(30);
  });
});

describe('determinism', () => {
  it('the same seed gives the same fingerprint', () => {
    const spec = store({ replication: 'quorum' }, { seed: 'det', duration: 10, failures: [frequentCrashes], replications: 1 });
    expect(simulate(spec).summary.fingerprint).toBe(simulate(spec).summary.fingerprint);
  });

  it('a constant network delay works too', () => {
    const { summary } = simulate(store({ replication: 'all', delay: constant(0.001) }, { seed: 'const', duration: 5 }));
    expect(summary.requests.failed).toBe(0);
  });
});
