/**
 * Asynchronous log shipping to the standby region (issue 14, part 1) and the RPO it implies (part 4).
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../../../src/engine/rng.js';
import { LogShipping } from '../../../../../src/topology/single-leader/recovery/log-shipping.js';

describe('log shipping', () => {
  it('a burst over a thin link: the k-th write waits for the k - 1 before it (lag = k b / B + L)', () => {
    // Ten 1 MB writes acknowledged at once over a 10 MB/s link with 40 ms latency: the link is FIFO, so write k
    // crosses at k x 0.1 s and arrives 40 ms later; with nothing in flight after t = 1.04 s, a cut then loses none.
    const shipping = new LogShipping(10e6, () => 0.04);
    shipping.measure(true);
    for (let k = 0; k < 10; k++) shipping.ship(0, 1e6);
    expect(shipping.lag.count).toBe(10);
    expect(shipping.lagTotal).toBeCloseTo(0.04 * 10 + 0.1 * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10), 9);
    expect(shipping.lag.max).toBeCloseTo(1.04, 9);
    // Cut at 0.5 s: writes 1 to 4 arrived (0.14 .. 0.44 s), 5 to 10 are lost; all were acknowledged at 0.
    expect(shipping.cut(0.5)).toEqual({ writesLost: 6, newestLost: 0, newestKept: 0 });
  });

  it('the lag per interval of the window, by acknowledgement time; an interval without a write has none', () => {
    const shipping = new LogShipping(1000, () => 0.01);
    shipping.measure(true, 10, 2); // intervals [10, 12), [12, 14), ...
    shipping.ship(10.5, 0); // lag 10 ms
    shipping.ship(11, 500); // 0.5 s on the link, then 10 ms: lag 510 ms
    shipping.ship(15, 0); // interval 2; interval 1 has no write
    const series = shipping.series();
    expect(series.width).toBe(2);
    expect(series.mean.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0.26, NaN, 0.01]);
    expect(series.max.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0.51, NaN, 0.01]);
  });

  it('arrivals keep the order of the writes even when a later latency draw is shorter', () => {
    const delays = [0.05, 0.01];
    const shipping = new LogShipping(Infinity, () => delays.shift()!);
    shipping.measure(true);
    shipping.ship(0, 100);
    shipping.ship(0.001, 100); // would arrive at 0.011 on its own: waits for the first (0.05)
    expect(shipping.lag.max).toBeCloseTo(0.05, 12);
    expect(shipping.lagTotal).toBeCloseTo(0.05 + 0.049, 12);
  });

  /**
   * Constant lag L, Poisson writes at rate lambda, a cut at time t0 (the primary's region lost):
   * - the writes lost are those acknowledged in (t0 - L, t0], a Poisson count of mean lambda L (variance lambda L);
   * - the data-loss window is (t0 - A) - (t0 - L - B) = L + B - A, with A the age of the newest write lost and B the
   *   gap from t0 - L back to the newest write kept. B is Exp(lambda); A is Exp(lambda) given A < L. Averaging over
   *   the case of no write lost (window 0, probability e^(-lambda L)) gives E[window] = L exactly:
   *   (1 - e^(-lL)) (L + 1/l - E[A | A < L]) with E[A | A < L] = 1/l - L e^(-lL) / (1 - e^(-lL)).
   * Its variance is at most Var(B) + Var(A) <= 2 / lambda^2.
   * Tolerance: 4 standard errors of the mean over the trials (the reference cases' rule: a tolerance sized by the run
   * length, /work/shared/reference/README.md); a false failure has odds of about 1 in 15 000.
   */
  it.each([
    { lambda: 200, lag: 0.05 },
    { lambda: 20, lag: 0.2 },
  ])('constant lag $lag s, Poisson writes at $lambda/s: about lambda L writes lost, window about L', ({ lambda, lag }) => {
    const trials = 4000;
    const streams = new RandomStreams(`shipping-${lambda}`);
    const gaps = streams.stream('gaps');
    let lostSum = 0;
    let windowSum = 0;
    for (let trial = 0; trial < trials; trial++) {
      const shipping = new LogShipping(Infinity, () => lag);
      const t0 = 20 * lag + 1; // many lags of history: the stream is in its steady state at the cut
      for (let t = -Math.log(1 - gaps()) / lambda; t < t0; t += -Math.log(1 - gaps()) / lambda) shipping.ship(t, 1000);
      const loss = shipping.cut(t0);
      lostSum += loss.writesLost;
      windowSum += loss.writesLost === 0 ? 0 : loss.newestLost - loss.newestKept;
    }
    const lostSe = Math.sqrt((lambda * lag) / trials);
    expect(Math.abs(lostSum / trials - lambda * lag)).toBeLessThan(4 * lostSe);
    const windowSe = Math.sqrt(2 / trials) / lambda;
    expect(Math.abs(windowSum / trials - lag)).toBeLessThan(4 * windowSe);
  });
});

describe('log shipping over a shared link: the lag is queueing theory', () => {
  /**
   * Poisson writes at rate lambda of b bytes each over a FIFO link of B bytes/s, then a constant latency L: the link
   * is an M/D/1 queue with service S = b / B and load rho = lambda S, so the mean lag is L + S + rho S / (2 (1 - rho))
   * (the Pollaczek-Khinchine mean wait with a deterministic service; Kleinrock, Queueing Systems vol. 1, ch. 5).
   * The writes of one run are correlated, so the tolerance is 4 standard errors of the mean over independent runs
   * (their spread, not a per-write variance), as the reference rule sizes a tolerance by the replications
   * (/work/shared/reference/README.md).
   */
  it('Poisson writes over a link busy 64 %: mean lag = latency + M/D/1 sojourn', () => {
    const lambda = 200;
    const bytes = 4000;
    const bandwidth = 1.25e6; // 10 Mbps
    const latency = 0.04;
    const service = bytes / bandwidth;
    const rho = lambda * service;
    const expected = latency + service + (rho * service) / (2 * (1 - rho));
    const runs = 20;
    const means: number[] = [];
    for (let run = 0; run < runs; run++) {
      const gaps = new RandomStreams(`md1-${run}`).stream('gaps');
      const shipping = new LogShipping(bandwidth, () => latency);
      let t = 0;
      for (let i = 0; i < 1000; i++) shipping.ship((t += -Math.log(1 - gaps()) / lambda), bytes); // warm-up
      shipping.measure(true);
      for (let i = 0; i < 20000; i++) shipping.ship((t += -Math.log(1 - gaps()) / lambda), bytes);
      means.push(shipping.lagTotal / shipping.lag.count);
    }
    const mean = means.reduce((a, b) => a + b, 0) / runs;
    const sd = Math.sqrt(means.reduce((a, m) => a + (m - mean) ** 2, 0) / (runs - 1));
    expect(Math.abs(mean - expected)).toBeLessThan(4 * (sd / Math.sqrt(runs)));
    expect(expected).toBeCloseTo(0.04604, 5); // 40 ms + 3.2 ms + 2.84 ms
  });
});
