import { estimateEvents } from '../experiment/estimate-events.js';
import type { ScenarioSpec } from '../model/spec.js';
import { formatTrimmed } from '../report/index.js';
import { formatWallTime } from './wall-time-format.js';

/**
 * Events per second per thread assumed for the wall-time estimate: below every example scenario measured on this
 * project's 2-core machine (1.8 M events/s for async-vs-quorum to 6.6 M for rolling-crash, 20 simulated minutes
 * each), so that the estimate errs on the long side.
 */
export const CONSERVATIVE_EVENTS_PER_SECOND = 1e6;

/** A run expected to take longer than this (at the conservative speed) is announced with a warning. */
export const WARN_ABOVE_SECONDS = 5 * 60;

/** 3.2e9, 4.5e6, 800: two significant digits, which is all an estimate has. */
function roughCount(n: number): string {
  if (n < 1e4) return String(Math.round(n));
  const [mantissa, exponent] = n.toExponential(1).split('e+');
  return `${mantissa.replace(/\.0$/, '')}e${exponent}`;
}

/**
 * The warning for a run that would take more than WARN_ABOVE_SECONDS, or undefined: how many events, from what,
 * how long at the conservative speed on `workers` threads, and what bounds it (`maxWallSeconds`, Infinity: none).
 */
export function runSizeWarning(spec: ScenarioSpec, workers: number, maxWallSeconds: number): string | undefined {
  const estimate = estimateEvents(spec);
  const threads = Math.max(1, Math.min(workers, estimate.replications));
  const seconds = estimate.events / (CONSERVATIVE_EVENTS_PER_SECOND * threads);
  if (!(seconds > WARN_ABOVE_SECONDS)) return undefined;
  let bound = 'nothing bounds it: --max-wall-time 30min would';
  if (maxWallSeconds < seconds) bound = `--max-wall-time stops it after ${formatWallTime(maxWallSeconds)} with a report of what ran`;
  else if (Number.isFinite(maxWallSeconds)) bound = `--max-wall-time bounds it at ${formatWallTime(maxWallSeconds)}`;
  return (
    `a large run: about ${roughCount(estimate.events)} events (${formatTrimmed(estimate.arrivalRate, 3)} requests/s x ` +
    `${formatTrimmed(estimate.simulatedSeconds, 3)} s x ${estimate.eventsPerRequest} events per request in the ` +
    `${estimate.topology} topology x ${estimate.replications} replications); at ${CONSERVATIVE_EVENTS_PER_SECOND / 1e6} ` +
    `M events/s on ${threads} thread${threads === 1 ? '' : 's'} that is up to ${formatWallTime(seconds)}; ${bound}`
  );
}
