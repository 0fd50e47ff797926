import { Type, type TSchema } from '@sinclair/typebox';
import { Closed, PlainNumber, Quantity, VALID } from './schema-parts.js';

/** The unit family of a distribution's values: durations for work and latency, sizes for request bodies. */
export type DistributionUnit = 'duration' | 'size';

/**
 * Each distribution form of `DistSpec`, with which parameters carry the field's unit (`mean: 1s`, `mean: 4KB`) and
 * which are plain numbers (shapes, k, scv). Ranges (pareto shape > 1, hyperexponential scv >= 1, ...) are the
 * distributions module's `distProblems`, the one place that knows them.
 */
export const DISTRIBUTION_FORMS = [
  { dist: 'constant', quantities: ['value'], numbers: [], integers: [], about: 'always the same value' },
  { dist: 'uniform', quantities: ['min', 'max'], numbers: [], integers: [], about: 'uniform between min and max' },
  { dist: 'exponential', quantities: ['mean'], numbers: [], integers: [], about: 'exponential (memoryless), scv 1' },
  { dist: 'erlang', quantities: ['mean'], numbers: [], integers: ['k'], about: 'sum of k exponentials; scv 1/k' },
  { dist: 'gamma', quantities: ['mean'], numbers: ['shape'], integers: [], about: 'gamma; scv 1/shape' },
  { dist: 'normal', quantities: ['mean', 'sd'], numbers: [], integers: [], about: 'normal truncated at 0' },
  { dist: 'lognormal', quantities: ['mean'], numbers: ['scv'], integers: [], about: 'lognormal from mean and scv' },
  { dist: 'lognormal', quantities: ['median', 'p99'], numbers: [], integers: [], about: 'lognormal from median, p99' },
  { dist: 'weibull', quantities: ['mean'], numbers: ['shape'], integers: [], about: 'weibull' },
  { dist: 'pareto', quantities: ['mean'], numbers: ['shape'], integers: [], about: 'pareto (heavy tail), shape > 1' },
  { dist: 'hyperexponential', quantities: ['mean'], numbers: ['scv'], integers: [], about: 'two-phase, scv >= 1' },
  { dist: 'empirical', quantities: [], numbers: [], integers: [], about: 'draws uniformly from samples' },
] as const satisfies readonly DistributionForm[];

interface DistributionForm {
  dist: string;
  quantities: readonly string[];
  numbers: readonly string[];
  integers: readonly string[];
  about: string;
}

export const DISTRIBUTION_NAMES: readonly string[] = [...new Set(DISTRIBUTION_FORMS.map((form) => form.dist))];

const PARAM_HELP: Record<string, string> = {
  value: 'The constant value.',
  min: 'Lower bound.',
  max: 'Upper bound.',
  mean: 'Mean.',
  sd: 'Standard deviation of the untruncated normal.',
  median: 'Median (50th percentile).',
  p99: '99th percentile.',
  k: 'Number of exponential phases (integer >= 1).',
  shape: 'Shape parameter.',
  scv: 'Squared coefficient of variation: variance / mean^2.',
};

/** A distribution field: a bare quantity (a constant) or `{ dist: <name>, ...parameters }`. */
export function Distribution(unit: DistributionUnit, description: string): TSchema {
  const example = unit === 'duration' ? '150ms' : '4KB';
  const objectForms = DISTRIBUTION_FORMS.map((form) => formSchema(form, unit));
  return Type.Union([Quantity(unit, { description: `A constant ${unit}, e.g. ${example}.` }), ...objectForms], {
    description,
    [VALID]:
      `${unit === 'duration' ? 'a duration' : 'a size'} (a constant, e.g. ${example}) ` +
      `or a distribution such as { dist: exponential, mean: ${example} }`,
  });
}

function formSchema(form: DistributionForm, unit: DistributionUnit): TSchema {
  const properties: Record<string, TSchema> = {
    dist: Type.Literal(form.dist, { description: `Distribution: ${form.about}.` }),
  };
  for (const name of form.quantities) properties[name] = Quantity(unit, { description: PARAM_HELP[name] ?? name });
  for (const name of form.numbers) properties[name] = PlainNumber({ description: PARAM_HELP[name] ?? name });
  for (const name of form.integers) {
    properties[name] = Type.Integer({ description: PARAM_HELP[name] ?? name, [VALID]: 'an integer' });
  }
  if (form.dist === 'empirical') {
    properties.samples = Type.Array(Quantity(unit, { description: 'One observed value.' }), {
      minItems: 1,
      description: 'Observed values; each draw picks one uniformly.',
      [VALID]: `a non-empty list of ${unit}s`,
    });
  }
  return Closed(properties, { description: `${form.dist}: ${form.about}.` });
}
