/**
 * The performance benchmark: Poisson arrivals at load 0.9 to N single-core nodes, exponential work with mean 1 s,
 * metrics on. Each configuration runs in its own child process so that its peak RSS is its own.
 *
 *   npm run bench                      all configurations (every registered policy), a table
 *   npm run bench -- --json            one JSON object per line
 *   npm run bench -- --requests 1e6    shorter runs
 *   npm run bench -- --nodes 100 --policy random
 *   npm run bench -- --policy all      every registered policy (the default); or a comma-separated list
 *
 * The key-affine policies (consistent-hash, client-hash) get a workload with a key space (10^6 uniform keys) and a
 * client population (10^6), so that they hash real ids; the other policies' workload carries neither, as before.
 * Drawing the key and the client costs those two runs two uniform draws per request more: their figures are, if
 * anything, slightly pessimistic next to random's.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RandomStreams } from '../src/engine/rng.js';
import { runReplication } from '../src/experiment/replication.js';
import type { ScenarioSpec, WorkloadClassSpec } from '../src/model/spec.js';
import { policyNames as registeredPolicies } from '../src/policies/registry.js';

interface BenchResult {
  model: 'mmc-lb';
  nodes: number;
  policy: string;
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMB: number;
}

const load = 0.9;

/** Policies that route by the request's key or client id: the bench workload gives them ids to hash. */
const keyAffine = new Set(['consistent-hash', 'client-hash']);

function benchScenario(nodes: number, policy: string, requests: number): ScenarioSpec {
  const ids: Partial<WorkloadClassSpec> = keyAffine.has(policy)
    ? { keys: { count: 1e6, popularity: 'uniform', exponent: 0 }, clients: 1e6 }
    : {};
  return {
    name: `bench-${policy}-${nodes}`,
    description: 'benchmark',
    seed: 'bench',
    run: { requests, warmup: 0, replications: 1 },
    nodes: Array.from({ length: nodes }, (_, i) => ({
      name: `node-${i}`,
      group: 'node',
      cores: 1,
      speed: 1,
      storage: Infinity,
      bandwidth: Infinity,
      zone: 'a',
      queue: Infinity,
      discipline: 'fifo' as const,
    })),
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

function runOne(nodes: number, policy: string, requests: number): BenchResult {
  const spec = benchScenario(nodes, policy, requests);
  const started = process.hrtime.bigint();
  const outcome = runReplication(spec, new RandomStreams(spec.seed), 0);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    model: 'mmc-lb',
    nodes,
    policy,
    requests: outcome.measurement.completed,
    events: outcome.events,
    seconds: Math.round(seconds * 1000) / 1000,
    eventsPerSecond: Math.round(outcome.events / seconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const requests = Number(option(args, 'requests') ?? 1e7);
  if (option(args, 'child') !== undefined) {
    const result = runOne(Number(option(args, 'nodes')), option(args, 'policy')!, requests);
    process.send!(result);
    return;
  }
  const json = args.includes('--json');
  const nodeCounts = option(args, 'nodes') ? [Number(option(args, 'nodes'))] : [10, 100, 10_000];
  const policyOption = option(args, 'policy') ?? 'all';
  const policyNames = policyOption === 'all' ? registeredPolicies() : policyOption.split(',');
  if (!json) console.log(`clustersim benchmark: load ${load}, ${requests} requests per run, node ${process.version}`);
  for (const nodes of nodeCounts) {
    for (const policy of policyNames) {
      const result = await new Promise<BenchResult>((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), [
          '--child', '1', '--nodes', String(nodes), '--policy', policy, '--requests', String(requests),
        ]);
        child.once('message', (message) => resolve(message as BenchResult));
        child.once('error', reject);
        child.once('exit', (code) => code !== 0 && reject(new Error(`benchmark child exited with ${code}`)));
      });
      if (json) console.log(JSON.stringify(result));
      else
        console.log(
          `${policy.padEnd(20)} N=${String(nodes).padEnd(6)} ${(result.eventsPerSecond / 1e6).toFixed(2)} M events/s` +
            `  ${result.events} events in ${result.seconds.toFixed(2)} s  peak RSS ${result.peakRssMB} MB`,
        );
    }
  }
}

await main();
