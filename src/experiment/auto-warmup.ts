import { mser5, mser5FirstHalf, MSER_BATCH } from '../metrics/mser.js';
import { meanArrivalRate } from '../model/arrivals.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { runReplication } from './replication.js';
import type { WarmupSummary } from './result.js';
import { replicationStreams } from './streams.js';

/** Why `warmup: auto` could not choose a warm-up: the run stops with this message (exit 1). */
export class WarmupError extends Error {}

/**
 * Pilot replications that judge whether the series settles at all (Hoad, Robinson and Davies 2010: MSER-5 on the mean
 * of at least 5), and the fewest whose mean gives the cut.
 */
export const PILOT_REPLICATIONS = 10;

/**
 * Pilots whose mean gives the cut: as many as the run has replications, at least PILOT_REPLICATIONS. Why: MSER-5
 * stops cutting where the fill-up left in the pilots' mean sinks into that mean's noise, so the bias it leaves is of
 * the order of the pilots' standard error; it is small against the run's own interval only when the pilots are as
 * precise as the run. Measured at load 0.95 (docs/statistics.md "Warm-up"): with 10 pilots the cut left a bias that
 * 1 300 replications of 5 000 s resolve (the mean within the tolerance in 56 % of runs); with as many pilots as
 * replications in 96-98 % of runs, for 10 to 2 600 replications. The cost: the pilots cost about what the run does.
 */
export function pilotReplications(spec: ScenarioSpec): number {
  return Math.max(PILOT_REPLICATIONS, spec.run.replications);
}

export const AUTO_WARMUP_RULE =
  `MSER-5 (White 1997) on the per-interval mean response time averaged over as many pilot replications as the run ` +
  `has (at least ${PILOT_REPLICATIONS}), from empty without warm-up, each as long as the window; the cut is searched ` +
  'in the first half of the window, and ends where the first batch kept starts. The run is refused when the mean of ' +
  `${PILOT_REPLICATIONS} pilots never settles (MSER-5's minimum past the middle on pilots of 1, 2, 4 and 8 windows)`;

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
 * Two questions, two answers. Does the series settle at all? MSER-5 on the mean of PILOT_REPLICATIONS pilots finds
 * its minimum in the first half (White 1997); if not, the pilots double up to 8 windows, and an overloaded system is
 * refused. Where to cut? MSER-5 searched over the first half of the window on the mean of `pilotReplications`
 * pilots (see there why as many as the run has). The cut is searched in the first half whatever the global minimum:
 * on the mean of many pilots of a heavily loaded queue the minimum lands past the middle by the slow noise of the
 * last batches, not because the queue still fills (measured at load 0.95 over 5 000 s: 63 % of 10-pilot means, more
 * with more pilots; docs/statistics.md). A fill-up longer than half the window is cut at half: give such a queue a
 * longer window.
 */
export function chooseWarmup(
  spec: ScenarioSpec,
  policy?: PolicyDefinition,
): { spec: ScenarioSpec; warmup: WarmupSummary } {
  const { warmupAuto: _auto, warmupRequests: _requests, ...stated } = spec.run;
  const window = windowSeconds(spec);
  const first = pilotSum(spec, window, 0, PILOT_REPLICATIONS, policy);
  requireSettling(spec, window, first, policy);
  const pilots = pilotReplications(spec);
  const rest = pilotSum(spec, window, PILOT_REPLICATIONS, pilots, policy);
  const mean = first.map((s, k) => (s + rest[k]) / pilots);
  const width = window / PILOT_INTERVALS;
  const cut = mser5FirstHalf(mean);
  const intervalsCut = cut === null ? 0 : cut.truncate;
  const chosen = intervalsCut * width;
  const warmup: WarmupSummary = {
    rule: AUTO_WARMUP_RULE,
    seconds: chosen,
    pilotReplications: pilots,
    pilotSeconds: window,
    intervalWidth: width,
    intervalsCut,
    intervals: PILOT_INTERVALS,
    batchSize: MSER_BATCH,
  };
  return { spec: { ...spec, run: { ...stated, warmup: chosen } }, warmup };
}

/** Intervals of each pilot run. */
const PILOT_INTERVALS = 100;

/**
 * The longest pilot, in windows. A minimum past the middle says the series is too short to tell (White 1997): a
 * heavily loaded but stable queue settles on a longer pilot, an overloaded one never does. So the pilot doubles from
 * one window until MSER-5 finds a cut, up to this many windows, and only then is the run refused.
 */
const MAX_PILOT_WINDOWS = 8;

/** Throws WarmupError unless MSER-5 finds a minimum in the first half of the mean of the first pilots, on some length. */
function requireSettling(spec: ScenarioSpec, window: number, firstSum: number[], policy?: PolicyDefinition): void {
  let sum = firstSum;
  for (let length = 1; ; length *= 2) {
    if (mser5(sum.map((s) => s / PILOT_REPLICATIONS)) !== null) return;
    if (length >= MAX_PILOT_WINDOWS) {
      throw new WarmupError(
        `warmup: auto: the mean response time never settles in the pilot runs (${PILOT_REPLICATIONS} runs from empty ` +
          `of up to ${seconds(window * length)}, ${MAX_PILOT_WINDOWS} times the window: MSER-5 finds its smallest ` +
          'error past the middle of the series every time, so there is no stable part); the system looks overloaded ' +
          'or drifting: lower the load or add capacity, or state a warm-up (warmup: 10min) knowing that the figures ' +
          'then describe a transient',
      );
    }
    sum = pilotSum(spec, window * length * 2, 0, PILOT_REPLICATIONS, policy);
  }
}

/** The per-interval mean response time of pilots from..to-1, each `length` seconds long, summed interval by interval. */
function pilotSum(spec: ScenarioSpec, length: number, from: number, to: number, policy?: PolicyDefinition): number[] {
  const width = length / PILOT_INTERVALS;
  const run = { warmup: 0, replications: 1, duration: length, interval: width };
  const pilotSpec: ScenarioSpec = { ...spec, run };
  const sum = new Array<number>(PILOT_INTERVALS).fill(0);
  for (let p = from; p < to; p++) {
    const outcome = runReplication(pilotSpec, replicationStreams(`${spec.seed}/warmup-pilot`, p), p, { policy });
    const series = outcome.measurement.series;
    const means = meanResponseSeries(series.completions, series.responseSum);
    if (means === null) {
      throw new WarmupError('warmup: auto: no request completed in a pilot run, so there is no response time to settle');
    }
    // The window's end may close one interval more (rounding): the first PILOT_INTERVALS are read.
    for (let k = 0; k < PILOT_INTERVALS; k++) sum[k] += means[Math.min(k, means.length - 1)];
  }
  return sum;
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
