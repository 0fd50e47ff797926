import { basename, extname } from 'node:path';
import type { BalancerSpec, PolicySpec } from '../model/spec.js';
import type { PolicyDefinition, PolicyParam } from '../policies/policy.js';
import { DEFAULTS } from './defaults.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import type { PluginGate } from './plugin-permission.js';
import { isRecord, optionalInteger, readQuantity } from './resolve-values.js';
import { MAX_DISPATCHERS, MODULE_VALID } from './schema.js';
import { didYouMean } from './suggest.js';

export type PolicyRegistry = ReadonlyMap<string, PolicyDefinition>;

type InfoSpec = NonNullable<BalancerSpec['info']>;

/**
 * `balancer` into a `BalancerSpec`: the policy, the number of dispatchers and what they know of queue lengths.
 * Defaults (one dispatcher, exact information) stay absent from the spec, as the engine reads them. A plug-in module
 * goes through the scenario's `plugins` gate.
 */
export function resolveBalancer(
  raw: unknown,
  plugins: PluginGate,
  registry: PolicyRegistry,
  findings: Findings,
): BalancerSpec | undefined {
  const balancer = isRecord(raw) ? raw : {};
  const policy = resolvePolicy(balancer.policy, ['balancer', 'policy'], registry, findings, plugins);
  const dispatchers = optionalInteger(balancer.dispatchers, 1);
  const info = resolveInfo(balancer.info, ['balancer', 'info'], findings);
  // A bad count is reported by the schema check.
  const dispatchersValid = dispatchers !== undefined ? dispatchers <= MAX_DISPATCHERS : balancer.dispatchers === undefined;
  if (policy === undefined || !dispatchersValid || info === undefined) return undefined;
  const spec: BalancerSpec = { policy };
  if (dispatchers !== undefined) spec.dispatchers = dispatchers;
  if (info.mode !== 'exact') spec.info = info;
  return spec;
}

/** `info`: `exact`, `piggyback` or `{ refresh: <duration> }`; wrong words and shapes are the schema check's. */
function resolveInfo(raw: unknown, path: FieldPath, findings: Findings): InfoSpec | undefined {
  if (raw === undefined || raw === 'exact') return { mode: 'exact' };
  if (raw === 'piggyback') return { mode: 'piggyback' };
  if (!isRecord(raw)) return undefined;
  const refresh = readQuantity(raw.refresh, [...path, 'refresh'], 'duration', findings, { min: 0, exclusive: true });
  return refresh === undefined ? undefined : { mode: 'periodic', refresh };
}

/**
 * `balancer.policy` into a `PolicySpec`: a name, or `{ name, ...params }`. The name and every parameter are checked
 * against the policy registry (the definitions list their parameters), and parameter defaults are filled in, so a
 * policy's `create` receives complete, valid parameters.
 *
 * In a scenario file (given its `plugins` gate), a policy may instead be a plug-in, `{ module: <path>, ...params }`
 * (see `resolvePlugin`); without it (policies written on the command line) `module` is a parameter like any other.
 */
export function resolvePolicy(
  raw: unknown,
  path: FieldPath,
  registry: PolicyRegistry,
  findings: Findings,
  plugins?: PluginGate,
): PolicySpec | undefined {
  const written = raw === undefined ? DEFAULTS.policy : raw;
  if (plugins !== undefined && isRecord(written) && written.module !== undefined) {
    return resolvePlugin(written, path, plugins, findings);
  }
  const name = isRecord(written) ? written.name : written;
  const known = [...registry.keys()];
  if (isRecord(written) && name === undefined) {
    findings.error({
      path: [...path, 'name'],
      locate: path,
      rule: 'missing required key',
      valid: `a policy name (${known.join(', ')})${plugins === undefined ? '' : ', or module: <path> for a plug-in'}`,
    });
    return undefined;
  }
  if (typeof name !== 'string') return undefined; // wrong type: reported by the schema check
  const namePath = isRecord(written) ? [...path, 'name'] : path;
  const definition = registry.get(name);
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

/**
 * A plug-in policy, `{ module: ./my-policy.mjs, name?, ...params }`: the module's path resolved against the scenario
 * file's folder and admitted (or refused) by the plug-in gate, the name defaulting to the module's file name, the
 * parameters passed on as written (the module's own definition declares and defaults them; nothing here can check
 * them). The module is never imported here: one that is not a policy is reported when the run loads it.
 */
function resolvePlugin(
  written: Record<string, unknown>,
  path: FieldPath,
  plugins: PluginGate,
  findings: Findings,
): PolicySpec | undefined {
  const { module, name } = written;
  // Wrong types and an empty path: reported by the schema check.
  if (typeof module !== 'string' || module === '' || (name !== undefined && typeof name !== 'string')) return undefined;
  const extension = extname(module);
  if (extension !== '.js' && extension !== '.mjs') {
    const typescript = ['.ts', '.mts', '.cts'].includes(extension);
    findings.error({
      path: [...path, 'module'],
      value: module,
      rule: `must end in .js or .mjs${typescript ? ': compile a TypeScript policy to JavaScript first' : ''}`,
      valid: MODULE_VALID,
    });
    return undefined;
  }
  const admitted = plugins.admit(module, [...path, 'module'], findings);
  if (admitted === undefined) return undefined;
  const params: Record<string, unknown> = { ...written };
  delete params.name;
  delete params.module;
  return { name: name ?? basename(module, extension), params, module: admitted };
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
