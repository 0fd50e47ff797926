import { distMean } from '../engine/distributions/moments.js';
import { bitsScale, uniformBits, type Uniform } from '../engine/rng.js';
import { createNonHomogeneousPoisson } from './rate-profile.js';
import type { ArrivalSpec, WorkloadClassSpec } from './spec.js';

/** Given the time of the previous arrival, the time of the next one (Infinity: no more arrivals). */
export type ArrivalProcess = (previous: number) => number;

/**
 * An arrival process. Inter-arrival draws come from `gaps`; the on/off phase changes of an MMPP from `phases`, a
 * separate stream so that the phase trajectory does not depend on how many arrivals happened in a phase; a Poisson
 * process with a time-varying rate takes its thinning draws (keep or drop a candidate) from `phases`.
 */
export function createArrivalProcess(spec: ArrivalSpec, gaps: Uniform, phases: Uniform): ArrivalProcess {
  switch (spec.process) {
    case 'poisson': {
      if (spec.profile !== undefined) return createNonHomogeneousPoisson(spec.profile, gaps, phases);
      const mean = 1 / spec.rate;
      const bits = uniformBits(gaps);
      if (bits !== null) return (previous) => previous - mean * Math.log(1 - (bits() >>> 0) / bitsScale);
      return (previous) => previous - mean * Math.log(1 - gaps());
    }
    case 'deterministic': {
      const gap = 1 / spec.rate;
      return (previous) => previous + gap;
    }
    case 'onoff':
      return createMarkovModulated(spec.rateOn, spec.rateOff, spec.meanOn, spec.meanOff, gaps, phases);
    case 'closed':
      return () => Infinity; // no open arrivals: the clients send (model/closed-loop.ts)
    case 'trace':
      return () => Infinity; // the rows come from the file (model/trace-replay.ts)
  }
}

/** A class's mean arrival rate (`meanArrivalRate` with its mean work: the bound of a closed loop counts it). */
export function classArrivalRate(spec: WorkloadClassSpec): number {
  return meanArrivalRate(spec.arrivals, distMean(spec.work));
}

/** When the last arrival of the process comes (seconds of simulated time): a trace's last row; Infinity for the rest. */
export function lastArrivalTime(spec: ArrivalSpec): number {
  return spec.process === 'trace' ? spec.span / spec.speedup : Infinity;
}

/**
 * Whether arrivals come whatever the cluster does (an open process), so that an offered load above capacity makes
 * queues grow without bound. A closed loop never does: at most `population` requests are out at once.
 */
export function isOpenArrivalProcess(spec: ArrivalSpec): boolean {
  return spec.process !== 'closed';
}

/**
 * Mean arrivals per second over the long run (a trace: over its span). For a closed loop, whose rate depends on the response time, its upper
 * bound N / (Z + D): every client thinks (mean Z) and is served without waiting (mean work D, `meanWork`), the
 * asymptotic throughput bound of a closed network (Lazowska, Zahorjan, Graham and Sevcik, "Quantitative System
 * Performance", 1984, sec. 5.2). Without `meanWork` it is N / Z, the rate if every reply came at once.
 */
export function meanArrivalRate(spec: ArrivalSpec, meanWork = 0): number {
  switch (spec.process) {
    case 'poisson':
    case 'deterministic':
      return spec.rate;
    case 'onoff':
      return (spec.rateOn * spec.meanOn + spec.rateOff * spec.meanOff) / (spec.meanOn + spec.meanOff);
    case 'closed':
      return spec.population / (distMean(spec.thinkTime) + meanWork);
    case 'trace':
      // Rows over the trace's span (from its origin to the last row), replayed `speedup` times faster; a trace whose
      // rows all share one instant counts as one second long.
      return (spec.rows * spec.scaleRate * spec.speedup) / (spec.span > 0 ? spec.span : 1);
  }
}

/**
 * Two-state MMPP starting in the on state. Exponential gaps are memoryless, so a gap that would cross a phase
 * change is discarded and redrawn from the change at the new phase's rate.
 */
function createMarkovModulated(
  rateOn: number,
  rateOff: number,
  meanOn: number,
  meanOff: number,
  gaps: Uniform,
  phases: Uniform,
): ArrivalProcess {
  if (rateOn <= 0 && rateOff <= 0) return () => Infinity;
  let on = true;
  let phaseEnd = -meanOn * Math.log(1 - phases());
  return (previous) => {
    let from = previous;
    for (;;) {
      const rate = on ? rateOn : rateOff;
      const candidate = rate > 0 ? from - Math.log(1 - gaps()) / rate : Infinity;
      if (candidate <= phaseEnd) return candidate;
      from = phaseEnd;
      on = !on;
      phaseEnd = from - (on ? meanOn : meanOff) * Math.log(1 - phases());
    }
  };
}
