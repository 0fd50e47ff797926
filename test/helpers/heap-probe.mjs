// Runs one replication of a scenario file with its measured window set to a given duration, in this process of its
// own, and prints on stdout, as JSON, the memory the run held: the live set (heap used after a full collection, plus
// typed-array buffers, which live outside the heap) sampled at 10 evenly spaced simulated times from the start to the
// end of the window, and once more at the end, with the result still held. Run by test/e2e/memory-bound.test.ts:
//   node --expose-gc test/helpers/heap-probe.mjs <scenario file> <duration, e.g. 120s> [<key=value> ...]
// (each key=value a --set override, applied after the duration).
// It needs the compiled JavaScript (npm run build) and loads only the simulator and the scenario loader, not the
// report writer, so that the baseline (the code itself) is small next to what a run holds.
import { readFileSync } from 'node:fs';

const SAMPLES = 10;
const [file, duration, ...sets] = process.argv.slice(2);
if (typeof globalThis.gc !== 'function') throw new Error('heap-probe: run node with --expose-gc');

const dist = new URL('../../dist/src/', import.meta.url);
const { loadScenario, parseSetArgument } = await import(new URL('scenario/index.js', dist).href);
const { replicationStreams, resultOf } = await import(new URL('experiment/run.js', dist).href);
const { runReplication } = await import(new URL('experiment/replication.js', dist).href);

const loaded = loadScenario(readFileSync(file, 'utf8'), {
  file,
  overrides: [`duration=${duration}`, 'replications=1', ...sets].map((set) => parseSetArgument(set)),
});
if (loaded.spec === undefined) throw new Error(`heap-probe: ${file}: ${JSON.stringify(loaded.errors)}`);
const spec = loaded.spec;

/**
 * What the process holds after a full collection, then a synchronous one: the first reclaims the heap, the second
 * the buffers of dropped typed arrays, which the first may leave to a background task.
 */
function liveBytes() {
  globalThis.gc();
  globalThis.gc({ type: 'major', execution: 'sync' });
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const baseline = liveBytes();
let peak = 0;
const end = spec.run.warmup + spec.run.duration;
const outcome = runReplication(spec, replicationStreams(spec.seed, 0), 0, {
  onTopology: (_topology, sim) => {
    for (let k = 1; k <= SAMPLES; k++) {
      sim.schedule((end * k) / SAMPLES, () => {
        peak = Math.max(peak, liveBytes());
      });
    }
  },
});
const result = resultOf(spec, [outcome]);
const atEnd = liveBytes();
process.stdout.write(
  `${JSON.stringify({ file, duration, baseline, peak: Math.max(peak, atEnd), atEnd, events: outcome.events, arrived: result.summary.requests.arrived })}\n`,
);
