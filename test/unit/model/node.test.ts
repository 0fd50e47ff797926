/**
 * A node's resources end to end (src/model/, src/topology/direct.ts): processor sharing, network latency, the NIC
 * and storage, each against theory or an exact count. Every run checks arrived = completed + failed + in flight
 * (test/helpers/simulate.ts).
 *
 * Run length of the statistical checks: R = 4 replications of N = 5 x 10^5 measured requests (warm-up 5 x 10^4
 * completions), 1/5 of the reference's 10 x 10^6, so the reference tolerances they borrow are scaled by
 * sqrt(10 x 10^6 / (4 x 5 x 10^5)) = 2.236 (reference README's rule).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../src/index.js';
import { expectation, referenceCase, toleranceScale } from '../../helpers/reference.js';
import { cluster, constant, exponential, runLength, singleNode } from '../../helpers/scenarios.js';
import { simulate, type Simulation } from '../../helpers/simulate.js';
import { valueOf } from '../../helpers/estimate.js';

const R = 4;
const N = 5e5;
const RUN = runLength(R, N);
const SCALE = toleranceScale(R, N); // 2.236
const mm1 = referenceCase('queueing.yaml', 'mm1-rho0.5');
const md1 = referenceCase('queueing.yaml', 'md1-rho0.5');
/** The fixture's tolerance on the M/M/1 mean response at rho 0.5 (0.003 at 10 x 10^6), scaled to this length. */
const MM1_MEAN_TOL = expectation(mm1, 'responseTime.mean').tol! * SCALE;
/** The fixture's tolerance on the M/D/1 mean response at rho 0.5 (0.002 at 10 x 10^6), scaled to this length. */
const MD1_MEAN_TOL = expectation(md1, 'responseTime.mean').tol! * SCALE;

function expectRelative(value: number, reference: number, tol: number, what: string): void {
  console.log(`[node] ${what}: sim ${value.toPrecision(7)} ref ${reference} (${((100 * (value - reference)) / reference).toFixed(3)} %) tol rel ${tol.toPrecision(3)}`);
  expect(Math.abs(value - reference) / reference, `${what}: ${value} vs ${reference}`).toBeLessThanOrEqual(tol);
}

describe('processor sharing: exact small cases', () => {
  // Two requests arrive together at t = 100 (deterministic arrivals, one per class), works 1 and 2 on 1 core.
  // PS: both at half speed until the first finishes at 100 + 2 (response 2); the second has 1 left, alone at full
  // speed: done at 103 (response 3). FIFO (class 0 first, insertion order): responses 1 and 1 + 2 = 3.
  function pair(discipline: 'ps' | 'fifo', cores = 1): ScenarioSpec {
    return singleNode({
      seed: 'ps-pair',
      run: { duration: 150, warmup: 0, replications: 1 },
      discipline,
      cores,
      classes: [
        { name: 'short', arrivals: { process: 'deterministic', rate: 0.01 }, work: constant(1) },
        { name: 'long', arrivals: { process: 'deterministic', rate: 0.01 }, work: constant(2) },
      ],
    });
  }
  it('PS on 1 core: responses 2 and 3', () => {
    const s = simulate(pair('ps')).summary;
    expect(s.classes.short.responseTime.mean.value).toBeCloseTo(2, 12);
    expect(s.classes.long.responseTime.mean.value).toBeCloseTo(3, 12);
    expect(s.requests.completed).toBe(2);
  });
  it('FIFO on 1 core: responses 1 and 3', () => {
    const s = simulate(pair('fifo')).summary;
    expect(s.classes.short.responseTime.mean.value).toBeCloseTo(1, 12);
    expect(s.classes.long.responseTime.mean.value).toBeCloseTo(3, 12);
  });
  it('PS on 2 cores: no sharing, responses 1 and 2', () => {
    const s = simulate(pair('ps', 2)).summary;
    expect(s.classes.short.responseTime.mean.value).toBeCloseTo(1, 12);
    expect(s.classes.long.responseTime.mean.value).toBeCloseTo(2, 12);
  });
});

describe('processor sharing: M/M/1-PS and M/D/1-PS at rho = 0.5', () => {
  /**
   * M/G/1-PS: E[T] = E[S] / (1 - rho) whatever the work distribution (insensitivity; Kleinrock, Queueing Systems
   * vol. 2, 1976, section 4.4; Sakata, Noguchi and Oizumi 1971), here 1 / (mu - lambda) = 2 s for exponential and for
   * constant work, the same as M/M/1-FIFO.
   *
   * Tolerances. M/M/1-PS: its number-in-system process is the same birth-death chain as M/M/1-FIFO's, and by
   * Little's law on the sample path the mean response is the time-average of that process over the arrival rate
   * (up to O(L / N) boundary terms), so its estimator has the FIFO one's variance: the fixture's mm1-rho0.5 mean
   * tolerance, 0.003 x 2.236 = 0.0067. M/D/1-PS: the number in system has the same geometric law (insensitivity)
   * and lives within the M/D/1 busy periods, which are shorter and less variable than M/M/1's; allowed 1.5 x the
   * M/M/1 figure, 0.010. Both checks also assert the 95 % CI half-width across replications is below the tolerance.
   */
  const cases: [string, ScenarioSpec][] = [
    ['M/M/1-PS', singleNode({ name: 'mm1-ps', seed: 'mm1-ps', run: RUN, rate: 0.5, work: exponential(1), discipline: 'ps' })],
    ['M/D/1-PS', singleNode({ name: 'md1-ps', seed: 'md1-ps', run: RUN, rate: 0.5, work: constant(1), discipline: 'ps' })],
  ];
  for (const [label, spec] of cases) {
    const tol = label === 'M/M/1-PS' ? MM1_MEAN_TOL : 1.5 * MM1_MEAN_TOL;
    describe(label, () => {
      let sim: Simulation;
      beforeAll(() => {
        sim = simulate(spec);
      });
      it(`${label}: E[T] = 1 / (mu - lambda) = 2 s (tol rel ${tol.toPrecision(3)})`, () => {
        const mean = sim.summary.responseTime.mean;
        expectRelative(valueOf(mean), 2, tol, `${label} E[T]`);
        expect((mean.ci95![1] - mean.ci95![0]) / 2 / 2, `${label}: CI half-width within the tolerance`).toBeLessThan(tol);
      });
      it(`${label}: utilisation = rho = 0.5, throughput = lambda = 0.5 (tol rel ${MM1_MEAN_TOL.toPrecision(3)})`, () => {
        // Tolerance: the fixture's mm1-rho0.5 utilisation tolerance (0.003), scaled: 0.0067.
        const tolFlow = expectation(mm1, 'utilization').tol! * SCALE;
        expectRelative(valueOf(sim.summary.utilization), 0.5, tolFlow, `${label} utilisation`);
        expectRelative(valueOf(sim.summary.throughput), 0.5, tolFlow, `${label} throughput`);
      });
    });
  }
});

describe('network latency: M/M/1 at rho 0.5 with 10 ms each way', () => {
  /**
   * A constant latency shifts each request's arrival at the node by 10 ms (a shifted Poisson stream is Poisson) and
   * its reply by 10 ms more, so E[T] = 1 / (mu - lambda) + 0.020 = 2.020 s. Tolerance: the fixture's mm1-rho0.5 mean
   * tolerance scaled, 0.0067 relative. Sharper, with common random numbers: the same seed without latency draws the
   * same arrivals and works, the node sees the same sequence shifted by 10 ms, so every response is exactly 20 ms
   * longer; the two means differ by 0.020 up to the few requests at the window's edges (whose times move by 20 ms):
   * allowed 10^-4 s.
   */
  let withLatency: Simulation;
  let without: Simulation;
  beforeAll(() => {
    const base = { seed: 'latency', run: RUN, rate: 0.5, work: exponential(1) };
    withLatency = simulate(singleNode({ ...base, name: 'mm1-latency', latency: constant(0.01) }));
    without = simulate(singleNode({ ...base, name: 'mm1-no-latency' }));
  });
  it('E[T] = 2 + 0.020 s against theory (tol rel 0.0067)', () => {
    expectRelative(valueOf(withLatency.summary.responseTime.mean), 2.02, MM1_MEAN_TOL, 'M/M/1 + 2 x 10 ms, E[T]');
  });
  it('E[T] with latency - E[T] without = 0.020 s (same seed, common random numbers; tol abs 1e-4)', () => {
    const diff = valueOf(withLatency.summary.responseTime.mean) - valueOf(without.summary.responseTime.mean);
    console.log(`[node] latency paired difference: ${diff}`);
    expect(Math.abs(diff - 0.02)).toBeLessThanOrEqual(1e-4);
    // The waiting time at the node is not affected by the latency.
    expect(Math.abs(valueOf(withLatency.summary.waitTime.mean) - valueOf(without.summary.waitTime.mean))).toBeLessThanOrEqual(1e-4);
  });
});

describe('NIC: bandwidth B, S bytes, zero work = M/D/1 with service S / B', () => {
  /**
   * One transfer at a time per NIC, in FIFO order, each taking S / B: an M/D/1 queue. D = S / B = 1.25 MB / 125 MB/s
   * = 10 ms, lambda = 50/s, rho = 0.5. Pollaczek-Khinchine: E[T] = D + rho D / (2 (1 - rho)) = 1.5 D = 15 ms
   * (Kleinrock vol. 1, 1975, section 5.7). Tolerance: the fixture's md1-rho0.5 mean tolerance (0.002) scaled,
   * 0.0045 relative. Checked for a compute request (the reply goes out through the NIC) and a write (the body comes
   * in through the NIC first). The NIC's utilisation is rho.
   */
  const bytes = 1.25e6;
  const bandwidth = 125e6;
  const D = bytes / bandwidth;
  for (const op of ['compute', 'write'] as const) {
    it(`${op}: E[T] = 1.5 S / B = ${1.5 * D} s (tol rel ${MD1_MEAN_TOL.toPrecision(3)}), NIC utilisation 0.5`, () => {
      const sim = simulate(
        singleNode({ name: `nic-${op}`, seed: `nic-${op}`, run: RUN, rate: 0.5 / D, work: constant(0), size: constant(bytes), op, bandwidth }),
      );
      expectRelative(valueOf(sim.summary.responseTime.mean), 1.5 * D, MD1_MEAN_TOL, `NIC M/D/1 (${op}) E[T]`);
      expectRelative(sim.result.nodes.at(0).nicUtilization, 0.5, expectation(mm1, 'utilization').tol! * SCALE, `NIC (${op}) utilisation`);
      // Zero work: the CPU is never busy.
      expect(sim.summary.utilization.value).toBe(0);
    });
  }
});

describe('storage: a write that does not fit fails with cause storage-full', () => {
  /**
   * Exact counts. Storage 10 KB (10 000 bytes) per node, writes of 1 KB (1000 bytes), nothing ever deleted: exactly
   * 10 writes fit per node. Deterministic arrivals, one write per second at t = 1 .. 100 and one read per second
   * (reads use no storage), measured from t = 0 to 100.5 s.
   */
  function storageScenario(nodeCount: number): ScenarioSpec {
    return cluster({
      name: `storage-${nodeCount}`,
      seed: 'storage',
      run: { duration: 100.5, warmup: 0, replications: 2 },
      nodes: nodeCount,
      policy: 'round-robin',
      storage: 10_000,
      bandwidth: 1e6,
      classes: [
        { name: 'writes', arrivals: { process: 'deterministic', rate: 1 }, work: constant(0.01), size: constant(1000), op: 'write' },
        { name: 'reads', arrivals: { process: 'deterministic', rate: 1 }, work: constant(0.01), size: constant(1000), op: 'read' },
      ],
    });
  }
  for (const nodeCount of [1, 3]) {
    it(`${nodeCount} node(s): exactly ${10 * nodeCount} writes succeed, ${100 - 10 * nodeCount} fail storage-full, every read succeeds`, () => {
      const sim = simulate(storageScenario(nodeCount));
      for (const o of sim.outcomes) {
        const m = o.measurement;
        expect(m.arrived).toBe(200);
        expect(m.classes[0].response.count, 'writes completed').toBe(10 * nodeCount);
        expect(m.classes[1].response.count, 'reads completed').toBe(100);
        expect(m.failed).toBe(100 - 10 * nodeCount);
        expect(o.inFlight).toBe(0);
        for (const used of o.nodes.storageUsed) expect(used, 'each node full: 10 x 1000 bytes').toBe(10_000);
      }
      const r = sim.summary.requests;
      expect(r.failedByCause['storage-full']).toBe(2 * (100 - 10 * nodeCount));
      expect(r.failedByCause.rejected).toBe(0);
      expect(r.failed).toBe(r.failedByCause['storage-full']);
      expect(sim.result.nodes.map((n) => n.storageUsed)).toEqual(new Array(nodeCount).fill(10_000));
      expect(sim.summary.availability.request.value).toBeCloseTo((100 + 10 * nodeCount) / 200, 12);
    });
  }

  it('a single write larger than the whole storage fails', () => {
    const spec = storageScenario(1);
    spec.workload[0].size = constant(10_001);
    const sim = simulate(spec);
    expect(sim.summary.requests.failedByCause['storage-full']).toBe(2 * 100);
    expect(sim.result.nodes.at(0).storageUsed).toBe(0);
  });
});
