import { isMedianForm } from './parameters.js';
import type { DistName, DistSpec } from './spec.js';

const DIST_NAMES: readonly DistName[] = [
  'constant', 'uniform', 'exponential', 'erlang', 'gamma', 'normal', 'lognormal', 'weibull', 'pareto',
  'hyperexponential', 'empirical',
];

/** Below mean = -3 sd, redrawing negatives would reject more than 99.8 % of draws (Φ(-3) ≈ 0.00135). */
const TRUNCATED_NORMAL_MIN_Z = -3;

/**
 * The semantic rules of a distribution, as short sentences naming the field, the rule and the bad value, for the
 * scenario loader to report with the field's path. Empty when the spec is fine. Values are checked at run time too,
 * since a spec parsed from a file may hold anything.
 */
export function distProblems(spec: DistSpec): string[] {
  const problems: (string | undefined)[] = [];
  switch (spec.dist) {
    case 'constant':
      problems.push(nonNegative('value', spec.value));
      break;
    case 'uniform': {
      problems.push(nonNegative('min', spec.min), finite('max', spec.max));
      if (isFiniteNumber(spec.min) && isFiniteNumber(spec.max) && spec.min > spec.max) {
        problems.push(`min must be <= max (got min ${spec.min}, max ${spec.max})`);
      }
      break;
    }
    case 'exponential':
      problems.push(positive('mean', spec.mean));
      break;
    case 'erlang':
      if (!(Number.isInteger(spec.k) && spec.k >= 1)) {
        problems.push(`k must be a positive integer (got ${show(spec.k)})`);
      }
      problems.push(positive('mean', spec.mean));
      break;
    case 'gamma':
      problems.push(positive('shape', spec.shape), positive('mean', spec.mean));
      break;
    case 'normal': {
      problems.push(finite('mean', spec.mean), nonNegative('sd', spec.sd));
      const bothValid = isFiniteNumber(spec.mean) && isFiniteNumber(spec.sd) && spec.sd >= 0;
      if (bothValid && spec.mean < TRUNCATED_NORMAL_MIN_Z * spec.sd) {
        problems.push(
          `mean must be >= -3 sd for a normal truncated at 0 (got mean ${spec.mean}, sd ${spec.sd}); ` +
            'below that almost every draw is negative and redrawn',
        );
      }
      break;
    }
    case 'lognormal':
      problems.push(...lognormalProblems(spec));
      break;
    case 'weibull':
      problems.push(positive('shape', spec.shape), positive('mean', spec.mean));
      break;
    case 'pareto':
      if (!(isFiniteNumber(spec.shape) && spec.shape > 1)) {
        problems.push(`shape must be > 1 for a pareto with a finite mean (got ${show(spec.shape)})`);
      }
      problems.push(positive('mean', spec.mean));
      break;
    case 'hyperexponential':
      problems.push(positive('mean', spec.mean));
      if (!(isFiniteNumber(spec.scv) && spec.scv >= 1)) {
        problems.push(
          `scv must be >= 1 for a hyperexponential (got ${show(spec.scv)}); use lognormal or erlang for scv < 1`,
        );
      }
      break;
    case 'empirical':
      problems.push(samplesProblem(spec.samples));
      break;
    default: {
      const name: unknown = (spec as { dist: unknown }).dist;
      problems.push(`dist must be one of ${DIST_NAMES.join(', ')} (got ${show(name)})`);
    }
  }
  return problems.filter((problem): problem is string => problem !== undefined);
}

function lognormalProblems(spec: Extract<DistSpec, { dist: 'lognormal' }>): (string | undefined)[] {
  const hasMeanForm = 'mean' in spec || 'scv' in spec;
  if (isMedianForm(spec)) {
    if (hasMeanForm) return ['a lognormal takes either mean and scv or median and p99, not both'];
    const problems = [positive('median', spec.median), finite('p99', spec.p99)];
    if (isFiniteNumber(spec.median) && isFiniteNumber(spec.p99) && spec.p99 <= spec.median) {
      problems.push(`p99 must be > median (got median ${spec.median}, p99 ${spec.p99})`);
    }
    return problems;
  }
  return [positive('mean', spec.mean), nonNegative('scv', spec.scv)];
}

function samplesProblem(samples: unknown): string | undefined {
  if (!Array.isArray(samples) || samples.length === 0) return 'samples must be a non-empty list of numbers';
  const badIndex = samples.findIndex((x) => !(isFiniteNumber(x) && x >= 0));
  if (badIndex >= 0) return `samples must all be finite and >= 0 (got ${show(samples[badIndex])} at index ${badIndex})`;
  return undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function finite(field: string, value: unknown): string | undefined {
  return isFiniteNumber(value) ? undefined : `${field} must be a finite number (got ${show(value)})`;
}

function positive(field: string, value: unknown): string | undefined {
  return isFiniteNumber(value) && value > 0 ? undefined : `${field} must be > 0 (got ${show(value)})`;
}

function nonNegative(field: string, value: unknown): string | undefined {
  return isFiniteNumber(value) && value >= 0 ? undefined : `${field} must be >= 0 (got ${show(value)})`;
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
