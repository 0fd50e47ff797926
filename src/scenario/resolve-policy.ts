import type { PolicySpec } from '../model/spec.js';
import type { PolicyDefinition, PolicyParam } from '../policies/policy.js';
import { DEFAULTS } from './defaults.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { isRecord } from './resolve-values.js';
import { didYouMean } from './suggest.js';

export type PolicyRegistry = ReadonlyMap<string, PolicyDefinition>;

/**
 * `balancer.policy` into a `PolicySpec`: a name, or `{ name, ...params }`. The name and every parameter are checked
 * against the policy registry (the definitions list their parameters), and parameter defaults are filled in, so a
 * policy's `create` receives complete, valid parameters.
 */
export function resolvePolicy(
  raw: unknown,
  path: FieldPath,
  registry: PolicyRegistry,
  findings: Findings,
): PolicySpec | undefined {
  const written = raw === undefined ? DEFAULTS.policy : raw;
  const name = isRecord(written) ? written.name : written;
  if (typeof name !== 'string') return undefined; // wrong type: reported by the schema check
  const namePath = isRecord(written) ? [...path, 'name'] : path;
  const definition = registry.get(name);
  const known = [...registry.keys()];
  if (definition === undefined) {
    findings.error({
      path: namePath,
      value: name,
      rule: 'unknown policy',
      valid: known.join(', '),
      suggestion: didYouMean(name, known),
    });
    return undefined;
  }
  const given: Record<string, unknown> = isRecord(written) ? { ...written } : {};
  delete given.name;
  const params = resolveParams(definition, given, path, findings);
  return params === undefined ? undefined : { name, params };
}

function resolveParams(
  definition: PolicyDefinition,
  given: Record<string, unknown>,
  path: FieldPath,
  findings: Findings,
): Record<string, unknown> | undefined {
  let complete = true;
  const names = definition.params.map((param) => param.name);
  for (const key of Object.keys(given)) {
    if (names.includes(key)) continue;
    findings.error({
      path: [...path, key],
      anchor: 'key',
      value: key,
      rule: `unknown parameter of policy '${definition.name}'`,
      valid: names.length === 0 ? `none ('${definition.name}' takes no parameters)` : names.join(', '),
      suggestion: didYouMean(key, names),
    });
    complete = false;
  }
  const params: Record<string, unknown> = {};
  for (const param of definition.params) {
    const value = given[param.name] ?? param.default;
    if (value === undefined) {
      findings.error({
        path: [...path, param.name],
        locate: path,
        rule: `missing parameter '${param.name}' of policy '${definition.name}'`,
        valid: paramValidText(param),
      });
      complete = false;
      continue;
    }
    const problem = paramProblem(param, value);
    if (problem !== undefined) {
      findings.error({ path: [...path, param.name], value, rule: problem, valid: paramValidText(param) });
      complete = false;
    }
    params[param.name] = value;
  }
  return complete ? params : undefined;
}

function paramProblem(param: PolicyParam, value: unknown): string | undefined {
  switch (param.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      break;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
  }
  if (param.minimum !== undefined && (value as number) < param.minimum) return `must be at least ${param.minimum}`;
  return undefined;
}

function paramValidText(param: PolicyParam): string {
  const kind = { integer: 'an integer', number: 'a number', boolean: 'true or false', string: 'a string' }[param.kind];
  const minimum = param.minimum === undefined ? '' : ` >= ${param.minimum}`;
  return `${kind}${minimum} (${param.description})`;
}
