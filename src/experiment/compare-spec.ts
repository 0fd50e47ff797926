/**
 * The inputs of `compare`: policy specs written on the command line (`power-of-d:d=2`), sweeps
 * (`load=0.5:0.95:0.05`, `nodes.0.count=2:10:2`), and the offered load of a scenario with the scaling that sets it.
 * Pure functions: no file, no terminal; problems come back as messages, never as exceptions.
 */
import { distMean } from '../engine/distributions/index.js';
import { classArrivalRate, isOpenArrivalProcess } from '../model/arrivals.js';
import { scaleProfile } from '../model/rate-profile.js';
import type { ArrivalSpec, PolicySpec, ScenarioSpec, SweepAxisSpec } from '../model/spec.js';
import { policies as builtInPolicies } from '../policies/registry.js';
import { Findings } from '../scenario/issues.js';
import { formatPath } from '../scenario/paths.js';
import { resolvePolicy, type PolicyRegistry } from '../scenario/resolve-policy.js';
import { didYouMean } from '../scenario/suggest.js';
import {
  axisKind,
  decimalsOf,
  gridPoints,
  gridProblem,
  gridSize,
  MAX_SWEEP_POINTS,
  rangeValues,
  SWEEP_PARAMETER_PATTERN,
} from '../scenario/sweep-grid.js';

/** A policy variant as written (`power-of-d:d=2`) and as resolved against the registry (defaults filled in). */
export interface PolicyVariant {
  /** The variant's name: the policy's registered name and the parameters as written, `power-of-d:d=2`. */
  name: string;
  /** As the user wrote it, `jsq` or `power-of-d:d=2`: `--baseline` may name either. */
  written: string;
  policy: PolicySpec;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface PolicyParseOptions {
  registry?: PolicyRegistry;
  /** Short names accepted for registered ones, e.g. `{ jsq: 'join-shortest-queue' }` on the command line. */
  aliases?: Readonly<Record<string, string>>;
}

/** `8` -> 8, `true` -> true, anything else stays text: parameters are numbers, booleans or words. */
function parameterValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function validPolicyList(registry: PolicyRegistry, aliases: Readonly<Record<string, string>>): string {
  const names = [...registry.keys()];
  const shorthands = Object.entries(aliases)
    .filter(([, target]) => registry.has(target))
    .map(([alias, target]) => `${alias} (${target})`);
  return [...names, ...shorthands].join(', ');
}

/**
 * One policy spec, `name` or `name:k=v:k2=v2`: the name checked against the registry (with a did-you-mean), the
 * parameters checked like `balancer.policy`'s in a scenario file (unknown names, types, minimums), defaults filled.
 */
export function parsePolicySpec(text: string, options: PolicyParseOptions = {}): Parsed<PolicyVariant> {
  const registry = options.registry ?? builtInPolicies;
  const aliases = options.aliases ?? {};
  const written = text.trim();
  const [rawName, ...parts] = written.split(':');
  const alias = aliases[rawName];
  const name = alias !== undefined && registry.has(alias) ? alias : rawName;
  if (name === '') return { ok: false, error: `empty policy name in '${text}'; write name or name:param=value` };
  if (!registry.has(name)) {
    const candidates = [...registry.keys(), ...Object.keys(aliases)];
    const suggestion = didYouMean(name, candidates);
    return {
      ok: false,
      error:
        `unknown policy '${name}'. Valid: ${validPolicyList(registry, aliases)}` +
        (suggestion === undefined ? '' : `; did you mean '${suggestion}'?`),
    };
  }
  const given: Record<string, unknown> = {};
  const shown: string[] = [];
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals <= 0) {
      return { ok: false, error: `bad parameter '${part}' in '${text}': write name:param=value, e.g. power-of-d:d=2` };
    }
    const key = part.slice(0, equals).trim();
    if (key in given) return { ok: false, error: `parameter '${key}' given twice in '${text}'` };
    given[key] = parameterValue(part.slice(equals + 1).trim());
    shown.push(`${key}=${part.slice(equals + 1).trim()}`);
  }
  const findings = new Findings();
  const policy = resolvePolicy({ name, ...given }, [], registry, findings);
  if (policy === undefined || findings.errors.length > 0) {
    const problems = findings.errors.map((f) => {
      const where = formatPath(f.path);
      const value = f.value === undefined ? '' : `bad value '${String(f.value)}': `;
      const valid = f.valid === undefined ? '' : `; valid: ${f.valid}`;
      const suggestion = f.suggestion === undefined ? '' : `; did you mean '${f.suggestion}'?`;
      return `${where === '' ? '' : `${where}: `}${value}${f.rule}${valid}${suggestion}`;
    });
    return { ok: false, error: `policy '${text}': ${problems.join('; ')}` };
  }
  return { ok: true, value: { name: [name, ...shown].join(':'), written, policy } };
}

/** A comma-separated list of policy specs; every one valid and no two with the same name. */
export function parsePolicyList(text: string, options: PolicyParseOptions = {}): Parsed<PolicyVariant[]> {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return { ok: false, error: 'no policy named; e.g. --policies random,round-robin,jsq' };
  const variants: PolicyVariant[] = [];
  const errors: string[] = [];
  for (const item of items) {
    const parsed = parsePolicySpec(item, options);
    if (!parsed.ok) errors.push(parsed.error);
    else if (variants.some((v) => v.name === parsed.value.name)) errors.push(`policy '${item}' is named twice`);
    else variants.push(parsed.value);
  }
  return errors.length > 0 ? { ok: false, error: errors.join('\n') } : { ok: true, value: variants };
}

/** The scenario with another dispatch policy; everything else (dispatchers, information) as it was. */
export function withPolicy(spec: ScenarioSpec, policy: PolicySpec): ScenarioSpec {
  return { ...spec, balancer: { ...spec.balancer, policy: { name: policy.name, params: { ...policy.params } } } };
}

// -------------------------------------------------------------------------------------------------------------------
// Sweeps

/** `load`: every class's arrival rate scaled to an offered load; otherwise a dotted scenario path set by override. */
export type SweepSpec = SweepAxisSpec;

export { gridPoints, gridProblem, gridSize, MAX_SWEEP_POINTS };

const SWEEP_HELP = 'write load=0.5:0.95:0.05 (from:to:step) or <dotted.path>=v1,v2,... (e.g. nodes.0.count=4:10:2)';

function numberOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * `load=0.5:0.95:0.05` (both ends included; the last point may fall short of `to` when the step does not divide the
 * range), `load=0.5,0.8,0.9`, or a single value. Each point is rounded to the decimals of what was written.
 */
export function parseSweep(text: string): Parsed<SweepSpec> {
  const equals = text.indexOf('=');
  if (equals <= 0) return { ok: false, error: `bad --sweep '${text}': ${SWEEP_HELP}` };
  const parameter = text.slice(0, equals).trim();
  const range = text.slice(equals + 1).trim();
  if (!new RegExp(SWEEP_PARAMETER_PATTERN).test(parameter)) {
    return { ok: false, error: `bad --sweep parameter '${parameter}': ${SWEEP_HELP}` };
  }
  let values: number[];
  if (range.includes(':')) {
    const parts = range.split(':');
    const [from, to, step] = parts.map(numberOf);
    if (parts.length !== 3 || from === undefined || to === undefined || step === undefined) {
      return { ok: false, error: `bad --sweep range '${range}': expected three numbers from:to:step; ${SWEEP_HELP}` };
    }
    const expanded = rangeValues(from, to, step, Math.max(...parts.map(decimalsOf)));
    if ('problem' in expanded) return { ok: false, error: `bad --sweep range '${range}': ${expanded.problem}` };
    values = expanded.values;
  } else {
    const parts = range.split(',');
    const parsed = parts.map(numberOf);
    if (parsed.some((v) => v === undefined)) {
      return { ok: false, error: `bad --sweep values '${range}': expected numbers; ${SWEEP_HELP}` };
    }
    values = parsed as number[];
    if (new Set(values).size !== values.length) return { ok: false, error: `bad --sweep values '${range}': a value repeats` };
    if (values.length > MAX_SWEEP_POINTS) {
      return { ok: false, error: `bad --sweep values '${range}': ${values.length} points; at most ${MAX_SWEEP_POINTS}` };
    }
  }
  const kind = axisKind(parameter);
  if (kind === 'load' && values.some((v) => !(v > 0))) {
    return { ok: false, error: `bad --sweep '${text}': an offered load must be above 0` };
  }
  return { ok: true, value: { parameter, kind, values } };
}

/** Each `--sweep` parsed, and the grid they span checked. */
export function parseSweeps(texts: readonly string[]): Parsed<SweepSpec[]> {
  const axes: SweepSpec[] = [];
  for (const text of texts) {
    const parsed = parseSweep(text);
    if (!parsed.ok) return parsed;
    axes.push(parsed.value);
  }
  const problem = gridProblem(axes);
  return problem === undefined ? { ok: true, value: axes } : { ok: false, error: `--sweep: ${problem}` };
}

// -------------------------------------------------------------------------------------------------------------------
// Offered load

/** Work-seconds arriving per second over what the nodes serve per second (sum of cores x speed). */
export function offeredLoad(spec: ScenarioSpec): number {
  const offered = spec.workload.reduce((sum, c) => sum + classArrivalRate(c) * distMean(c.work), 0);
  const capacity = spec.nodes.reduce((sum, n) => sum + n.cores * n.speed, 0);
  return offered / capacity;
}

function scaledArrivals(arrivals: ArrivalSpec, factor: number): ArrivalSpec {
  switch (arrivals.process) {
    case 'poisson':
      if (arrivals.profile !== undefined) {
        return { ...arrivals, rate: arrivals.rate * factor, profile: scaleProfile(arrivals.profile, factor) };
      }
      return { ...arrivals, rate: arrivals.rate * factor };
    case 'deterministic':
      return { ...arrivals, rate: arrivals.rate * factor };
    case 'onoff':
      // Both phases scaled, the sojourns kept: the burstiness (peak to mean) stays what the file says.
      return { ...arrivals, rateOn: arrivals.rateOn * factor, rateOff: arrivals.rateOff * factor };
    case 'closed':
      return arrivals; // never reached: loadSweepProblem refuses a closed loop
    case 'trace':
      return { ...arrivals, scaleRate: arrivals.scaleRate * factor };
  }
}

/**
 * The scenario with every class's arrival rate multiplied by one factor, so that its offered load is `load`: the
 * mix of classes, the work and the nodes stay as they are. Throws when the scenario's load is 0 or not finite
 * (nothing to scale from), which the CLI checks first.
 */
export function scaleToLoad(spec: ScenarioSpec, load: number): ScenarioSpec {
  const current = offeredLoad(spec);
  if (!(current > 0) || !Number.isFinite(current) || spec.workload.some((c) => !isOpenArrivalProcess(c.arrivals))) {
    throw new Error(`compare: cannot scale '${spec.name}' to load ${load}: its offered load is ${current}`);
  }
  const factor = load / current;
  return { ...spec, workload: spec.workload.map((c) => ({ ...c, arrivals: scaledArrivals(c.arrivals, factor) })) };
}

/** Why a scenario's load cannot be swept, or undefined when it can. */
export function loadSweepProblem(spec: ScenarioSpec): string | undefined {
  const closed = spec.workload.find((c) => !isOpenArrivalProcess(c.arrivals));
  if (closed !== undefined) {
    return (
      `class '${closed.name}' is a closed loop, whose load is set by its clients (population and think time), not by ` +
      'a rate: sweep workload.<i>.clients.population or workload.<i>.clients.thinkTime instead'
    );
  }
  const current = offeredLoad(spec);
  if (Number.isFinite(current) && current > 0) return undefined;
  return (
    `its offered load is ${current} (a work distribution with an infinite mean, or no arrivals), so no rate ` +
    'scaling reaches a given load'
  );
}
