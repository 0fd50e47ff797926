/**
 * Issue 14's validation of the active/active tier's outage figures (region-outages.ts): two regions of 3 nodes,
 * every key on all 6 (replicas { us-east: 3, eu-west: 3 }), LOCAL_QUORUM writes, clients of both regions writing
 * 100/s each (Poisson), coordinator any; us-east lost as a whole inside the window, 20 replications.
 *
 * Latencies: clients to a node of their region c = 1 ms, to the other region D = 50 ms (both constant); between two
 * nodes of one region exponential with mean m = 1 ms; replica work w = 0.05 ms. Detector: heartbeats every h = 100 ms
 * at a phase of their own per node, taking c to the dispatcher; a node is suspected `timeout` = 500 ms after its last
 * heartbeat arrived (src/topology/heartbeat-detector.ts).
 *
 * Theory:
 * - Detection (the region's last node suspected): node i's last heartbeat left U_i x h before the loss (U_i uniform),
 *   so it is suspected at c + timeout - U_i h after it, in (401, 501] ms; the last of 3: 401 + h x E[max of 3
 *   uniforms] = 401 + 75 = 476 ms, standard deviation h x sqrt(3/80) = 19.4 ms. Over 20 replications the standard
 *   error is 4.3 ms: the tolerance 17 ms is 4 standard errors (the tolerance rule, /work/shared/reference/README.md).
 * - Redirection (from the detection to the lost region's first answered write): the next us-east write comes after an
 *   exponential wait of mean 10 ms (Poisson, memoryless), goes to an eu-west coordinator (D), whose LOCAL_QUORUM is 2
 *   of eu-west's 3: w + min(X_1, X_2) with X Erlang(2, m), mean 1.25 m (regional-clients.test.ts derives it), and
 *   back (D): mean 10 + 100 + 0.05 + 1.25 = 111.3 ms, standard deviation sqrt(10^2 + 0.83^2) = 10.0 ms, standard
 *   error over 20 replications 2.24 ms, tolerance 9 ms (4 standard errors); never below 2D = 100 ms.
 * - RTO (first write) = detection + redirection, each replication exactly.
 * - RPO: a coordinator sends a write's copies to all 6 replicas at once, and the model lands a copy already sent even
 *   if its sender crashes: every acknowledged write has its copies on the way to eu-west, so none is lost (0 exactly).
 * - eu-west's clients never lose service: none of their requests fails (0 exactly).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../src/scenario/index.js';
import type { LeaderlessData } from '../../../../src/topology/leaderless/sections/data.js';
import type { RegionOutageData } from '../../../../src/topology/leaderless/region-outages.js';
import { simulate } from '../../../helpers/simulate.js';
import { TWO_REGION_NODES } from '../../../helpers/two-regions.js';

const MS = 1e-3;
const REPLICATIONS = 20;

function scenario(): string {
  return [
    'name: active-active-outage',
    'seed: 41',
    'duration: 3s',
    'warmup: 1s',
    `replications: ${REPLICATIONS}`,
    ...TWO_REGION_NODES,
    'network:',
    '  sameZone: { dist: exponential, mean: 1ms }',
    '  crossRegion: 50ms',
    '  clients: { use1: 1ms, euw1: 1ms }',
    'detection: { heartbeat: 100ms, timeout: 500ms }',
    'topology:',
    '  kind: leaderless',
    '  replicas: { us-east: 3, eu-west: 3 }',
    '  writeQuorum: local_quorum',
    '  readQuorum: local_one',
    '  coordinator: any',
    '  requestTimeout: 1s',
    'workload:',
    ...['us-east', 'eu-west'].flatMap((region) => [
      `  - class: put-${region}`,
      '    op: write',
      `    region: ${region}`,
      '    arrivals: { process: poisson, rate: 100/s }',
      '    work: 0.05ms',
      '    keys: { count: 100, popularity: uniform }',
    ]),
    'failures:',
    '  - kind: domain',
    '    nodes: region:us-east',
    '    at: [2s]',
    '    duration: 1h',
  ].join('\n') + '\n';
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('active/active outage figures', () => {
  const loaded = loadScenario(scenario(), { file: 'active-active-outage.yaml' });
  expect(loaded.errors).toEqual([]);
  const outages: RegionOutageData[] = simulate(loaded.spec!).outcomes.flatMap((outcome) => (outcome.sections.leaderless as LeaderlessData).regionOutages ?? []);

  it('one outage of us-east per replication', () => {
    expect(outages.length).toBe(REPLICATIONS);
    for (const outage of outages) expect(outage.region).toBe('us-east');
  });

  it('detection: the last of 3 heartbeat timeouts, in (401, 501] ms, mean 476 ms', () => {
    const detection = outages.map((o) => o.detection! / MS);
    for (const d of detection) {
      expect(d).toBeGreaterThan(400.9);
      expect(d).toBeLessThanOrEqual(501.01);
    }
    expect(Math.abs(mean(detection) - 476)).toBeLessThan(17);
  });

  it('redirection: the next write, then a round trip to the other region and its local quorum, mean 111.3 ms', () => {
    const redirection = outages.map((o) => (o.rtoWrite! - o.detection!) / MS);
    for (const r of redirection) expect(r).toBeGreaterThan(100);
    expect(Math.abs(mean(redirection) - 111.3)).toBeLessThan(9);
  });

  it('RPO 0 (copies sent land), and the other region never loses service', () => {
    for (const outage of outages) {
      expect(outage.writesLost).toBe(0);
      expect(outage.otherRegionsFailed).toBe(0);
      expect(outage.rtoRead).toBeNull();
    }
  });
});
