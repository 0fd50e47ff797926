/**
 * Issue 17, part 4: a study on every core. The issue's 20-point sweep (web-tier at load 0.5 to 0.975, 4 replications
 * each, 24 h windows) as a user runs it, `clustersim compare` in its own process, on one thread and on `workers`
 * threads, alternating (one thread first) `repeat` times so that a slow moment of a shared machine hits both. Each
 * pair's reports must be byte-identical; the result is the median of the pairs' time ratios, with every pair's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './median.js';

export interface SweepResult {
  model: 'sweep';
  command: string;
  workers: number;
  /** Medians over the repeats: wall time of the whole command (start-up, simulation, fold, report). */
  secondsOneThread: number;
  secondsWorkers: number;
  /** Median of the pairs' ratios (time on `workers` threads over time on one), and each pair's, in run order. */
  ratio: number;
  ratios: number[];
  /** Every pair wrote the same report folder, byte for byte. */
  identical: boolean;
}

const binary = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/clustersim.js');
const study = [
  'compare', 'scenarios/web-tier.yaml', '--policies', 'random', '--sweep', 'load=0.5:0.975:0.025',
  '--replications', '4', '--set', 'duration=24h',
];

function timedRun(workers: number, out: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [binary, ...study, '--workers', String(workers), '--out', out, '--quiet'], {
    encoding: 'utf8',
    cwd: resolve(dirname(binary), '..'),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`bench sweep: clustersim exited with ${result.status}: ${result.stderr}`);
  return seconds;
}

/** Every file under `a` is under `b` with the same bytes, and `b` has no other. */
function sameTree(a: string, b: string): boolean {
  const names = readdirSync(a).sort();
  if (names.join('\n') !== readdirSync(b).sort().join('\n')) return false;
  return names.every((name) => {
    const [x, y] = [join(a, name), join(b, name)];
    return statSync(x).isDirectory() ? statSync(y).isDirectory() && sameTree(x, y) : readFileSync(x).equals(readFileSync(y));
  });
}

export function benchSweep(workers: number, repeat: number): SweepResult {
  const scratch = mkdtempSync(join(tmpdir(), 'clustersim-bench-sweep-'));
  try {
    const one: number[] = [];
    const many: number[] = [];
    let identical = true;
    for (let k = 0; k < repeat; k++) {
      const [outOne, outMany] = [join(scratch, `one-${k}`), join(scratch, `many-${k}`)];
      one.push(timedRun(1, outOne));
      many.push(timedRun(workers, outMany));
      identical &&= sameTree(outOne, outMany);
      rmSync(outOne, { recursive: true });
      rmSync(outMany, { recursive: true });
    }
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const ratios = many.map((seconds, k) => seconds / one[k]);
    return {
      model: 'sweep',
      command: `clustersim ${study.join(' ')} --workers <1 | ${workers}>`,
      workers,
      secondsOneThread: round(median(one)),
      secondsWorkers: round(median(many)),
      ratio: round(median(ratios)),
      ratios: ratios.map(round),
      identical,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
