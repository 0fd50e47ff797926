import type { RunSpec, ScenarioSpec } from '../model/spec.js';
import { DEFAULTS } from './defaults.js';
import type { Findings } from './issues.js';
import { resolveNetwork, resolvePlacement } from './resolve-network.js';
import { checkRouteRegions } from './resolve-region-routes.js';
import { resolveNodes } from './resolve-nodes.js';
import type { PluginGate } from './plugin-permission.js';
import { resolveBalancer, type PolicyRegistry } from './resolve-policy.js';
import { resolveReliability } from './resolve-reliability.js';
import { resolveTopology } from './resolve-topology.js';
import { checkMembership } from './resolve-membership.js';
import { checkClientRegions } from './client-regions.js';
import { resolveScaling } from './resolve-scaling.js';
import {
  integerOr,
  isPercentage,
  isRecord,
  optionalInteger,
  quantityValidText,
  readQuantity,
} from './resolve-values.js';
import { resolveSweep } from './resolve-sweep.js';
import { resolveWorkload } from './resolve-workload.js';
import { checkIntervalCount } from './run-limits.js';
import { describeField } from './schema-parts.js';
import { parseQuantity } from './units.js';

export interface ResolveContext {
  /** The scenario's name when the file gives none (from the file name). */
  defaultName: string;
  /** The scenario file as the user named it: trace files are found from its folder. */
  file: string;
  /** Admits or refuses every plug-in module the scenario names (resolved against the scenario file's folder). */
  plugins: PluginGate;
  policies: PolicyRegistry;
}

/**
 * The raw parsed file into the resolved `ScenarioSpec`: units into plain numbers, groups into nodes, defaults
 * applied. Reports every problem it can see into `findings` and keeps going, so one pass reports them all. Returns
 * undefined when any part could not be resolved; the caller discards the spec anyway if anything was reported.
 */
export function resolveScenario(raw: unknown, context: ResolveContext, findings: Findings): ScenarioSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const run = resolveRun(raw, findings);
  const nodes = resolveNodes(raw.nodes, findings);
  // Zones, selectors and minHealthy are checked against the cluster, when there is one (an empty one is an error already).
  const cluster = nodes?.length === 0 ? undefined : nodes;
  const placement = resolvePlacement(raw, cluster, findings);
  const network = resolveNetwork(raw, cluster, placement, findings);
  const balancer = resolveBalancer(raw.balancer, context.plugins, context.policies, findings);
  const workload = resolveWorkload(raw.workload, context.file, findings);
  const reliability = resolveReliability(raw, cluster, findings, placement);
  const topology = resolveTopology(raw, findings);
  checkRouteRegions(raw, cluster, placement, topology?.topology, findings);
  const sweep = resolveSweep(raw.sweep, findings);
  const scaling = resolveScaling(raw, cluster, findings);
  const membership =
    cluster === undefined || reliability?.reliability === undefined || checkMembership(raw, cluster, reliability.reliability, findings);
  const name = raw.name === undefined ? context.defaultName : raw.name;
  const description = raw.description === undefined ? DEFAULTS.description : raw.description;
  const seed = raw.seed === undefined ? DEFAULTS.seed : raw.seed;
  if (
    run === undefined ||
    nodes === undefined ||
    network === undefined ||
    balancer === undefined ||
    workload === undefined ||
    reliability === undefined ||
    topology === undefined ||
    sweep === null ||
    scaling === undefined ||
    !membership ||
    typeof name !== 'string' ||
    typeof description !== 'string' ||
    (typeof seed !== 'string' && typeof seed !== 'number')
  ) {
    return undefined;
  }
  const spec: ScenarioSpec = { name, description, seed: String(seed), run, nodes, network, balancer, workload };
  if (reliability.reliability !== undefined) spec.reliability = reliability.reliability;
  if (topology.topology !== undefined) spec.topology = topology.topology;
  if (sweep !== undefined) spec.sweep = sweep;
  if (scaling.scaling !== undefined) spec.scaling = scaling.scaling;
  checkIntervalCount(spec, raw.interval, findings);
  checkClientRegions(spec, findings);
  return spec;
}

/** The run keys, which sit at the top level of the file: duration, requests, warmup, replications, ... */
function resolveRun(raw: Record<string, unknown>, findings: Findings): RunSpec | undefined {
  const duration = readQuantity(raw.duration, ['duration'], 'duration', findings, { min: 0, exclusive: true });
  const requests = optionalInteger(raw.requests, 1);
  if (raw.duration === undefined && raw.requests === undefined) {
    findings.error({
      path: ['duration'],
      locate: [],
      rule: 'missing stop condition: neither duration nor requests is given',
      valid: `duration (${quantityValidText('duration', { min: 0, exclusive: true })}) or requests (an integer >= 1)`,
    });
  }
  const warmup = resolveWarmup(raw.warmup, duration, raw.duration !== undefined, findings);
  const warmupRequests = optionalInteger(raw.warmupRequests, 0);
  const replications = integerOr(raw.replications, 1, DEFAULTS.replications);
  const maxEvents = optionalInteger(raw.maxEvents, 1);
  const interval = readQuantity(raw.interval, ['interval'], 'duration', findings, { min: 0, exclusive: true });
  // An optional key is fine when absent, or present and valid.
  const fine = (written: unknown, read: unknown): boolean => written === undefined || read !== undefined;
  const optionalsValid =
    fine(raw.duration, duration) &&
    fine(raw.requests, requests) &&
    fine(raw.warmupRequests, warmupRequests) &&
    fine(raw.maxEvents, maxEvents) &&
    fine(raw.interval, interval);
  const warmupAuto = isAuto(raw.warmup);
  if (warmupAuto && raw.warmupRequests !== undefined) {
    findings.error({
      path: ['warmupRequests'],
      value: raw.warmupRequests,
      rule: 'warmup: auto chooses the warm-up itself; warmupRequests would state another',
      valid: 'either warmup: auto or warmupRequests, not both',
    });
    return undefined;
  }
  if (warmup === undefined || replications === undefined || !optionalsValid) return undefined;
  const run: RunSpec = { warmup, replications };
  if (warmupAuto) run.warmupAuto = true;
  if (duration !== undefined) run.duration = duration;
  if (requests !== undefined) run.requests = requests;
  if (warmupRequests !== undefined && raw.warmupRequests !== undefined) run.warmupRequests = warmupRequests;
  if (maxEvents !== undefined) run.maxEvents = maxEvents;
  if (interval !== undefined) run.interval = interval;
  return run;
}

/** The warm-up word that asks MSER-5 to choose it (experiment/auto-warmup.ts). */
const AUTO = 'auto';
const isAuto = (raw: unknown): boolean => typeof raw === 'string' && raw.trim() === AUTO;

/** Warm-up: `auto`, a duration, or a percentage of `duration` (`10%`), which needs a duration to be a percentage of. */
function resolveWarmup(
  raw: unknown,
  duration: number | undefined,
  durationWritten: boolean,
  findings: Findings,
): number | undefined {
  if (raw === undefined || isAuto(raw)) return 0;
  const valid = `${describeField('warmup')}, or '${AUTO}'`;
  if (!isPercentage(raw)) {
    const read = parseQuantity(raw, 'duration');
    if (!read.ok) {
      findings.error({ path: ['warmup'], value: raw, rule: read.rule, valid, suggestion: read.suggestion });
      return undefined;
    }
    if (read.value < 0) {
      findings.error({ path: ['warmup'], value: raw, rule: 'must be at least 0', valid });
      return undefined;
    }
    return read.value;
  }
  const parsed = parseQuantity(raw, 'percentage');
  if (!parsed.ok) {
    findings.error({ path: ['warmup'], value: raw, rule: parsed.rule, valid });
    return undefined;
  }
  if (parsed.value < 0) {
    findings.error({ path: ['warmup'], value: raw, rule: 'must be at least 0%', valid });
    return undefined;
  }
  if (duration === undefined) {
    // A bad duration is reported on its own; only a missing one makes the percentage meaningless.
    if (!durationWritten) {
      findings.error({
        path: ['warmup'],
        value: raw,
        rule: 'a percentage warm-up needs a duration',
        valid: 'a duration such as 10min',
      });
    }
    return undefined;
  }
  return parsed.value * duration;
}
