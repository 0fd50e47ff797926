import type { Estimate } from './confidence.js';
import { LatencySketch } from './latency-sketch.js';

/**
 * A percentile's interval across replications, widened by the sketch's resolution. Each replication's percentile is
 * the representative value of a DDSketch bucket, within a relative error a of the exact sample percentile x
 * (|v - x| <= a x: Masson, Rim and Lee, VLDB 2019, section 2), so x lies in [v / (1 + a), v / (1 - a)]. The
 * t-interval over the replications' v is widened by that much at each end: replications that land in one bucket
 * would otherwise give an interval of width 0, a precision the sketch does not have. The value itself is unchanged.
 */
export function withSketchResolution(figure: Estimate, relativeError = LatencySketch.relativeAccuracy): Estimate {
  if (figure.value === null || figure.ci95 === null) return figure;
  const [low, high] = figure.ci95;
  return { value: figure.value, ci95: [low / (1 + relativeError), high / (1 - relativeError)] };
}
