import type { SingleLeaderTopologySpec } from '../../../model/spec.js';
import type { Findings } from '../../../scenario/issues.js';
import { resolveDistribution } from '../../../scenario/resolve-distribution.js';
import { isRecord, optionalInteger, readQuantity, stringOr } from '../../../scenario/resolve-values.js';
import { reportTimeoutNotAboveHeartbeat, type TimeoutWording } from '../../../scenario/timeout-above-heartbeat.js';
import { seconds } from '../../../scenario/wording.js';
import { SINGLE_LEADER_DEFAULTS } from './defaults.js';
import { ELECTION_TIMEOUT_VALID } from './schema.js';
import { checkStandbyRegion, resolveStandby } from './standby-resolve.js';
import { checkPlacement, resolvePlacement } from './placement-resolve.js';

const POSITIVE = { min: 0, exclusive: true };

const ELECTION_TIMEOUT: TimeoutWording = { name: 'the minimum election timeout', key: 'electionTimeout min', aKey: 'an electionTimeout', typicalHeartbeats: [3, 10],
  consequence: 'a follower would start an election between two heartbeats of a healthy leader' };

/**
 * `topology: { kind: single-leader }` into its resolved spec, defaults applied (decisionWork in scheduler mode too).
 * Wrong types and unknown words are the schema check's; here: durations > 0, heartbeat < electionTimeout min <= max.
 * Returns undefined when anything is invalid (reported).
 */
export function resolveSingleLeader(raw: Record<string, unknown>, findings: Findings): SingleLeaderTopologySpec | undefined {
  let complete = true;
  const mode = raw.mode === 'replicated' || raw.mode === 'scheduler' ? raw.mode : undefined;
  if (mode === undefined) complete = false; // missing or unknown: reported by the schema check
  const decisionWork = readQuantity(
    raw.decisionWork ?? SINGLE_LEADER_DEFAULTS.decisionWork,
    ['topology', 'decisionWork'],
    'duration',
    findings,
    POSITIVE,
  );
  if (decisionWork === undefined) complete = false;
  const replication = stringOr(raw.replication, SINGLE_LEADER_DEFAULTS.replication, ['async', 'quorum', 'all'] as const);
  const reads = stringOr(raw.reads, SINGLE_LEADER_DEFAULTS.reads, ['leader', 'any'] as const);
  const heartbeat = readQuantity(raw.heartbeat ?? SINGLE_LEADER_DEFAULTS.heartbeat, ['topology', 'heartbeat'], 'duration', findings, POSITIVE);
  const electionTimeout = resolveElectionTimeout(raw.electionTimeout, findings);
  const delay = resolveDistribution(raw.delay, ['topology', 'delay'], 'duration', findings);
  if (raw.delay !== undefined && delay === undefined) complete = false;
  // Its range (an integer, 0 .. MAX_SNAPSHOT_THRESHOLD) is the schema check's, reported with its position.
  const snapshotThreshold = optionalInteger(raw.snapshotThreshold, 0);
  if (raw.snapshotThreshold !== undefined && snapshotThreshold === undefined) complete = false;
  if (replication === undefined || reads === undefined || heartbeat === undefined || electionTimeout === undefined) {
    return undefined;
  }
  const [min] = electionTimeout;
  if (!(min > heartbeat)) {
    // Heard every heartbeat apart, a follower whose timeout is shorter would stand for election under a healthy
    // leader, again and again.
    const heartbeatAt = { path: ['topology', 'heartbeat'], written: raw.heartbeat };
    const first = Array.isArray(raw.electionTimeout) ? raw.electionTimeout[0] : raw.electionTimeout;
    const timeoutAt = { path: ['topology', 'electionTimeout', 0], written: first };
    reportTimeoutNotAboveHeartbeat(ELECTION_TIMEOUT, [heartbeat, min], [heartbeatAt, timeoutAt], findings);
    return undefined;
  }
  if (!complete || mode === undefined) return undefined;
  const spec: SingleLeaderTopologySpec = {
    kind: 'single-leader',
    mode,
    replication,
    reads,
    heartbeat,
    electionTimeout,
  };
  if (delay !== undefined) spec.delay = delay;
  if (snapshotThreshold !== undefined) spec.snapshotThreshold = snapshotThreshold;
  if (raw.standby !== undefined) {
    const standby = resolveStandby(raw.standby, findings);
    if (standby === undefined) return undefined;
    if (mode !== 'replicated') {
      findings.error({ path: ['topology', 'standby'], anchor: 'key', rule: 'needs mode replicated (a store to ship)', valid: 'mode: replicated, or no standby' });
      return undefined;
    }
    spec.standby = standby;
  }
  if (raw.placement !== undefined) {
    const placement = resolvePlacement(raw.placement);
    if (placement === undefined) return undefined; // malformed: reported by the schema check
    if (mode !== 'replicated') {
      findings.error({ path: ['topology', 'placement'], anchor: 'key', rule: 'needs mode replicated (a store whose nodes vote)', valid: 'mode: replicated, or no placement' });
      return undefined;
    }
    spec.placement = placement;
  }
  // The leader's work per task exists in scheduler mode only.
  if (mode === 'scheduler') spec.decisionWork = decisionWork;
  return spec;
}

/** `[min, max]`: two positive durations, min <= max; the default when absent. */
function resolveElectionTimeout(raw: unknown, findings: Findings): [number, number] | undefined {
  const written = raw ?? SINGLE_LEADER_DEFAULTS.electionTimeout;
  if (!Array.isArray(written) || written.length !== 2) return undefined; // reported by the schema check
  const path = ['topology', 'electionTimeout'];
  const [min, max] = written.map((bound: unknown, i) => readQuantity(bound, [...path, i], 'duration', findings, POSITIVE));
  if (min === undefined || max === undefined) return undefined;
  if (min > max) {
    findings.error({
      path,
      value: written,
      rule: `the minimum (${seconds(min)}) is above the maximum (${seconds(max)})`,
      valid: ELECTION_TIMEOUT_VALID,
    });
    return undefined;
  }
  return [min, max];
}

/**
 * The rules that tie the topology to the rest of the file, as warnings. With single-leader: the balancer's policy
 * (replicated mode), dispatchers and information have no effect. (Client timeouts and retries work in both modes.)
 */
export function checkSingleLeaderFit(raw: Record<string, unknown>, topology: SingleLeaderTopologySpec | undefined, findings: Findings): void {
  if (topology === undefined) return;
  if (topology.standby !== undefined) checkStandbyRegion(raw, topology.standby, findings);
  if (topology.placement !== undefined) checkPlacement(raw, topology.placement, findings);
  const balancer = isRecord(raw.balancer) ? raw.balancer : {};
  // In scheduler mode the leader assigns tasks with balancer.policy, on the queue lengths of the workers' heartbeats.
  const unused: [key: string, what: string][] =
    topology.mode === 'scheduler'
      ? [
          ['dispatchers', 'the leader is the only dispatcher'],
          ['info', "the leader sees the workers' queue lengths in their heartbeats (every topology.heartbeat)"],
        ]
      : [
          ['policy', 'writes go to the leader and reads to the leader or a random live node'],
          ['dispatchers', 'the clients send every request to the leader (or a random live node) directly'],
          ['info', 'no dispatch policy reads the queue lengths'],
        ];
  for (const [key, what] of unused) {
    if (balancer[key] === undefined) continue;
    findings.warning({
      path: ['balancer', key],
      anchor: 'key',
      rule: `has no effect with topology single-leader: ${what}`,
      valid: `remove balancer.${key}, or topology kind direct`,
    });
  }
}
