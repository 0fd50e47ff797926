/**
 * Voter placement across regions (issue 14, validation "Placement"), written with `topology.placement`: 5 voters as
 * 2 + 2 + 1 over three regions keep a leader through the loss of any one region, 3 voters in one region do not
 * survive its loss (non-voters elsewhere do not save them), a write's commit waits for the round trip to the nearest
 * majority of the voters whatever the non-voters, which still receive every write, a preferred region holds the
 * leadership whenever it is up, and clients pay the cross-region round trip to a leader elsewhere.
 */
import { describe, expect, it } from 'vitest';
import type { RegionsSummary } from '../../../../../src/topology/single-leader/placement/regions-figures.js';
import { loadScenario } from '../../../../../src/scenario/index.js';
import { simulate } from '../../../../helpers/simulate.js';

interface Options {
  groups: string[];
  zones: string[];
  placement: string;
  lost: string;
  /** How long the region stays lost (default: to the end). */
  duration?: string;
  workload?: string[];
}

const PUTS = ['  - { class: put, op: write, arrivals: { process: poisson, rate: 100/s }, work: { dist: exponential, mean: 1ms } }'];

/** A quorum store over the given node groups and placement, region `lost` down from 12 s (10 s into the window). */
function scenario(o: Options): string {
  return `
name: placement
seed: 5
duration: 30s
warmup: 2s
replications: 2
nodes:
${o.groups.map((g) => `  - ${g}`).join('\n')}
zones:
${o.zones.map((z) => `  ${z}`).join('\n')}
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
  placement: ${o.placement}
workload:
${(o.workload ?? PUTS).join('\n')}
failures:
  - { kind: domain, nodes: 'region:${o.lost}', at: [12s], duration: ${o.duration ?? '1h'} }
`;
}

function run(text: string) {
  const loaded = loadScenario(text, { file: 'placement.yaml' });
  expect(loaded.errors).toEqual([]);
  return simulate(loaded.spec!).summary as ReturnType<typeof simulate>['summary'] & { regions: RegionsSummary };
}

const THREE_REGIONS = ['a: { region: us-east }', 'b: { region: eu-west }', 'c: { region: ap-south }'];
const TWO_TWO_ONE = [
  '{ group: east, count: 2, cores: 2, zone: a }',
  '{ group: west, count: 2, cores: 2, zone: b }',
  '{ group: south, count: 1, cores: 2, zone: c }',
];
const VOTERS_221 = '{ voters: { us-east: 2, eu-west: 2, ap-south: 1 } }';

describe('voter placement across regions', () => {
  // 2 + 2 + 1: any region lost leaves at least 3 of 5 voters, a majority; the lost region's requests fail only
  // until the election (well under a second of 100 writes/s), so almost every write of the 30 s window succeeds.
  it.each(['us-east', 'eu-west', 'ap-south'])('2 + 2 + 1 over three regions keeps a leader when %s is lost', (lost) => {
    const summary = run(scenario({ groups: TWO_TWO_ONE, zones: THREE_REGIONS, placement: VOTERS_221, lost }));
    expect(summary.requests.failed).toBeLessThan(2 * 100); // under a second's writes per replication
    expect(summary.requests.completed).toBeGreaterThan(2 * 100 * 29);
  });

  it('3 voters in one region: its loss leaves no leader, every write after it fails; non-voters elsewhere do not help', () => {
    const summary = run(scenario({
      groups: ['{ group: east, count: 3, cores: 2, zone: a }', '{ group: west, count: 2, cores: 2, zone: b }'],
      zones: THREE_REGIONS.slice(0, 2),
      placement: '{ voters: { us-east: 3 }, nonVoters: { eu-west: 2 } }',
      lost: 'us-east',
    }));
    // Lost at 10 s of the 30 s window: 20 s of 100 writes/s fail in each replication (Poisson: within 4 sd of 2 000).
    // Had the eu-west nodes voted, 2 of 5 would still not be a majority either; as non-voters they never stand.
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
    const summary = run(scenario({ groups: TWO_TWO_ONE, zones: THREE_REGIONS, placement: VOTERS_221, lost: 'ap-south' }));
    const p50 = summary.responseTime.p50.value!;
    expect(p50).toBeGreaterThan(0.0820);
    expect(p50).toBeLessThan(0.0845);
  });

  /**
   * Two non-voters beside the leader (zone a, 0.5 ms away). Had they voted, 4 of 7 would hold a write within 0.5 ms
   * one way and the commit would take about 1 ms; as non-voters they leave the majority the voters' 3 of 5, so the
   * p50 is the same 83 ms as above. They still receive every write: a non-voter lacks only the writes on the wire
   * to it, lambda x d = 100/s x 0.5 ms = 0.05 entries at a random instant (Little's law). The mean is over about
   * 3 000 samples (10 per second over 29 s, 2 non-voters, 2 replications, a Poisson(0.05) count each: sd 0.22);
   * 4 standard errors, with the samples counted as 1 500 independent ones for the two non-voters' correlation:
   * 4 x 0.22 / sqrt(1500) = 0.023.
   */
  it('non-voters leave the commit latency alone and receive every write', () => {
    const summary = run(scenario({
      groups: ['{ group: east, count: 4, cores: 2, zone: a }', ...TWO_TWO_ONE.slice(1)],
      zones: THREE_REGIONS,
      placement: '{ voters: { us-east: 2, eu-west: 2, ap-south: 1 }, nonVoters: { us-east: 2 } }',
      lost: 'ap-south',
    }));
    const p50 = summary.responseTime.p50.value!;
    expect(p50).toBeGreaterThan(0.0820);
    expect(p50).toBeLessThan(0.0845);
    const lag = summary.regions.nonVoterLag!;
    expect(Math.abs(lag.mean.value! - 0.05)).toBeLessThan(0.023);
  });

  /**
   * eu-west preferred (its first voter leads from the start): it leads the first 10 s of the 30 s window, loses the
   * leadership for the 10 s of its outage, and takes it back by a transfer once its voters are back and caught up:
   * the next heartbeat (<= 50 ms), TimeoutNow (40 ms) and the votes (a 40 ms round trip to ap-south, or 1 ms to its
   * eu-west peer plus the third vote), well under 0.4 s. So its share is in [(30 - 10 - 0.4) / 30, 20 / 30]
   * = [0.653, 0.667] in every replication (deterministic up to the heartbeat phase and the catch-up).
   */
  it('a preferred region holds the leadership whenever it is up', () => {
    const options: Options = { groups: TWO_TWO_ONE, zones: THREE_REGIONS, placement: '', lost: 'eu-west', duration: '10s' };
    const preferred = run(scenario({ ...options, placement: '{ voters: { us-east: 2, eu-west: 2, ap-south: 1 }, preferredLeader: eu-west }' }));
    const share = preferred.regions.leadership['eu-west'].value!;
    expect(share).toBeGreaterThan((30 - 10 - 0.4) / 30);
    expect(share).toBeLessThanOrEqual(20 / 30);
    expect(preferred.regions.transfers.value).toBe(1);
    // No preference: node 0 (us-east) leads first; us-east lost 10 s into the window, then back 10 s later, finds
    // another region's leader in office and leaves it there.
    const indifferent = run(scenario({ ...options, placement: VOTERS_221, lost: 'us-east' }));
    expect(indifferent.regions.leadership['us-east'].value).toBeCloseTo(10 / 30, 6);
    expect(indifferent.regions.transfers.value).toBe(0);
  });

  /**
   * Clients by region, the leader in us-east (preferred): a us-east client's write costs its 2 ms round trip to the
   * leader plus the 80 ms commit (above), about 83 ms; an eu-west client's costs the cross-region round trip to the
   * leader, 2 x 40 ms, plus the same commit: about 161 ms, the price of a quorum led from another region. The p50s
   * in bands of the same width as above (service and the sketch's 0.2 % resolution).
   */
  it('a write pays its clients\' round trip to the leader\'s region on top of the commit', () => {
    const summary = run(scenario({
      groups: TWO_TWO_ONE,
      zones: THREE_REGIONS,
      placement: '{ voters: { us-east: 2, eu-west: 2, ap-south: 1 }, preferredLeader: us-east }',
      lost: 'ap-south',
      workload: [
        '  - { class: put-east, op: write, region: us-east, arrivals: { process: poisson, rate: 50/s }, work: { dist: exponential, mean: 1ms } }',
        '  - { class: put-west, op: write, region: eu-west, arrivals: { process: poisson, rate: 50/s }, work: { dist: exponential, mean: 1ms } }',
      ],
    }));
    const east = summary.regions.writeLatency['us-east'].p50!;
    const west = summary.regions.writeLatency['eu-west'].p50!;
    expect(east).toBeGreaterThan(0.0820);
    expect(east).toBeLessThan(0.0845);
    expect(west).toBeGreaterThan(0.1600);
    expect(west).toBeLessThan(0.1630);
    expect(summary.regions.writeLatency['us-east'].writes + summary.regions.writeLatency['eu-west'].writes).toBe(summary.requests.completed);
    expect(summary.classes['put-west'].responseTime.p50.value).toBeCloseTo(west, 3);
  });
});
