import jStat from 'jstat';
import type { Estimate, FigureRange } from './confidence.js';

/**
 * A ratio of totals over the replications, sum(y) / sum(x) (an MTBF: up time over crashes), with the 95 % interval
 * of the ratio estimator: R ± t(0.975, n - 1) · s_d / (x̄ √n), where d_r = y_r − R x_r (the delta method; Cochran,
 * Sampling Techniques, 3rd ed., section 6.4). Every replication counts, also one with x_r = 0 (no crash: its up time
 * still belongs to the mean time between failures); a mean of per-replication ratios would have to drop it and read
 * too short. Null when the denominators sum to 0 (no crash at all); no interval with one replication.
 */
export function ratioEstimate(numerators: readonly number[], denominators: readonly number[], range: FigureRange = {}): Estimate {
  const n = numerators.length;
  let sumY = 0;
  let sumX = 0;
  for (let r = 0; r < n; r++) {
    sumY += numerators[r];
    sumX += denominators[r];
  }
  if (n === 0 || sumX === 0) return { value: null, ci95: null };
  const ratio = sumY / sumX;
  if (n === 1) return { value: ratio, ci95: null };
  let squares = 0;
  for (let r = 0; r < n; r++) {
    const d = numerators[r] - ratio * denominators[r];
    squares += d * d;
  }
  const half = (jStat.studentt.inv(0.975, n - 1) * Math.sqrt(squares / (n - 1))) / ((sumX / n) * Math.sqrt(n));
  return { value: ratio, ci95: [Math.max(ratio - half, range.min ?? -Infinity), Math.min(ratio + half, range.max ?? Infinity)] };
}
