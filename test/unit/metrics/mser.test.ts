import { describe, expect, it } from 'vitest';
import { mser5, mser5FirstHalf } from '../../../src/metrics/mser.js';

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

describe('MSER-5 searched over the first half', () => {
  it('cuts where mser5 does when its minimum is in the first half', () => {
    const series = [...Array.from({ length: 30 }, (_, i) => (10 * i) / 30), ...noise(170, 10)];
    expect(mser5FirstHalf(series)).toEqual(mser5(series));
  });

  it('still cuts, within the first half, a settled series whose last batches agree (mser5: no stable part)', () => {
    // A ramp, noise, then four equal batches at the end: MSER(d) is 0 for the last batches, so mser5's minimum is
    // past the middle; the first-half search takes the smallest MSER(d) for d <= 20 batches of 40.
    const series = [...Array.from({ length: 30 }, (_, i) => (10 * i) / 30), ...noise(150, 10), ...Array(20).fill(10)];
    expect(mser5(series)).toBeNull();
    const cut = mser5FirstHalf(series)!;
    expect(cut.batches).toBe(40);
    expect(cut.truncate).toBeGreaterThanOrEqual(25);
    expect(cut.truncate).toBeLessThanOrEqual(100);
  });

  it('cuts at most half of a series that keeps growing, and nothing of a series too short to batch', () => {
    expect(mser5FirstHalf(Array.from({ length: 200 }, (_, i) => i))!.truncate).toBe(100);
    expect(mser5FirstHalf([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBeNull();
  });
});
