import { logGamma } from './gamma-function.js';
import type { DistSpec } from './spec.js';

/**
 * The canonical parameters each user-facing form maps to, shared by the sampler and the moments so the two cannot
 * disagree.
 */

export type LognormalSpec = Extract<DistSpec, { dist: 'lognormal' }>;

/** Φ^{-1}(0.99), the 99th percentile of the standard normal. */
export const STANDARD_NORMAL_P99 = 2.3263478740408408;

/** ln X ~ N(mu, sigma²). */
export interface LognormalParameters {
  mu: number;
  sigma: number;
}

export function isMedianForm(spec: LognormalSpec): spec is Extract<LognormalSpec, { median: number }> {
  return 'median' in spec || 'p99' in spec;
}

export function lognormalParameters(spec: LognormalSpec): LognormalParameters {
  if (isMedianForm(spec)) {
    // The median of a lognormal is e^mu and its p-quantile e^{mu + sigma z_p}.
    return { mu: Math.log(spec.median), sigma: Math.log(spec.p99 / spec.median) / STANDARD_NORMAL_P99 };
  }
  // E[X] = e^{mu + sigma²/2} and scv = e^{sigma²} - 1 (e.g. Johnson, Kotz & Balakrishnan, Continuous Univariate
  // Distributions vol. 1, ch. 14).
  const sigmaSquared = Math.log1p(spec.scv);
  return { mu: Math.log(spec.mean) - sigmaSquared / 2, sigma: Math.sqrt(sigmaSquared) };
}

/** Weibull scale λ such that the mean λ Γ(1 + 1/shape) is the given mean. */
export function weibullScale(spec: Extract<DistSpec, { dist: 'weibull' }>): number {
  return spec.mean * Math.exp(-logGamma(1 + 1 / spec.shape));
}

/** Pareto type I scale x_m: the mean is shape x_m / (shape - 1). */
export function paretoScale(spec: Extract<DistSpec, { dist: 'pareto' }>): number {
  return (spec.mean * (spec.shape - 1)) / spec.shape;
}

/** The two phases of a balanced-means hyperexponential: p1 / rate1 = p2 / rate2 = mean / 2. */
export interface HyperexponentialPhases {
  p1: number;
  mean1: number;
  mean2: number;
}

/**
 * Balanced means H2 fit (W. Whitt, "Approximating a point process by a renewal process", Oper. Res. 30 (1982);
 * also Allen, Probability, Statistics and Queueing Theory): p1 = (1 + sqrt((scv-1)/(scv+1)))/2, rate_i = 2 p_i / mean.
 */
export function hyperexponentialPhases(spec: Extract<DistSpec, { dist: 'hyperexponential' }>): HyperexponentialPhases {
  const p1 = (1 + Math.sqrt((spec.scv - 1) / (spec.scv + 1))) / 2;
  const p2 = 1 - p1;
  return { p1, mean1: spec.mean / (2 * p1), mean2: spec.mean / (2 * p2) };
}
