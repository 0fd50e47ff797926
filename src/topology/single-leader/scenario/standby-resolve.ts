import type { StandbySpec, TierSpec } from '../../../model/spec.js';
import { regionOfZone } from '../../../model/zones.js';
import type { Findings } from '../../../scenario/issues.js';
import { resolveDistribution } from '../../../scenario/resolve-distribution.js';
import { isRecord, readQuantity } from '../../../scenario/resolve-values.js';
import { tierOf } from '../recovery/tiers/registry.js';

const PATH = ['topology', 'standby'];
const POSITIVE = { min: 0, exclusive: true };

/**
 * `topology.standby` into its resolved spec (seconds). Wrong types, missing keys and unknown words are the schema
 * check's; here: durations > 0 (the TTL >= 0) and the distributions' own rules. Undefined when anything is invalid
 * (reported) or when the key is absent.
 */
export function resolveStandby(raw: unknown, findings: Findings): StandbySpec | undefined {
  if (!isRecord(raw) || typeof raw.region !== 'string' || !isRecord(raw.failover)) return undefined;
  const clients = resolveDistribution(raw.clients, [...PATH, 'clients'], 'duration', findings);
  if (raw.clients !== undefined && clients === undefined) return undefined;
  const failover = raw.failover;
  const path = [...PATH, 'failover'];
  const detection = isRecord(failover.detection) ? failover.detection : {};
  const interval = readQuantity(detection.interval, [...path, 'detection', 'interval'], 'duration', findings, POSITIVE);
  const threshold = detection.threshold;
  const promotion = resolveDistribution(failover.promotion, [...path, 'promotion'], 'duration', findings);
  const manual = isRecord(failover.manual) ? failover.manual : undefined;
  const decision = manual === undefined ? undefined : resolveDistribution(manual.decision, [...path, 'manual', 'decision'], 'duration', findings);
  const redirection = resolveRedirection(failover.redirection, [...path, 'redirection'], findings);
  const thresholdOk = typeof threshold === 'number' && Number.isInteger(threshold) && threshold >= 1;
  if (interval === undefined || !thresholdOk || promotion === undefined || redirection === undefined) return undefined;
  if (manual !== undefined && decision === undefined) return undefined;
  const failback = isRecord(raw.failback)
    ? readQuantity(raw.failback.after, [...PATH, 'failback', 'after'], 'duration', findings, { min: 0 })
    : undefined;
  if (raw.failback !== undefined && failback === undefined) return undefined;
  const tier = resolveTier(raw.tier, findings);
  if (raw.tier !== undefined && tier === undefined) return undefined;
  const spec: StandbySpec = { region: raw.region, failover: { interval, threshold, promotion, redirection } };
  if (tier !== undefined) spec.tier = tier;
  if (failback !== undefined) spec.failback = { after: failback };
  if (typeof raw.nodes === 'number') spec.nodes = raw.nodes;
  if (typeof raw.cores === 'number') spec.cores = raw.cores;
  if (clients !== undefined) spec.clients = clients;
  if (decision !== undefined) spec.failover.decision = decision;
  return spec;
}

/** `standby.tier` by its kind's definition (an unknown kind is the schema check's to report). */
function resolveTier(raw: unknown, findings: Findings): TierSpec | undefined {
  if (!isRecord(raw) || typeof raw.kind !== 'string') return undefined;
  return tierOf(raw.kind)?.resolve(raw, [...PATH, 'tier'], findings);
}

/** `immediate` is 0 s; `{ ttl }` is the TTL (>= 0). Anything else is the schema check's to report. */
function resolveRedirection(raw: unknown, path: (string | number)[], findings: Findings): number | undefined {
  if (raw === 'immediate') return 0;
  return isRecord(raw) ? readQuantity(raw.ttl, [...path, 'ttl'], 'duration', findings, { min: 0 }) : undefined;
}

/**
 * The standby must be in a region (`zones:`) that holds no node of the cluster (every node is a voter): a standby beside a
 * voter would survive no outage that the voter does not, and its region link would carry the Raft traffic too.
 */
export function checkStandbyRegion(raw: Record<string, unknown>, standby: StandbySpec, findings: Findings): void {
  // `zones: { <zone>: { region } }` as written (resolved into network.regions later).
  const zones = isRecord(raw.zones) ? raw.zones : {};
  const regions: Record<string, string> = {};
  for (const [zone, entry] of Object.entries(zones)) {
    if (isRecord(entry) && typeof entry.region === 'string') regions[zone] = entry.region;
  }
  const placement = { regions };
  const region = standby.region;
  const nodes = Array.isArray(raw.nodes) ? raw.nodes : [];
  const voterZones = nodes.map((node) => (isRecord(node) && typeof node.zone === 'string' ? node.zone : 'default'));
  const clash = voterZones.find((zone) => regionOfZone(placement, zone) === region);
  if (clash === undefined) return;
  findings.error({
    path: [...PATH, 'region'],
    value: region,
    rule: `holds nodes of the cluster (zone '${clash}')`,
    valid: 'a region with no node (see zones:); the standby is outside the Raft group',
  });
}
