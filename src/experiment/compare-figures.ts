/**
 * The figures `clustersim compare` compares, per replication: the same numbers summarize() averages into
 * summary.json, kept apart so that a variant's replication r can be paired with the baseline's replication r.
 */
import { estimate, fraction, nonNegative, type Estimate, type FigureRange } from '../metrics/confidence.js';
import type { ReplicationColumn } from '../metrics/replication-column.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { ReplicationOutcome } from './replication.js';
import { TIME_FIGURE_LABELS, type Summary, type TimeFigures } from './result.js';
import { pooled, RequestFigures } from './summary/request-figures.js';
import type { TimeFigureColumns } from './summary/time-figures.js';

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
  /**
   * Whether each replication's value is a sketch bucket's representative (a percentile): its interval across
   * replications is then widened by the sketch's resolution (withSketchResolution), as summary.json's is.
   */
  fromSketch: boolean;
  get<T>(figures: ComparedFigures<T>): T;
}

const TIME_KEYS = TIME_FIGURE_LABELS;

function timeDefinitions(group: 'responseTime' | 'waitTime', prefix: string): FigureDefinition[] {
  return TIME_KEYS.map(([key, label]) => ({
    path: `${group}.${key}`,
    label: `${prefix} ${label}`,
    kind: 'duration',
    higherIsBetter: false,
    range: nonNegative,
    fromSketch: key !== 'mean' && key !== 'max',
    get: <T>(f: ComparedFigures<T>) => f[group][key],
  }));
}

/** Every compared figure, in the order of summary.json. */
export const COMPARED_FIGURES: readonly FigureDefinition[] = [
  ...timeDefinitions('responseTime', 'Response time'),
  ...timeDefinitions('waitTime', 'Wait time'),
  { path: 'probWait', label: 'Probability of waiting', kind: 'fraction', higherIsBetter: false, range: fraction, fromSketch: false, get: (f) => f.probWait },
  { path: 'throughput', label: 'Throughput', kind: 'rate', higherIsBetter: true, range: nonNegative, fromSketch: false, get: (f) => f.throughput },
  { path: 'utilization', label: 'Utilisation', kind: 'fraction', higherIsBetter: false, range: fraction, fromSketch: false, get: (f) => f.utilization },
  {
    path: 'blockingProbability',
    label: 'Blocking probability',
    kind: 'fraction',
    higherIsBetter: false,
    range: fraction,
    fromSketch: false,
    get: (f) => f.blockingProbability,
  },
  {
    path: 'availability.time',
    label: 'Availability (time)',
    kind: 'fraction',
    higherIsBetter: true,
    range: fraction,
    fromSketch: false,
    get: (f) => f.availability.time,
  },
  {
    path: 'availability.request',
    label: 'Availability (requests)',
    kind: 'fraction',
    higherIsBetter: true,
    range: fraction,
    fromSketch: false,
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

/** One figure's values by replication from its column: null where the replication had no sample of it. */
function byReplication(column: ReplicationColumn): (number | null)[] {
  return column.valuesByReplication();
}

function timeVectors(figures: TimeFigureColumns): Record<keyof TimeFigures, (number | null)[]> {
  const c = figures.columns;
  return {
    mean: byReplication(c.mean),
    p50: byReplication(c.p50),
    p90: byReplication(c.p90),
    p99: byReplication(c.p99),
    p999: byReplication(c.p999),
    max: byReplication(c.max),
  };
}

/**
 * Per figure, its value in each replication (index r = replication r): exactly the numbers summarize() averages,
 * taken from the same columns, so that `estimate` of a vector's values (widened by the sketch's resolution where
 * `fromSketch`) equals summary.json's Estimate to the last
 * bit (a test holds it).
 */
export function figureVectors(figures: RequestFigures): ComparedFigures<(number | null)[]> {
  return {
    responseTime: timeVectors(figures.responseTime),
    waitTime: timeVectors(figures.waitTime),
    probWait: byReplication(figures.probWait),
    throughput: byReplication(figures.throughput),
    utilization: byReplication(figures.utilization),
    blockingProbability: byReplication(figures.blockingProbability),
    availability: { time: byReplication(figures.timeAvailability), request: byReplication(figures.requestAvailability) },
  };
}

/** Per figure, its value in each replication of these outcomes (in replication order). */
export function replicationFigureVectors(
  spec: ScenarioSpec,
  outcomes: readonly ReplicationOutcome[],
): ComparedFigures<(number | null)[]> {
  const figures = new RequestFigures(spec);
  for (const o of outcomes) figures.add(o, pooled(o, 'response'));
  return figureVectors(figures);
}

/**
 * A variant's figure against the baseline's, replication by replication; every field null when no replication has a
 * value of the figure in both (no sample to pair).
 */
export type PairedDifference =
  | {
      /** The mean over replications of d_r = variant_r - baseline_r (equal to the difference of the two means). */
      mean: number;
      /** 95 % Student-t interval of the mean of d_r, R - 1 degrees of freedom; null with one replication. */
      ci95: [number, number] | null;
      /** Whether the interval excludes 0; null with one replication (no interval, no verdict). */
      significant: boolean | null;
      /** mean / the baseline's mean; null when the baseline's mean is 0. */
      relative: number | null;
    }
  | { mean: null; ci95: null; significant: null; relative: null };

/**
 * The paired difference of two vectors of per-replication values. Both runs used the same random streams in
 * replication r (common random numbers), so d_r removes the noise they share and its CI is the width the
 * comparison really has; the two figures' own CIs overlap far more than that. A replication where either run has
 * no value of the figure (null: no sample) pairs with nothing and is left out.
 */
export function pairedDifference(
  variant: readonly (number | null)[],
  baseline: readonly (number | null)[],
): PairedDifference {
  if (variant.length !== baseline.length) {
    throw new Error(
      `compare: a variant has ${variant.length} replications and the baseline ${baseline.length}; pairing needs equal counts`,
    );
  }
  const differences: number[] = [];
  const paired: number[] = [];
  variant.forEach((x, r) => {
    const y = baseline[r];
    if (x === null || y === null) return;
    differences.push(x - y);
    paired.push(y);
  });
  // Not clipped: a difference may have either sign.
  const { value, ci95 } = estimate(differences);
  const baselineMean = estimate(paired).value;
  if (value === null || baselineMean === null) return { mean: null, ci95: null, significant: null, relative: null };
  return {
    mean: value,
    ci95,
    significant: ci95 === null ? null : ci95[0] > 0 || ci95[1] < 0,
    relative: baselineMean !== 0 && Number.isFinite(baselineMean) ? value / baselineMean : null,
  };
}

/** Every figure's paired difference of a variant against the baseline. */
export function pairedDifferences(
  variant: ComparedFigures<(number | null)[]>,
  baseline: ComparedFigures<(number | null)[]>,
): ComparedFigures<PairedDifference> {
  return mapFigures((d) => pairedDifference(d.get(variant), d.get(baseline)));
}
