import { expect } from 'vitest';
import type { RecoveryOutcome } from '../../src/topology/single-leader/recovery/standby.js';

/**
 * The store the disaster-recovery tests share: 3 nodes of 2 cores in us-east replicating at a quorum, a standby
 * region eu-west 20 ms away, failover by health checks every 2 s (2 in a row), a 5 s promotion and a 10 s DNS TTL.
 * Each test states what it varies: the run's header, a line of network, the standby's tier or failback, the
 * workload and the failures (YAML lines, indented as they go).
 */
export interface StandbyStore {
  name: string;
  seed: number;
  duration: string;
  replications: number;
  /** More keys of `network:` (one line, indented by two). */
  network?: string;
  /** More keys of `standby:` (lines indented by four), before its failover. */
  standby?: string[];
  /** Rates of the two classes; the writes' size if given; `reads: false` for writes only. */
  writes: { rate: string; size?: string };
  reads?: { rate: string } | false;
  /** The `failures:` list, its lines as written. */
  failures: string[];
}

export function standbyStoreScenario(store: StandbyStore): string {
  const size = store.writes.size === undefined ? '' : ` size: ${store.writes.size},`;
  const lines = [
    `name: ${store.name}`,
    `seed: ${store.seed}`,
    `duration: ${store.duration}`,
    'warmup: 5s',
    `replications: ${store.replications}`,
    'nodes:',
    '  - { group: store, count: 3, cores: 2, zone: a }',
    'zones:',
    '  a: { region: us-east }',
    'network:',
    '  latency: 1ms',
    '  crossRegion: 20ms',
    ...(store.network === undefined ? [] : [`  ${store.network}`]),
    'topology:',
    '  kind: single-leader',
    '  mode: replicated',
    '  replication: quorum',
    '  heartbeat: 50ms',
    '  electionTimeout: [150ms, 300ms]',
    '  standby:',
    '    region: eu-west',
    '    clients: 20ms',
    ...(store.standby ?? []).map((line) => `    ${line}`),
    '    failover:',
    '      detection: { interval: 2s, threshold: 2 }',
    '      promotion: 5s',
    '      redirection: { ttl: 10s }',
    'workload:',
    `  - { class: put, op: write,${size} arrivals: { process: poisson, rate: ${store.writes.rate} }, work: { dist: exponential, mean: 1ms } }`,
    ...(store.reads === false
      ? []
      : [`  - { class: get, op: read, arrivals: { process: poisson, rate: ${(store.reads ?? store.writes).rate} }, work: { dist: exponential, mean: 1ms } }`]),
    'failures:',
    ...store.failures,
  ];
  return `${lines.join('\n')}\n`;
}

/** A region's loss as a `domain` failure: lost `at`, back after `duration`. */
export function regionLoss(region: string, at: string, duration: string): string[] {
  return ['  - kind: domain', `    nodes: region:${region}`, `    at: [${at}]`, `    duration: ${duration}`];
}

/**
 * The one failover of a standby store whose primary is lost (or cut off) 20 s into the run, 15 s into the window:
 * two failed checks 2 s apart from a uniform phase, detection in (2, 4] s; the 5 s promotion and the 10 s TTL; the
 * first write after the redirection (100/s: within 0.2 s but for odds of e^-20) plus its round trip of 2 x 20 ms.
 * Returns the outage for the checks a test adds.
 */
export function expectOneFailoverAt15s(recovery: RecoveryOutcome): RecoveryOutcome['outages'][number] {
  expect(recovery.outages).toHaveLength(1);
  const [outage] = recovery.outages;
  expect(outage.at).toBeCloseTo(15, 9);
  expect(outage.detection).toBeGreaterThan(2);
  expect(outage.detection).toBeLessThanOrEqual(4);
  expect(outage.promotion).toBeCloseTo(5, 9);
  expect(outage.redirection).toBeCloseTo(10, 9);
  const redirectedAfter = outage.detection + outage.promotion + outage.redirection;
  expect(outage.rtoWrite).toBeGreaterThanOrEqual(redirectedAfter + 0.04);
  expect(outage.rtoWrite).toBeLessThan(redirectedAfter + 0.04 + 0.2);
  return outage;
}
