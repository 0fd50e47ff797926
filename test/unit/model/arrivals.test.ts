/**
 * Arrival processes (src/model/arrivals.ts) against their closed forms. Tolerances are 5 standard errors of the
 * estimator, computed from the process's known variance, so a correct process fails with probability < 10^-6 per
 * check, while a wrong rate (off by a percent) fails for sure.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { createArrivalProcess, meanArrivalRate } from '../../../src/model/arrivals.js';
import type { ArrivalSpec } from '../../../src/model/spec.js';

const streams = new RandomStreams('arrivals-test');

describe('Poisson arrivals', () => {
  it('rate 3/s: gaps exponential with mean 1/3 and variance 1/9', () => {
    const rate = 3;
    const next = createArrivalProcess({ process: 'poisson', rate }, streams.stream('gaps'), streams.stream('phases'));
    const n = 1_000_000;
    let t = 0;
    let sum = 0;
    let squares = 0;
    let longer = 0;
    let negative = 0;
    for (let i = 0; i < n; i++) {
      const u = next(t);
      const gap = u - t;
      if (!(gap >= 0)) negative++;
      sum += gap;
      squares += gap * gap;
      if (gap > 1 / rate) longer++;
      t = u;
    }
    expect(negative).toBe(0);
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    // Exponential(rate): SE of the mean = (1/rate)/sqrt(n); of the variance sqrt((mu4 - sigma^4)/n) = sqrt(8/n)/rate^2.
    expect(Math.abs(mean - 1 / rate)).toBeLessThanOrEqual((5 * (1 / rate)) / Math.sqrt(n));
    expect(Math.abs(variance - 1 / rate ** 2)).toBeLessThanOrEqual((5 * Math.sqrt(8 / n)) / rate ** 2);
    // Memorylessness in one number: P(gap > mean) = e^-1; binomial SE.
    const p = Math.exp(-1);
    expect(Math.abs(longer / n - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n));
    // Long-run rate: n arrivals by time t.
    expect(Math.abs(n / t - rate) / rate).toBeLessThanOrEqual(5 / Math.sqrt(n));
  });

  it('uses only its gap stream: the phase stream is untouched', () => {
    let phaseDraws = 0;
    const gaps = streams.stream('g2');
    const next = createArrivalProcess({ process: 'poisson', rate: 1 }, gaps, () => {
      phaseDraws++;
      return 0.5;
    });
    let t = 0;
    for (let i = 0; i < 1000; i++) t = next(t);
    expect(phaseDraws).toBe(0);
  });
});

describe('deterministic arrivals', () => {
  it('are exactly 1/rate apart, with no draw', () => {
    const noDraw = () => {
      throw new Error('a deterministic process must not draw');
    };
    const next = createArrivalProcess({ process: 'deterministic', rate: 4 }, noDraw, noDraw);
    let t = 0;
    for (let k = 1; k <= 1000; k++) {
      t = next(t);
      expect(t).toBe(k * 0.25); // 0.25 is exact in binary: no rounding drift
    }
    const third = createArrivalProcess({ process: 'deterministic', rate: 3 }, noDraw, noDraw);
    let prev = 0;
    for (let k = 1; k <= 1000; k++) {
      const u = third(prev);
      expect(u - prev).toBeCloseTo(1 / 3, 12);
      prev = u;
    }
  });
});

/**
 * Two-state MMPP: rate rateOn while on, rateOff while off, exponential sojourns with means meanOn, meanOff.
 * Long-run rate (fraction of time on = meanOn / (meanOn + meanOff)):
 *   lambda = (rateOn meanOn + rateOff meanOff) / (meanOn + meanOff).
 * Tolerance: the count N(T) has asymptotic variance rate
 *   sigma^2 = lambda + 2 (rateOn - rateOff)^2 pOn pOff / (1/meanOn + 1/meanOff)
 * (the Poisson part plus twice the integrated autocovariance of the modulating rate, whose correlation decays at
 * rate 1/meanOn + 1/meanOff; Fischer and Meier-Hellstern, "The MMPP cookbook", Performance Evaluation 18, 1993), so
 * the rate estimate N(T)/T has SE sqrt(sigma^2 / T); allowed 5 SE.
 */
function mmppVarianceRate(rateOn: number, rateOff: number, meanOn: number, meanOff: number): number {
  const pOn = meanOn / (meanOn + meanOff);
  const lambda = rateOn * pOn + rateOff * (1 - pOn);
  return lambda + (2 * (rateOn - rateOff) ** 2 * pOn * (1 - pOn)) / (1 / meanOn + 1 / meanOff);
}

describe('on/off (two-state MMPP) arrivals', () => {
  const cases: { rateOn: number; rateOff: number; meanOn: number; meanOff: number }[] = [
    { rateOn: 10, rateOff: 1, meanOn: 1, meanOff: 4 },
    { rateOn: 5, rateOff: 0, meanOn: 2, meanOff: 3 }, // classic on/off bursts
    { rateOn: 0.5, rateOff: 2, meanOn: 0.3, meanOff: 0.1 }, // fast switching, the "on" state is the quieter one
  ];
  for (const c of cases) {
    const spec: ArrivalSpec = { process: 'onoff', ...c };
    const lambda = (c.rateOn * c.meanOn + c.rateOff * c.meanOff) / (c.meanOn + c.meanOff);
    const sigma2 = mmppVarianceRate(c.rateOn, c.rateOff, c.meanOn, c.meanOff);

    it(`${JSON.stringify(c)}: meanArrivalRate = (rateOn meanOn + rateOff meanOff) / (meanOn + meanOff) = ${lambda}`, () => {
      expect(meanArrivalRate(spec)).toBeCloseTo(lambda, 12);
    });

    it(`${JSON.stringify(c)}: long-run rate ${lambda} within 5 SE, and the count's variance rate ${sigma2.toFixed(3)}`, () => {
      const s = new RandomStreams(`mmpp-${JSON.stringify(c)}`);
      const next = createArrivalProcess(spec, s.stream('gaps'), s.stream('phases'));
      const horizon = 1e6;
      // Batches of 1000 s (far longer than the modulation's correlation time 1 / (1/meanOn + 1/meanOff)) give the
      // variance rate: Var(batch count) / batch length -> sigma^2.
      const batch = 1000;
      const counts = new Float64Array(horizon / batch);
      let t = 0;
      let count = 0;
      for (;;) {
        t = next(t);
        if (t > horizon) break;
        count++;
        counts[Math.floor(t / batch)]++;
      }
      const rate = count / horizon;
      expect(Math.abs(rate - lambda), `rate ${rate}`).toBeLessThanOrEqual(5 * Math.sqrt(sigma2 / horizon));

      const m = counts.reduce((a, b) => a + b, 0) / counts.length;
      const v = counts.reduce((a, b) => a + (b - m) ** 2, 0) / (counts.length - 1) / batch;
      // Sample variance of 1000 near-normal batch counts: relative SE sqrt(2 / 999) = 4.5 %; allowed 25 % (5.6 SE).
      // Poisson arrivals at the same rate would give sigma^2 = lambda, far outside this band in the bursty cases.
      expect(Math.abs(v - sigma2) / sigma2, `variance rate ${v}`).toBeLessThanOrEqual(0.25);
    });
  }

  it('no arrival at all when both rates are 0', () => {
    const next = createArrivalProcess({ process: 'onoff', rateOn: 0, rateOff: 0, meanOn: 1, meanOff: 1 }, streams.stream('none'), streams.stream('none/phase'));
    expect(next(0)).toBe(Infinity);
  });
});
