/**
 * Memory bounded by the model, not by the run (issue 10, part 2): every example scenario, one replication, run at 1x
 * and 10x a base window, each run in a node process of its own (test/helpers/heap-probe.mjs, on the compiled
 * JavaScript), and the memory the run held at 10x at most 1.3 times what it held at 1x.
 *
 * Why the ratio is a fair test:
 * - What is measured is the live set: heap used plus typed-array buffers, after a full collection, sampled at 20
 *   evenly spaced simulated times of each run (so both runs are seen in the same phases: warm-up, the scripted
 *   failure, the end of the window) and once more at the end with the result held; the largest counts. A fresh
 *   process per run: nothing of another run is left in it, and the code loaded (about 14 MB) is the same in both.
 * - What a run may hold legitimately does not grow tenfold with its window: the event queue and the request table
 *   follow the number of requests in flight, sketches follow the range of response times, the time series has 100
 *   intervals whatever the window, and the failure and election records are a few hundred bytes each. Anything kept
 *   per request, per write or per event does: with the Raft log as it was before compaction (every entry of every
 *   server kept), the 10x runs below held 1.89 times the 1x runs' memory for async-vs-quorum.yaml and 1.41 and 1.43
 *   times for leader-failover.yaml and leader-partition.yaml; now 1.06 to 1.07. With 14 MB of code and 2 to 4 MB of
 *   run state, the 30 % margin is about 5 MB: a leak of 50 bytes per request fails every case below (each 10x run
 *   adds at least 100 000 requests; most add 500 000 or more), however it is spread.
 * - Base windows are shorter than the files' own where a run would be slow, so that the test takes about 35 s on two
 *   idle cores (65 s of CPU), but each still contains the scenario's scripted failure (the crash at 30 s of
 *   leader-failover.yaml, the zone outage at 8 min of zone-outage.yaml, ...), so that the 1x and 10x runs go through
 *   the same phases.
 * - retry-storm.yaml is run with the bounded queues its header recommends (`nodes.0.queue=10`): as shipped, its
 *   queues of abandoned attempts grow for as long as it runs (a metastable failure with unbounded queues, by design),
 *   so its memory is bounded by the model only in the sense that the model itself is unbounded.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const probe = join(root, 'test/helpers/heap-probe.mjs');

interface Case {
  scenario: string;
  /** The base window: a number and a unit, scaled by 10 for the long run. */
  window: [number, string];
  /** --set overrides, and why. */
  sets?: string[];
}

const cases: Case[] = [
  { scenario: 'async-vs-quorum', window: [30, 's'] }, // random crashes every 6 s in the cluster
  { scenario: 'bursty', window: [15, 'min'] },
  // At its own rate (1/min) a day holds too few requests for the 100 000 floor below: at 1/s the node stays warm
  // (a 60 s gap has probability e^-60) and the waiting room, the idle checks and the cold-start sketch are what runs.
  // Node ids are never reused, so a run with a cold start every few seconds grows by a node per cold start
  // (docs/scaling.md, "Not yet done").
  { scenario: 'cold-start', window: [4, 'h'], sets: ['workload.0.arrivals.rate=1/s'] },
  { scenario: 'diurnal-autoscale', window: [2, 'h'] }, // the morning ramp from 2h on, and a day at 10x
  { scenario: 'gray-failure', window: [9, 'min'] }, // the slowdown at 10 min (2 min warm-up)
  { scenario: 'leader-failover', window: [30, 's'] }, // the leader crash at 30 s (5 s warm-up)
  { scenario: 'leader-partition', window: [30, 's'] }, // the partition at 30 s
  { scenario: 'leaderless-rebalance', window: [30, 's'] }, // a join at 10 s and a leave at 20 s (5 s warm-up)
  { scenario: 'leaderless-staleness', window: [4, 's'] }, // 10 000 reads/s: a short window is long enough
  { scenario: 'leaderless-store', window: [20, 's'] }, // the crash at 20 s (5 s warm-up)
  { scenario: 'multi-zone', window: [6, 'min'] }, // the region cut off from 6 to 7 min (1 min warm-up)
  { scenario: 'object-store', window: [10, 'min'] },
  { scenario: 'partition', window: [15, 'min'] }, // the first partition at 5 min
  { scenario: 'region-outage-active-active', window: [9, 'min'] }, // us-east lost at 5 min into the window, back at 8 min, repaired
  { scenario: 'region-outage-active-passive', window: [8, 'min'] }, // us-east lost at 5 min, clients redirected ~2 min later
  { scenario: 'region-outage-backup-restore', window: [10, 'min'] }, // lost at 5 min, restored and redirected ~7 min later
  { scenario: 'region-outage-pilot-light', window: [10, 'min'] }, // lost at 5 min, provisioned and redirected ~5 min later
  { scenario: 'region-outage-warm-standby', window: [8, 'min'] }, // lost at 5 min, redirected ~2 min later, scaled up 2 min on
  { scenario: 'region-placement', window: [3, 'min'] }, // us-east lost at 3 min (30 s warm-up) for 1 min
  { scenario: 'retry-storm', window: [5, 'min'], sets: ['nodes.0.queue=10'] }, // the crash at 5 min; see above
  { scenario: 'rolling-crash', window: [1, 'h'] },
  { scenario: 'scale-out', window: [2, 'h'] }, // 4 nodes added at 1 h, one removed at 2 h (10 min warm-up)
  { scenario: 'scheduler-saturation', window: [30, 's'] },
  { scenario: 'slow-node', window: [5, 'min'] },
  // The first minute of the trace (161 rows) against all ten (4 267 rows, the burst included): the 10x run reads
  // the whole file. Each row sent 30 times, on 40 times the nodes (utilisation 39 % in the hold, 97 % in the burst),
  // so that the 10x run adds over 100 000 requests like the others: measured 26.5 -> 28.5 MB (x1.07).
  {
    scenario: 'trace-replay',
    window: [1, 'min'],
    sets: ['workload.0.arrivals.scaleRate=30', 'workload.1.arrivals.scaleRate=30', 'nodes.0.count=160'],
  },
  { scenario: 'web-tier', window: [2, 'h'] },
  { scenario: 'zone-outage', window: [7, 'min'] }, // the zone outage at 8 min (2 min warm-up)
];

interface Probe {
  /** Wall-clock seconds of the probe process (to keep the test's length in view). */
  seconds: number;
  baseline: number;
  peak: number;
  atEnd: number;
  events: number;
  arrived: number;
}

function runProbe(scenario: string, duration: string, sets: readonly string[]): Promise<Probe> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', probe, join(root, 'scenarios', `${scenario}.yaml`), duration, ...sets], {
      cwd: root,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`heap probe ${scenario} ${duration} exited with ${code}: ${err}`));
      else resolve({ ...(JSON.parse(out) as Omit<Probe, 'seconds'>), seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Runs `jobs` at most two at a time (the test machine has two cores; each probe is one thread). */
async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      results[k] = await jobs[k]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const MB = 1e6;

describe('memory is bounded by the model, not by the run', () => {
  it('every example scenario: the live set at 10x its window is within 1.3x of the one at 1x', async () => {
    const files = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(cases.map((c) => `${c.scenario}.yaml`).sort()).toEqual(files.sort());

    const jobs = cases.flatMap((c) =>
      [1, 10].map((scale) => () => runProbe(c.scenario, `${c.window[0] * scale}${c.window[1]}`, c.sets ?? [])),
    );
    const probes = await twoAtATime(jobs);
    const rows: string[] = [];
    const failures: string[] = [];
    cases.forEach((c, k) => {
      const [short, long] = [probes[2 * k], probes[2 * k + 1]];
      const ratio = long.peak / short.peak;
      rows.push(
        `${c.scenario.padEnd(22)} ${(short.peak / MB).toFixed(1)} MB -> ${(long.peak / MB).toFixed(1)} MB (x${ratio.toFixed(2)}), ` +
          `${short.arrived} -> ${long.arrived} requests, ${short.seconds.toFixed(1)} s + ${long.seconds.toFixed(1)} s`,
      );
      if (!(long.peak <= 1.3 * short.peak)) failures.push(`${c.scenario}: x${ratio.toFixed(2)}`);
    });
    console.log(`[memory] live set at 1x and 10x the window:\n${rows.join('\n')}`);
    cases.forEach((c, k) => {
      const [short, long] = [probes[2 * k], probes[2 * k + 1]];
      // The long run really is ten times longer, and the two loaded the same code.
      expect(long.arrived, c.scenario).toBeGreaterThan(8 * short.arrived);
      expect(long.arrived - short.arrived, c.scenario).toBeGreaterThan(100_000);
      expect(Math.abs(long.baseline - short.baseline), c.scenario).toBeLessThan(1 * MB);
    });
    expect(failures).toEqual([]);
  }, 240_000);
});
