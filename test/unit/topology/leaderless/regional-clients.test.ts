/**
 * Issue 14's validation of leaderless clients per region: two regions of 3 nodes, every key on all 6 (replicas
 * { us-east: 3, eu-west: 3 }), clients of both regions writing 100/s each, coordinator any (the balancer picks a live
 * coordinator of the clients' region, else one elsewhere: regional-coordinators.ts).
 *
 * Latencies: clients to a node of their region c = 1 ms (constant), to another region's D = 50 ms (network.crossRegion,
 * constant, which `clientDelayFrom` uses too); between two nodes of one region exponential with mean m = 1 ms per
 * message (independent draws); replica work w = 0.05 ms (constant; 1 % of a core at these rates, so the wait is
 * negligible: M/D/2 at 0.5 % per core waits with probability about 2.5e-5).
 *
 * Theory (order statistics):
 * - LOCAL_QUORUM (2 of the 3 local replicas): the coordinator's own replica answers after w, each of the other two
 *   after a round trip X_i + w, X_i ~ Erlang(2, m); the 2nd acknowledgement is min(X_1, X_2) + w, so a write takes
 *   2c + w + min(X_1, X_2). P(X > t) = e^(-t/m) (1 + t/m), hence E[min] = m * integral of e^(-2u) (1 + u)^2 du =
 *   1.25 m, E[min^2] = 2.25 m^2, standard deviation 0.83 m. Mean 2 + 0.05 + 1.25 = 3.30 ms for each region's
 *   clients: no cross-region term. About 2 000 writes per class: standard error 0.83 / sqrt(2000) = 0.019 ms; the
 *   tolerance 0.1 ms is 5.4 standard errors (the tolerance rule, /work/shared/reference/README.md).
 * - QUORUM (4 of 6): the 4th acknowledgement is the first remote one, a constant round trip 2D + w (the local ones
 *   come back after a few ms: P(X > 100 ms) is e^-100 x 101): every write takes exactly 2c + 2D + w = 102.05 ms.
 * - us-east lost (a domain failure at 1 s, detected from heartbeats every 100 ms after 500 ms, before the window
 *   opens at 5 s): us-east's clients reach eu-west's coordinators, D each way, whose LOCAL_QUORUM is eu-west's:
 *   2D + w + min(X_1, X_2), mean 101.30 ms, none fails. eu-west's clients are untouched (3.30 ms).
 * - The loss inside the window (at 10 s): us-east's writes fail (node-crash: sent to a crashed coordinator) until
 *   the detector suspects the last of its 3 nodes: the suspicion comes `timeout` after the last heartbeat that node
 *   sent (heartbeat-detector.ts), so within (400, 501] ms of the loss; the count is Poisson with mean 100/s x that,
 *   40 to 50, plus the few writes in flight; [15, 78] is 4 standard deviations beyond either end.
 * - coordinator: client: the client reaches the replicas from its region, c to its own region's and D to the other's:
 *   LOCAL_QUORUM takes 2c + w = 2.05 ms, QUORUM 2D + w = 100.05 ms, both exactly.
 */
import { describe, expect, it } from 'vitest';
import { FailureCause } from '../../../../src/metrics/failure-causes.js';
import { loadScenario } from '../../../../src/scenario/index.js';
import type { LeaderlessData } from '../../../../src/topology/leaderless/sections/data.js';
import { simulate } from '../../../helpers/simulate.js';
import { TWO_REGION_NODES } from '../../../helpers/two-regions.js';

const MS = 1e-3;

interface Setup {
  level: string;
  coordinator?: string;
  /** When us-east is lost (a domain failure for an hour), if it is. */
  lossAt?: string;
  warmup?: string;
  duration?: string;
  requestTimeout?: string;
  /** Reads instead of writes, with these topology keys (readQuorum and readFanout). */
  reads?: string[];
  /** An asymmetric route instead of crossRegion: us-east to eu-west 70 ms, back 30 ms (network.regions). */
  asymmetric?: boolean;
}

function scenario(setup: Setup): string {
  const lines = [
    'name: regional-clients',
    'seed: 23',
    `duration: ${setup.duration ?? '20s'}`,
    `warmup: ${setup.warmup ?? '2s'}`,
    ...TWO_REGION_NODES,
    'network:',
    '  sameZone: { dist: exponential, mean: 1ms }',
    ...(setup.asymmetric === true
      ? ['  regions:', '    us-east: { eu-west: { latency: 70ms } }', '    eu-west: { us-east: { latency: 30ms } }']
      : ['  crossRegion: 50ms']),
    '  clients: { use1: 1ms, euw1: 1ms }',
    'detection: { heartbeat: 100ms, timeout: 500ms }',
    'topology:',
    '  kind: leaderless',
    '  replicas: { us-east: 3, eu-west: 3 }',
    `  writeQuorum: ${setup.level}`,
    ...(setup.reads ?? ['  readQuorum: local_one']),
    `  coordinator: ${setup.coordinator ?? 'any'}`,
    `  requestTimeout: ${setup.requestTimeout ?? '1s'}`,
    'workload:',
  ];
  for (const region of ['us-east', 'eu-west']) {
    lines.push(
      `  - class: ${setup.reads === undefined ? 'put' : 'get'}-${region}`,
      `    op: ${setup.reads === undefined ? 'write' : 'read'}`,
      `    region: ${region}`,
      '    arrivals: { process: poisson, rate: 100/s }',
      '    work: 0.05ms',
      '    keys: { count: 100, popularity: uniform }',
    );
  }
  if (setup.lossAt !== undefined) {
    lines.push('failures:', '  - kind: domain', '    nodes: region:us-east', `    at: [${setup.lossAt}]`, '    duration: 1h');
  }
  return lines.join('\n') + '\n';
}

function run(setup: Setup) {
  const loaded = loadScenario(scenario(setup), { file: 'regional-clients.yaml' });
  expect(loaded.errors).toEqual([]);
  const outcome = simulate(loaded.spec!).outcomes[0];
  const data = outcome.sections.leaderless as LeaderlessData;
  const [us, eu] = outcome.measurement.classes.map((c) => ({
    count: c.response.count,
    mean: c.response.mean / MS,
    // The sketch's quantiles are within its relative accuracy (about 1 %), enough to tell 3 ms from 50 ms.
    p001: c.response.quantile(0.001) / MS,
    max: c.response.max / MS,
  }));
  const [usGap, euGap] = data.clientRegions!.map((entry) => entry.writesGap);
  return { us, eu, data, usGap, euGap, failedByCause: outcome.measurement.failedByCause };
}

describe('leaderless clients per region', () => {
  it('LOCAL_QUORUM: each region writes at its own region order statistic, with no cross-region term', () => {
    const { us, eu, data } = run({ level: 'local_quorum' });
    expect(data.writesFailed).toBe(0);
    for (const region of [us, eu]) {
      expect(region.count).toBeGreaterThan(1500);
      expect(Math.abs(region.mean - 3.3)).toBeLessThan(0.1);
      expect(region.max).toBeLessThan(50);
    }
  });

  it('QUORUM over 3 + 3 replicas waits for one remote acknowledgement: 2c + 2D + w', () => {
    const { us, eu } = run({ level: 'quorum' });
    for (const region of [us, eu]) {
      expect(region.count).toBeGreaterThan(1500);
      expect(Math.abs(region.mean - 102.05)).toBeLessThan(0.01);
      // Not one write acknowledged before a remote replica's round trip 2D.
      expect(region.p001).toBeGreaterThan(100);
    }
  });

  it('clients whose region is lost reach the other region after detection, paying D each way', () => {
    const { us, eu, data } = run({ level: 'local_quorum', lossAt: '1s', warmup: '5s' });
    expect(data.writesFailed).toBe(0);
    expect(us.count).toBeGreaterThan(1500);
    expect(Math.abs(us.mean - 101.3)).toBeLessThan(0.1);
    expect(Math.abs(eu.mean - 3.3)).toBeLessThan(0.1);
  });

  it('until the detector suspects the lost region, its clients write to crashed coordinators and fail', () => {
    const { data, failedByCause, usGap, euGap } = run({ level: 'local_quorum', lossAt: '10s', warmup: '5s' });
    expect(data.writesFailed).toBeGreaterThanOrEqual(15);
    expect(data.writesFailed).toBeLessThanOrEqual(78);
    expect(failedByCause[FailureCause.nodeCrash]).toBe(data.writesFailed);
    // us-east's longest stretch without an answered write: from the last answer before the loss (within a few ms of
    // it) to the first through eu-west, the detection (0.400 to 0.501 s) + the wait for the next write (exponential,
    // mean 10 ms; 60 ms is 6 means) + 2D + w + a local round trip (about 0.101 to 0.11 s): [0.5, 0.75] s.
    expect(usGap).toBeGreaterThanOrEqual(0.5);
    expect(usGap).toBeLessThanOrEqual(0.75);
    // eu-west's: the longest of about 2 000 exponential gaps of mean 10 ms, about ln(2000) x 10 ms = 76 ms.
    expect(euGap).toBeLessThan(0.2);
  });

  it('coordinator: client reaches the replicas from its own region: c to its own, D to the other', () => {
    const local = run({ level: 'local_quorum', coordinator: 'client' });
    const quorum = run({ level: 'quorum', coordinator: 'client' });
    for (const region of [local.us, local.eu]) expect(Math.abs(region.mean - 2.05)).toBeLessThan(0.01);
    for (const region of [quorum.us, quorum.eu]) expect(Math.abs(region.mean - 100.05)).toBeLessThan(0.01);
  });

  it('an asymmetric route: the way out takes its direction\'s latency and the way back the other\'s', () => {
    // us-east to eu-west 70 ms, eu-west to us-east 30 ms: every round trip across is 100 ms, as 2D with D = 50 ms, so
    // the figures above hold; taking the way out's latency both ways would give us-east's clients 140 ms and eu-west's
    // 60 ms. Lost us-east: its clients go out to eu-west (70) and back (30): 101.30 ms as above.
    const client = run({ level: 'quorum', coordinator: 'client', asymmetric: true });
    for (const region of [client.us, client.eu]) expect(Math.abs(region.mean - 100.05)).toBeLessThan(0.01);
    const lost = run({ level: 'local_quorum', lossAt: '1s', warmup: '5s', asymmetric: true });
    expect(lost.data.writesFailed).toBe(0);
    expect(Math.abs(lost.us.mean - 101.3)).toBeLessThan(0.1);
  });

  it('coordinator: client with readFanout: quorum asks its own region\'s replica first: ONE reads take 2c + w', () => {
    // Without the region in the nearest-first order every replica would tie at the client and the ring's first
    // slot, in either region, would be asked: those reads would take 2D + w = 100.05 ms (measured: 34.5 ms mean).
    const { us, eu } = run({ level: 'quorum', coordinator: 'client', reads: ['  readQuorum: one', '  readFanout: quorum', '  speculativeRetry: none'] });
    for (const region of [us, eu]) {
      expect(region.count).toBeGreaterThan(1500);
      expect(Math.abs(region.mean - 2.05)).toBeLessThan(0.01);
    }
  });
});

describe('EACH_QUORUM with a region known down', () => {
  it('fails at once (the coordinator knows too few replicas alive), not at the request timeout', () => {
    // A 60 s request timeout: a write that waited for it would not fail within the 10 s window. Every measured write
    // starts after us-east's loss was detected (at about 1.5 s), so each fails at its coordinator with no wait.
    const { us, eu, data, failedByCause } = run({ level: 'each_quorum', lossAt: '1s', warmup: '5s', duration: '10s', requestTimeout: '60s' });
    expect(us.count + eu.count).toBe(0);
    expect(data.writesDone).toBe(0);
    // Poisson arrivals at 200/s over 10 s: 2 000 expected, standard deviation 45.
    expect(data.writesFailed).toBeGreaterThan(2000 - 4 * 45);
    expect(failedByCause[FailureCause.quorumUnavailable]).toBe(data.writesFailed);
  });
});

describe('regional coordinators while the ring changes', () => {
  it('a node added to a region joins its dispatcher; a drained one leaves it once no attempt is open there', () => {
    const text = [
      'name: regional-membership',
      'seed: 3',
      'duration: 4s',
      'warmup: 0s',
      'nodes:',
      '  - { group: us, count: 4, cores: 2, zone: use1 }',
      '  - { group: eu, count: 3, cores: 2, zone: euw1 }',
      'zones:',
      '  use1: { region: us-east }',
      '  euw1: { region: eu-west }',
      'network:',
      '  latency: 0.5ms',
      '  crossRegion: 20ms',
      'topology: { kind: leaderless, replicas: { us-east: 3, eu-west: 3 }, writeQuorum: local_quorum, readQuorum: local_one }',
      'balancer: { policy: least-connections }',
      'workload:',
      ...['us-east', 'eu-west'].flatMap((region) => [
        `  - class: put-${region}`,
        '    op: write',
        `    region: ${region}`,
        '    arrivals: { process: poisson, rate: 200/s }',
        '    work: 0.1ms',
        '    size: 1KB',
        '    keys: { count: 50, popularity: uniform }',
      ]),
      'failures:',
      '  - kind: timeline',
      '    steps:',
      '      - { at: 1s, add: { group: us, count: 1 } }',
      '      - { at: 2s, remove: { node: us-0 } }',
      '',
    ].join('\n');
    const loaded = loadScenario(text, { file: 'regional-membership.yaml' });
    expect(loaded.errors).toEqual([]);
    const outcome = simulate(loaded.spec!).outcomes[0];
    const data = outcome.sections.leaderless as LeaderlessData;
    expect(data.writesFailed).toBe(0);
    // The leave finished: us-0 held no open attempt of any dispatcher (holdsNothing counts the regional ones).
    const leave = data.rebalances!.find((record) => record.kind === 'leave')!;
    expect(leave.duration).not.toBeNull();
    // Each region's clients stayed with their own coordinators throughout: no write paid the 2 x 20 ms across.
    for (const c of outcome.measurement.classes) expect(c.response.quantile(0.999)).toBeLessThan(0.02);
    // The added node (id 7) joined the ring and served replica tasks.
    expect(data.replicaTasks[7]).toBeGreaterThan(0);
  });
});
