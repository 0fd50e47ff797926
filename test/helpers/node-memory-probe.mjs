// The memory a cluster of N single-core nodes holds per node, in this process of its own: a scenario of N nodes at
// load 0.9 (random dispatch, Poisson arrivals, exp(1 s) work, a 0.5 s window from empty), loaded, run for one
// replication and summarised, the result held. Prints on stdout, as JSON, the live set (heap used after a full
// collection plus typed-array buffers) before loading (baseline), once loaded (spec), at 4 evenly spaced simulated
// times of the run and at its end (peak), and with the result held (result). Run by test/e2e/node-memory.test.ts:
//   node --expose-gc test/helpers/node-memory-probe.mjs <nodes> [<policy>]
// It needs the compiled JavaScript (npm run build).
const [nodesArg, policy = 'random'] = process.argv.slice(2);
const nodes = Number(nodesArg);
if (typeof globalThis.gc !== 'function') throw new Error('node-memory-probe: run node with --expose-gc');

const dist = new URL('../../dist/src/', import.meta.url);
const { loadScenario } = await import(new URL('scenario/index.js', dist).href);
const { replicationStreams, resultOf } = await import(new URL('experiment/run.js', dist).href);
const { runReplication } = await import(new URL('experiment/replication.js', dist).href);

/** Live bytes after a full collection, then a synchronous one for the buffers of dropped typed arrays. */
function liveBytes() {
  globalThis.gc();
  globalThis.gc({ type: 'major', execution: 'sync' });
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const text = [
  `name: node-memory-${nodes}`,
  'seed: 7',
  'duration: 0.5s',
  'warmup: 0s',
  'replications: 1',
  `nodes: [{ group: node, count: ${nodes}, cores: 1, speed: 1 }]`,
  'network: { latency: 0ms }',
  `balancer: { policy: ${policy} }`,
  `workload: [{ class: api, arrivals: { process: poisson, rate: ${0.9 * nodes}/s }, work: { dist: exponential, mean: 1s }, size: 0B }]`,
].join('\n');

const baseline = liveBytes();
const loaded = loadScenario(text, { file: 'node-memory.yaml' });
if (loaded.spec === undefined) throw new Error(`node-memory-probe: ${JSON.stringify(loaded.errors)}`);
const spec = loaded.spec;
const specBytes = liveBytes();
let peak = 0;
const outcome = runReplication(spec, replicationStreams(spec.seed, 0), 0, {
  onTopology: (_topology, sim) => {
    for (let k = 1; k <= 4; k++) sim.schedule((0.5 * k) / 4, () => (peak = Math.max(peak, liveBytes())));
  },
});
peak = Math.max(peak, liveBytes());
const result = resultOf(spec, [outcome]);
const held = liveBytes();
process.stdout.write(
  `${JSON.stringify({ nodes, policy, baseline, spec: specBytes, peak, result: held, rows: result.nodes.length })}\n`,
);
