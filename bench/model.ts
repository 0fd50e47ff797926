/**
 * The benchmark's model (bench/run.ts, scripts/bench-ab.mjs): Poisson arrivals at load 0.9 to single-core FIFO
 * nodes, exponential work of mean 1 s, no network latency, metrics on.
 */
import { NodeTable } from '../src/model/node-table.js';
import type { ScenarioSpec, WorkloadClassSpec } from '../src/model/spec.js';

export const load = 0.9;

/** Policies that route by the request's key or client id: the bench workload gives them ids to hash. */
const keyAffine = new Set(['consistent-hash', 'client-hash']);

/**
 * `count` single-core nodes named node-0, node-1, ...: one run of the node table, as the scenario loader gives a
 * group. `Table`: the node table class to build it with (scripts/bench-ab.mjs passes each checkout's own).
 */
export function benchNodes(count: number, Table: new () => NodeTable = NodeTable): NodeTable {
  const table = new Table();
  table.pushGroup('node', count, {
    cores: 1,
    speed: 1,
    storage: Infinity,
    bandwidth: Infinity,
    zone: 'a',
    queue: Infinity,
    discipline: 'fifo',
  });
  return table;
}

export function benchScenario(
  nodes: number,
  policy: string,
  requests: number,
  Table: new () => NodeTable = NodeTable,
): ScenarioSpec {
  const ids: Partial<WorkloadClassSpec> = keyAffine.has(policy)
    ? { keys: { count: 1e6, popularity: 'uniform', exponent: 0 }, clients: 1e6 }
    : {};
  return {
    name: `bench-${policy}-${nodes}`,
    description: 'benchmark',
    seed: 'bench',
    run: { requests, warmup: 0, replications: 1 },
    nodes: benchNodes(nodes, Table),
    network: { latency: { dist: 'constant', value: 0 } },
    balancer: { policy: { name: policy, params: {} } },
    workload: [
      {
        name: 'bench',
        arrivals: { process: 'poisson', rate: load * nodes },
        work: { dist: 'exponential', mean: 1 },
        size: { dist: 'constant', value: 0 },
        op: 'compute',
        ...ids,
      },
    ],
  };
}
