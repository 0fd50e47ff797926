import { describe, expect, test } from 'vitest';
import type { SingleLeaderTopologySpec } from '../../../src/model/spec.js';
import { BASE, errorsOf, load, warningsOf, yaml } from './helpers.js';

/**
 * `topology.standby` (issue 14): a standby region with its failover procedure. Bad input checked for the whole
 * message with positions counted by hand; then resolution into seconds.
 */

const OK_DETECTION = '{ interval: 10s, threshold: 3 }';
const DURATION = 'a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)';

/** BASE (lines 1 to 10, nodes in region default), then the topology from line 11; `redirection:` on line 19. */
function standby(options: { region?: string; detection?: string; promotion?: string; redirection?: string; mode?: string; extra?: string[] } = {}): string {
  return yaml(
    ...BASE,
    'topology:', //                                   11
    '  kind: single-leader', //                       12
    `  mode: ${options.mode ?? 'replicated'}`, //     13
    '  standby:', //                                  14
    `    region: ${options.region ?? 'eu-west'}`, //  15
    '    failover:', //                               16
    `      detection: ${options.detection ?? OK_DETECTION}`, // 17
    `      promotion: ${options.promotion ?? '30s'}`, // 18
    `      redirection: ${options.redirection ?? '{ ttl: 60s }'}`, // 19
    ...(options.extra ?? []),
  );
}

describe('bad standby input', () => {
  test('a region that holds nodes of the cluster (BASE has no zones: its nodes are in region default)', () => {
    // "    region: " is 12 characters: column 13
    expect(errorsOf(standby({ region: 'default' }))).toEqual([
      "t.yaml:15:13: topology.standby.region: bad value 'default': holds nodes of the cluster (zone 'default'); " +
        'valid: a region with no node (see zones:); the standby is outside the Raft group',
    ]);
  });

  test('redirection: a negative TTL, or neither immediate nor a TTL', () => {
    // "      redirection: { ttl: " is 26 characters: column 27
    expect(errorsOf(standby({ redirection: '{ ttl: -1s }' }))).toEqual([
      `t.yaml:19:27: topology.standby.failover.redirection.ttl: bad value '-1s': must be at least 0; valid: a duration >= 0: ${DURATION}`,
    ]);
    // "      redirection: " is 19 characters: column 20
    expect(errorsOf(standby({ redirection: 'sometimes' }))).toEqual([
      "t.yaml:19:20: topology.standby.failover.redirection: bad value 'sometimes': not one of the allowed values; " +
        "valid: 'immediate', or { ttl: <duration> } (the DNS TTL the clients wait out)",
    ]);
  });

  test('detection: a zero interval, a zero threshold, a missing threshold', () => {
    // "      detection: { interval: " is 29 characters: column 30
    expect(errorsOf(standby({ detection: '{ interval: 0s, threshold: 3 }' }))).toEqual([
      `t.yaml:17:30: topology.standby.failover.detection.interval: bad value '0s': must be greater than 0; valid: a duration > 0: ${DURATION}`,
    ]);
    // "      detection: { interval: 10s, threshold: " is 45 characters: column 46
    expect(errorsOf(standby({ detection: '{ interval: 10s, threshold: 0 }' }))).toEqual([
      "t.yaml:17:46: topology.standby.failover.detection.threshold: bad value '0': must be at least 1; valid: an integer >= 1",
    ]);
    // the mapping that lacks it starts at column 18
    expect(errorsOf(standby({ detection: '{ interval: 10s }' }))).toEqual([
      't.yaml:17:18: topology.standby.failover.detection.threshold: missing required key; valid: an integer >= 1',
    ]);
  });

  test('a promotion distribution that breaks its own rules', () => {
    // "      promotion: { dist: uniform, min: " is 39 characters: column 40
    expect(errorsOf(standby({ promotion: '{ dist: uniform, min: 40s, max: 20s }' }))).toEqual([
      "t.yaml:18:40: topology.standby.failover.promotion.min: bad value '40s': min must be <= max (got min 40, max 20); " +
        'valid: uniform: uniform between min and max',
    ]);
  });

  test('a standby needs the replicated store (a scheduler has no log of writes to ship)', () => {
    expect(errorsOf(standby({ mode: 'scheduler' }))).toEqual([
      't.yaml:14:3: topology.standby: needs mode replicated (a store to ship); valid: mode: replicated, or no standby',
    ]);
  });
});

describe('bad tier input (standby.tier on line 20)', () => {
  const tier = (value: string) => standby({ extra: [`    tier: ${value}`] });

  test('an unknown tier names the four', () => {
    // "    tier: { kind: " is 18 characters: column 19
    expect(errorsOf(tier('{ kind: hot-site }'))).toEqual([
      "t.yaml:20:19: topology.standby.tier.kind: bad value 'hot-site': unknown tier kind; " +
        'valid: backup-restore, pilot-light, warm-standby, active-passive',
    ]);
  });

  test("a tier's parameters: a missing provisioning, a zero snapshot interval, a warm standby of no node", () => {
    expect(errorsOf(tier('{ kind: pilot-light }'))).toEqual([
      't.yaml:20:11: topology.standby.tier.provisioning: missing required key; ' +
        'valid: a duration (a constant, e.g. 150ms) or a distribution such as { dist: exponential, mean: 150ms }',
    ]);
    // "    tier: { kind: backup-restore, every: " is 41 characters: column 42
    expect(errorsOf(tier('{ kind: backup-restore, every: 0s, restore: 1h }'))).toEqual([
      `t.yaml:20:42: topology.standby.tier.every: bad value '0s': must be greater than 0; valid: a duration > 0: ${DURATION}`,
    ]);
    // "    tier: { kind: warm-standby, nodes: " is 39 characters: column 40
    expect(errorsOf(tier('{ kind: warm-standby, nodes: 0, scaleUp: 5min }'))).toEqual([
      "t.yaml:20:40: topology.standby.tier.nodes: bad value '0': must be at least 1; valid: an integer >= 1",
    ]);
  });
});

describe('standby resolution', () => {
  test('each tier in seconds, with the standby size', () => {
    const resolved = (value: string) =>
      (load(standby({ extra: [`    tier: ${value}`, '    nodes: 4', '    cores: 8'] })).spec?.topology as SingleLeaderTopologySpec).standby;
    expect(resolved('{ kind: backup-restore, every: 1h, restore: 20min }')).toMatchObject({
      tier: { kind: 'backup-restore', every: 3600, restore: { dist: 'constant', value: 1200 } },
      nodes: 4,
      cores: 8,
    });
    expect(resolved('{ kind: pilot-light, provisioning: 10min }')?.tier).toEqual({
      kind: 'pilot-light',
      replicas: 1,
      provisioning: { dist: 'constant', value: 600 },
    });
    expect(resolved('{ kind: warm-standby, nodes: 1, scaleUp: 5min }')?.tier).toEqual({
      kind: 'warm-standby',
      nodes: 1,
      scaleUp: { dist: 'constant', value: 300 },
    });
    expect(resolved('{ kind: active-passive }')?.tier).toEqual({ kind: 'active-passive' });
    const failback = standby({ extra: ['    failback: { after: 10min }'] });
    expect((load(failback).spec?.topology as SingleLeaderTopologySpec).standby?.failback).toEqual({ after: 600 });
    // "    failback: { after: " is 23 characters: column 24
    expect(errorsOf(standby({ extra: ['    failback: { after: -1s }'] }))).toEqual([
      `t.yaml:20:24: topology.standby.failback.after: bad value '-1s': must be at least 0; valid: a duration >= 0: ${DURATION}`,
    ]);
  });


  test('seconds, a constant promotion, the TTL; manual failover and immediate redirection', () => {
    const topology = (text: string) => load(text).spec?.topology as SingleLeaderTopologySpec | undefined;
    expect(topology(standby())?.standby).toEqual({
      region: 'eu-west',
      failover: { interval: 10, threshold: 3, promotion: { dist: 'constant', value: 30 }, redirection: 60 },
    });
    const manual = standby({ redirection: 'immediate', extra: ['      manual: { decision: 5min }', '    clients: 40ms'] });
    expect(load(manual).errors).toEqual([]);
    expect(topology(manual)?.standby).toEqual({
      region: 'eu-west',
      clients: { dist: 'constant', value: 0.04 },
      failover: {
        interval: 10,
        threshold: 3,
        decision: { dist: 'constant', value: 300 },
        promotion: { dist: 'constant', value: 30 },
        redirection: 0,
      },
    });
  });
});

describe('the standby region and the network warnings', () => {
  test('network.crossRegion and its link are used by the log shipping, so not warned about; without a standby they are', () => {
    const network = ['network:', '  latency: 1ms', '  crossRegion: 40ms', '  links: { crossRegion: { bandwidth: 10Mbps } }'];
    expect(warningsOf(standby({ extra: network }))).toEqual([]);
    const alone = yaml(...BASE, ...network);
    expect(warningsOf(alone)).toEqual([
      't.yaml:13:3: warning: network.crossRegion: has no effect: every zone is in region default, so no two nodes are on such a path; ' +
        'valid: zones in two regions (zones: { <zone>: { region: <name> } }), or remove it',
      't.yaml:14:12: warning: network.links.crossRegion: has no effect: every zone is in region default, so no two nodes are on such a path; ' +
        'valid: zones in two regions (zones: { <zone>: { region: <name> } }), or remove it',
    ]);
  });
});
