import type { DistSpec } from '../engine/distributions/spec.js';
import { selectNodes } from '../failures/selector.js';
import { regionOfZone, type ZonePlacement } from '../model/zones.js';
import type {
  ClientSpec,
  DetectionSpec,
  FailureSpec,
  NodeSelector,
  NodeSpec,
  ReliabilitySpec,
  SloSpec,
  TimelineStep,
} from '../model/spec.js';
import { DEFAULTS, UNBOUNDED } from './defaults.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { resolveDistribution } from './resolve-distribution.js';
import { integerOr, isRecord, quantityValidText, readFraction, readQuantity, stringOr } from './resolve-values.js';
import {
  ADD_VALID,
  AVAILABILITY_VALID,
  DURATION_DISTRIBUTION_VALID,
  REMOVE_VALID,
  FACTOR_VALID,
  SELECTOR_VALID,
  TIMES_VALID,
} from './schema-reliability.js';
import { didYouMean } from './suggest.js';
import { reportTimeoutNotAboveHeartbeat, type TimeoutWording } from './timeout-above-heartbeat.js';
import type { NodeTable } from '../model/node-table.js';

type Jitter = ClientSpec['backoff']['jitter'];

const POSITIVE = { min: 0, exclusive: true };
const NON_NEGATIVE = { min: 0 };

/**
 * `failures`, `repairCrews`, `detection`, `clients` and `slo` into the resolved `ReliabilitySpec`, defaults applied.
 * A scenario pays for reliability only when it asks for it: `reliability` is set when the file declares failures,
 * or objectives (p99, mean, availability) that the report must check; otherwise it stays absent. Returns undefined
 * when anything is invalid (reported), `{}` when the scenario has no reliability part.
 *
 * `nodes` is the resolved cluster (undefined when it has errors of its own): selectors and minHealthy are checked
 * against it, `region:` selectors against the zones' regions in `placement` (undefined when `zones` has errors of its
 * own: then region selectors are not checked, rather than reported for the zones' mistake).
 */
export function resolveReliability(
  raw: Record<string, unknown>,
  nodes: NodeTable | undefined,
  findings: Findings,
  placement: ZonePlacement | undefined,
): { reliability?: ReliabilitySpec } | undefined {
  const cluster = nodes === undefined ? undefined : { nodes, placement };
  const failures = resolveFailures(raw.failures, cluster, findings);
  const repairCrews = raw.repairCrews === UNBOUNDED ? Infinity : integerOr(raw.repairCrews, 1, Infinity);
  const detection = resolveDetection(raw.detection, findings);
  const clients = resolveClients(raw.clients, findings);
  const slo = resolveSlo(raw.slo, nodes, findings);
  if (failures === undefined || repairCrews === undefined || detection === undefined || clients === undefined || slo === undefined) {
    return undefined;
  }
  if (failures.length > 0) return { reliability: { failures, repairCrews, detection, clients, slo } };

  // No failures: detection, clients, repair crews and minHealthy change nothing; say so rather than ignore them.
  const unused: [key: string, why: string][] = [
    ['repairCrews', 'no node ever needs repair'],
    ['detection', 'the dispatcher needs heartbeats only to notice failed nodes'],
    ['clients', 'client timeouts and retries apply only in a scenario with failures'],
  ];
  for (const [key, why] of unused) {
    if (raw[key] === undefined) continue;
    findings.warning({ path: [key], anchor: 'key', rule: `has no effect without failures (${why})`, valid: `a failures: list, or remove ${key}` });
  }
  if (isRecord(raw.slo) && raw.slo.minHealthy !== undefined) {
    findings.warning({
      path: ['slo', 'minHealthy'],
      anchor: 'key',
      rule: 'has no effect without failures (every node stays healthy)',
      valid: 'a failures: list, or remove slo.minHealthy',
    });
  }
  const objectives = slo.p99 !== undefined || slo.mean !== undefined || slo.availability !== undefined;
  if (!objectives) return {};
  // Objectives are checked by the report's reliability section; without failures it runs with the defaults (ideal
  // clients that wait forever), so that detection and clients written for nothing change nothing.
  return {
    reliability: { failures: [], repairCrews: Infinity, detection: defaultDetection(), clients: defaultClients(), slo },
  };
}

function defaultDetection(): DetectionSpec {
  return { heartbeat: 1, timeout: 3 };
}

function defaultClients(): ClientSpec {
  return { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' } };
}

function resolveFailures(raw: unknown, cluster: SelectorCluster | undefined, findings: Findings): FailureSpec[] | undefined {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return undefined;
  const failures: FailureSpec[] = [];
  let complete = true;
  raw.forEach((entry: unknown, index) => {
    const failure = isRecord(entry) ? resolveFailure(entry, ['failures', index], cluster, findings) : undefined;
    if (failure === undefined) complete = false;
    else failures.push(failure);
  });
  return complete ? failures : undefined;
}

function resolveFailure(
  entry: Record<string, unknown>,
  path: FieldPath,
  cluster: SelectorCluster | undefined,
  findings: Findings,
): FailureSpec | undefined {
  const selector = (): NodeSelector | undefined => checkSelector(entry.nodes, [...path, 'nodes'], cluster, findings);
  const distribution = (key: string): DistSpec | undefined =>
    resolveDistribution(entry[key], [...path, key], 'duration', findings);
  switch (entry.kind) {
    case 'crash': {
      const target = selector();
      const timeToFailure = distribution('timeToFailure');
      const timeToRepair = distribution('timeToRepair');
      if (target === undefined || timeToFailure === undefined || timeToRepair === undefined) return undefined;
      return { kind: 'crash', nodes: target, timeToFailure, timeToRepair };
    }
    case 'domain':
      return resolveDomain(entry, path, selector(), findings);
    case 'partition':
    case 'slow':
      return resolveEpisodes(entry, path, selector(), findings);
    case 'timeline':
      return resolveTimeline(entry, path, cluster, findings);
    default:
      return undefined; // unknown or missing kind: reported by the schema check
  }
}

/** A domain outage: at its own rate (timeToFailure and timeToRepair), at given times (at and duration), or both. */
function resolveDomain(
  entry: Record<string, unknown>,
  path: FieldPath,
  target: NodeSelector | undefined,
  findings: Findings,
): FailureSpec | undefined {
  const timeToFailure = resolveDistribution(entry.timeToFailure, [...path, 'timeToFailure'], 'duration', findings);
  const timeToRepair = resolveDistribution(entry.timeToRepair, [...path, 'timeToRepair'], 'duration', findings);
  const at = resolveTimes(entry.at, [...path, 'at'], findings);
  const duration = readQuantity(entry.duration, [...path, 'duration'], 'duration', findings, POSITIVE);
  const written = (key: string): boolean => entry[key] !== undefined;
  let complete = target !== undefined;
  const needs = (key: string, other: string, valid: string): void => {
    if (!written(key) || written(other)) return;
    findings.error({ path: [...path, other], locate: path, rule: `missing required key: a domain with ${key} needs ${other}`, valid });
    complete = false;
  };
  needs('timeToFailure', 'timeToRepair', DURATION_DISTRIBUTION_VALID);
  needs('timeToRepair', 'timeToFailure', DURATION_DISTRIBUTION_VALID);
  needs('at', 'duration', quantityValidText('duration', POSITIVE));
  needs('duration', 'at', TIMES_VALID);
  if (!written('timeToFailure') && !written('timeToRepair') && !written('at') && !written('duration')) {
    findings.error({
      path,
      rule: 'a domain failure needs timeToFailure and timeToRepair, or at and duration',
      valid: 'timeToFailure and timeToRepair (outages at their own rate), at and duration (outages at given times), or both',
    });
    complete = false;
  }
  const fine = (key: string, read: unknown): boolean => !written(key) || read !== undefined;
  if (
    !complete ||
    !fine('timeToFailure', timeToFailure) ||
    !fine('timeToRepair', timeToRepair) ||
    !fine('at', at) ||
    !fine('duration', duration)
  ) {
    return undefined;
  }
  const failure: FailureSpec = { kind: 'domain', nodes: target! };
  if (timeToFailure !== undefined) failure.timeToFailure = timeToFailure;
  if (timeToRepair !== undefined) failure.timeToRepair = timeToRepair;
  if (at !== undefined) failure.at = at;
  if (duration !== undefined) failure.duration = duration;
  return failure;
}

/** Partitions and slowdowns: episodes at given times (`at`) and/or as a renewal process (`timeBetween`). */
function resolveEpisodes(
  entry: Record<string, unknown>,
  path: FieldPath,
  target: NodeSelector | undefined,
  findings: Findings,
): FailureSpec | undefined {
  const kind = entry.kind as 'partition' | 'slow';
  const at = resolveTimes(entry.at, [...path, 'at'], findings);
  const timeBetween = resolveDistribution(entry.timeBetween, [...path, 'timeBetween'], 'duration', findings);
  const duration = resolveDistribution(entry.duration, [...path, 'duration'], 'duration', findings);
  const factor = kind === 'slow' ? readFraction(entry.factor, [...path, 'factor'], FACTOR_VALID, findings) : 1;
  let complete = target !== undefined && duration !== undefined && factor !== undefined;
  if (entry.at === undefined && entry.timeBetween === undefined) {
    findings.error({
      path: [...path, 'at'],
      locate: path,
      rule: `missing required key: a ${kind === 'slow' ? 'slowdown' : 'partition'} needs at or timeBetween`,
      valid: `at: ${TIMES_VALID}; and/or timeBetween: ${DURATION_DISTRIBUTION_VALID}`,
    });
    complete = false;
  }
  if ((entry.at !== undefined && at === undefined) || (entry.timeBetween !== undefined && timeBetween === undefined)) {
    complete = false;
  }
  if (!complete) return undefined;
  const episodes: { timeBetween?: DistSpec; duration: DistSpec; at?: number[] } = { duration: duration! };
  if (timeBetween !== undefined) episodes.timeBetween = timeBetween;
  if (at !== undefined) episodes.at = at;
  return kind === 'slow'
    ? { kind, nodes: target!, factor: factor!, ...episodes }
    : { kind, nodes: target!, ...episodes };
}

const ACTIONS = ['crash', 'partition', 'slow', 'add', 'remove'] as const;
/** Steps that last `for`; the membership steps (add, remove) last. */
const EPISODES: readonly string[] = ['crash', 'partition', 'slow'];

function resolveTimeline(
  entry: Record<string, unknown>,
  path: FieldPath,
  cluster: SelectorCluster | undefined,
  findings: Findings,
): FailureSpec | undefined {
  if (!Array.isArray(entry.steps)) return undefined;
  const steps: TimelineStep[] = [];
  let complete = true;
  entry.steps.forEach((raw: unknown, index) => {
    const step = isRecord(raw) ? resolveStep(raw, [...path, 'steps', index], cluster, findings) : undefined;
    if (step === undefined) complete = false;
    else steps.push(step);
  });
  return complete && steps.length > 0 ? { kind: 'timeline', steps } : undefined;
}

function resolveStep(
  step: Record<string, unknown>,
  path: FieldPath,
  cluster: SelectorCluster | undefined,
  findings: Findings,
): TimelineStep | undefined {
  const at = readQuantity(step.at, [...path, 'at'], 'duration', findings, NON_NEGATIVE);
  const actions = ACTIONS.filter((action) => step[action] !== undefined);
  if (actions.length === 0) {
    findings.error({
      path: [...path, 'crash'],
      locate: path,
      rule: 'missing required key: a step needs one of crash, partition, slow, add, remove',
      valid: `crash: <nodes>, partition: [<nodes>, ...] or slow: <nodes> with factor, and for; add: ${ADD_VALID}; remove: ${REMOVE_VALID}`,
    });
    return undefined;
  }
  if (!EPISODES.includes(actions[0])) return resolveMembershipStep(step, path, actions, at, findings);
  const length = readQuantity(step.for, [...path, 'for'], 'duration', findings, POSITIVE);
  if (step.for === undefined) {
    findings.error({
      path: [...path, 'for'],
      locate: path,
      rule: `missing required key: a ${actions[0]} step needs for (how long it lasts)`,
      valid: 'a duration > 0, e.g. 30s',
    });
  }
  let complete = oneActionOnly(actions, path, findings);
  const action = actions[0] as 'crash' | 'partition' | 'slow';
  if (action !== 'slow' && step.factor !== undefined) {
    findings.error({
      path: [...path, 'factor'],
      anchor: 'key',
      value: 'factor',
      rule: `factor belongs to a slow step, not to a ${action} step`,
      valid: 'remove factor, or make the step slow: <nodes>',
    });
    complete = false;
  }
  let factor: number | undefined = 1;
  if (action === 'slow') {
    factor = readFraction(step.factor, [...path, 'factor'], FACTOR_VALID, findings);
    if (step.factor === undefined) {
      findings.error({ path: [...path, 'factor'], locate: path, rule: 'missing required key: a slow step needs factor', valid: FACTOR_VALID });
    }
  }
  let partition: NodeSelector[] | undefined;
  let target: NodeSelector | undefined;
  if (action === 'partition') {
    const written = step.partition;
    const list: unknown[] = Array.isArray(written) ? written : [written];
    const checked = list.map((s, i) => checkSelector(s, Array.isArray(written) ? [...path, 'partition', i] : [...path, 'partition'], cluster, findings));
    partition = checked.every((s) => s !== undefined) && checked.length > 0 ? (checked as NodeSelector[]) : undefined;
  } else {
    target = checkSelector(step[action], [...path, action], cluster, findings);
  }
  if (!complete || at === undefined || length === undefined || factor === undefined) return undefined;
  if (action === 'partition') return partition === undefined ? undefined : { at, partition, for: length };
  if (target === undefined) return undefined;
  return action === 'crash' ? { at, crash: target, for: length } : { at, slow: target, factor, for: length };
}

/** Reports every action of a step after its first (a step does one thing); true when it has only one. */
function oneActionOnly(actions: readonly (typeof ACTIONS)[number][], path: FieldPath, findings: Findings): boolean {
  for (const extra of actions.slice(1)) {
    findings.error({
      path: [...path, extra],
      anchor: 'key',
      value: extra,
      rule: `a step does one thing, and this one already has '${actions[0]}'`,
      valid: 'exactly one of crash, partition, slow, add, remove per step; write two steps with the same at',
    });
  }
  return actions.length === 1;
}

/**
 * An `add` or `remove` step. Its group or node is checked against the cluster as it stands when the step happens,
 * with the other membership steps, by resolve-membership.ts; here only its own keys.
 */
function resolveMembershipStep(
  step: Record<string, unknown>,
  path: FieldPath,
  actions: readonly (typeof ACTIONS)[number][],
  at: number | undefined,
  findings: Findings,
): TimelineStep | undefined {
  const action = actions[0];
  let complete = oneActionOnly(actions, path, findings);
  for (const key of ['for', 'factor']) {
    if (step[key] === undefined) continue;
    findings.error({
      path: [...path, key],
      anchor: 'key',
      value: key,
      rule: `${key} belongs to a crash, partition or slow step, not to an ${action} step (a membership change lasts)`,
      valid: `remove ${key}`,
    });
    complete = false;
  }
  const body = step[action];
  if (!complete || at === undefined || !isRecord(body)) return undefined; // a body of the wrong shape: the schema check's
  if (action === 'add') {
    const count = integerOr(body.count, 1, 1);
    if (typeof body.group !== 'string' || count === undefined) return undefined;
    return { at, add: { group: body.group, count } };
  }
  const drain = body.drain === undefined ? true : body.drain;
  if (typeof body.node !== 'string' || typeof drain !== 'boolean') return undefined;
  return { at, remove: { node: body.node, drain } };
}

/** `at`: one time or a list of times (durations >= 0), as a list; undefined when absent or invalid (reported). */
function resolveTimes(raw: unknown, path: FieldPath, findings: Findings): number[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
    const time = readQuantity(raw, path, 'duration', findings, NON_NEGATIVE);
    return time === undefined ? undefined : [time];
  }
  const times = raw.map((time, i) => readQuantity(time, [...path, i], 'duration', findings, NON_NEGATIVE));
  return times.length > 0 && times.every((time) => time !== undefined) ? (times as number[]) : undefined;
}

/** The cluster selectors are checked against: its nodes, and their zones' regions (undefined: `zones` is invalid). */
interface SelectorCluster {
  nodes: NodeTable;
  placement: ZonePlacement | undefined;
}

/**
 * A node selector that must name at least one node of the cluster: a group, a node name, `zone:<zone>`,
 * `region:<region>` or `*`. Without a valid cluster there is nothing to check against; the cluster's own errors are
 * reported.
 */
function checkSelector(
  raw: unknown,
  path: FieldPath,
  cluster: SelectorCluster | undefined,
  findings: Findings,
): NodeSelector | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined; // wrong type or empty: reported by the schema check
  if (cluster === undefined || selectNodes(cluster.nodes, raw, cluster.placement) !== null) return raw;
  if (raw.startsWith('region:') && cluster.placement === undefined) return raw;
  const { nodes, placement } = cluster;
  const groups = unique(nodes.map((node) => node.group));
  const zones = unique(nodes.map((node) => `zone:${node.zone}`));
  // Regions are offered once the file names some (`zones:`); before that every node is in region default.
  const regions = placement?.regions === undefined ? [] : unique(nodes.map((node) => `region:${regionOfZone(placement, node.zone)}`));
  const names = groups.map((group) => {
    const last = nodes.filter((node) => node.group === group).length - 1;
    return last === 0 ? `${group}-0` : `${group}-0 .. ${group}-${last}`;
  });
  const regionText = regions.length === 0 ? '' : `, a region (${shortList(regions)})`;
  findings.error({
    path,
    value: raw,
    rule: 'selects no node',
    valid: `a group (${shortList(groups)}), a node name (${shortList(names)}), a zone (${shortList(zones)})${regionText}, or * (every node)`,
    suggestion: selectorSuggestion(raw, nodes, groups, [...zones, ...regions]),
  });
  return undefined;
}

/** The selector probably meant: a zone or region written without its prefix, a misspelt group, zone or node name. */
function selectorSuggestion(raw: string, nodes: NodeTable, groups: string[], places: string[]): string | undefined {
  // web-3 in a group of three: an index past the end, not a typo; the valid names say how far the group goes.
  const indexed = /^(.*)-\d+$/.exec(raw);
  if (indexed !== null && groups.includes(indexed[1])) return undefined;
  const prefixed = places.find((place) => place === `zone:${raw}` || place === `region:${raw}`);
  if (prefixed !== undefined) return prefixed;
  if (raw.startsWith('zone:') && groups.includes(raw.slice('zone:'.length))) return raw.slice('zone:'.length);
  if (['all', 'any', 'every'].includes(raw.toLowerCase())) return '*';
  // Node names only for clusters small enough to search; groups, zones and regions always.
  const names = nodes.length <= 10_000 ? nodes.map((node) => node.name) : [];
  return didYouMean(raw, [...groups, ...places, ...names]);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function shortList(values: string[]): string {
  return values.length <= 6 ? values.join(', ') : `${values.slice(0, 6).join(', ')}, ...`;
}

const DETECTION_TIMEOUT: TimeoutWording = { name: 'the detection timeout', key: 'timeout', aKey: 'a timeout', typicalHeartbeats: [3, 5],
  consequence: 'a node would be suspected between two of its own heartbeats, all the time' };

function resolveDetection(raw: unknown, findings: Findings): DetectionSpec | undefined {
  if (raw !== undefined && !isRecord(raw)) return undefined; // reported by the schema check
  const section: Record<string, unknown> = isRecord(raw) ? raw : {};
  const heartbeat = readQuantity(section.heartbeat ?? DEFAULTS.heartbeat, ['detection', 'heartbeat'], 'duration', findings, POSITIVE);
  const timeout = readQuantity(section.timeout ?? DEFAULTS.detectionTimeout, ['detection', 'timeout'], 'duration', findings, POSITIVE);
  if (heartbeat === undefined || timeout === undefined) return undefined;
  if (timeout > heartbeat) return { heartbeat, timeout };
  const at = (key: string) => ({ path: ['detection', key], written: section[key] });
  reportTimeoutNotAboveHeartbeat(DETECTION_TIMEOUT, [heartbeat, timeout], [at('heartbeat'), at('timeout')], findings);
  return undefined;
}

function resolveClients(raw: unknown, findings: Findings): ClientSpec | undefined {
  if (raw !== undefined && !isRecord(raw)) return undefined; // reported by the schema check
  const section: Record<string, unknown> = isRecord(raw) ? raw : {};
  const timeout = readQuantity(section.timeout ?? DEFAULTS.clientTimeout, ['clients', 'timeout'], 'duration', findings, {
    ...POSITIVE,
    none: true,
  });
  const retries = integerOr(section.retries, 0, DEFAULTS.retries);
  if (section.backoff !== undefined && !isRecord(section.backoff)) return undefined;
  const backoff: Record<string, unknown> = isRecord(section.backoff) ? section.backoff : {};
  const base = readQuantity(backoff.base ?? DEFAULTS.backoffBase, ['clients', 'backoff', 'base'], 'duration', findings, NON_NEGATIVE);
  const factor = backoff.factor === undefined ? DEFAULTS.backoffFactor : backoff.factor;
  const jitter = stringOr<Jitter>(backoff.jitter, DEFAULTS.jitter, ['none', 'full', 'equal']);
  const factorValid = typeof factor === 'number' && Number.isFinite(factor) && factor >= 1;
  if (timeout === undefined || retries === undefined || base === undefined || !factorValid || jitter === undefined) return undefined;
  if (timeout === Infinity && retries > 0) {
    findings.warning({
      path: ['clients', 'retries'],
      rule: 'has no effect without a client timeout: a client that waits forever never retries (a lost request fails at once)',
      valid: 'a clients.timeout such as 1s, or retries: 0',
    });
  }
  return { timeout, retries, backoff: { base, factor, jitter } };
}

function resolveSlo(raw: unknown, nodes: NodeTable | undefined, findings: Findings): SloSpec | undefined {
  if (raw !== undefined && !isRecord(raw)) return undefined; // reported by the schema check
  const section: Record<string, unknown> = isRecord(raw) ? raw : {};
  let minHealthy = integerOr(section.minHealthy, 1, DEFAULTS.minHealthy);
  if (minHealthy !== undefined && nodes !== undefined && minHealthy > nodes.length) {
    findings.error({
      path: ['slo', 'minHealthy'],
      value: section.minHealthy,
      rule: `must be at most ${nodes.length} (the number of nodes)`,
      valid: `an integer from 1 to ${nodes.length}`,
    });
    minHealthy = undefined;
  }
  const p99 = readQuantity(section.p99, ['slo', 'p99'], 'duration', findings, POSITIVE);
  const mean = readQuantity(section.mean, ['slo', 'mean'], 'duration', findings, POSITIVE);
  const availability = readFraction(section.availability, ['slo', 'availability'], AVAILABILITY_VALID, findings);
  const successRatio = readFraction(section.successRatio, ['slo', 'successRatio'], AVAILABILITY_VALID, findings);
  const minThroughput = readQuantity(section.minThroughput, ['slo', 'minThroughput'], 'rate', findings, POSITIVE);
  const fine = (key: string, read: unknown): boolean => section[key] === undefined || read !== undefined;
  const keys = ['p99', 'mean', 'availability', 'successRatio', 'minThroughput'] as const;
  const read = { p99, mean, availability, successRatio, minThroughput };
  if (minHealthy === undefined || keys.some((key) => !fine(key, read[key]))) return undefined;
  const slo: SloSpec = { minHealthy, successRatio: successRatio ?? DEFAULTS.successRatio };
  if (minThroughput !== undefined) slo.minThroughput = minThroughput;
  if (p99 !== undefined) slo.p99 = p99;
  if (mean !== undefined) slo.mean = mean;
  if (availability !== undefined) slo.availability = availability;
  return slo;
}
