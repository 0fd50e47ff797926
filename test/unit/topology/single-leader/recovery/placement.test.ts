/**
 * Voter placement across regions (issue 14, validation "Placement"), with the placement written as node groups in
 * zones of regions (the `topology.placement` key is not built yet): 5 voters as 2 + 2 + 1 over three regions keep a
 * leader through the loss of any one region, 3 voters in one region do not survive its loss, and a write's commit
 * waits for the round trip to the nearest majority.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import { simulate } from '../../../../helpers/simulate.js';

/** A quorum store over the given node groups, region `lost` down from 10 s to the end of a 30 s window. */
function scenario(groups: string[], zones: string[], lost: string): string {
  return `
name: placement
seed: 5
duration: 30s
warmup: 2s
replications: 2
nodes:
${groups.map((g) => `  - ${g}`).join('\n')}
zones:
${zones.map((z) => `  ${z}`).join('\n')}
network:
  latency: 1ms
  sameZone: 0.5ms
  crossRegion: 40ms
topology:
  kind: single-leader
  mode: replicated
  replication: quorum
  heartbeat: 50ms
  electionTimeout: [300ms, 600ms]
workload:
  - { class: put, op: write, arrivals: { process: poisson, rate: 100/s }, work: { dist: exponential, mean: 1ms } }
failures:
  - { kind: domain, nodes: 'region:${lost}', at: [12s], duration: 1h }
`;
}

function run(text: string) {
  const loaded = loadScenario(text, { file: 'placement.yaml' });
  expect(loaded.errors).toEqual([]);
  return simulate(loaded.spec!).summary;
}

const THREE_REGIONS = ['a: { region: us-east }', 'b: { region: eu-west }', 'c: { region: ap-south }'];
const TWO_TWO_ONE = [
  '{ group: east, count: 2, cores: 2, zone: a }',
  '{ group: west, count: 2, cores: 2, zone: b }',
  '{ group: south, count: 1, cores: 2, zone: c }',
];

describe('voter placement across regions', () => {
  // 2 + 2 + 1: any region lost leaves at least 3 of 5 voters, a majority; the lost region's requests fail only
  // until the election (well under a second of 100 writes/s), so almost every write of the 30 s window succeeds.
  it.each(['us-east', 'eu-west', 'ap-south'])('2 + 2 + 1 over three regions keeps a leader when %s is lost', (lost) => {
    const summary = run(scenario(TWO_TWO_ONE, THREE_REGIONS, lost));
    expect(summary.requests.failed).toBeLessThan(2 * 100); // under a second's writes per replication
    expect(summary.requests.completed).toBeGreaterThan(2 * 100 * 29);
  });

  it('3 voters in one region: its loss leaves no leader, every write after it fails', () => {
    const summary = run(scenario(['{ group: east, count: 3, cores: 2, zone: a }', '{ group: west, count: 2, cores: 2, zone: b }'], THREE_REGIONS.slice(0, 2), 'us-east'));
    // Lost at 10 s of the 30 s window: 20 s of 100 writes/s fail in each replication (Poisson: within 4 sd of 2 000).
    const failedPerReplication = summary.requests.failed / 2;
    expect(Math.abs(failedPerReplication - 2000)).toBeLessThan(4 * Math.sqrt(2000));
  });

  /**
   * Before the loss, the leader (node 0, us-east, elected first) commits a write when a majority, 3 of 5, holds it:
   * itself, its us-east peer (0.5 ms away) and the nearest other region (40 ms away; both other regions are, so the
   * third-smallest of the delays {0, 0.5, 40, 40, 40} ms one way): the commit takes one 40 ms round trip, 80 ms.
   * The write's response time adds the clients' round trip (2 ms) and its service (exponential, mean 1 ms, at 10 %
   * load: a wait of about 0.1 ms): about 83 ms. The p50 of response times over the whole window is such a write.
   */
  it('a majority spanning regions commits after the round trip to the nearest majority (80 ms)', () => {
    const summary = run(scenario(TWO_TWO_ONE, THREE_REGIONS, 'ap-south'));
    const p50 = summary.responseTime.p50.value!;
    expect(p50).toBeGreaterThan(0.0820);
    expect(p50).toBeLessThan(0.0845);
  });
});
