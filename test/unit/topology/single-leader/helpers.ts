/** A Raft cluster on its own simulator, for the single-leader unit tests. */
import { RandomStreams } from '../../../../src/engine/rng.js';
import { Simulator } from '../../../../src/engine/simulator.js';
import { RaftCluster, type RaftConfig } from '../../../../src/topology/single-leader/index.js';

export const ms = 1e-3;

export interface Harness {
  sim: Simulator;
  cluster: RaftCluster;
}

export function harness(config: Partial<RaftConfig> = {}, seed = 'raft-unit'): Harness {
  const sim = new Simulator();
  const cluster = new RaftCluster(
    sim,
    {
      servers: 5,
      heartbeat: 50 * ms,
      electionTimeout: [150 * ms, 300 * ms],
      delay: { dist: 'constant', value: 1 * ms },
      ...config,
    },
    new RandomStreams(seed),
  );
  return { sim, cluster };
}

/** Up servers that believe they lead. */
export function selfBelievedLeaders(cluster: RaftCluster): number[] {
  return cluster.servers.filter((s) => s.up && s.role === 'leader').map((s) => s.id);
}
