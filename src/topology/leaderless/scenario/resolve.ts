import type { Findings } from '../../../scenario/issues.js';
import { integerOr, isRecord, readQuantity, stringOr } from '../../../scenario/resolve-values.js';
import { parseQuantity } from '../../../scenario/units.js';
import { seconds } from '../../../scenario/wording.js';
import { regionOfZone } from '../../../model/zones.js';
import type { LeaderlessTopologySpec, QuorumLevel, SpeculativeRetry } from '../spec.js';
import { LEADERLESS_DEFAULTS } from './defaults.js';
import { REGION_LEVELS, isRegionLevel, regionLevelSize } from '../region-levels.js';
import { PERCENTILE_PATTERN, READ_QUORUM_VALID, SPECULATIVE_RETRY_VALID, WRITE_QUORUM_VALID } from './schema.js';

const POSITIVE = { min: 0, exclusive: true };

/** A consistency level's number of replicas out of N: one 1, quorum a majority floor(N/2) + 1, all N. */
export function quorumSize(level: QuorumLevel, replicas: number): number {
  if (typeof level === 'number') return level;
  if (level === 'quorum') return Math.floor(replicas / 2) + 1;
  if (level === 'all') return replicas;
  // one, and any (which counts a hint as an acknowledgement in Cassandra: with no hinted handoff yet, one replica).
  return 1;
}

function readLevel(raw: unknown, fallback: QuorumLevel, words: readonly string[]): QuorumLevel | undefined {
  if (raw === undefined) return fallback;
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 ? raw : undefined;
  return typeof raw === 'string' && words.includes(raw) ? (raw as QuorumLevel) : undefined;
}

/**
 * `topology: { kind: leaderless }` into its resolved spec, defaults applied. Wrong types and unknown words are the
 * schema check's; here: a numeric quorum no larger than replicas, requestTimeout > 0, tVisibility increasing from 0.
 * (replicas against the node count is checkFit's, which sees the nodes.) Undefined when anything is invalid.
 */
export function resolveLeaderless(raw: Record<string, unknown>, findings: Findings): LeaderlessTopologySpec | undefined {
  const replicasPerRegion = resolvePerRegion(raw.replicas);
  const replicas =
    replicasPerRegion === null
      ? integerOr(raw.replicas, 1, LEADERLESS_DEFAULTS.replicas)
      : replicasPerRegion?.reduce((sum, entry) => sum + entry.replicas, 0);
  const virtualNodes = integerOr(raw.virtualNodes, 1, LEADERLESS_DEFAULTS.virtualNodes);
  const writeLevel = readLevel(raw.writeQuorum, LEADERLESS_DEFAULTS.writeQuorum, ['one', 'quorum', 'all', 'any', ...REGION_LEVELS]);
  const readLevelValue = readLevel(raw.readQuorum, LEADERLESS_DEFAULTS.readQuorum, ['one', 'quorum', 'all', ...REGION_LEVELS]);
  const coordinator = isRecord(raw.coordinator)
    ? typeof raw.coordinator.group === 'string'
      ? { group: raw.coordinator.group }
      : undefined // reported by the schema check
    : stringOr(raw.coordinator, LEADERLESS_DEFAULTS.coordinator, ['any', 'client', 'elected'] as const);
  const readFanout = stringOr(raw.readFanout, LEADERLESS_DEFAULTS.readFanout, ['all', 'quorum'] as const);
  const speculativeRetry = resolveSpeculativeRetry(raw.speculativeRetry ?? LEADERLESS_DEFAULTS.speculativeRetry, findings);
  const readRepair = stringOr(raw.readRepair, LEADERLESS_DEFAULTS.readRepair, ['none', 'async', 'blocking'] as const);
  const requestTimeout = readQuantity(
    raw.requestTimeout ?? LEADERLESS_DEFAULTS.requestTimeout,
    ['topology', 'requestTimeout'],
    'duration',
    findings,
    POSITIVE,
  );
  const tVisibility = resolveEdges(raw.tVisibility, findings);
  const antiEntropy = resolveAntiEntropy(raw.antiEntropy, findings);
  const sloppyQuorum = raw.sloppyQuorum === undefined ? LEADERLESS_DEFAULTS.sloppyQuorum : raw.sloppyQuorum === true;
  const handoff = isRecord(raw.hintedHandoff) ? raw.hintedHandoff : {};
  const replay = readQuantity(handoff.replay ?? LEADERLESS_DEFAULTS.hintedHandoff.replay, ['topology', 'hintedHandoff', 'replay'], 'duration', findings, POSITIVE);
  const maxHintAge = readQuantity(
    handoff.maxHintAge ?? LEADERLESS_DEFAULTS.hintedHandoff.maxHintAge,
    ['topology', 'hintedHandoff', 'maxHintAge'],
    'duration',
    findings,
    POSITIVE,
  );
  if (
    replicas === undefined ||
    virtualNodes === undefined ||
    writeLevel === undefined ||
    readLevelValue === undefined ||
    coordinator === undefined ||
    readFanout === undefined ||
    speculativeRetry === undefined ||
    readRepair === undefined ||
    requestTimeout === undefined ||
    tVisibility === undefined ||
    antiEntropy === undefined ||
    replay === undefined ||
    maxHintAge === undefined
  ) {
    return undefined;
  }
  let complete = true;
  for (const [key, level, valid] of [
    ['writeQuorum', writeLevel, WRITE_QUORUM_VALID],
    ['readQuorum', readLevelValue, READ_QUORUM_VALID],
  ] as const) {
    if (typeof level === 'number' && level > replicas) {
      findings.error({
        path: ['topology', key],
        value: level,
        rule: `is more than replicas (${replicas}): no request could ever gather that many replies`,
        valid: valid.replace('replicas', String(replicas)),
      });
      complete = false;
    }
  }
  for (const [key, level] of [
    ['writeQuorum', writeLevel],
    ['readQuorum', readLevelValue],
  ] as const) {
    if (!isRegionLevel(level)) continue;
    const conflict =
      replicasPerRegion === null
        ? ['needs replicas per region', 'replicas: { <region>: <count>, ... }']
        : sloppyQuorum
          ? ['is not modelled with sloppyQuorum: true (a stand-in of another region would count)', 'sloppyQuorum: false']
          : key === 'readQuorum' && readFanout === 'quorum'
            ? ['is not modelled with readFanout: quorum', 'readFanout: all']
            : null;
    if (conflict === null) continue;
    findings.error({ path: ['topology', key], value: level, rule: conflict[0], valid: conflict[1] });
    complete = false;
  }
  if (!complete) return undefined;
  const quotas = (replicasPerRegion ?? []).map((entry) => entry.replicas);
  const size = (level: QuorumLevel): number => (isRegionLevel(level) ? regionLevelSize(level, quotas) : quorumSize(level, replicas));
  return {
    kind: 'leaderless',
    replicas,
    replicasPerRegion: replicasPerRegion ?? null,
    virtualNodes,
    writeQuorum: size(writeLevel),
    readQuorum: size(readLevelValue),
    writeLevel,
    readLevel: readLevelValue,
    coordinator,
    readFanout,
    speculativeRetry,
    readRepair,
    sloppyQuorum,
    hintedHandoff: { replay, maxHintAge },
    antiEntropy,
    requestTimeout,
    tVisibility,
  };
}

/**
 * `replicas: { <region>: <count>, ... }` in the order written; null when replicas is not a map (a number, or absent),
 * undefined when a count is malformed (the schema check reports it).
 */
function resolvePerRegion(raw: unknown): LeaderlessTopologySpec['replicasPerRegion'] | undefined {
  if (!isRecord(raw)) return null;
  const entries = Object.entries(raw);
  if (entries.length === 0) return undefined;
  const out: { region: string; replicas: number }[] = [];
  for (const [region, count] of entries) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return undefined;
    out.push({ region, replicas: count });
  }
  return out;
}

/** `antiEntropy: { every, bandwidth }`, or null when absent. */
function resolveAntiEntropy(raw: unknown, findings: Findings): { every: number; bandwidth: number } | null | undefined {
  if (raw === undefined) return null;
  if (!isRecord(raw)) return undefined; // reported by the schema check
  const path = ['topology', 'antiEntropy'];
  const every = readQuantity(raw.every, [...path, 'every'], 'duration', findings, POSITIVE);
  const bandwidth = readQuantity(raw.bandwidth ?? 'unbounded', [...path, 'bandwidth'], 'bandwidth', findings, { ...POSITIVE, unbounded: true });
  return every === undefined || bandwidth === undefined ? undefined : { every, bandwidth };
}

/** `none`, `p99` (a percentile of the observed replica round trips), or a duration > 0. */
function resolveSpeculativeRetry(raw: unknown, findings: Findings): SpeculativeRetry | undefined {
  if (raw === 'none') return { kind: 'none' };
  const path = ['topology', 'speculativeRetry'];
  if (typeof raw === 'string' && new RegExp(PERCENTILE_PATTERN).test(raw.trim())) {
    const percent = Number(raw.trim().slice(1));
    if (percent < 100) return { kind: 'percentile', quantile: percent / 100 };
    findings.error({ path, value: raw, rule: 'must be below p100: a retry after the slowest reply never helps', valid: SPECULATIVE_RETRY_VALID });
    return undefined;
  }
  // Neither a percentile nor a duration: the schema check has said so already (one message, not two).
  if (!parseQuantity(raw, 'duration').ok) return undefined;
  const seconds = readQuantity(raw, path, 'duration', findings, POSITIVE);
  return seconds === undefined ? undefined : { kind: 'after', seconds };
}

/** The t-visibility edges: durations, the first 0, each above the one before. */
function resolveEdges(raw: unknown, findings: Findings): number[] | undefined {
  const written = raw ?? LEADERLESS_DEFAULTS.tVisibility;
  if (!Array.isArray(written) || written.length === 0) return undefined; // reported by the schema check
  const path = ['topology', 'tVisibility'];
  const edges = written.map((edge: unknown, i) => readQuantity(edge, [...path, i], 'duration', findings, { min: 0 }));
  if (edges.some((edge) => edge === undefined)) return undefined;
  const values = edges as number[];
  if (values[0] !== 0) {
    findings.error({ path: [...path, 0], value: written[0], rule: 'must be 0: the first bucket starts at the commit', valid: '0ms' });
    return undefined;
  }
  for (let i = 1; i < values.length; i++) {
    if (values[i] > values[i - 1]) continue;
    findings.error({
      path: [...path, i],
      value: written[i],
      rule: `must be above the edge before it (${seconds(values[i - 1])})`,
      valid: 'a list of increasing durations starting at 0 (e.g. [0ms, 1ms, 10ms])',
    });
    return undefined;
  }
  return values;
}

/** Nodes the file declares outside group `except`: the sum of every group's count (1 when absent). */
function declaredNodes(raw: Record<string, unknown>, except: string | null): number | undefined {
  if (!Array.isArray(raw.nodes)) return undefined;
  let total = 0;
  for (const group of raw.nodes) {
    if (!isRecord(group)) return undefined;
    const count = group.count ?? 1;
    if (typeof count !== 'number') return undefined;
    if (group.group !== except) total += count;
  }
  return total;
}

/**
 * A scaled group of ring nodes whose `min` would leave fewer than N nodes on the ring: the ring keeps N (a scale-in
 * below is not carried out, rebalance.ts needs N distinct owners per key), so the controller's `min` is not reached.
 */
function checkScaledRing(raw: Record<string, unknown>, replicas: number, tier: string | null, ringNodes: number, findings: Findings): void {
  if (!Array.isArray(raw.scaling)) return;
  raw.scaling.forEach((entry: unknown, i) => {
    if (!isRecord(entry) || typeof entry.group !== 'string' || entry.group === tier || typeof entry.min !== 'number') return;
    // declaredNodes(raw, null) counts every node; without the scaled group, what stays on the ring besides it.
    const inGroup = (declaredNodes(raw, null) ?? 0) - (declaredNodes(raw, entry.group) ?? 0);
    const others = ringNodes - inGroup;
    if (entry.min + others >= replicas) return;
    findings.warning({
      path: ['scaling', i, 'min'],
      value: entry.min,
      rule: `leaves ${entry.min + others} node(s) on the leaderless ring, fewer than its ${replicas} replicas: scale-ins stop at ${replicas} ring nodes`,
      valid: `a min of at least ${replicas - others}`,
    });
  });
}

/** The region of each ring node the file declares (groups expanded by count, a coordinator tier's left out). */
function ringNodeRegions(raw: Record<string, unknown>, tier: string | null): string[] {
  const zones = isRecord(raw.zones) ? raw.zones : {};
  const regions: Record<string, string> = {};
  for (const [zone, entry] of Object.entries(zones)) {
    if (isRecord(entry) && typeof entry.region === 'string') regions[zone] = entry.region;
  }
  const groups = Array.isArray(raw.nodes) ? raw.nodes : [];
  return groups.flatMap((group: unknown) => {
    if (!isRecord(group) || (tier !== null && group.group === tier)) return [];
    const region = regionOfZone({ regions }, typeof group.zone === 'string' ? group.zone : 'default');
    const count = typeof group.count === 'number' && Number.isInteger(group.count) ? group.count : 1;
    return Array.from({ length: Math.max(0, Math.min(count, 100_000)) }, () => region);
  });
}

/** Per-region replicas: every region named holds ring nodes, at least as many as its replicas. */
function checkRegionReplicas(
  raw: Record<string, unknown>,
  perRegion: NonNullable<LeaderlessTopologySpec['replicasPerRegion']>,
  tier: string | null,
  findings: Findings,
): void {
  const regions = ringNodeRegions(raw, tier);
  const known = [...new Set(regions)].sort().join(', ');
  for (const { region, replicas } of perRegion) {
    const nodes = regions.filter((r) => r === region).length;
    const path = ['topology', 'replicas', region];
    if (nodes === 0) {
      findings.error({ path, anchor: 'key', rule: `no ring node is in a region '${region}'`, valid: `a region of the nodes: ${known}` });
    } else if (replicas > nodes) {
      findings.error({
        path,
        value: replicas,
        rule: `is more than the ${nodes} ring node(s) of region ${region}: a key's replicas there are on distinct nodes`,
        valid: `an integer from 1 to ${nodes}`,
      });
    }
  }
}

/**
 * A LOCAL level counts the replicas of the clients' region: every class names one (`region:`) among the regions of
 * `replicas:`.
 */
function checkLocalClients(raw: Record<string, unknown>, topology: LeaderlessTopologySpec, findings: Findings): void {
  const levels = [topology.writeLevel, topology.readLevel].filter(isRegionLevel);
  if (levels.length === 0) return;
  if (!levels.some((level) => level !== 'each_quorum') || !Array.isArray(raw.workload)) return;
  const regions = (topology.replicasPerRegion ?? []).map((entry) => entry.region);
  raw.workload.forEach((workloadClass: unknown, i) => {
    if (!isRecord(workloadClass)) return;
    const region = workloadClass.region;
    if (typeof region === 'string' && regions.includes(region)) return;
    findings.error({
      path: region === undefined ? ['workload', i] : ['workload', i, 'region'],
      anchor: region === undefined ? 'key' : undefined,
      value: region === undefined ? workloadClass.class : region,
      rule:
        region === undefined
          ? 'has no region: a LOCAL consistency level counts the replicas of its clients\' region'
          : 'holds no replicas: a LOCAL consistency level counts the replicas of its clients\' region',
      valid: `region: one of ${regions.join(', ')}`,
    });
  });
}

/** A coordinator tier names a node group of the file. */
function checkTier(raw: Record<string, unknown>, tier: string, findings: Findings): boolean {
  const groups = Array.isArray(raw.nodes) ? raw.nodes.flatMap((g: unknown) => (isRecord(g) && typeof g.group === 'string' ? [g.group] : [])) : [];
  if (groups.includes(tier)) return true;
  findings.error({
    path: ['topology', 'coordinator', 'group'],
    value: tier,
    rule: 'is not a node group of this file',
    valid: groups.length === 0 ? 'a node group' : groups.join(', '),
  });
  return false;
}

/**
 * The rules that tie the store to the rest of the file: N replicas need N nodes, and every workload class must
 * address keys (a request's replicas are its key's); the balancer matters only to pick coordinators.
 */
export function checkLeaderlessFit(raw: Record<string, unknown>, topology: LeaderlessTopologySpec | undefined, findings: Findings): void {
  if (topology === undefined) return;
  const tier = typeof topology.coordinator === 'object' ? topology.coordinator.group : null;
  if (tier !== null && !checkTier(raw, tier, findings)) return;
  const nodes = declaredNodes(raw, tier);
  if (topology.replicasPerRegion !== null) checkRegionReplicas(raw, topology.replicasPerRegion, tier, findings);
  else if (nodes !== undefined && topology.replicas > nodes) {
    const written = isRecord(raw.topology) ? raw.topology.replicas : undefined;
    const outside = tier === null ? '' : ` outside the coordinator group ${tier}`;
    findings.error({
      path: ['topology', 'replicas'],
      anchor: written === undefined ? 'key' : undefined,
      value: written ?? topology.replicas,
      rule: `is more than the ${nodes} node(s) of the cluster${outside}: each key's replicas are on distinct nodes`,
      valid: `an integer from 1 to ${nodes}`,
    });
  }
  if (Array.isArray(raw.workload)) {
    raw.workload.forEach((workloadClass: unknown, i) => {
      if (!isRecord(workloadClass) || workloadClass.keys !== undefined) return;
      findings.error({
        path: ['workload', i],
        anchor: 'key',
        value: workloadClass.class,
        rule: 'has no keys: with topology leaderless every request addresses a key, which names its replicas',
        valid: 'keys: { count: <n>, popularity: uniform | zipf }',
      });
    });
  }
  checkLocalClients(raw, topology, findings);
  if (nodes !== undefined) checkScaledRing(raw, topology.replicas, tier, nodes, findings);
  const balancer = isRecord(raw.balancer) ? raw.balancer : {};
  const bypass = { client: 'clients send to the replicas themselves', elected: 'the nodes elect each coordinator' };
  if (topology.coordinator === 'client' || topology.coordinator === 'elected') {
    for (const key of ['policy', 'dispatchers', 'info']) {
      if (balancer[key] === undefined) continue;
      findings.warning({
        path: ['balancer', key],
        anchor: 'key',
        rule: `has no effect with topology leaderless and coordinator ${topology.coordinator}: ${bypass[topology.coordinator]}`,
        valid: `remove balancer.${key}, or coordinator: any`,
      });
    }
  }
}
