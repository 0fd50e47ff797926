import { mser5 } from '../metrics/mser.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { ScenarioResult } from './result.js';

/**
 * The warning for a stated warm-up that MSER-5 finds too short, or null. MSER-5 (White 1997) runs on the measured
 * window's per-interval mean response time pooled over the replications (timeseries.csv's column: averaging the
 * replications first damps the noise MSER-5 would otherwise chase). It warns only when the cut matters: MSER-5 cuts
 * some intervals AND the mean response time of what it keeps differs from the whole window's by more than the 95 %
 * CI half-width of the mean (with one replication, by more than 5 %), AND the cut part approaches the kept level (its
 * later half nearer to it than its earlier half, by a quarter at least). On a stationary series MSER-5 often cuts a
 * batch or two of noise, whose removal moves the mean by much less than its CI: that is not warned about; nor is a
 * steady series that jumps later (a collapse), which is no warm-up matter. Only scenarios meant to be steady are
 * judged (steadyByDesign): with failures, a timeline, scaling, a rate profile or a trace the series moves on purpose.
 */
export function warmupTooShortWarning(result: ScenarioResult): string | null {
  const rows = result.timeseries;
  if (rows.length < 10 || !steadyByDesign(result.spec)) return null;
  let last = NaN;
  const means = rows.map((row) => (Number.isNaN(row.meanResponse) ? last : (last = row.meanResponse)));
  const first = means.findIndex((m) => !Number.isNaN(m));
  if (first < 0) return null;
  const series = means.map((m) => (Number.isNaN(m) ? means[first] : m));
  const cut = mser5(series);
  const stated = result.spec.run.warmup;
  if (cut === null) return risingFromStart(rows) ? neverSettles(stated) : null;
  if (cut.truncate === 0) return null;
  const whole = weightedMean(rows, 0);
  const kept = weightedMean(rows, cut.truncate);
  if (whole === null || kept === null) return null;
  const mean = result.summary.responseTime.mean;
  const allowed = mean.ci95 === null ? 0.05 * Math.abs(whole) : (mean.ci95[1] - mean.ci95[0]) / 2;
  if (Math.abs(kept - whole) <= allowed) return null;
  // An initial transient approaches the level it settles at: the later half of the cut part is nearer to it than the
  // earlier half. A series that is steady and then jumps (a metastable collapse: retry-storm.yaml) is not a warm-up
  // too short, though MSER-5 cuts its steady part just the same.
  const half = Math.floor(cut.truncate / 2);
  const early = weightedMean(rows, 0, half);
  const late = weightedMean(rows, half, cut.truncate);
  if (early === null || late === null || Math.abs(late - kept) > APPROACH * Math.abs(early - kept)) return null;
  const width = rows[0].end - rows[0].start;
  return (
    `warmup: the stated warm-up (${seconds(stated)}) looks too short: MSER-5 on the mean response time per interval ` +
    `cuts a further ${seconds(cut.truncate * width)} of the window, and the mean response time after that ` +
    `(${milliseconds(kept)}) differs from the whole window's (${milliseconds(whole)}) by more than its 95 % CI ` +
    `half-width; lengthen the warm-up to about ${seconds(stated + cut.truncate * width)} or write warmup: auto`
  );
}

/**
 * Whether the scenario means its load and capacity to stay the same through the run, so that a trend in the
 * response time can only be the start: no failures or timeline (multi-zone.yaml's outage raises it on purpose), no
 * auto-scaling, and constant-rate arrivals (no rate profile, no replayed trace).
 */
function steadyByDesign(spec: ScenarioSpec): boolean {
  if (spec.reliability !== undefined || spec.scaling !== undefined) return false;
  // A replayed trace follows its recorded day, bursts included: its series moves on purpose too.
  return spec.workload.every((c) => c.arrivals.process !== 'trace' && (c.arrivals.process !== 'poisson' || c.arrivals.profile === undefined));
}

/**
 * Whether a series MSER-5 finds no stable part in starts low and climbs: the first tenth of the window's mean below
 * APPROACH times the last half's (an empty start still filling up, or an overloaded queue growing).
 */
function risingFromStart(rows: ScenarioResult['timeseries']): boolean {
  const first = weightedMean(rows, 0, Math.max(1, Math.floor(rows.length / 10)));
  const last = weightedMean(rows, Math.floor(rows.length / 2));
  return first !== null && last !== null && first < APPROACH * last;
}

function neverSettles(stated: number): string {
  return (
    `warmup: the mean response time per interval climbs through the whole window and never settles (MSER-5 finds ` +
    `no stable part): with the stated warm-up (${seconds(stated)}) the figures describe the fill-up from the empty ` +
    'start, or an overloaded queue; lengthen the warm-up and the duration, or write warmup: auto'
  );
}

/** How much nearer the later half of the cut part must be to the kept level than the earlier half: a transient. */
const APPROACH = 0.75;

/** The completion-weighted mean response time of rows [from, to) (the pooled mean of those intervals). */
function weightedMean(rows: ScenarioResult['timeseries'], from: number, to = rows.length): number | null {
  let sum = 0;
  let weight = 0;
  for (let k = from; k < to; k++) {
    const row = rows[k];
    if (Number.isNaN(row.meanResponse) || row.throughput <= 0) continue;
    sum += row.meanResponse * row.throughput;
    weight += row.throughput;
  }
  return weight > 0 ? sum / weight : null;
}

function seconds(value: number): string {
  return `${Number(value.toPrecision(3))} s`;
}

function milliseconds(value: number): string {
  return `${Number((value * 1000).toPrecision(4))} ms`;
}
