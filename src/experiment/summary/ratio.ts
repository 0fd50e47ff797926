/** Divides, reading 0/0 as 0 (no request measured). */
export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}
