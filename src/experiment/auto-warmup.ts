import { mser5, MSER_BATCH } from '../metrics/mser.js';
import { meanArrivalRate } from '../model/arrivals.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { runReplication } from './replication.js';
import type { WarmupSummary } from './result.js';
import { replicationStreams } from './streams.js';

/** Why `warmup: auto` could not choose a warm-up: the run stops with this message (exit 1). */
export class WarmupError extends Error {}

/** Pilot replications whose series are averaged before MSER-5 reads them (Hoad, Robinson and Davies 2010: >= 5). */
export const PILOT_REPLICATIONS = 10;

export const AUTO_WARMUP_RULE =
  `MSER-5 (White 1997) on the per-interval mean response time averaged over ${PILOT_REPLICATIONS} pilot replications ` +
  'from empty without warm-up, each as long as the window (doubled, up to 8 windows, while the minimum falls past the ' +
  'middle); the warm-up ends where the first batch kept starts';

/**
 * The per-interval mean response time of a series: what MSER-5 reads. An interval where nothing completed has no
 * mean; it takes the previous interval's (the first ones the first mean seen), so that the series keeps its time
 * axis. Null when nothing completed at all.
 */
export function meanResponseSeries(completions: readonly number[], responseSum: readonly number[]): number[] | null {
  const first = completions.findIndex((n) => n > 0);
  if (first < 0) return null;
  let last = responseSum[first] / completions[first];
  return completions.map((n, i) => (n > 0 ? (last = responseSum[i] / n) : last));
}

/**
 * Chooses the warm-up of a `warmup: auto` scenario with pilot runs, and returns the scenario with that warm-up.
 *
 * Why pilot runs rather than a cut per replication: one warm-up for every replication keeps every figure (the
 * time-weighted ones, the time series, availability) measured over the same window as with a stated warm-up, and
 * the replications are exactly those of `warmup: <the chosen time>`. The pilots run on streams of their own (root
 * `<seed>/warmup-pilot`), so they leave every replication's draws unchanged, and the choice is deterministic.
 *
 * Why several pilots, averaged: one run of a heavily loaded queue is so autocorrelated that MSER-5 chases its noise
 * (measured: an M/M/1 at load 0.95 over 4 000 s put the minimum past the middle, "no stable part", for a system that
 * is stable); Hoad, Robinson and Davies (2010, "Automating warm-up length estimation", J. Oper. Res. Soc. 61)
 * recommend MSER-5 on the mean of at least five replications; ten are run (measured: with five, an M/M/1 at load
 * 0.95 over 4 000 s was still refused for some seeds). Each pilot starts empty and runs one window (the duration, or
 * the requests at the offered rate) in 100 intervals with no warm-up; MSER-5 may cut at most half of it (White 1997).
 */
export function chooseWarmup(
  spec: ScenarioSpec,
  policy?: PolicyDefinition,
): { spec: ScenarioSpec; warmup: WarmupSummary } {
  const { warmupAuto: _auto, warmupRequests: _requests, ...stated } = spec.run;
  const window = windowSeconds(spec);
  for (let length = 1; ; length *= 2) {
    const pilot = pilotCut(spec, window * length, policy);
    if (pilot.cut !== null) {
      const chosen = pilot.cut * pilot.width;
      const warmup: WarmupSummary = {
        rule: AUTO_WARMUP_RULE,
        seconds: chosen,
        pilotReplications: PILOT_REPLICATIONS,
        pilotSeconds: PILOT_INTERVALS * pilot.width,
        intervalWidth: pilot.width,
        intervalsCut: pilot.cut,
        intervals: PILOT_INTERVALS,
        batchSize: MSER_BATCH,
      };
      return { spec: { ...spec, run: { ...stated, warmup: chosen } }, warmup };
    }
    if (length >= MAX_PILOT_WINDOWS) {
      throw new WarmupError(
        `warmup: auto: the mean response time never settles in the pilot runs (${PILOT_REPLICATIONS} runs from empty ` +
          `of up to ${seconds(window * length)}, ${MAX_PILOT_WINDOWS} times the window: MSER-5 finds its smallest ` +
          'error past the middle of the series every time, so there is no stable part); the system looks overloaded ' +
          'or drifting: lower the load or add capacity, or state a warm-up (warmup: 10min) knowing that the figures ' +
          'then describe a transient',
      );
    }
  }
}

/** Intervals of each pilot run. */
const PILOT_INTERVALS = 100;

/**
 * The longest pilot, in windows. A minimum past the middle says the series is too short to tell (White 1997): a
 * heavily loaded but stable queue settles on a longer pilot, an overloaded one never does. So the pilot doubles from
 * one window until MSER-5 finds a cut, up to this many windows, and only then is the run refused.
 */
const MAX_PILOT_WINDOWS = 8;

/** The MSER-5 cut (in intervals, or null past half) of the pilots' averaged series, each `length` seconds long. */
function pilotCut(spec: ScenarioSpec, length: number, policy?: PolicyDefinition): { cut: number | null; width: number } {
  const width = length / PILOT_INTERVALS;
  const run = { warmup: 0, replications: 1, duration: length, interval: width };
  const pilotSpec: ScenarioSpec = { ...spec, run };
  const sum = new Array<number>(PILOT_INTERVALS).fill(0);
  for (let p = 0; p < PILOT_REPLICATIONS; p++) {
    const outcome = runReplication(pilotSpec, replicationStreams(`${spec.seed}/warmup-pilot`, p), p, { policy });
    const series = outcome.measurement.series;
    const means = meanResponseSeries(series.completions, series.responseSum);
    if (means === null) {
      throw new WarmupError('warmup: auto: no request completed in a pilot run, so there is no response time to settle');
    }
    // The window's end may close one interval more (rounding): the first PILOT_INTERVALS are read.
    for (let k = 0; k < PILOT_INTERVALS; k++) sum[k] += means[Math.min(k, means.length - 1)];
  }
  const cut = mser5(sum.map((s) => s / PILOT_REPLICATIONS));
  return { cut: cut === null ? null : cut.truncate, width };
}

/** The measured window in seconds: the duration, or the requests at the offered mean rate. */
function windowSeconds(spec: ScenarioSpec): number {
  if (spec.run.duration !== undefined) return spec.run.duration;
  const rate = spec.workload.reduce((sum, c) => sum + meanArrivalRate(c.arrivals), 0);
  return (spec.run.requests ?? 1) / rate;
}

function seconds(value: number): string {
  return `${Math.round(value)} s`;
}
