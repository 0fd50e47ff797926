/**
 * MSER-5 (White 1997, "An effective truncation heuristic for bias reduction in simulation output", Simulation
 * 69(6); Franklin and White 2008, "Stationarity tests and MSER-5", Proc. Winter Simulation Conference): average the
 * series in batches of 5, Z_1 .. Z_m, and truncate the d batches that minimise
 * MSER(d) = sum_{j>d} (Z_j - mean_{j>d} Z)^2 / (m - d)^2, the squared standard error of the truncated mean. A minimum
 * in the second half of the series means it never settled (an overloaded, growing system): no truncation point.
 */
export interface MserResult {
  /** Observations to drop from the front (a multiple of the batch size). */
  truncate: number;
  /** Batches of `batchSize` observations used (a trailing partial batch is left out). */
  batches: number;
}

export const MSER_BATCH = 5;

/** The MSER-5 truncation point of `series`, or null when no stable part (minimum past half) or too short (< 2 batches). */
export function mser5(series: readonly number[], batchSize = MSER_BATCH): MserResult | null {
  const values = mserValues(series, batchSize);
  if (values === null) return null;
  const m = values.length;
  // Only d <= m / 2 is a candidate (White 1997): later minima come from the few last batches alone.
  const best = argmin(values, m - 2);
  if (best > m / 2) return null;
  return { truncate: best * batchSize, batches: m };
}

/**
 * MSER-5's truncation searched over the first half only (d <= m / 2): the smallest MSER(d) there, wherever the
 * global minimum lies. Null only when the series is too short (< 2 batches). Why: on a series averaged over many runs
 * of a heavily loaded queue the noise left is slow (batches strongly correlated), so the last few batches often agree
 * and give the global minimum at the end of a series that has settled (measured at load 0.95: docs/statistics.md
 * "Warm-up"); `warmup: auto` judges "does it settle at all" with `mser5` on few runs and takes the cut from this.
 */
export function mser5FirstHalf(series: readonly number[], batchSize = MSER_BATCH): MserResult | null {
  const values = mserValues(series, batchSize);
  if (values === null) return null;
  const m = values.length;
  return { truncate: argmin(values, Math.floor(m / 2)) * batchSize, batches: m };
}

/** MSER(d) for every d of the batched series (suffix sums give every d's mean and sum of squares in one pass). */
function mserValues(series: readonly number[], batchSize: number): number[] | null {
  const m = Math.floor(series.length / batchSize);
  if (m < 2) return null;
  const z: number[] = [];
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let k = 0; k < batchSize; k++) sum += series[j * batchSize + k];
    z.push(sum / batchSize);
  }
  let sum = 0;
  let squares = 0;
  const values = new Array<number>(m);
  for (let d = m - 1; d >= 0; d--) {
    sum += z[d];
    squares += z[d] * z[d];
    const n = m - d;
    values[d] = Math.max(0, squares - (sum * sum) / n) / (n * n);
  }
  return values;
}

/** The first index of the smallest of values[0..last]. */
function argmin(values: readonly number[], last: number): number {
  let best = 0;
  for (let d = 1; d <= last; d++) if (values[d] < values[best]) best = d;
  return best;
}
