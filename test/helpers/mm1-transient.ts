/**
 * The M/M/1 queue started empty, from theory: the reference `warmup: auto` is judged against (issue 16.3).
 *
 * E[N(t)] comes from the forward Kolmogorov equations p_n' = λ p_{n-1} + μ p_{n+1} − (λ + μ) p_n (reflecting at 0),
 * integrated with Euler steps (Kleinrock 1975, vol. 1, §2.9; Kaczynski, Leemis and Drew 2012 compare methods for
 * these equations). The chain is cut at 40 / (1 − ρ) states, where the stationary tail ρ^n is below e^-40.
 *
 * The mean response of the requests arriving in a window follows without simulation: an arrival at t sees N(t) with
 * the time-average law (PASTA) and, service being exponential and FIFO, waits N(t) + 1 service times of mean 1/μ. So
 * E[mean response over arrivals in [a, a + T]] = (1 + mean of E[N(t)] over the window) / μ (Poisson arrivals are
 * spread evenly over the window; the ratio of sums differs from this by O(1 / requests)).
 */

/** E[N(t)] at every whole second t = 0 .. horizon, for an M/M/1 with arrival rate `load` and μ = 1, from empty. */
export function mm1MeanInSystemFromEmpty(load: number, horizon: number, dt = 0.05): Float64Array {
  const states = Math.ceil(40 / (1 - load)) + 2;
  let p = new Float64Array(states);
  let next = new Float64Array(states);
  p[0] = 1;
  const mean = new Float64Array(horizon + 1);
  const steps = Math.round(1 / dt);
  const last = states - 1;
  for (let second = 1; second <= horizon; second++) {
    for (let k = 0; k < steps; k++) {
      next[0] = p[0] + dt * (p[1] - load * p[0]);
      for (let n = 1; n < last; n++) next[n] = p[n] + dt * (load * p[n - 1] + p[n + 1] - (load + 1) * p[n]);
      next[last] = p[last] + dt * (load * p[last - 1] - p[last]);
      [p, next] = [next, p];
    }
    let sum = 0;
    for (let n = 1; n < states; n++) sum += n * p[n];
    mean[second] = sum;
  }
  return mean;
}

/** The expected mean response time (μ = 1) of the requests arriving in [from, from + length] (whole seconds). */
export function windowMeanResponse(meanInSystem: Float64Array, from: number, length: number): number {
  let area = 0;
  for (let t = from; t < from + length; t++) area += (meanInSystem[t] + meanInSystem[t + 1]) / 2;
  return 1 + area / length;
}

/**
 * The tolerance rule (/work/shared/reference/README.md) for the mean response time of M/M/1 at load 0.95: 3 % of the
 * exact 20 s at 10^7 measured requests, scaled by sqrt(10^7 / requests). The 3 % is mm1-rho0.9's 1.5 % times the
 * square root of the ratio of the relative asymptotic variances of the mean, 2(1 + ρ) / (ρ (1 − ρ)²) (Whitt 1989):
 * sqrt(1 642 / 422) = 1.97. The standard error of the mean at that run length, from the same asymptotic variance,
 * is 0.25 s at 10^7 requests, so the tolerance is 2.4 standard errors at every length.
 */
export function mm1Load095Tolerance(requests: number): { tolerance: number; standardError: number } {
  const scale = Math.sqrt(1e7 / requests);
  const standardError = Math.sqrt((2 * 0.95 * 1.95) / 0.05 ** 4 / 0.95 ** 2 / (requests / 0.95));
  return { tolerance: 0.6 * scale, standardError };
}
