import { fraction, nonNegative, type Estimate } from '../../metrics/confidence.js';
import type { LatencySketch } from '../../metrics/latency-sketch.js';
import { ReplicationColumn } from '../../metrics/replication-column.js';
import { share } from '../../metrics/share.js';
import { verdictOf } from '../../metrics/verdict.js';
import type { SloSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { SloCheck } from '../result.js';
import type { RequestFigures } from './request-figures.js';

/** The quantile of a p99 objective, and the share of finished requests it allows beyond the target. */
const P99 = 0.99;
const P99_ALLOWED_BEYOND = 1 - P99;

/**
 * Sketch buckets are tiny (0.2 % relative) intervals: a bucket counts as beyond the target when its midpoint is, the
 * same resolution as the percentiles the sketch reports.
 */
function countBeyond(sketch: LatencySketch, target: number): number {
  let beyond = 0;
  for (const bucket of sketch.buckets()) if ((bucket.lower + bucket.upper) / 2 > target) beyond += bucket.count;
  return beyond;
}

/**
 * The p99 of every finished request, a failed one counted as slower than any target: the rank ceil(0.99 N) of N
 * finished requests falls among the failures when more than 1 % failed (Infinity: beyond every target); otherwise
 * it is the completed requests' quantile at that rank.
 */
function p99OfFinished(sketch: LatencySketch, failed: number): number | null {
  const finished = sketch.count + failed;
  if (finished === 0) return null;
  const rank = Math.ceil(P99 * finished);
  if (rank > sketch.count) return Infinity;
  return sketch.quantile(Math.min(1, rank / sketch.count));
}

/**
 * The objectives of `slo`, judged on confidence intervals (metrics/verdict.ts). Latency objectives count failures
 * (issue 16.5): the p99 objective is judged on every finished request, a failed request counted as beyond every
 * target, through its equivalent "at most 1 % of finished requests slower than the target or failed", whose share is
 * a per-replication number with a t-interval even when some replication's p99 is beyond every target. The mean
 * objective has no such reading (one failure makes it infinite): it is the mean of successful requests and says so.
 */
export class ObjectiveColumns {
  private readonly beyondP99Target = new ReplicationColumn();
  private readonly p99Finished = new ReplicationColumn();
  private beyondEveryTarget = 0;

  constructor(private readonly slo: SloSpec) {}

  add(o: ReplicationOutcome, response: LatencySketch): void {
    const target = this.slo.p99;
    if (target === undefined) return;
    const failed = o.measurement.failed;
    this.beyondP99Target.push(share(countBeyond(response, target) + failed, response.count + failed));
    const p99 = p99OfFinished(response, failed);
    if (p99 === Infinity) this.beyondEveryTarget++;
    this.p99Finished.push(p99 === Infinity ? null : p99);
  }

  checks(requests: RequestFigures): SloCheck[] {
    const slo = this.slo;
    const checks: SloCheck[] = [];
    if (slo.p99 !== undefined) checks.push(this.p99Check(slo.p99));
    if (slo.mean !== undefined) {
      const figure = requests.responseTime.columns.mean.estimate(nonNegative);
      checks.push({ objective: 'mean', target: slo.mean, ...figureOf(figure), verdict: verdictOf(figure, slo.mean, 'atMost') });
    }
    if (slo.availability !== undefined) {
      for (const [objective, column] of [
        ['availability.time', requests.timeAvailability],
        ['availability.request', requests.requestAvailability],
      ] as const) {
        const figure = column.estimate(fraction);
        checks.push({ objective, target: slo.availability, ...figureOf(figure), verdict: verdictOf(figure, slo.availability, 'atLeast') });
      }
    }
    return checks;
  }

  /**
   * The p99 check: the figure shown is the p99 of finished requests across replications; when more than 1 % failed
   * in some replication that p99 is beyond every target there, so no mean of it exists and `actual` is null with
   * `beyondEveryTarget` saying why. The verdict is the share's, against 1 %.
   */
  private p99Check(target: number): SloCheck {
    const beyond = this.beyondP99Target.estimate(fraction);
    const figure: Estimate = this.beyondEveryTarget > 0 ? { value: null, ci95: null } : this.p99Finished.estimate(nonNegative);
    return {
      objective: 'p99',
      target,
      ...figureOf(figure),
      verdict: verdictOf(beyond, P99_ALLOWED_BEYOND, 'atMost'),
      beyondTarget: beyond,
      replicationsBeyondEveryTarget: this.beyondEveryTarget,
    };
  }
}

function figureOf(figure: Estimate): Pick<SloCheck, 'actual' | 'ci95'> {
  return { actual: figure.value, ci95: figure.ci95 };
}
