/**
 * Per-pair region latencies (issue 14, validation "Placement" with `network.regions`): with a route per pair of
 * regions, a write led from one region commits after the round trip to the nearest majority of the voters (an order
 * statistic of that region's routes), and clients of each region pay their own route to the leader and back. Every
 * latency is constant, so each figure is exact up to the service time (exponential, mean 1 ms, at 10 % load) and the
 * sketch's 0.2 % resolution: the same bands as the placement test (+2.0 to +4.5 ms over the network's figure for
 * clients 1 ms away, +0 to +3 ms for the others).
 */
import { describe, expect, it } from 'vitest';
import type { RegionsSummary } from '../../../../../src/topology/single-leader/placement/regions-figures.js';
import { loadScenario } from '../../../../../src/scenario/index.js';
import { simulate } from '../../../../helpers/simulate.js';

const WRITES = (region: string) =>
  `  - { class: put-${region}, op: write, region: ${region}, arrivals: { process: poisson, rate: 30/s }, work: { dist: exponential, mean: 1ms } }`;

/**
 * 2 + 2 + 1 voters in us-east, eu-west, ap-south. Routes: us-east <-> eu-west 30 ms; us-east -> ap-south 70 ms and
 * back 90 ms; eu-west <-> ap-south not listed, so crossRegion's 40 ms.
 */
function scenario(preferredLeader: string): string {
  return `
name: routes
seed: 7
duration: 20s
warmup: 2s
replications: 2
nodes:
  - { group: east, count: 2, cores: 2, zone: a }
  - { group: west, count: 2, cores: 2, zone: b }
  - { group: south, count: 1, cores: 2, zone: c }
zones:
  a: { region: us-east }
  b: { region: eu-west }
  c: { region: ap-south }
network:
  latency: 1ms
  sameZone: 0.5ms
  crossRegion: 40ms
  regions:
    us-east:
      eu-west: { latency: 30ms }
      ap-south: { latency: 70ms }
    ap-south:
      us-east: { latency: 90ms }
topology:
  kind: single-leader
  mode: replicated
  replication: quorum
  heartbeat: 50ms
  electionTimeout: [300ms, 600ms]
  placement: { voters: { us-east: 2, eu-west: 2, ap-south: 1 }, preferredLeader: ${preferredLeader} }
workload:
${['us-east', 'eu-west', 'ap-south'].map(WRITES).join('\n')}
`;
}

function writeP50s(preferredLeader: string): Record<string, number> {
  const loaded = loadScenario(scenario(preferredLeader), { file: 'routes.yaml' });
  expect(loaded.errors).toEqual([]);
  const summary = simulate(loaded.spec!).summary as ReturnType<typeof simulate>['summary'] & { regions: RegionsSummary };
  expect(summary.regions.transfers.value).toBe(0); // the preferred region led from the start
  return Object.fromEntries(Object.entries(summary.regions.writeLatency).map(([region, figures]) => [region, figures.p50!]));
}

const expectWithin = (value: number, low: number, high: number) => {
  expect(value).toBeGreaterThan(low);
  expect(value).toBeLessThan(high);
};

describe('per-pair region latencies', () => {
  /**
   * Led from us-east, the round trips to the five voters are {0, 1 (its peer, 0.5 ms each way), 60, 60 (eu-west,
   * 30 ms each way), 160 (ap-south, 70 out and 90 back)} ms; a majority is 3, so the commit takes the third
   * smallest, 60 ms (with one crossRegion for every pair it would be 80 ms). Clients: us-east's 1 ms each way,
   * 62 ms; eu-west's 30 ms each way, 120 ms; ap-south's 90 ms to us-east and 70 ms back, 220 ms.
   */
  it('led from us-east: a 60 ms commit, and each client region its own route to the leader and back', () => {
    const p50 = writeP50s('us-east');
    expectWithin(p50['us-east'], 0.0620, 0.0645);
    expectWithin(p50['eu-west'], 0.1200, 0.1230);
    expectWithin(p50['ap-south'], 0.2200, 0.2230);
  });

  /**
   * Led from ap-south (its one voter), the round trips are {0, 80, 80 (eu-west, crossRegion's 40 ms each way), 160,
   * 160 (us-east, 90 out and 70 back)} ms: the third smallest is 80 ms, set by the pair without a route. Clients:
   * ap-south's 1 ms each way, 82 ms; eu-west's 40 ms each way, 160 ms; us-east's 70 ms out and 90 back, 240 ms.
   */
  it('led from ap-south: the nearest majority is over the unrouted pair, an 80 ms commit', () => {
    const p50 = writeP50s('ap-south');
    expectWithin(p50['ap-south'], 0.0820, 0.0845);
    expectWithin(p50['eu-west'], 0.1600, 0.1630);
    expectWithin(p50['us-east'], 0.2400, 0.2430);
  });
});
