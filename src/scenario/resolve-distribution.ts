import { distProblems } from '../engine/distributions/index.js';
import type { DistSpec } from '../engine/distributions/spec.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { DISTRIBUTION_FORMS, type DistributionUnit } from './schema-distributions.js';
import { isRecord, readQuantity } from './resolve-values.js';

type DistributionForm = (typeof DISTRIBUTION_FORMS)[number];

/**
 * A distribution field into a `DistSpec`: a bare quantity is a constant; an object has its unit-bearing parameters
 * parsed (`mean: 1s` -> 1, `mean: 4KB` -> 4000). Then the distributions module's own rules (`distProblems`) are
 * checked, so a hyperexponential with scv < 1 is reported here, at the field, with the rest of the file's errors.
 */
export function resolveDistribution(
  raw: unknown,
  path: FieldPath,
  unit: DistributionUnit,
  findings: Findings,
): DistSpec | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' || typeof raw === 'number') {
    const value = readQuantity(raw, path, unit, findings, { min: 0 });
    return value === undefined ? undefined : { dist: 'constant', value };
  }
  if (!isRecord(raw)) return undefined;
  const form = formOf(raw);
  if (form === undefined) return undefined; // unknown or missing `dist`: the schema check reported it
  const spec: Record<string, unknown> = { dist: form.dist };
  let complete = true;
  for (const name of form.quantities) {
    const value = readQuantity(raw[name], [...path, name], unit, findings);
    if (value === undefined) complete = false;
    spec[name] = value;
  }
  for (const name of [...form.numbers, ...form.integers]) {
    const value = raw[name];
    const integral = (form.integers as readonly string[]).includes(name);
    const valid = typeof value === 'number' && Number.isFinite(value) && (!integral || Number.isInteger(value));
    if (!valid) complete = false;
    spec[name] = value;
  }
  if (form.dist === 'empirical') {
    const samples = Array.isArray(raw.samples) ? raw.samples : [];
    const values = samples.map((sample, i) => readQuantity(sample, [...path, 'samples', i], unit, findings));
    if (values.length === 0 || values.some((value) => value === undefined)) complete = false;
    spec.samples = values;
  }
  if (!complete) return undefined;
  const dist = spec as DistSpec; // built from the form table, which mirrors DistSpec's variants
  for (const problem of distProblems(dist)) findings.error(problemFinding(problem, raw, path, form));
  return dist;
}

/** The form a distribution object means; for lognormal, the one whose parameters it uses. */
function formOf(raw: Record<string, unknown>): DistributionForm | undefined {
  const forms = DISTRIBUTION_FORMS.filter((form) => form.dist === raw.dist);
  const uses = (form: DistributionForm): boolean => [...form.quantities, ...form.numbers].some((name) => name in raw);
  return forms.find(uses) ?? forms[0];
}

/**
 * Points a `distProblems` message at the parameter it names when it starts with one ("scv must be >= 1 ..."),
 * otherwise at the whole distribution.
 */
function problemFinding(problem: string, raw: Record<string, unknown>, path: FieldPath, form: DistributionForm) {
  const first = /^[A-Za-z0-9]+/.exec(problem)?.[0];
  const valid = `${form.dist}: ${form.about}`;
  if (first !== undefined && first !== 'dist' && first in raw) {
    return { path: [...path, first], value: raw[first], rule: problem, valid };
  }
  return { path, value: raw, rule: problem, valid };
}
