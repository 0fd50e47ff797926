/**
 * Determinism and common random numbers (issue 2, part 5; DESIGN.md section 5).
 *
 * 1. Same scenario + same seed = identical results: the SHA-256 of JSON.stringify(summary) (and of the whole result)
 *    is equal across two runs, also with another run in between (no hidden global state); another seed gives
 *    another hash and another fingerprint.
 * 2. Common random numbers: the arrival stream and what is drawn for each request (class, arrival time, work, bytes)
 *    does not depend on the number of nodes or on the dispatch policy. Recorded through runReplication's
 *    `onArrival` for the first 10^4 arrivals of a two-class workload (so that per-class streams are exercised), with
 *    a random network latency and a NIC so that the other streams are drawn in policy-dependent order meanwhile.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../src/index.js';
import { cluster, exponential, type ClassOptions, type ClusterOptions } from '../helpers/scenarios.js';
import { runScenarioChecked, simulate } from '../helpers/simulate.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Two classes with different arrival, work and size distributions: a compute class and a read class. */
const classes: ClassOptions[] = [
  { name: 'api', rate: 4, work: exponential(0.1), size: { dist: 'exponential', mean: 2000 }, op: 'compute' },
  {
    name: 'reads',
    arrivals: { process: 'onoff', rateOn: 6, rateOff: 1, meanOn: 2, meanOff: 3 },
    work: { dist: 'lognormal', mean: 0.2, scv: 2 },
    size: { dist: 'uniform', min: 1000, max: 50_000 },
    op: 'read',
  },
];

function scenario(seed: string, overrides: Partial<ClusterOptions> = {}): ScenarioSpec {
  return cluster({
    name: 'determinism',
    seed,
    run: { requests: 5e4, warmupRequests: 5e3, warmup: 0, replications: 3 },
    nodes: 10,
    policy: 'least-connections',
    classes,
    bandwidth: 10e6,
    latency: { dist: 'exponential', mean: 0.002 },
    ...overrides,
  });
}

describe('determinism: same scenario and seed give identical results', () => {
  it('hash of JSON.stringify(summary) is equal across runs, and differs for another seed', async () => {
    const first = await runScenarioChecked(scenario('determinism-1'));
    const other = await runScenarioChecked(scenario('determinism-2'));
    const second = await runScenarioChecked(scenario('determinism-1'));

    expect(sha256(JSON.stringify(second.summary))).toBe(sha256(JSON.stringify(first.summary)));
    // The whole result (per-node rows, time series, histogram) too: every output a report is made of.
    expect(sha256(JSON.stringify(second))).toBe(sha256(JSON.stringify(first)));
    expect(second.summary.fingerprint).toBe(first.summary.fingerprint);

    expect(sha256(JSON.stringify(other.summary))).not.toBe(sha256(JSON.stringify(first.summary)));
    expect(other.summary.fingerprint).not.toBe(first.summary.fingerprint);
    // The summary names its seed.
    expect(first.summary.seed).toBe('determinism-1');
  });

  it('replications are independent: their outcomes differ', () => {
    const sim = simulate(scenario('determinism-1', { run: { requests: 1e4, warmupRequests: 1e3, warmup: 0, replications: 2 } }));
    const [a, b] = sim.outcomes;
    expect(a.measurement.classes[0].response.digest()).not.toBe(b.measurement.classes[0].response.digest());
  });
});

/** (class, time, work, bytes) of the first `count` arrivals of replication 0. */
interface ArrivalRecord {
  classIndex: Int32Array;
  time: Float64Array;
  work: Float64Array;
  bytes: Float64Array;
}

const recorded = 10_000;

function recordArrivals(spec: ScenarioSpec, replication = 0): ArrivalRecord {
  const record: ArrivalRecord = {
    classIndex: new Int32Array(recorded),
    time: new Float64Array(recorded),
    work: new Float64Array(recorded),
    bytes: new Float64Array(recorded),
  };
  let seen = 0;
  // 2 x 10^4 measured completions after 10^3 warm-up ones: well over 10^4 arrivals.
  const run = { requests: 2e4, warmupRequests: 1e3, warmup: 0, replications: replication + 1 };
  simulate(
    { ...spec, run },
    {
      onArrival: (r, classIndex, time, work, bytes) => {
        if (r !== replication || seen >= recorded) return;
        record.classIndex[seen] = classIndex;
        record.time[seen] = time;
        record.work[seen] = work;
        record.bytes[seen] = bytes;
        seen++;
      },
    },
  );
  expect(seen, 'recorded 10^4 arrivals').toBe(recorded);
  return record;
}

function expectSameArrivals(actual: ArrivalRecord, expected: ArrivalRecord, label: string): void {
  // Exact equality, element by element (typed arrays compare by value).
  expect(actual.classIndex, `${label}: class of each arrival`).toEqual(expected.classIndex);
  expect(actual.time, `${label}: arrival times`).toEqual(expected.time);
  expect(actual.work, `${label}: work drawn`).toEqual(expected.work);
  expect(actual.bytes, `${label}: bytes drawn`).toEqual(expected.bytes);
}

describe('common random numbers: the arrivals and their draws do not depend on the cluster or the policy', () => {
  const seed = 'crn';
  const base = recordArrivals(scenario(seed, { nodes: 10, policy: 'random' }));

  it('the recording exercises both classes, with non-trivial work and sizes', () => {
    const perClass = [0, 0];
    for (const c of base.classIndex) perClass[c]++;
    expect(perClass[0]).toBeGreaterThan(1000);
    expect(perClass[1]).toBeGreaterThan(1000);
    expect(new Set(base.work).size).toBe(recorded);
    expect(new Set(base.bytes).size).toBe(recorded);
    for (let i = 1; i < recorded; i++) expect(base.time[i]).toBeGreaterThanOrEqual(base.time[i - 1]);
  });

  it('10 nodes and 11 nodes see the same arrivals (random dispatch)', () => {
    expectSameArrivals(recordArrivals(scenario(seed, { nodes: 11, policy: 'random' })), base, '11 nodes');
  });

  it('10 nodes and 11 nodes see the same arrivals (least-connections)', () => {
    const ten = recordArrivals(scenario(seed, { nodes: 10, policy: 'least-connections' }));
    expectSameArrivals(ten, base, 'least-connections, 10 nodes');
    expectSameArrivals(recordArrivals(scenario(seed, { nodes: 11, policy: 'least-connections' })), ten, 'least-connections, 11 nodes');
  });

  for (const [policy, params] of [
    ['least-connections', {}],
    ['round-robin', {}],
    ['power-of-d', { d: 2 }],
    ['power-of-d', { d: 3 }],
  ] as const) {
    it(`random and ${policy} ${JSON.stringify(params)} see the same arrivals`, () => {
      expectSameArrivals(recordArrivals(scenario(seed, { nodes: 10, policy, params })), base, `${policy} ${JSON.stringify(params)}`);
    });
  }

  it('...and the runs themselves differ (the policy and the node count do matter downstream)', () => {
    const a = simulate(scenario(seed, { nodes: 10, policy: 'random', run: { requests: 2e4, warmupRequests: 1e3, warmup: 0, replications: 1 } }));
    const b = simulate(scenario(seed, { nodes: 10, policy: 'least-connections', run: { requests: 2e4, warmupRequests: 1e3, warmup: 0, replications: 1 } }));
    const c = simulate(scenario(seed, { nodes: 11, policy: 'random', run: { requests: 2e4, warmupRequests: 1e3, warmup: 0, replications: 1 } }));
    expect(b.summary.fingerprint).not.toBe(a.summary.fingerprint);
    expect(c.summary.fingerprint).not.toBe(a.summary.fingerprint);
  });

  it('another seed, or another replication, gives other arrivals', () => {
    const otherSeed = recordArrivals(scenario('crn-other', { nodes: 10, policy: 'random' }));
    expect(otherSeed.time).not.toEqual(base.time);
    const otherReplication = recordArrivals(scenario(seed, { nodes: 10, policy: 'random' }), 1);
    expect(otherReplication.time).not.toEqual(base.time);
    expect(otherReplication.work).not.toEqual(base.work);
  });
});
