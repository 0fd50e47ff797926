/**
 * The request table's columns that only some runs use (src/model/request-table.ts): attempts and generations kept
 * only once a reader asks for them, and the class, key, client and size columns left blank by a workload whose
 * requests carry none, unless other entries of the table (leaderless replica tasks) write them.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { Simulator } from '../../../src/engine/simulator.js';
import type { WorkloadClassSpec } from '../../../src/model/spec.js';
import { RequestTable } from '../../../src/model/request-table.js';
import { WorkloadSource } from '../../../src/model/workload-source.js';

const plainClass: WorkloadClassSpec = {
  name: 'plain',
  arrivals: { process: 'poisson', rate: 10 },
  work: { dist: 'exponential', mean: 0.01 },
  size: { dist: 'constant', value: 0 },
  op: 'compute',
};

/** The identity columns of every request `classes` emit in one simulated second, after `before` ran on the table. */
function emitted(classes: WorkloadClassSpec[], before: (requests: RequestTable) => void): number[][] {
  const sim = new Simulator();
  const requests = new RequestTable();
  before(requests);
  const seen: number[][] = [];
  new WorkloadSource(sim, requests, classes, new RandomStreams('identity'), (request) => {
    seen.push([requests.classIndex[request], requests.key[request], requests.client[request], requests.bytes[request]]);
    requests.release(request);
  });
  sim.run({ until: 1 });
  return seen;
}

/** Fills the identity columns of the table's first entry with values no plain request carries, then frees it. */
function leaveTaskBehind(requests: RequestTable): void {
  const task = requests.allocate();
  requests.classIndex[task] = 3;
  requests.key[task] = 77;
  requests.client[task] = 5;
  requests.bytes[task] = 4096;
  requests.release(task);
}

describe('request table: columns kept on demand', () => {
  it('allocation leaves attempts and generations alone until a reader keeps them', () => {
    const requests = new RequestTable();
    const first = requests.allocate();
    requests.release(first);
    expect(requests.allocate()).toBe(first);
    expect(requests.generation[first]).toBe(0);
    expect(requests.attempt[first]).toBe(0);
    requests.release(first);

    requests.keepAttempts();
    requests.attempt[first] = 4;
    const generation = requests.generation[first];
    expect(requests.allocate()).toBe(first);
    // A timer that remembered the old holder's generation sees a new one, and the attempt count starts again.
    expect(requests.generation[first]).toBe(generation + 1);
    expect(requests.attempt[first]).toBe(1);
  });

  it('a plain workload reads blank identity columns: class 0, key -1, client -1, 0 bytes', () => {
    const seen = emitted([plainClass], () => {});
    expect(seen.length).toBeGreaterThan(3);
    for (const row of seen) expect(row).toEqual([0, -1, -1, 0]);
  });

  it('a table whose identity columns other entries write has them written for every request', () => {
    const seen = emitted([plainClass], (requests) => {
      requests.identityShared = true;
      leaveTaskBehind(requests);
    });
    expect(seen.length).toBeGreaterThan(3);
    for (const row of seen) expect(row).toEqual([0, -1, -1, 0]);
  });

  it('without the shared mark a plain workload does not write them (what the mark is for)', () => {
    const seen = emitted([plainClass], leaveTaskBehind);
    // The first request reuses the entry the task left: its values are still there.
    expect(seen[0]).toEqual([3, 77, 5, 4096]);
  });

  it('a workload with keys, clients or sizes writes every column of every request', () => {
    const keyed: WorkloadClassSpec = {
      ...plainClass,
      keys: { count: 10, popularity: 'uniform', exponent: 0 },
      size: { dist: 'constant', value: 100 },
    };
    const seen = emitted([keyed], leaveTaskBehind);
    expect(seen.length).toBeGreaterThan(3);
    for (const [classIndex, key, client, bytes] of seen) {
      expect(classIndex).toBe(0);
      expect(key).toBeGreaterThanOrEqual(0);
      expect(key).toBeLessThan(10);
      expect(client).toBe(-1);
      expect(bytes).toBe(100);
    }
  });
});
