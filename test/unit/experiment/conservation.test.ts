/**
 * arrived = completed + failed + in flight at the end of every run (issue 2, part 4), on runs built to stress it:
 * requests still in flight at the stop, rejections, storage failures, processor sharing, latency and NIC stages.
 * `simulate` asserts the law per replication and on the summary; these tests also check that each case really
 * exercises the term it is meant to (something in flight, something failed). Measured requests are followed to
 * their end after the window closes (the drain), so only a run that cannot drain in time — a node at 3x its
 * capacity — still has requests in flight when it stops; every other run must end with none.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../src/index.js';
import { cluster, constant, exponential, singleNode } from '../../helpers/scenarios.js';
import { runScenarioChecked, simulate } from '../../helpers/simulate.js';

const byDuration = { duration: 200, warmup: 20, replications: 3 };
const byRequests = { requests: 2e4, warmupRequests: 2e3, warmup: 0, replications: 3 };

const cases: [string, ScenarioSpec, { inFlight?: boolean; failed?: string }][] = [
  [
    'overloaded node with a bounded waiting room (rejections, a full queue at the window end, drained)',
    singleNode({ seed: 'c1', run: byDuration, rate: 3, cores: 2, queue: 5, work: exponential(1) }),
    { failed: 'rejected' },
  ],
  [
    'node at 3x capacity, unbounded (the backlog of ~360 cannot drain in the 180 s allowed: in flight at the stop)',
    singleNode({ seed: 'c2', run: byDuration, rate: 3, work: exponential(1) }),
    { inFlight: true },
  ],
  [
    'processor sharing, stopped after N measured requests',
    singleNode({ seed: 'c3', run: byRequests, rate: 0.9, discipline: 'ps', work: { dist: 'hyperexponential', mean: 1, scv: 4 } }),
    {},
  ],
  [
    'cluster with latency, NIC and a write class filling storage',
    cluster({
      seed: 'c4',
      run: byRequests,
      nodes: 4,
      policy: 'least-connections',
      storage: 5e6,
      bandwidth: 1e7,
      latency: exponential(0.005),
      classes: [
        { name: 'reads', rate: 20, work: exponential(0.1), size: exponential(5e4), op: 'read' },
        { name: 'writes', rate: 10, work: exponential(0.05), size: constant(1e4), op: 'write' },
      ],
    }),
    { failed: 'storage-full' },
  ],
  [
    'Erlang loss system (no waiting room)',
    singleNode({ seed: 'c5', run: byRequests, rate: 12, cores: 10, queue: 0, work: exponential(1) }),
    { failed: 'rejected' },
  ],
];

describe('conservation: arrived = completed + failed + in flight', () => {
  for (const [label, spec, exercised] of cases) {
    it(label, () => {
      const sim = simulate(spec, { expectStoppedEarly: exercised.inFlight });
      if (exercised.inFlight) expect(sim.summary.stoppedEarly).toMatch(/could not finish their measured requests/);
      const r = sim.summary.requests;
      // The summary's counts are the sums of the replications'.
      expect(r.arrived).toBe(sim.outcomes.reduce((a, o) => a + o.measurement.arrived, 0));
      expect(r.inFlight).toBe(sim.outcomes.reduce((a, o) => a + o.inFlight, 0));
      if (exercised.inFlight) expect(r.inFlight, 'some requests are in flight at the stop').toBeGreaterThan(0);
      else expect(r.inFlight, 'every measured request was followed to its end').toBe(0);
      if (exercised.failed) expect(r.failedByCause[exercised.failed], `some requests failed with ${exercised.failed}`).toBeGreaterThan(0);
    });
  }

  it('runScenario (the public entry point) gives the same summary as runReplication + resultOf', async () => {
    const spec = cases[0][1];
    const viaRunScenario = await runScenarioChecked(spec);
    expect(viaRunScenario.summary).toEqual(simulate(spec).summary);
  });
});
