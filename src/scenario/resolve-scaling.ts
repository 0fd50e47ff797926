import type { DistSpec } from '../engine/distributions/spec.js';
import type {
  NodeSpec,
  ScalingAlarmSpec,
  ScalingBaseSpec,
  ScalingMetric,
  ScalingPolicySpec,
  ScalingRulesSpec,
  ScalingSpec,
  ScalingStepSpec,
  ScheduledActionSpec,
} from '../model/spec.js';
import { DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP, type ScalingRules } from '../scaling/hpa.js';
import { scalingController, scalingControllerNames } from '../scaling/registry.js';
import { topologyDefinition, topologyKinds, writtenTopologyKind } from '../topology/registry.js';
import type { Findings } from './issues.js';
import { formatPath, type FieldPath } from './paths.js';
import { resolveDistribution } from './resolve-distribution.js';
import { isPercentage, isRecord, optionalInteger, readQuantity, stringOr } from './resolve-values.js';
import { parseQuantity } from './units.js';
import type { NodeTable } from '../model/node-table.js';

const METRICS: readonly ScalingMetric[] = ['utilization', 'inFlightPerNode', 'queueLengthPerNode', 'p99', 'rate'];

/**
 * `scaling` into one `ScalingSpec` per controller: durations in seconds, the HPA defaults where a key is absent
 * (kubernetes.io "Horizontal Pod Autoscaling", Default Behavior), and the cross-field rules: a group of `nodes`
 * scaled by one controller at most, min <= max, a topology that models membership changes. `{ ok: true }` without
 * a `scaling` key; undefined when anything is wrong (reported).
 */
export function resolveScaling(
  raw: Record<string, unknown>,
  nodes: NodeTable | undefined,
  findings: Findings,
): { scaling?: ScalingSpec[] } | undefined {
  if (raw.scaling === undefined) return {};
  if (!Array.isArray(raw.scaling)) return undefined;
  const kind = writtenTopologyKind(raw);
  const definition = topologyDefinition(kind);
  if (definition !== undefined && definition.membershipChanges !== true) {
    const modelled = topologyKinds().filter((k) => topologyDefinition(k)?.membershipChanges === true);
    findings.error({
      path: ['scaling'],
      anchor: 'key',
      value: 'scaling',
      rule: `auto-scaling is not modelled for ${kind}`,
      valid: `a topology that models membership changes (${modelled.join(', ')})`,
    });
    return undefined;
  }
  const scaled = new Map<string, number>();
  const entries: ScalingSpec[] = [];
  let complete = true;
  raw.scaling.forEach((entry: unknown, index) => {
    const path: FieldPath = ['scaling', index];
    const resolved = isRecord(entry) ? resolveEntry(entry, path, nodes, findings) : undefined;
    if (resolved === undefined) {
      complete = false;
      return;
    }
    const first = scaled.get(resolved.group);
    if (first !== undefined) {
      findings.error({
        path: [...path, 'group'],
        value: resolved.group,
        rule: 'scaled twice',
        valid: `a group no other controller scales (${formatPath(['scaling', first, 'group'])} already does)`,
      });
      complete = false;
      return;
    }
    scaled.set(resolved.group, index);
    entries.push(resolved);
  });
  return complete ? { scaling: entries } : undefined;
}

/**
 * A controller without a group and bounds (a warm standby's `standby.tier.autoscaler`, schema `ScalingPolicySchema`):
 * resolved as a `scaling[]` entry sizing `group` between `min` and `max`; scale-to-zero is refused (it starts nodes
 * for requests waiting for one, and a standby's requests wait in its queue). Undefined when invalid (reported).
 */
export function resolveScalingPolicy(
  raw: unknown,
  path: FieldPath,
  bounds: { group: string; min: number; max: number },
  findings: Findings,
): ScalingSpec | undefined {
  if (!isRecord(raw)) return undefined; // reported by the schema check
  if (raw.controller === 'scale-to-zero') {
    findings.error({
      path: [...path, 'controller'],
      value: raw.controller,
      rule: 'not for a standby: scale-to-zero starts nodes for requests that wait for one, and the standby\u2019s wait in its queue',
      valid: scalingControllerNames.filter((name) => name !== 'scale-to-zero').join(', '),
    });
    return undefined;
  }
  return resolveEntry({ ...raw, ...bounds }, path, undefined, findings);
}

/** The keys every controller reads. */
const COMMON_KEYS = ['group', 'min', 'max', 'controller', 'provisioning', 'drain'];

function resolveEntry(
  raw: Record<string, unknown>,
  path: FieldPath,
  nodes: NodeTable | undefined,
  findings: Findings,
): ScalingSpec | undefined {
  const group = typeof raw.group === 'string' ? raw.group : undefined;
  const groups = nodes === undefined ? undefined : [...new Set(nodes.map((n) => n.group))];
  if (group !== undefined && groups !== undefined && !groups.includes(group)) {
    findings.error({ path: [...path, 'group'], value: group, rule: 'no such node group', valid: `one of ${groups.join(', ')}` });
    return undefined;
  }
  const controller = stringOr(raw.controller, scalingControllerNames[0], scalingControllerNames);
  if (controller === undefined) return undefined; // reported by the schema check
  const definition = scalingController(controller);
  const allowed = [...COMMON_KEYS, ...definition.keys];
  // Keys no controller reads are the schema check's (unknown key, with a suggestion).
  const known = new Set([...COMMON_KEYS, ...scalingControllerNames.flatMap((kind) => scalingController(kind).keys)]);
  const unused = Object.keys(raw).filter((key) => known.has(key) && !allowed.includes(key));
  for (const key of unused) {
    findings.error({
      path: [...path, key],
      anchor: 'key',
      value: key,
      rule: `not read by the ${controller} controller`,
      valid: `one of ${allowed.join(', ')}`,
    });
  }
  const min = optionalInteger(raw.min, 0);
  const max = optionalInteger(raw.max, 1);
  if (min !== undefined && min < definition.lowestMin) {
    findings.error({
      path: [...path, 'min'],
      value: raw.min,
      rule: `a ${controller} controller keeps at least ${definition.lowestMin} node`,
      valid: `an integer >= ${definition.lowestMin} (only scale-to-zero starts nodes for waiting requests, so only it may have min 0)`,
    });
    return undefined;
  }
  if (min !== undefined && max !== undefined && min > max) {
    findings.error({ path: [...path, 'max'], value: raw.max, rule: 'below min', valid: `an integer >= min (${min})` });
    return undefined;
  }
  const provisioning: DistSpec | undefined =
    raw.provisioning === undefined ? { dist: 'constant', value: 0 } : resolveDistribution(raw.provisioning, [...path, 'provisioning'], 'duration', findings);
  const drain = readQuantity(raw.drain ?? 'unbounded', [...path, 'drain'], 'duration', findings, { min: 0, unbounded: true });
  const own = controllerResolvers[controller](raw, path, findings);
  if (unused.length > 0 || group === undefined || min === undefined || max === undefined || provisioning === undefined || drain === undefined || own === undefined) {
    return undefined;
  }
  return { group, min, max, provisioning, drain, ...own } as ScalingSpec;
}

type OwnKeys<K extends ScalingSpec['controller']> = Omit<Extract<ScalingSpec, { controller: K }>, keyof ScalingBaseSpec>;

/** Each controller's own keys (its definition's `keys`), resolved with their defaults. */
const controllerResolvers: {
  readonly [K in ScalingSpec['controller']]: (raw: Record<string, unknown>, path: FieldPath, findings: Findings) => OwnKeys<K> | undefined;
} = {
  'target-tracking': resolveTargetTracking,
  'scale-to-zero': (raw, path, findings) => {
    const idleTimeout = readQuantity(raw.idleTimeout ?? '60s', [...path, 'idleTimeout'], 'duration', findings, { min: 0 });
    return idleTimeout === undefined ? undefined : { controller: 'scale-to-zero', idleTimeout };
  },
  step: resolveStep,
  scheduled: resolveScheduled,
};

/** step: the alarms (at least one), their steps, evaluation periods (1) and the cooldown (300 s, AWS's default). */
function resolveStep(raw: Record<string, unknown>, path: FieldPath, findings: Findings): OwnKeys<'step'> | undefined {
  const metric = stringOr(raw.metric, 'utilization', METRICS);
  const positive = { min: 0, exclusive: true };
  const syncPeriod = readQuantity(raw.syncPeriod ?? '60s', [...path, 'syncPeriod'], 'duration', findings, positive);
  const metricsDelay = readQuantity(raw.metricsDelay ?? '0s', [...path, 'metricsDelay'], 'duration', findings, { min: 0 });
  const evaluationPeriods = raw.evaluationPeriods === undefined ? 1 : optionalInteger(raw.evaluationPeriods, 1);
  const cooldown = readQuantity(raw.cooldown ?? '300s', [...path, 'cooldown'], 'duration', findings, { min: 0 });
  const alarms = isRecord(raw.alarms) ? raw.alarms : {};
  if (alarms.up === undefined && alarms.down === undefined) {
    findings.error({
      path: [...path, 'alarms'],
      locate: path,
      rule: 'missing required key: a step controller needs alarms with up, down or both',
      valid: 'alarms: { up: { threshold, steps }, down: { threshold, steps } }',
    });
    return undefined;
  }
  const up = metric === undefined || alarms.up === undefined ? undefined : resolveAlarm(alarms.up, [...path, 'alarms', 'up'], metric, findings);
  const down = metric === undefined || alarms.down === undefined ? undefined : resolveAlarm(alarms.down, [...path, 'alarms', 'down'], metric, findings);
  if (
    metric === undefined ||
    syncPeriod === undefined ||
    metricsDelay === undefined ||
    evaluationPeriods === undefined ||
    cooldown === undefined ||
    (alarms.up !== undefined && up === undefined) ||
    (alarms.down !== undefined && down === undefined)
  ) {
    return undefined;
  }
  return { controller: 'step', metric, syncPeriod, metricsDelay, evaluationPeriods, cooldown, ...(up ? { up } : {}), ...(down ? { down } : {}) };
}

function resolveAlarm(raw: unknown, path: FieldPath, metric: ScalingMetric, findings: Findings): ScalingAlarmSpec | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.steps)) return undefined; // reported by the schema check
  const threshold = readTarget(raw.threshold, [...path, 'threshold'], metric, findings);
  const steps: ScalingStepSpec[] = [];
  for (const [index, entry] of raw.steps.entries()) {
    if (!isRecord(entry) || typeof entry.change !== 'number') return undefined;
    const lower = entry.lower === undefined ? -Infinity : readBound(entry.lower, [...path, 'steps', index, 'lower'], metric, findings);
    const upper = entry.upper === undefined ? Infinity : readBound(entry.upper, [...path, 'steps', index, 'upper'], metric, findings);
    if (lower === undefined || upper === undefined) return undefined;
    if (!(lower < upper)) {
      findings.error({ path: [...path, 'steps', index, 'upper'], value: entry.upper, rule: 'not above lower', valid: 'an upper bound above the lower bound' });
      return undefined;
    }
    steps.push({ lower, upper, change: entry.change });
  }
  return threshold === undefined ? undefined : { threshold, steps };
}

/** A step bound: a breach in the metric's unit (utilization points as a percentage, p99 as a duration, ...). */
function readBound(raw: unknown, path: FieldPath, metric: ScalingMetric, findings: Findings): number | undefined {
  const value = metricValue(raw, metric);
  if (value === undefined) findings.error({ path, value: raw, rule: `not a bound for ${metric}`, valid: `a number, or ${TARGETS[metric].valid}` });
  return value;
}

/** A value written in the metric's unit, any sign (ranges are the caller's); undefined when it is not one. */
function metricValue(raw: unknown, metric: ScalingMetric): number | undefined {
  const { kind } = TARGETS[metric];
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string' || kind === 'number' || (kind === 'percentage' && !isPercentage(raw))) return undefined;
  const parsed = parseQuantity(raw, kind);
  return parsed.ok ? parsed.value : undefined;
}

/** scheduled: the actions of a cycle (`repeat`, 24 h), in order of `at`, each inside the cycle. */
function resolveScheduled(raw: Record<string, unknown>, path: FieldPath, findings: Findings): OwnKeys<'scheduled'> | undefined {
  const repeat = readQuantity(raw.repeat ?? '24h', [...path, 'repeat'], 'duration', findings, { min: 0, exclusive: true });
  if (!Array.isArray(raw.schedule)) {
    if (raw.schedule === undefined) {
      findings.error({ path: [...path, 'schedule'], locate: path, rule: 'missing required key: a scheduled controller needs a schedule', valid: 'a list of { at, min?, max?, count? }' });
    }
    return undefined;
  }
  const actions: ScheduledActionSpec[] = [];
  let complete = true;
  for (const [index, entry] of raw.schedule.entries()) {
    if (!isRecord(entry)) return undefined;
    const at = readQuantity(entry.at, [...path, 'schedule', index, 'at'], 'duration', findings, { min: 0 });
    if (at === undefined) {
      complete = false;
      continue;
    }
    const previous = actions[actions.length - 1];
    if ((previous !== undefined && at <= previous.at) || (repeat !== undefined && at >= repeat)) {
      findings.error({
        path: [...path, 'schedule', index, 'at'],
        value: entry.at,
        rule: previous !== undefined && at <= previous.at ? 'not after the previous action' : 'not inside the cycle',
        valid: `a time after the previous action's and below repeat (${raw.repeat ?? '24h'})`,
      });
      complete = false;
      continue;
    }
    const action: ScheduledActionSpec = { at };
    for (const key of ['min', 'max', 'count'] as const) if (typeof entry[key] === 'number') action[key] = entry[key];
    if (action.min !== undefined && action.max !== undefined && action.min > action.max) {
      findings.error({ path: [...path, 'schedule', index, 'max'], value: action.max, rule: 'below min', valid: `an integer >= min (${action.min})` });
      complete = false;
      continue;
    }
    if (action.min === undefined && action.max === undefined && action.count === undefined) {
      findings.error({ path: [...path, 'schedule', index], rule: 'an action that changes nothing', valid: 'an action with min, max or count' });
      complete = false;
      continue;
    }
    actions.push(action);
  }
  if (!complete || repeat === undefined || actions.length === 0) return undefined;
  return { controller: 'scheduled', repeat, actions };
}

function resolveTargetTracking(raw: Record<string, unknown>, path: FieldPath, findings: Findings): OwnKeys<'target-tracking'> | undefined {
  const metric = stringOr(raw.metric, 'utilization', METRICS);
  if (raw.target === undefined) {
    findings.error({
      path: [...path, 'target'],
      locate: path,
      rule: 'missing required key: target-tracking needs a target',
      valid: 'a percentage (e.g. 60%) for utilization, a number > 0 for the other metrics',
    });
  }
  const target = metric === undefined ? undefined : readTarget(raw.target, [...path, 'target'], metric, findings);
  const tolerance = raw.tolerance === undefined ? 0.1 : typeof raw.tolerance === 'number' && raw.tolerance >= 0 ? raw.tolerance : undefined;
  const positive = { min: 0, exclusive: true };
  const syncPeriod = readQuantity(raw.syncPeriod ?? '15s', [...path, 'syncPeriod'], 'duration', findings, positive);
  const window = readQuantity(raw.window ?? raw.syncPeriod ?? '15s', [...path, raw.window === undefined ? 'syncPeriod' : 'window'], 'duration', findings, positive);
  const metricsDelay = readQuantity(raw.metricsDelay ?? '0s', [...path, 'metricsDelay'], 'duration', findings, { min: 0 });
  const up = resolveRules(raw, path, 'up', DEFAULT_SCALE_UP, findings);
  const down = resolveRules(raw, path, 'down', DEFAULT_SCALE_DOWN, findings);
  if (
    metric === undefined ||
    target === undefined ||
    tolerance === undefined ||
    syncPeriod === undefined ||
    window === undefined ||
    metricsDelay === undefined ||
    up === undefined ||
    down === undefined
  ) {
    return undefined;
  }
  return { controller: 'target-tracking', metric, target, tolerance, syncPeriod, window, metricsDelay, up, down };
}

/** What a target (or a threshold) of each metric is written as. */
const TARGETS: Record<ScalingMetric, { kind: 'percentage' | 'duration' | 'rate' | 'number'; valid: string }> = {
  utilization: { kind: 'percentage', valid: 'a percentage above 0 and at most 100%, e.g. 60% (or a fraction, 0.6)' },
  inFlightPerNode: { kind: 'number', valid: 'a number > 0 (requests per node)' },
  queueLengthPerNode: { kind: 'number', valid: 'a number > 0 (requests per node)' },
  p99: { kind: 'duration', valid: 'a duration > 0, e.g. 250ms (the p99 response time to hold)' },
  rate: { kind: 'rate', valid: 'a rate > 0, e.g. 5/s (arrivals per second per node)' },
};

/** A target or threshold in the metric's unit: a fraction for utilization, seconds for p99, per second for rate. */
function readTarget(raw: unknown, path: FieldPath, metric: ScalingMetric, findings: Findings): number | undefined {
  if (raw === undefined) return undefined; // missing: reported by the caller
  const { valid } = TARGETS[metric];
  const value = metricValue(raw, metric);
  if (value === undefined || !(value > 0) || !Number.isFinite(value)) {
    findings.error({ path, value: raw, rule: `not a valid target for ${metric}`, valid });
    return undefined;
  }
  if (metric === 'utilization' && value > 1) {
    // A busy fraction above 1 is never reached: the controller would only ever scale down.
    const suggestion = typeof raw === 'number' && raw <= 100 ? `${raw}%` : undefined;
    findings.error({ path, value: raw, rule: 'a utilisation above 100 %', valid, ...(suggestion ? { suggestion } : {}) });
    return undefined;
  }
  return value;
}

function resolveRules(
  raw: Record<string, unknown>,
  path: FieldPath,
  direction: 'up' | 'down',
  defaults: ScalingRules,
  findings: Findings,
): ScalingRulesSpec | undefined {
  const stabilizationRaw = isRecord(raw.stabilization) ? raw.stabilization[direction] : undefined;
  const stabilization =
    stabilizationRaw === undefined
      ? defaults.stabilization
      : readQuantity(stabilizationRaw, [...path, 'stabilization', direction], 'duration', findings, { min: 0 });
  const selectRaw = isRecord(raw.selectPolicy) ? raw.selectPolicy[direction] : undefined;
  const select = stringOr(selectRaw, defaults.select, ['max', 'min', 'disabled'] as const);
  const listRaw = isRecord(raw.policies) ? raw.policies[direction] : undefined;
  let policies: ScalingPolicySpec[] | undefined = defaults.policies.map((p) => ({ ...p }));
  if (Array.isArray(listRaw)) {
    policies = [];
    for (const [index, entry] of listRaw.entries()) {
      if (!isRecord(entry)) return undefined;
      const period = readQuantity(entry.per, [...path, 'policies', direction, index, 'per'], 'duration', findings, { min: 0, exclusive: true });
      if (period === undefined) return undefined;
      if (typeof entry.pods === 'number') policies.push({ pods: entry.pods, period });
      else if (typeof entry.percent === 'number') policies.push({ percent: entry.percent, period });
      else return undefined; // reported by the schema check
    }
  }
  if (stabilization === undefined || select === undefined || policies === undefined) return undefined;
  return { stabilization, policies, select };
}
