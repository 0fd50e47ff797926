/**
 * Closed-loop clients against the finite-source queue (the machine-repairman model): N clients, each thinking an
 * exponential time of mean Z, then sending one request to c exponential servers of rate mu = 1 (FIFO) and waiting
 * for its reply. The number of requests at the node is a birth-death process with birth rate (N - n) / Z and death
 * rate mu min(n, c), so (Gross and Harris, "Fundamentals of Queueing Theory", 3rd ed., sec. 2.8, eqs. 2.62-2.64;
 * Kleinrock, "Queueing Systems" vol. 1, sec. 3.10 for c = 1), with r = 1 / (Z mu):
 *
 *   p_n = C(N, n) r^n p_0                                  for 0 <= n < c
 *   p_n = C(N, n) n! / (c^(n - c) c!) r^n p_0              for c <= n <= N,   p_0 from sum p_n = 1
 *
 * throughput X = sum_n mu min(n, c) p_n, utilisation X / (c mu), and the mean response time by Little's law over
 * the whole loop (the interactive response time law, Lazowska et al., "Quantitative System Performance", 1984,
 * sec. 3.4): R = N / X - Z. Every expected value is computed here from these formulas, never by the simulator.
 *
 * Tolerances (the tolerance rule of ../shared/reference/README.md): each case takes the stated tolerance of the open
 * queue at the same or a higher utilisation from test/fixtures/reference/queueing.yaml (for response-time means:
 * mm1-rho0.5 0.003 below utilisation 0.5, mm1-rho0.9 0.015 up to 0.9, mmc-c4-rho0.8 0.006 for two servers at 0.8;
 * utilisation: mm1-rho0.5's 0.003), conservative since a finite source throttles its arrivals when the queue is long,
 * which makes response times less correlated than in the open queue. They are scaled to this run length,
 * R = 10 replications of N = 10^5 measured requests: x sqrt(10 x 10^6 / 10^6) = x 3.16. About 3.5 x 10^6 events per
 * case, 1-2 s each.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../src/index.js';
import { expectation, referenceCase, toleranceScale } from '../helpers/reference.js';
import { exponential, runLength, singleNode } from '../helpers/scenarios.js';
import { simulate } from '../helpers/simulate.js';

const R = 10;
const N = 1e5;
const SCALE = toleranceScale(R, N);
const tolerance = (id: string, quantity: string) => expectation(referenceCase('queueing.yaml', id), quantity).tol! * SCALE;

interface FiniteSource {
  population: number;
  think: number;
  servers: number;
}

/** Throughput, utilisation and mean response time of the finite-source M/M/c//N queue with mu = 1. */
function finiteSource({ population, think, servers }: FiniteSource): { throughput: number; utilization: number; response: number } {
  const r = 1 / think;
  const weights: number[] = [];
  let binomial = 1; // C(N, n)
  let factorial = 1; // n!
  let cFactorial = 1; // c!
  for (let n = 0; n <= population; n++) {
    if (n > 0) {
      binomial = (binomial * (population - n + 1)) / n;
      factorial *= n;
    }
    if (n === servers) cFactorial = factorial;
    weights.push(n < servers ? binomial * r ** n : (binomial * factorial * r ** n) / (servers ** (n - servers) * cFactorial));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const throughput = weights.reduce((sum, w, n) => sum + Math.min(n, servers) * (w / total), 0);
  return { throughput, utilization: throughput / servers, response: population / throughput - think };
}

function closedLoop(name: string, { population, think, servers }: FiniteSource): ScenarioSpec {
  return singleNode({
    name,
    seed: `reference/${name}`,
    run: runLength(R, N, 1e4),
    cores: servers,
    classes: [{ arrivals: { process: 'closed', population, thinkTime: exponential(think) }, work: exponential(1) }],
  });
}

const cases: { name: string; model: FiniteSource; responseTolerance: number }[] = [
  // Utilisation 0.385: below 0.5.
  { name: 'mm1-N2-Z4', model: { population: 2, think: 4, servers: 1 }, responseTolerance: tolerance('mm1-rho0.5', 'responseTime.mean') },
  // Utilisation 0.801: up to 0.9.
  { name: 'mm1-N5-Z4', model: { population: 5, think: 4, servers: 1 }, responseTolerance: tolerance('mm1-rho0.9', 'responseTime.mean') },
  // Two servers, utilisation 0.733: below 0.8.
  { name: 'mm2-N8-Z4', model: { population: 8, think: 4, servers: 2 }, responseTolerance: tolerance('mmc-c4-rho0.8', 'responseTime.mean') },
];

describe('closed loop = the finite-source queue M/M/c//N (Gross and Harris sec. 2.8)', () => {
  it('the formulas reproduce a value worked by hand: M/M/1//2, Z = 4: p0 = 1 / (1 + 2/4 + 2/16) = 8/13', () => {
    // X = 1 - p0 = 5/13, R = N / X - Z = 26/5 - 4 = 1.2.
    const { throughput, response } = finiteSource({ population: 2, think: 4, servers: 1 });
    expect(throughput).toBeCloseTo(5 / 13, 12);
    expect(response).toBeCloseTo(1.2, 12);
  });

  for (const { name, model, responseTolerance } of cases) {
    it(`${name}: mean response time and utilisation`, () => {
      const expected = finiteSource(model);
      const { summary } = simulate(closedLoop(name, model));
      const response = summary.responseTime.mean.value ?? NaN;
      const utilization = summary.utilization.value ?? NaN;
      const source = `finite-source queue, Gross and Harris sec. 2.8: R = N / X - Z = ${expected.response}`;
      expect(Math.abs(response / expected.response - 1), `${name} mean response ${response}; ${source}`).toBeLessThanOrEqual(
        responseTolerance,
      );
      expect(
        Math.abs(utilization / expected.utilization - 1),
        `${name} utilisation ${utilization}, expected X / c = ${expected.utilization}`,
      ).toBeLessThanOrEqual(tolerance('mm1-rho0.5', 'utilization'));
    });
  }
});
