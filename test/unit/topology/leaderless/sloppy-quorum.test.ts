/**
 * Sloppy quorum and hinted handoff (DeCandia et al., "Dynamo", SOSP 2007, sections 4.5 and 4.6). Five nodes, N = 3,
 * W = 3 (all): while node-0 is down, a strict quorum fails every write of a key that node-0 holds (about 3/5 of
 * the keys: each node holds about N/n of them), while a sloppy quorum keeps writes available as long as W nodes are
 * up in the cluster: once the detector suspects node-0, its copies go to stand-ins with a hint, handed over when it
 * is back. Hints older than maxHintAge expire instead.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import type { LeaderlessData } from '../../../../src/topology/leaderless/sections/data.js';
import type { LeaderlessTopologySpec } from '../../../../src/topology/leaderless/spec.js';
import { cluster, exponential, failuresOnly } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';

function store(sloppyQuorum: boolean, maxHintAge = 3600, down = ['node-0'], writeQuorum = 3): ScenarioSpec {
  const spec = cluster({
    seed: 'll-sloppy',
    nodes: 5,
    policy: 'random',
    latency: exponential(0.001),
    classes: [
      { name: 'get', op: 'read', rate: 500, work: exponential(0.0001) },
      { name: 'put', op: 'write', rate: 500, work: exponential(0.0001) },
    ],
    run: { duration: 20, warmup: 1, replications: 2 },
  });
  for (const c of spec.workload) c.keys = { count: 1000, popularity: 'uniform', exponent: 0 };
  const topology: LeaderlessTopologySpec = {
    kind: 'leaderless',
    replicas: 3,
    replicasPerRegion: null,
    virtualNodes: 64,
    writeQuorum,
    readQuorum: 1,
    writeLevel: writeQuorum,
    readLevel: 'one',
    coordinator: 'client',
    readFanout: 'all',
    speculativeRetry: { kind: 'none' },
    antiEntropy: null,
    sloppyQuorum,
    hintedHandoff: { replay: 1, maxHintAge },
    readRepair: 'none',
    requestTimeout: 0.05,
    tVisibility: [0, 0.01],
  };
  spec.topology = topology;
  // node-0 down from 2 s to 12 s; the detector suspects it 0.3 s after the crash.
  spec.reliability = failuresOnly([{ kind: 'timeline', steps: down.map((node) => ({ at: 2, crash: node, for: 10 })) }]);
  return spec;
}

function sums(spec: ScenarioSpec) {
  const sim = simulate(spec);
  const total = { writesDone: 0, writesFailed: 0, stored: 0, replayed: 0, expired: 0, lost: 0, hintsPresent: false };
  for (const o of sim.outcomes) {
    const d = o.sections.leaderless as LeaderlessData;
    total.writesDone += d.writesDone;
    total.writesFailed += d.writesFailed;
    if (d.hints !== undefined) {
      total.hintsPresent = true;
      total.stored += d.hints.stored;
      total.replayed += d.hints.replayed;
      total.expired += d.hints.expired;
      total.lost += d.acknowledgedLost ?? 0;
    }
  }
  return total;
}

describe('sloppy quorum and hinted handoff', () => {
  it('W = N = 3 with a node down for 10 s of 20: strict quorums fail its keys, sloppy quorums stay available', () => {
    const strict = sums(store(false));
    const sloppy = sums(store(true));
    const failedShare = (t: { writesDone: number; writesFailed: number }) => t.writesFailed / (t.writesDone + t.writesFailed);
    // Strict: about 3/5 of the writes fail for 10 s of the 20: about 0.3 of all writes (ring shares vary: 0.2 to 0.4).
    expect(failedShare(strict)).toBeGreaterThan(0.2);
    expect(failedShare(strict)).toBeLessThan(0.4);
    // Sloppy: only the writes before the detector suspects node-0 (0.3 s of 20 s, x 3/5) and those lost with it.
    expect(failedShare(sloppy)).toBeLessThan(0.02);
    expect(strict.hintsPresent).toBe(false);
    expect(sloppy.stored).toBeGreaterThan(1000);
    // Every key written while node-0 was down has one hint (the newest), handed over within a replay round of its return.
    expect(sloppy.replayed).toBeGreaterThan(0);
    expect(sloppy.replayed).toBeLessThanOrEqual(sloppy.stored);
    expect(sloppy.expired).toBe(0);
    expect(sloppy.lost).toBe(0);
  });

  it('hints older than maxHintAge expire instead of being handed over: acknowledged writes lost', () => {
    const expiring = sums(store(true, 0.5));
    expect(expiring.expired).toBeGreaterThan(0);
    expect(expiring.replayed).toBe(0);
    // With W = N = 3, a write acknowledged while node-0 was down had its node-0 copy only as a hint; the other two
    // replicas hold it, so it is not lost: an acknowledged write is lost only when no replica of the key holds it.
    expect(expiring.lost).toBe(0);
  });

  it('every replica of a key down, W = 1: its writes live on stand-ins only, and expired hints lose them', () => {
    // Three of five nodes down: the keys whose three replicas are exactly those nodes (about 1 in C(5, 3) = 10) are
    // written to stand-ins alone; when those hints expire nothing else holds the writes.
    const lost = sums(store(true, 0.5, ['node-0', 'node-1', 'node-2'], 1));
    expect(lost.expired).toBeGreaterThan(0);
    expect(lost.lost).toBeGreaterThan(0);
    expect(lost.lost).toBeLessThanOrEqual(lost.expired);
  });
});
