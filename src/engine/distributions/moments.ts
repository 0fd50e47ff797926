import { logGamma } from './gamma-function.js';
import { standardNormalCdf, standardNormalPdf } from './normal-function.js';
import { hyperexponentialPhases, isMedianForm, lognormalParameters, paretoScale } from './parameters.js';
import type { DistSpec } from './spec.js';

/** The exact mean of the distribution `createSampler` draws from. */
export function distMean(spec: DistSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
    case 'erlang':
    case 'gamma':
    case 'weibull':
    case 'hyperexponential':
      return spec.mean;
    case 'pareto':
      return spec.shape > 1 ? spec.mean : Infinity;
    case 'normal':
      return truncatedNormalMoments(spec.mean, spec.sd).mean;
    case 'lognormal': {
      if (!isMedianForm(spec)) return spec.mean;
      const { mu, sigma } = lognormalParameters(spec);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
    case 'empirical':
      return sampleMean(spec.samples);
  }
}

/** The exact variance of the distribution `createSampler` draws from; Infinity where it diverges. */
export function distVariance(spec: DistSpec): number {
  switch (spec.dist) {
    case 'constant':
      return 0;
    case 'uniform':
      return (spec.max - spec.min) ** 2 / 12;
    case 'exponential':
      return spec.mean ** 2;
    case 'erlang':
      return spec.mean ** 2 / spec.k;
    case 'gamma':
      // Gamma(shape, scale θ): variance shape θ², with θ = mean / shape.
      return spec.mean ** 2 / spec.shape;
    case 'normal':
      return truncatedNormalMoments(spec.mean, spec.sd).variance;
    case 'lognormal': {
      if (!isMedianForm(spec)) return spec.mean ** 2 * spec.scv;
      // Var = (e^{σ²} - 1) e^{2μ + σ²}.
      const { mu, sigma } = lognormalParameters(spec);
      return Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma);
    }
    case 'weibull': {
      // Var = λ² (Γ(1 + 2/k) - Γ(1 + 1/k)²) = mean² (Γ(1 + 2/k) / Γ(1 + 1/k)² - 1).
      const k = spec.shape;
      return spec.mean ** 2 * Math.expm1(logGamma(1 + 2 / k) - 2 * logGamma(1 + 1 / k));
    }
    case 'pareto': {
      // Var = x_m² α / ((α - 1)² (α - 2)) for α > 2, which is mean² / (α (α - 2)).
      const alpha = spec.shape;
      if (alpha <= 2) return Infinity;
      const scale = paretoScale(spec);
      return (scale * scale * alpha) / ((alpha - 1) ** 2 * (alpha - 2));
    }
    case 'hyperexponential': {
      // E[X²] = 2 Σ p_i mean_i², so Var = 2 (p1 mean1² + p2 mean2²) - mean² (= mean² scv for balanced means).
      const { p1, mean1, mean2 } = hyperexponentialPhases(spec);
      return 2 * (p1 * mean1 * mean1 + (1 - p1) * mean2 * mean2) - spec.mean ** 2;
    }
    case 'empirical':
      return samplePopulationVariance(spec.samples);
  }
}

/**
 * Mean and variance of N(μ, σ²) truncated to [0, ∞). With z = μ/σ and the inverse Mills ratio λ = φ(z)/Φ(z):
 * mean = μ + σλ and variance = σ² (1 - zλ - λ²) (Johnson, Kotz & Balakrishnan, Continuous Univariate
 * Distributions vol. 1, 2nd ed., section 10.1, with lower truncation point 0).
 */
function truncatedNormalMoments(mu: number, sigma: number): { mean: number; variance: number } {
  if (sigma === 0) return { mean: mu, variance: 0 };
  const z = mu / sigma;
  const millsRatio = standardNormalPdf(z) / standardNormalCdf(z);
  return { mean: mu + sigma * millsRatio, variance: sigma * sigma * (1 - z * millsRatio - millsRatio * millsRatio) };
}

function sampleMean(samples: readonly number[]): number {
  let sum = 0;
  for (const x of samples) sum += x;
  return sum / samples.length;
}

/** Divides by n, not n - 1: the sampler draws exactly these values. Two passes, for accuracy. */
function samplePopulationVariance(samples: readonly number[]): number {
  const mean = sampleMean(samples);
  let sumOfSquares = 0;
  for (const x of samples) sumOfSquares += (x - mean) ** 2;
  return sumOfSquares / samples.length;
}
