import { describe, expect, it } from 'vitest';
import { mser5 } from '../../../src/metrics/mser.js';

/** Uniform noise in level ± 1 from a fixed linear congruential generator (Numerical Recipes' constants). */
function noise(length: number, level: number): number[] {
  let state = 12345;
  return Array.from({ length }, () => {
    state = (1664525 * state + 1013904223) % 4294967296;
    return level + (2 * state) / 4294967296 - 1;
  });
}

describe('MSER-5 truncation (White 1997)', () => {
  it('truncates an initial transient: 30 observations climbing from 0 to the level of the other 170', () => {
    const series = [...Array.from({ length: 30 }, (_, i) => (10 * i) / 30), ...noise(170, 10)];
    const result = mser5(series)!;
    expect(result).not.toBeNull();
    expect(result.batches).toBe(40);
    // The ramp is 6 batches; its last (8.3 .. 9.7) is close to the noise, and MSER may cut a batch or two of noise.
    expect(result.truncate).toBeGreaterThanOrEqual(25);
    expect(result.truncate).toBeLessThanOrEqual(40);
  });

  it('cuts little of a stationary series (noise alone moves the minimum by a few batches at most)', () => {
    expect(mser5(noise(200, 10))!.truncate).toBeLessThanOrEqual(20);
  });

  it('finds no stable part in a series that keeps growing (an overloaded queue)', () => {
    expect(mser5(Array.from({ length: 200 }, (_, i) => i))).toBeNull();
  });

  it('needs at least two batches', () => {
    expect(mser5([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBeNull();
  });
});
