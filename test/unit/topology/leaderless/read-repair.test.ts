/**
 * Asynchronous read repair (Dynamo, DeCandia et al., SOSP 2007, section 4.7): a node that comes back from a crash
 * without the writes it missed returns old versions until something writes the new ones to it. With W = 2, R = 1 and
 * no repair, reads answered first by that node stay stale for as long as its keys are not written again; with
 * async read repair, the first read of a key that meets it repairs it, so the stale reads after the crash fall.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import type { ConsistencyData } from '../../../../src/topology/leaderless/consistency-tally.js';
import type { LeaderlessTopologySpec } from '../../../../src/topology/leaderless/spec.js';
import { cluster, exponential, failuresOnly } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';

function store(readRepair: 'none' | 'async'): ScenarioSpec {
  const spec = cluster({
    seed: 'll-read-repair',
    nodes: 4,
    policy: 'random',
    latency: exponential(0.001),
    classes: [
      { name: 'get', op: 'read', rate: 2000, work: exponential(0.0001) },
      { name: 'put', op: 'write', rate: 200, work: exponential(0.0001) },
    ],
    run: { duration: 20, warmup: 1, replications: 2 },
  });
  for (const c of spec.workload) c.keys = { count: 2000, popularity: 'uniform', exponent: 0 };
  const topology: LeaderlessTopologySpec = {
    kind: 'leaderless',
    replicas: 3,
    replicasPerRegion: null,
    virtualNodes: 16,
    writeQuorum: 2,
    readQuorum: 1,
    writeLevel: 2,
    readLevel: 1,
    coordinator: 'client',
    readFanout: 'all',
    speculativeRetry: { kind: 'none' },
    antiEntropy: null,
    sloppyQuorum: false,
    hintedHandoff: { replay: 10, maxHintAge: 10800 },
    readRepair,
    requestTimeout: 0.5,
    tVisibility: [0, 0.01],
  };
  spec.topology = topology;
  spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 3, crash: 'node-1', for: 5 }] }]);
  return spec;
}

function totals(readRepair: 'none' | 'async'): { stale: number; reads: number; repairs: number } {
  const sim = simulate(store(readRepair));
  let stale = 0;
  let reads = 0;
  let repairs = 0;
  for (const o of sim.outcomes) {
    const data = o.sections.leaderless as { consistency: ConsistencyData; readRepairs: number };
    stale += data.consistency.stale;
    reads += data.consistency.reads;
    repairs += data.readRepairs;
  }
  return { stale, reads, repairs };
}

describe('async read repair', () => {
  it('repairs the replica that missed writes while it was down: far fewer stale reads after its return', () => {
    const none = totals('none');
    const repaired = totals('async');
    expect(none.repairs).toBe(0);
    expect(repaired.repairs).toBeGreaterThan(0);
    // Without repair, about 1 000 writes missed by node-1 stay stale on it for the rest of the run (most of the 2 000
    // keys are written again only after seconds); with repair, each is fixed by the first read that meets it.
    expect(none.stale).toBeGreaterThan(1000);
    expect(repaired.stale).toBeLessThan(none.stale / 4);
  });
});
