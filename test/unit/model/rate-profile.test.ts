/**
 * Poisson arrivals at a rate that changes with time (src/model/rate-profile.ts): the count of arrivals in each
 * interval against the integrated rate, which is written out by hand here for each profile (a linear segment
 * integrates to a trapezoid, a cosine to a sine).
 *
 * Counts of a Poisson process in disjoint intervals are independent Poisson variables with mean the integrated
 * rate, so Pearson's statistic sum (O - E)^2 / E over k intervals with known E is chi-square with k degrees of
 * freedom when every E is large (here >= 4 000; Cochran's rule asks for >= 5). The test fails when it exceeds the
 * 0.999 quantile of chi-square(k) (NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.4 "Critical values of
 * the chi-square distribution"), so a correct process fails one run in a thousand with one seed; the seed is fixed,
 * so the test is deterministic. A rate 5 % off in one interval of E = 20 000 adds about 0.05^2 x 20 000 = 50 to the
 * statistic, above every bound used here.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { createArrivalProcess } from '../../../src/model/arrivals.js';
import { profileMeanRate } from '../../../src/model/rate-profile.js';
import type { ArrivalSpec, RateProfile } from '../../../src/model/spec.js';

/** chi-square 0.999 quantiles, NIST/SEMATECH table 1.3.6.7.4 (upper-tail 0.001). */
const CHI2_999: Record<number, number> = { 4: 18.467, 10: 29.588, 12: 32.909 };

const streams = new RandomStreams('rate-profile-test');

/** Arrivals of a profile up to `horizon`, folded into `bins` equal bins of one period. */
function foldedCounts(profile: RateProfile, rate: number, period: number, horizon: number, bins: number, name: string) {
  const spec: ArrivalSpec = { process: 'poisson', rate, profile };
  const next = createArrivalProcess(spec, streams.stream(`${name}/gaps`), streams.stream(`${name}/keep`));
  const counts = new Array<number>(bins).fill(0);
  let t = next(0);
  let previous = 0;
  let backwards = 0;
  while (t < horizon) {
    if (t < previous) backwards++;
    previous = t;
    const local = t - Math.floor(t / period) * period;
    counts[Math.min(bins - 1, Math.floor((local / period) * bins))]++;
    t = next(t);
  }
  expect(backwards).toBe(0);
  return counts;
}

function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]) ** 2 / expected[i], 0);
}

describe('non-homogeneous Poisson arrivals: counts per interval match the integrated rate', () => {
  it('linear curve 1/s -> 5/s -> 1/s over a repeating minute', () => {
    const profile: RateProfile = { shape: 'curve', points: [[0, 1], [30, 5], [60, 1]], interpolate: 'linear', repeat: 60 };
    const periods = 1000;
    const counts = foldedCounts(profile, 3, 60, 60 * periods, 12, 'linear');
    // rate(t) = 1 + 4t/30 on [0, 30], 5 - 4(t - 30)/30 on [30, 60]: symmetric, so the integral over [a, b] on the
    // rising half is (b - a) + (2/30)(b^2 - a^2), and each falling bin mirrors a rising one.
    const rising = [0, 5, 10, 15, 20, 25].map((a) => (5 + (2 / 30) * ((a + 5) ** 2 - a ** 2)) * periods);
    const expected = [...rising, ...[...rising].reverse()];
    expect(expected.reduce((s, e) => s + e, 0)).toBeCloseTo(3 * 60 * periods, 6); // mean rate 3/s
    expect(chiSquare(counts, expected)).toBeLessThan(CHI2_999[12]);
  });

  it('step curve 2/s, 0/s, 6/s over a repeating 30 s: nothing arrives while the rate is 0', () => {
    const profile: RateProfile = { shape: 'curve', points: [[0, 2], [10, 0], [20, 6]], interpolate: 'step', repeat: 30 };
    const periods = 2000;
    const counts = foldedCounts(profile, 8 / 3, 30, 30 * periods, 6, 'step');
    expect(counts[2]).toBe(0);
    expect(counts[3]).toBe(0);
    const observed = [counts[0], counts[1], counts[4], counts[5]];
    const expected = [2 * 5 * periods, 2 * 5 * periods, 6 * 5 * periods, 6 * 5 * periods];
    expect(chiSquare(observed, expected)).toBeLessThan(CHI2_999[4]);
  });

  it('sine mean 5/s, amplitude 4/s, period 100 s, peak at 30 s', () => {
    const profile: RateProfile = { shape: 'sine', mean: 5, amplitude: 4, period: 100, phase: 30 };
    const periods = 400;
    const counts = foldedCounts(profile, 5, 100, 100 * periods, 10, 'sine');
    // Integral of 5 + 4 cos(2 pi (t - 30) / 100) over [a, b]: 5 (b - a) + (4 x 100 / 2 pi)(sin(.. b ..) - sin(.. a ..)).
    const w = (2 * Math.PI) / 100;
    const expected = Array.from({ length: 10 }, (_, i) => {
      const a = 10 * i;
      const b = a + 10;
      return (5 * 10 + (4 / w) * (Math.sin(w * (b - 30)) - Math.sin(w * (a - 30)))) * periods;
    });
    expect(chiSquare(counts, expected)).toBeLessThan(CHI2_999[10]);
    // The peak bin is the one holding t = 30 s.
    expect(counts.indexOf(Math.max(...counts))).toBe(2);
  });

  it('a curve that does not repeat holds its last rate: 0 after the last point means no more arrivals', () => {
    const profile: RateProfile = { shape: 'curve', points: [[0, 50], [10, 0]], interpolate: 'linear' };
    const next = createArrivalProcess({ process: 'poisson', rate: 25, profile }, streams.stream('end/g'), streams.stream('end/k'));
    let t = next(0);
    let count = 0;
    while (t !== Infinity) {
      expect(t).toBeLessThan(10);
      count++;
      t = next(t);
    }
    // Poisson with mean 250 (the triangle's area): 5 standard deviations either side.
    expect(Math.abs(count - 250)).toBeLessThanOrEqual(5 * Math.sqrt(250));
  });

  it('the mean rate is the mean over one period, or over the points of a curve that does not repeat', () => {
    // Trapezoids written out: (1+5)/2 x 30 + (5+1)/2 x 30 = 180 over 60 s.
    expect(profileMeanRate({ shape: 'curve', points: [[0, 1], [30, 5], [60, 1]], interpolate: 'linear', repeat: 60 })).toBe(3);
    // Step, held to the repeat: 2 x 10 + 0 x 10 + 6 x 20 = 140 over 40 s.
    expect(profileMeanRate({ shape: 'curve', points: [[0, 2], [10, 0], [20, 6]], interpolate: 'step', repeat: 40 })).toBe(3.5);
    // No repeat: 2 x 10 + 0 x 10 = 20 over the 20 s of the points.
    expect(profileMeanRate({ shape: 'curve', points: [[0, 2], [10, 0], [20, 6]], interpolate: 'step' })).toBe(1);
    expect(profileMeanRate({ shape: 'sine', mean: 7, amplitude: 3, period: 10, phase: 2 })).toBe(7);
  });
});
