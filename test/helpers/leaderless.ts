import type { LeaderlessTopologySpec } from '../../src/topology/leaderless/spec.js';

/**
 * A resolved leaderless topology for tests: N = 3, 16 tokens, W = R = 2 (levels written as those numbers), any
 * node coordinates, readFanout all without speculation, no sloppy quorum, no read repair, no anti-entropy, a 0.5 s
 * request timeout; `changes` override (a quorum given as a number without its level takes that number as level).
 */
export function leaderlessTopology(changes: Partial<LeaderlessTopologySpec> = {}): LeaderlessTopologySpec {
  const writeQuorum = changes.writeQuorum ?? 2;
  const readQuorum = changes.readQuorum ?? 2;
  return {
    kind: 'leaderless',
    replicas: 3,
    replicasPerRegion: null,
    virtualNodes: 16,
    writeLevel: writeQuorum,
    readLevel: readQuorum,
    coordinator: 'any',
    readFanout: 'all',
    speculativeRetry: { kind: 'none' },
    antiEntropy: null,
    sloppyQuorum: false,
    hintedHandoff: { replay: 10, maxHintAge: 10800 },
    readRepair: 'none',
    requestTimeout: 0.5,
    tVisibility: [0, 0.01],
    ...changes,
    writeQuorum,
    readQuorum,
  };
}
