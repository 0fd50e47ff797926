import type { Uniform } from '../engine/rng.js';
import type { KeySpec } from './spec.js';

/**
 * Draws keys 0 .. count - 1. Uniform keys cost one draw; zipf keys invert a cumulative table by binary search,
 * O(log count) per draw and 8 bytes per key of memory, built once per run.
 */
export function createKeySampler(spec: KeySpec, rng: Uniform): () => number {
  const count = spec.count;
  if (spec.popularity === 'uniform' || spec.exponent === 0) return () => (rng() * count) | 0;
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += 1 / Math.pow(i + 1, spec.exponent);
    cumulative[i] = total;
  }
  return () => {
    const target = rng() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid] <= target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}
