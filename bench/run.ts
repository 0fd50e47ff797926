/**
 * The performance benchmark: Poisson arrivals at load 0.9 to N single-core nodes, exponential work with mean 1 s,
 * metrics on. Each configuration runs in its own child process so that its peak RSS is its own.
 *
 *   npm run bench                      all configurations (every registered policy), a table
 *   npm run bench -- --json            one JSON object per line
 *   npm run bench -- --requests 1e6    shorter runs
 *   npm run bench -- --nodes 100 --policy random
 *   npm run bench -- --policy all      every registered policy (the default); or a comma-separated list
 *   npm run bench -- --reference ../shared/bench/mmclb_fast.js [--repeat 5]
 *                                      the hand-written reference loop and clustersim back to back, alternating,
 *                                      --repeat times per case (default 5), with the median ratio of each case
 *                                      and the range of its pairs' ratios;
 *                                      without --nodes / --policy the three target cases (N = 100 random,
 *                                      N = 10 000 random, N = 10 000 join-shortest-queue)
 *
 *   npm run bench -- --model single-leader-store
 *                                      the other topologies' cases only (--model mmc-lb: the load-balanced one only;
 *                                      by default every case of every model)
 *
 *   npm run bench -- --model million   a million single-core nodes (issue 17, part 3): random and least-connections
 *                                      (or --policy), 5 s of arrivals at load 0.9 from empty (4.5 * 10^6 requests,
 *                                      or --requests), each in its own process with its peak RSS (the report is not
 *                                      written here: `clustersim run` on such a scenario writes it, see README.md)
 *
 *   npm run bench -- --model sweep [--workers N] [--repeat 3]
 *                                      issue 17, part 4: the 20-point sweep with 4 replications each (`clustersim
 *                                      compare`, bench/sweep.ts) on one thread and on N (default: every core),
 *                                      alternating; the median time ratio and each pair's, the reports checked
 *                                      byte-identical (about a minute per pair on two cores)
 *
 * Other topologies (issue 17, part 5), so that a regression in any of them shows: `single-leader-store` is five
 * servers replicating every write with Raft and acknowledging at a quorum, 10^6 writes (or --requests) at 5 000/s,
 * each costing 0.1 ms of one of the leader's four cores, one-way network latency 0.5 ms. `leaderless-n3` is a
 * leaderless store on 100 nodes (N = 3, QUORUM reads and writes, 10^6 uniform keys), its busiest node at load 0.9.
 *
 * Each result has the run's wall time and its CPU time (`cpuSeconds`, `eventsPerCpuSecond`): on a shared machine the
 * second moves less.
 *
 * The key-affine policies (consistent-hash, client-hash) get a workload with a key space (10^6 uniform keys) and a
 * client population (10^6), so that they hash real ids; the other policies' workload carries neither, as before.
 * Drawing the key and the client costs those two runs two uniform draws per request more: their figures are, if
 * anything, slightly pessimistic next to random's.
 */
import { execFileSync, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { RandomStreams } from '../src/engine/rng.js';
import { prepareCompiler } from '../src/experiment/compiler-budget.js';
import { estimateEvents } from '../src/experiment/estimate-events.js';
import { runReplication } from '../src/experiment/replication.js';
import type { ScenarioSpec } from '../src/model/spec.js';
import { policyNames as registeredPolicies } from '../src/policies/registry.js';
import { formatIssue, loadScenario } from '../src/scenario/index.js';
import { ReplicaRing } from '../src/topology/leaderless/replica-ring.js';
import type { LeaderlessTopologySpec } from '../src/topology/leaderless/spec.js';
import { benchScenario, load } from './model.js';
import { median } from './median.js';
import { benchSweep } from './sweep.js';

interface BenchResult {
  model: string;
  nodes: number;
  policy: string;
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMB: number;
  /**
   * The run's own CPU time (user and system) and events per CPU second: on a shared machine the wall clock also
   * counts the time other processes held the core; CPU time mostly does not (their cache and memory traffic still
   * shows).
   */
  cpuSeconds: number;
  eventsPerCpuSecond: number;
  /** With --reference: the reference loop's events per second (median of the repeats) and clustersim's over it. */
  referenceEventsPerSecond?: number;
  ratio?: number;
  /**
   * With --reference: each pair's ratio, in run order: on a shared machine they spread (this project's VM moves
   * between two speeds), and the median alone would hide it.
   */
  ratios?: number[];
}

/** The reference loop's policy for a clustersim policy name; undefined when it has none. */
const referencePolicy: Readonly<Record<string, string>> = { random: 'random', 'join-shortest-queue': 'jsq' };

/** The cases a reference comparison runs by default: the targets of the speed issue. */
const referenceCases: readonly [number, string][] = [
  [100, 'random'],
  [10_000, 'random'],
  [10_000, 'join-shortest-queue'],
];

/** The single-leader store's case as a scenario file would give it, `writes` writes long. */
function storeScenario(writes: number): ScenarioSpec {
  const rate = 5000;
  const text = [
    'name: bench-single-leader-store',
    'seed: bench',
    `duration: ${writes / rate}s`,
    'warmup: 0s',
    'replications: 1',
    'nodes: [{ group: store, count: 5, cores: 4 }]',
    'network: { latency: 0.5ms }',
    'topology: { kind: single-leader, mode: replicated, replication: quorum, reads: leader }',
    `workload: [{ class: put, op: write, arrivals: { process: poisson, rate: ${rate}/s }, work: { dist: exponential, mean: 0.1ms } }]`,
  ].join('\n');
  const loaded = loadScenario(text, { file: 'bench/single-leader-store' });
  if (loaded.spec === undefined) throw new Error(loaded.errors.map((e) => formatIssue(e)).join('\n'));
  return loaded.spec;
}

/** The leaderless store's case: a topology rather than a policy (its coordinators are picked at random). */
const LEADERLESS_CASE = 'leaderless-n3';

/**
 * The busiest node's share of the replica tasks, keys uniform: with 16 tokens per node the ring is uneven (the
 * coefficient of variation of a node's share is about sqrt((n - 1) / (n V + 1)) = 0.25 at n = 100; the busiest of the
 * 100 holds 1.44 % of the copies, not 1 %). Counted on the run's own ring, before the clock starts.
 */
function busiestReplicaShare(nodes: number, virtualNodes: number, replicas: number, keyCount: number): number {
  const ring = new ReplicaRing(nodes, virtualNodes, replicas, keyCount);
  const copies = new Float64Array(nodes);
  for (let key = 0; key < keyCount; key++) for (let slot = 0; slot < replicas; slot++) copies[ring.replica(key, slot)]++;
  return Math.max(...copies) / (keyCount * replicas);
}

function leaderlessScenario(nodes: number, requests: number): ScenarioSpec {
  const spec = benchScenario(nodes, 'random', requests);
  const replicas = 3;
  const virtualNodes = 16;
  const keys = { count: 1e6, popularity: 'uniform' as const, exponent: 0 };
  // The busiest node at load 0.9 (work of mean 1 s): at a mean load of 0.9 a fifth of the nodes ran above 1, their
  // queues (and the run's memory and working set) grew with the run, and events per second fell with run length.
  // The mean node load is 0.9 / (100 x 1.44 %) = 0.62.
  const rate = load / (replicas * busiestReplicaShare(nodes, virtualNodes, replicas, keys.count));
  const base = spec.workload[0];
  spec.name = `bench-${LEADERLESS_CASE}-${nodes}`;
  spec.workload = [
    { ...base, name: 'get', op: 'read', arrivals: { process: 'poisson', rate: 0.7 * rate }, keys },
    { ...base, name: 'put', op: 'write', arrivals: { process: 'poisson', rate: 0.3 * rate }, keys },
  ];
  const topology: LeaderlessTopologySpec = {
    kind: 'leaderless',
    replicas,
    replicasPerRegion: null,
    virtualNodes,
    writeQuorum: 2,
    readQuorum: 2,
    writeLevel: 'quorum',
    readLevel: 'quorum',
    coordinator: 'any',
    readFanout: 'all',
    speculativeRetry: { kind: 'none' },
    antiEntropy: null,
    sloppyQuorum: false,
    hintedHandoff: { replay: 10, maxHintAge: 10800 },
    readRepair: 'none',
    // Waits at load 0.9 with work of mean 1 s reach tens of seconds: no coordinator timeout, as clients without one.
    requestTimeout: Infinity,
    tVisibility: [0, 0.0001, 0.001, 0.01, 0.1],
  };
  spec.topology = topology;
  return spec;
}

/** The cases of topologies other than the load-balanced service: name, node count, policy, scenario. */
const topologyCases: Readonly<Record<string, { nodes: number; scenario: (requests: number) => ScenarioSpec }>> = {
  'single-leader-store': { nodes: 5, scenario: storeScenario },
  [LEADERLESS_CASE]: { nodes: 100, scenario: (requests) => leaderlessScenario(100, requests) },
};

/** The million-node case (issue 17, part 3): the load-balanced model at 10^6 nodes, its peak memory the figure. */
const MILLION = 'million';
/** The study case (issue 17, part 4): not a run of the model but a command on one thread and on several. */
const SWEEP = 'sweep';
const millionNodes = 1_000_000;
const millionPolicies = ['random', 'least-connections'];

function runOne(model: string, nodes: number, policy: string, requests: number): BenchResult {
  const spec =
    model === 'mmc-lb' || model === MILLION ? benchScenario(nodes, policy, requests) : topologyCases[model].scenario(requests);
  // The compiler `clustersim run` gives the same work (experiment/run.ts): the larger inlining budget from 10^7
  // estimated events on. Without it the benchmark measured a build users do not run.
  prepareCompiler(estimateEvents(spec).events);
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const outcome = runReplication(spec, new RandomStreams(spec.seed), 0);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    model,
    nodes,
    policy,
    requests: outcome.measurement.completed,
    events: outcome.events,
    seconds: Math.round(seconds * 1000) / 1000,
    eventsPerSecond: Math.round(outcome.events / seconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
    eventsPerCpuSecond: Math.round(outcome.events / cpuSeconds),
  };
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

function runChild(nodes: number, policy: string, requests: number, model = 'mmc-lb'): Promise<BenchResult> {
  return new Promise<BenchResult>((resolvePromise, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [
      '--child', '1', '--model', model, '--nodes', String(nodes), '--policy', policy, '--requests', String(requests),
    ]);
    child.once('message', (message) => resolvePromise(message as BenchResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`benchmark child exited with ${code}`)));
  });
}

/** One run of the reference loop in its own process: its events per second (it prints one JSON line). */
function runReference(path: string, nodes: number, policy: string, requests: number): number {
  const output = execFileSync(process.execPath, [path, String(nodes), policy, String(requests)], { encoding: 'utf8' });
  const line = JSON.parse(output.trim().split('\n').pop()!) as { events_per_s: number };
  return line.events_per_s;
}

/**
 * The reference loop and clustersim on one case, alternating (reference first) `repeat` times, so that a slow
 * moment of a shared machine hits both: the median of each, and the median of the per-pair ratios.
 */
async function compareWithReference(
  path: string,
  nodes: number,
  policy: string,
  requests: number,
  repeat: number,
): Promise<BenchResult> {
  const reference: number[] = [];
  const ours: BenchResult[] = [];
  for (let k = 0; k < repeat; k++) {
    reference.push(runReference(path, nodes, referencePolicy[policy], requests));
    ours.push(await runChild(nodes, policy, requests));
  }
  const ratios = ours.map((r, k) => r.eventsPerSecond / reference[k]);
  const middle = [...ours].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[ours.length >> 1];
  return {
    ...middle,
    eventsPerSecond: Math.round(median(ours.map((r) => r.eventsPerSecond))),
    peakRssMB: Math.max(...ours.map((r) => r.peakRssMB)),
    referenceEventsPerSecond: Math.round(median(reference)),
    ratio: Math.round(median(ratios) * 1000) / 1000,
    ratios: ratios.map((r) => Math.round(r * 1000) / 1000),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const requestsOption = option(args, 'requests');
  const requests = Number(requestsOption ?? 1e7);
  if (option(args, 'child') !== undefined) {
    const result = runOne(option(args, 'model')!, Number(option(args, 'nodes')), option(args, 'policy')!, requests);
    process.send!(result);
    return;
  }
  const json = args.includes('--json');
  // Not in `all`: each pair runs the study twice (about a minute on two cores).
  if (option(args, 'model') === SWEEP) {
    const workers = Number(option(args, 'workers') ?? availableParallelism());
    const result = benchSweep(workers, Number(option(args, 'repeat') ?? 3));
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(result.command);
      console.log(
        `1 thread ${result.secondsOneThread.toFixed(2)} s, ${workers} threads ${result.secondsWorkers.toFixed(2)} s (medians)` +
          `  ratio ${result.ratio.toFixed(2)} (pairs ${result.ratios.map((r) => r.toFixed(2)).join(', ')})` +
          `  reports ${result.identical ? 'byte-identical' : 'DIFFERENT'}`,
      );
    }
    if (!result.identical) process.exitCode = 1;
    return;
  }
  const referenceOption = option(args, 'reference');
  const reference = referenceOption === undefined ? undefined : resolve(referenceOption);
  const repeat = Number(option(args, 'repeat') ?? 5);
  const models = option(args, 'model') ?? (reference !== undefined ? 'mmc-lb' : 'all');
  const known = ['mmc-lb', MILLION, SWEEP, ...Object.keys(topologyCases)];
  if (models !== 'all' && !known.includes(models)) {
    console.error(`bench: unknown --model '${models}'; valid: all, ${known.join(', ')}`);
    process.exit(2);
  }
  const nodeCounts = option(args, 'nodes') ? [Number(option(args, 'nodes'))] : [10, 100, 10_000];
  const policyOption = option(args, 'policy') ?? 'all';
  const policyNames = policyOption === 'all' ? registeredPolicies() : policyOption.split(',');
  const balanced: [number, string][] =
    reference !== undefined && option(args, 'nodes') === undefined && option(args, 'policy') === undefined
      ? [...referenceCases]
      : nodeCounts.flatMap((nodes) => policyNames.map((policy): [number, string] => [nodes, policy]));
  if (!json) {
    console.log(`clustersim benchmark: load ${load}, ${requests} requests per run, node ${process.version}`);
    if (reference !== undefined) console.log(`reference: ${reference}, ${repeat} alternating runs per case, medians`);
  }
  const print = (result: BenchResult, label: string) => {
    if (json) console.log(JSON.stringify(result));
    else
      console.log(
        `${label.padEnd(20)} N=${String(result.nodes).padEnd(6)} ${(result.eventsPerSecond / 1e6).toFixed(2)} M events/s` +
          (result.ratio !== undefined
            ? `  reference ${(result.referenceEventsPerSecond! / 1e6).toFixed(2)} M  ratio ${result.ratio.toFixed(2)}` +
              ` (pairs ${Math.min(...result.ratios!).toFixed(2)} to ${Math.max(...result.ratios!).toFixed(2)})`
            : `  ${result.events} events in ${result.seconds.toFixed(2)} s`) +
          `  ${(result.eventsPerCpuSecond / 1e6).toFixed(2)} M per CPU second` +
          `  peak RSS ${result.peakRssMB} MB`,
      );
  };
  if (models === 'all' || models === 'mmc-lb') {
    for (const [nodes, policy] of balanced) {
      const compared = reference !== undefined && referencePolicy[policy] !== undefined;
      const result = compared
        ? await compareWithReference(reference, nodes, policy, requests, repeat)
        : await runChild(nodes, policy, requests);
      print(result, policy);
    }
  }
  // Not in `all`: two runs of a million nodes take minutes and a gigabyte each.
  if (models === MILLION) {
    const policies = option(args, 'policy') === undefined ? millionPolicies : policyNames;
    for (const policy of policies) {
      print(await runChild(millionNodes, policy, Number(requestsOption ?? 5 * load * millionNodes), MILLION), `${policy} (10^6)`);
    }
  }
  for (const [model, { nodes }] of Object.entries(topologyCases)) {
    if (models !== 'all' && models !== model) continue;
    // 10^6 requests unless told otherwise: each costs these topologies several events (messages, replies).
    print(await runChild(nodes, '-', Number(requestsOption ?? 1e6), model), model);
  }
}

await main();
