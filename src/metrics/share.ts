/**
 * A figure that is a ratio: null when the denominator has no sample (no request finished, an empty window), so
 * that a replication without one is left out of the figure rather than read as 0.
 */
export function share(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
