import { bitsScale, uniformBits, type Uniform } from '../rng.js';
import {
  hyperexponentialPhases,
  lognormalParameters,
  paretoScale,
  weibullScale,
} from './parameters.js';
import type { DistSpec } from './spec.js';
import { createStandardNormal } from './standard-normal.js';
import { distProblems } from './validate.js';

/**
 * A sampler for `spec` driven by `rng`. Draws run on the simulator's hot path, so every constant is computed here,
 * once, and a draw allocates nothing. Where a logarithm or a negative power of a uniform is taken, `1 - rng()` is
 * used: it lies in (0, 1], so it is never 0.
 *
 * Throws a RangeError listing the problems if `spec` is invalid (a bad spec could otherwise loop forever or
 * return NaN in the middle of a run).
 */
export function createSampler(spec: DistSpec, rng: Uniform): () => number {
  const problems = distProblems(spec);
  if (problems.length > 0) {
    throw new RangeError(`invalid ${String(spec.dist)} distribution: ${problems.join('; ')}`);
  }
  switch (spec.dist) {
    case 'constant': {
      const value = spec.value;
      return () => value;
    }
    case 'uniform': {
      const min = spec.min;
      const width = spec.max - spec.min;
      return () => min + width * rng();
    }
    case 'exponential': {
      // Inversion: -mean ln U is exponential with that mean.
      const mean = spec.mean;
      return () => -mean * Math.log(1 - rng());
    }
    case 'erlang':
      return erlangSampler(spec.k, spec.mean, rng);
    case 'gamma':
      return gammaSampler(spec.shape, spec.mean / spec.shape, rng);
    case 'normal':
      return truncatedNormalSampler(spec.mean, spec.sd, rng);
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(spec);
      const normal = createStandardNormal(rng);
      return () => Math.exp(mu + sigma * normal());
    }
    case 'weibull': {
      // Inversion: λ (-ln U)^{1/k} has P(X > x) = exp(-(x/λ)^k).
      const scale = weibullScale(spec);
      const inverseShape = 1 / spec.shape;
      return () => scale * Math.pow(-Math.log(1 - rng()), inverseShape);
    }
    case 'pareto': {
      // Inversion: x_m U^{-1/α} has P(X > x) = (x_m / x)^α for x >= x_m.
      const scale = paretoScale(spec);
      const negativeInverseShape = -1 / spec.shape;
      return () => scale * Math.pow(1 - rng(), negativeInverseShape);
    }
    case 'hyperexponential': {
      // Choose the phase, then draw an exponential with that phase's mean.
      const { p1, mean1, mean2 } = hyperexponentialPhases(spec);
      return () => -(rng() < p1 ? mean1 : mean2) * Math.log(1 - rng());
    }
    case 'empirical': {
      // Copied so that later changes to the spec's array cannot change the run.
      const samples = Float64Array.from(spec.samples);
      const count = samples.length;
      return () => samples[Math.floor(rng() * count)];
    }
  }
}

/** Above this k, an Erlang is drawn as a gamma: the same distribution, at a cost that does not grow with k. */
const ERLANG_PRODUCT_MAX_K = 20;
/** Folded into a logarithm below this, so the product of uniforms (each >= 2^-32) cannot underflow. */
const PRODUCT_UNDERFLOW_GUARD = 1e-290;

/** Erlang-k as -(mean/k) ln(U_1 ··· U_k): the sum of k exponentials with one logarithm instead of k. */
function erlangSampler(k: number, mean: number, rng: Uniform): () => number {
  if (k > ERLANG_PRODUCT_MAX_K) return gammaSampler(k, mean / k, rng);
  const phaseMean = mean / k;
  return () => {
    let product = 1;
    let logSum = 0;
    for (let i = 0; i < k; i++) {
      product *= 1 - rng();
      if (product < PRODUCT_UNDERFLOW_GUARD) {
        logSum += Math.log(product);
        product = 1;
      }
    }
    return -phaseMean * (logSum + Math.log(product));
  };
}

/**
 * Gamma(shape, scale) by G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS
 * 26(3) (2000) 363-372: a squeeze-and-reject on d (1 + c Z)^3 that accepts over 95 % of the time for any shape.
 * For shape < 1 it draws Gamma(shape + 1) and multiplies by U^{1/shape} (the paper's section 6).
 */
function gammaSampler(shape: number, scale: number, rng: Uniform): () => number {
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const scaledD = d * scale;
  const normal = createStandardNormal(rng);

  const drawScaled = (): number => {
    for (;;) {
      const x = normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = 1 - rng();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return scaledD * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return scaledD * v;
    }
  };
  if (!boosted) return drawScaled;
  const inverseShape = 1 / shape;
  return () => drawScaled() * Math.pow(1 - rng(), inverseShape);
}

/** The normal truncated at 0 by rejection: validation keeps mean >= -3 sd, so at most ~740 tries on average. */
function truncatedNormalSampler(mean: number, sd: number, rng: Uniform): () => number {
  const normal = createStandardNormal(rng);
  return () => {
    let x: number;
    do x = mean + sd * normal();
    while (x < 0);
    return x;
  };
}

/** A draw written into `out[index]`, for a hot path that stores draws in a typed array (see `createSamplerInto`). */
export type DrawInto = (out: Float64Array, index: number) => void;

/**
 * A sampler for `spec` driven by `rng` that writes its draw into a typed array. A double returned by a call the
 * optimising compiler does not inline is boxed on the heap: a request's arrival path is too large to inline all of
 * its draws, and whichever stayed a call cost an allocation (which one varied from run to run with the compiler's
 * timing). Only a reference and an integer cross this call; an exponential draw is computed here from its stream's
 * bits (see uniformBits), so no double crosses any call; other distributions wrap their sampler.
 */
export function createSamplerInto(spec: DistSpec, rng: Uniform): DrawInto {
  const draw = createSampler(spec, rng);
  const bits = uniformBits(rng);
  if (spec.dist === 'exponential' && bits !== null) {
    const mean = spec.mean;
    return (out, index) => {
      out[index] = -mean * Math.log(1 - (bits() >>> 0) / bitsScale);
    };
  }
  return (out, index) => {
    out[index] = draw();
  };
}
