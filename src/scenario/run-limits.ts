import { classArrivalRate } from '../model/arrivals.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { Findings } from './issues.js';
import { seconds } from './warnings.js';

/**
 * The largest counts a scenario may ask for (README, Top-level keys). Past them a run would exhaust memory or lose
 * count (doubles count exactly only up to 2^53) rather than finish, so the file is refused with a positioned error.
 */
export const RUN_LIMITS = {
  /** Each replication keeps one number per figure (8 bytes each) for the confidence intervals: ~0.65 GB at most. */
  replications: 1_000_000,
  /** Measured and warm-up requests are counted in doubles; at ten million events a second 10^12 is days of run. */
  requests: 1e12,
  warmupRequests: 1e12,
  maxEvents: 1e15,
  /** Each interval of the window holds a response-time sketch per replication in flight and a timeseries.csv row. */
  intervals: 10_000,
} as const;

/**
 * The number of time-series intervals the window will hold: duration / interval, or, for a window of `requests`
 * arrivals only, their expected span at the mean arrival rate over the interval. Refused above RUN_LIMITS.intervals.
 */
export function checkIntervalCount(spec: ScenarioSpec, written: unknown, findings: Findings): void {
  const { interval, duration, requests } = spec.run;
  if (interval === undefined) return;
  const rate = spec.workload.reduce((sum, c) => sum + classArrivalRate(c), 0);
  const window = duration ?? (requests !== undefined && rate > 0 ? requests / rate : 0);
  const intervals = Math.ceil(window / interval);
  if (intervals <= RUN_LIMITS.intervals) return;
  const span = duration !== undefined ? 'duration / interval' : 'the expected span of the measured requests / interval';
  findings.error({
    path: ['interval'],
    value: written,
    rule: `gives ${intervals} time-series intervals (${span}); at most ${RUN_LIMITS.intervals}`,
    valid: `an interval of at least ${seconds(window / RUN_LIMITS.intervals)} here (the window / ${RUN_LIMITS.intervals})`,
  });
}
