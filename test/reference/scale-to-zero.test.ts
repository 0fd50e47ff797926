/**
 * Scale-to-zero against queueing theory: with `max: 1` and `idleTimeout: 0s`, the scale-to-zero controller is the
 * M/G/1 queue whose busy periods begin with a setup time I (the node is removed the moment it empties; the next
 * arrival waits while a new one provisions for a draw of I). Welch (1964), "On generalized M/G/1 queuing processes
 * in which the first customer of each busy period receives exceptional service", Operations Research 12(5), gives
 * for Poisson arrivals at rate lambda and exponential service at rate mu the mean response time
 *
 *   E[T] = 1 / (mu - lambda) + (2 E[I] + lambda E[I^2]) / (2 (1 + lambda E[I]))
 *
 * (the M/M/1 mean plus the setup's share; the statement of it). Here lambda = 0.5/s, mu = 1/s, E[I] = 1 s:
 * - exponential I: E[I^2] = 2, E[T] = 2 + (2 + 1) / (2 x 1.5) = 3;
 * - constant I:    E[I^2] = 1, E[T] = 2 + (2 + 0.5) / (2 x 1.5) = 2.8333...
 * The fraction of arrivals that find no node and start one is P(empty) = (1 - rho) / (1 + lambda E[I]) = 1/3 in
 * both cases (a busy period with setup: the node is off a fraction (1 - rho) / (1 + lambda E[I]) of the time, and
 * Poisson arrivals see time averages).
 *
 * Tolerance: the reference rule (shared/reference/README.md). The nearest stated case is mm1-rho0.5 (the same
 * arrivals and service without setup), responseTime.mean tol 0.003 at 10 replications of 10^6 requests. Every busy
 * period adds a node whose id is never reused (node ids only grow: the cost of a dispatch grows with the nodes ever
 * added), so this runs R = 4 replications of N = 10^4 measured requests (warm-up 10^3), and the tolerance scales by
 * sqrt(10 x 10^6 / (R N)) = 15.8, to 4.7 %. The setup's share raises the variance of T above the M/M/1's; the
 * test also prints the replications' 95 % CI half-width, which must sit inside the tolerance (it does: see the log).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../src/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { checkAgainst, expectation, referenceCase, toleranceScale, type ReferenceCase } from '../helpers/reference.js';
import { simulate } from '../helpers/simulate.js';

const R = 4;
const N = 1e4;
const SCALE = toleranceScale(R, N);
const TOL = expectation(referenceCase('queueing.yaml', 'mm1-rho0.5'), 'responseTime.mean').tol!;
const SOURCE = 'Welch (1964), Operations Research 12(5): M/G/1 with exceptional first service (setup I)';

function scenario(setup: string): ScenarioSpec {
  const text = [
    'name: welch',
    'seed: 1964',
    `requests: ${N}`,
    `warmupRequests: ${N / 10}`,
    `replications: ${R}`,
    'nodes:',
    '  - { group: web, count: 1, cores: 1 }',
    'balancer: { policy: least-connections }',
    'workload:',
    '  - { class: api, arrivals: { process: poisson, rate: 0.5/s }, work: { dist: exponential, mean: 1s } }',
    'scaling:',
    `  - { group: web, min: 0, max: 1, controller: scale-to-zero, idleTimeout: 0s, provisioning: ${setup} }`,
    '',
  ].join('\n');
  const loaded = loadScenario(text, { file: 'welch.yaml' });
  expect(loaded.errors).toEqual([]);
  return loaded.spec!;
}

function welch(lambda: number, mu: number, meanSetup: number, setupSecondMoment: number): number {
  return 1 / (mu - lambda) + (2 * meanSetup + lambda * setupSecondMoment) / (2 * (1 + lambda * meanSetup));
}

const cases: { name: string; setup: string; secondMoment: number }[] = [
  { name: 'exponential setup', setup: '{ dist: exponential, mean: 1s }', secondMoment: 2 },
  { name: 'constant setup', setup: '1s', secondMoment: 1 },
];

describe('scale-to-zero with max 1 and idle timeout 0 is M/M/1 with setup times (Welch 1964)', () => {
  for (const c of cases) {
    it(`${c.name}: mean response time and the share of arrivals that start a node`, () => {
      const { summary } = simulate(scenario(c.setup));
      const expected = welch(0.5, 1, 1, c.secondMoment);
      const reference: ReferenceCase = { id: `welch-${c.name.replace(' ', '-')}`, model: '', source: SOURCE, expect: {} };
      const record = checkAgainst(reference, 'responseTime.mean', summary.responseTime.mean, { value: expected, tol: TOL }, SCALE);
      expect(record.ciHalfWidth!).toBeLessThan(record.allowed);
      // Cold starts per measured arrival: P(empty) = (1 - 0.5) / (1 + 0.5) = 1/3. A binomial share of R N = 40 000
      // arrivals has sd sqrt(1/3 x 2/3 / 40 000) = 0.0024 (busy periods make it a little larger): 0.015 is 6 sd.
      const scaling = (summary as unknown as { scaling: { coldStarts: { value: number } } }).scaling;
      const share = scaling.coldStarts.value / N;
      expect(Math.abs(share - 1 / 3), `cold starts per arrival ${share} vs 1/3 (${SOURCE})`).toBeLessThan(0.015);
    });
  }
});
