/**
 * The figures `clustersim compare` compares, per replication: the same numbers summarize() averages into
 * summary.json, kept apart so that a variant's replication r can be paired with the baseline's replication r.
 */
import { estimate, fraction, nonNegative, type Estimate, type FigureRange } from '../metrics/confidence.js';
import { LatencySketch } from '../metrics/latency-sketch.js';
import { FailureCause } from '../metrics/failure-causes.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { ReplicationOutcome } from './replication.js';
import type { Summary, TimeFigures } from './result.js';

/** The compared figures of summary.json, in its shape; `T` is a value, a vector, an Estimate or a difference. */
export interface ComparedFigures<T> {
  responseTime: Record<keyof TimeFigures, T>;
  waitTime: Record<keyof TimeFigures, T>;
  probWait: T;
  throughput: T;
  utilization: T;
  blockingProbability: T;
  availability: { time: T; request: T };
}

/** How a figure reads: seconds, a fraction of 1, or a rate per second. */
export type FigureKind = 'duration' | 'fraction' | 'rate';

export interface FigureDefinition {
  /** The dotted path in summary.json (and in comparison.json's `differences`): `responseTime.p99`. */
  path: string;
  /** For tables and charts: `Response time p99`. */
  label: string;
  kind: FigureKind;
  /** Whether a larger value is the better one (throughput, availability); otherwise smaller is better. */
  higherIsBetter: boolean;
  /** The range summarize() clips the figure's CI to: fractions to [0, 1], times and rates to >= 0. */
  range: FigureRange;
  get<T>(figures: ComparedFigures<T>): T;
}

const TIME_KEYS: [keyof TimeFigures, string][] = [
  ['mean', 'mean'],
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
];

function timeDefinitions(group: 'responseTime' | 'waitTime', prefix: string): FigureDefinition[] {
  return TIME_KEYS.map(([key, label]) => ({
    path: `${group}.${key}`,
    label: `${prefix} ${label}`,
    kind: 'duration',
    higherIsBetter: false,
    range: nonNegative,
    get: <T>(f: ComparedFigures<T>) => f[group][key],
  }));
}

/** Every compared figure, in the order of summary.json. */
export const COMPARED_FIGURES: readonly FigureDefinition[] = [
  ...timeDefinitions('responseTime', 'Response time'),
  ...timeDefinitions('waitTime', 'Wait time'),
  { path: 'probWait', label: 'Probability of waiting', kind: 'fraction', higherIsBetter: false, range: fraction, get: (f) => f.probWait },
  { path: 'throughput', label: 'Throughput', kind: 'rate', higherIsBetter: true, range: nonNegative, get: (f) => f.throughput },
  { path: 'utilization', label: 'Utilisation', kind: 'fraction', higherIsBetter: false, range: fraction, get: (f) => f.utilization },
  {
    path: 'blockingProbability',
    label: 'Blocking probability',
    kind: 'fraction',
    higherIsBetter: false,
    range: fraction,
    get: (f) => f.blockingProbability,
  },
  {
    path: 'availability.time',
    label: 'Availability (time)',
    kind: 'fraction',
    higherIsBetter: true,
    range: fraction,
    get: (f) => f.availability.time,
  },
  {
    path: 'availability.request',
    label: 'Availability (requests)',
    kind: 'fraction',
    higherIsBetter: true,
    range: fraction,
    get: (f) => f.availability.request,
  },
];

/** The figure of that path, or undefined. */
export function figureDefinition(path: string): FigureDefinition | undefined {
  return COMPARED_FIGURES.find((f) => f.path === path);
}

/** Builds the figures record from one function per figure, keeping summary.json's key order. */
export function mapFigures<T>(value: (definition: FigureDefinition) => T): ComparedFigures<T> {
  const by = new Map(COMPARED_FIGURES.map((d) => [d.path, value(d)]));
  const at = (path: string): T => by.get(path) as T;
  const time = (group: string) =>
    Object.fromEntries(TIME_KEYS.map(([key]) => [key, at(`${group}.${key}`)])) as Record<keyof TimeFigures, T>;
  return {
    responseTime: time('responseTime'),
    waitTime: time('waitTime'),
    probWait: at('probWait'),
    throughput: at('throughput'),
    utilization: at('utilization'),
    blockingProbability: at('blockingProbability'),
    availability: { time: at('availability.time'), request: at('availability.request') },
  };
}

/** The compared figures of a summary, as summary.json has them. */
export function summaryFigures(summary: Summary): ComparedFigures<Estimate> {
  const asFigures: ComparedFigures<Estimate> = {
    responseTime: summary.responseTime,
    waitTime: summary.waitTime,
    probWait: summary.probWait,
    throughput: summary.throughput,
    utilization: summary.utilization,
    blockingProbability: summary.blockingProbability,
    availability: { time: summary.availability.time, request: summary.availability.request },
  };
  return mapFigures((d) => d.get(asFigures));
}

/** Divides, reading 0/0 as 0 (no request measured), as summarize() does. */
function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** A replication's per-class sketches pooled into one, in class order, as summarize() does. */
function pooled(outcome: ReplicationOutcome, pick: 'response' | 'wait'): LatencySketch {
  const sketch = new LatencySketch();
  for (const c of outcome.measurement.classes) sketch.merge(c[pick]);
  return sketch;
}

function timeValues(sketch: LatencySketch): Record<keyof TimeFigures, number> {
  return {
    mean: sketch.mean,
    p50: sketch.quantile(0.5),
    p90: sketch.quantile(0.9),
    p99: sketch.quantile(0.99),
    p999: sketch.quantile(0.999),
    max: sketch.max,
  };
}

/**
 * One replication's value of every compared figure, computed exactly as summarize() computes it before averaging
 * over replications: `estimate(vector, figure.range)` of these equals summary.json's Estimate to the last bit (a
 * test holds it).
 */
export function replicationFigureValues(spec: ScenarioSpec, outcome: ReplicationOutcome): ComparedFigures<number> {
  const m = outcome.measurement;
  const totalCores = spec.nodes.reduce((sum, n) => sum + n.cores, 0);
  return {
    responseTime: timeValues(pooled(outcome, 'response')),
    waitTime: timeValues(pooled(outcome, 'wait')),
    probWait: ratio(
      m.classes.reduce((acc, c) => acc + c.waited, 0),
      m.completed,
    ),
    throughput: ratio(m.completed, outcome.measuredTime),
    utilization: ratio(
      outcome.nodes.reduce((acc, n) => acc + n.busyArea, 0),
      totalCores * outcome.measuredTime,
    ),
    blockingProbability: ratio(m.failedByCause[FailureCause.rejected], m.arrived),
    availability: {
      // Without failures every node is up for the whole window, so the service always had a node.
      time: outcome.reliability?.timeAvailability ?? 1,
      request: ratio(m.completed, m.completed + m.failed),
    },
  };
}

/** Per figure, its value in each replication (index r = replication r). */
export function replicationFigureVectors(spec: ScenarioSpec, outcomes: readonly ReplicationOutcome[]): ComparedFigures<number[]> {
  const perReplication = outcomes.map((o) => replicationFigureValues(spec, o));
  return mapFigures((d) => perReplication.map((values) => d.get(values)));
}

/** A variant's figure against the baseline's, replication by replication. */
export interface PairedDifference {
  /** The mean over replications of d_r = variant_r - baseline_r (equal to the difference of the two means). */
  mean: number;
  /** 95 % Student-t interval of the mean of d_r, R - 1 degrees of freedom; null with one replication. */
  ci95: [number, number] | null;
  /** Whether the interval excludes 0; null with one replication (no interval, no verdict). */
  significant: boolean | null;
  /** mean / the baseline's mean; null when the baseline's mean is 0. */
  relative: number | null;
}

/**
 * The paired difference of two vectors of per-replication values. Both runs used the same random streams in
 * replication r (common random numbers), so d_r removes the noise they share and its CI is the width the
 * comparison really has; the two figures' own CIs overlap far more than that.
 */
export function pairedDifference(variant: readonly number[], baseline: readonly number[]): PairedDifference {
  if (variant.length !== baseline.length) {
    throw new Error(
      `compare: a variant has ${variant.length} replications and the baseline ${baseline.length}; pairing needs equal counts`,
    );
  }
  const differences = variant.map((x, r) => x - baseline[r]);
  // Not clipped: a difference may have either sign.
  const { value, ci95 } = estimate(differences);
  const baselineMean = estimate(baseline).value;
  return {
    mean: value,
    ci95,
    significant: ci95 === null ? null : ci95[0] > 0 || ci95[1] < 0,
    relative: baselineMean !== 0 && Number.isFinite(baselineMean) ? value / baselineMean : null,
  };
}

/** Every figure's paired difference of a variant against the baseline. */
export function pairedDifferences(
  variant: ComparedFigures<number[]>,
  baseline: ComparedFigures<number[]>,
): ComparedFigures<PairedDifference> {
  return mapFigures((d) => pairedDifference(d.get(variant), d.get(baseline)));
}
