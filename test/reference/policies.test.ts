/**
 * Dispatch policies against queueing theory (issue 4, part 5), through the library: `runScenario` (via
 * test/helpers/simulate.ts, which adds the arrived = completed + failed + in flight check) on hand-built scenarios.
 * Every expected value comes from theory, computed here from its formula or read from test/fixtures/reference/
 * (verbatim copies of ../shared/reference/), with its source next to the check; none from running the code under
 * test.
 *
 * Run lengths and tolerances follow the reference README: a tolerance stated for 10 replications of 10^6 measured
 * requests is scaled by sqrt(10 x 10^6 / (R N)) for R replications of N; a shorter run widens, never narrows.
 * Where a case has no stated tolerance, the one of the closest fixture case is used and the reason given. Cost:
 * about 100 million events in all, some 20-30 s of CPU at the simulator's 4-6 million events/s.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Estimate, NodeSpec, ScenarioResult, ScenarioSpec } from '../../src/index.js';
import { checkAgainst, checkWithin, expectation, figure, referenceCase, toleranceScale } from '../helpers/reference.js';
import { cluster, exponential, nodes, runLength, workloadClass } from '../helpers/scenarios.js';
import { runScenarioChecked } from '../helpers/simulate.js';
import { valueOf } from '../helpers/estimate.js';
import { NodeTable } from '../../src/model/node-table.js';

const FILE = 'queueing.yaml';
const exp1 = exponential(1);
const seedOf = (id: string) => `reference/policies/${id}`;

/**
 * E_n/M/1 by the GI/M/1 formula (Kleinrock, Queueing Systems vol. 1, 1975, section 6.4): sigma in (0, 1) solves
 * sigma = A*(mu - mu sigma), A* the Laplace transform of the interarrival time; a node fed every n-th arrival of a
 * Poisson stream of rate lambdaTotal sees Erlang-n interarrivals, A*(s) = (lambdaTotal / (lambdaTotal + s))^n.
 * Then P(an arrival waits) = sigma and T ~ Exp(mu (1 - sigma)). Solved by bisection: f(s) = A*(mu (1 - s)) - s is
 * positive at 0 and negative just below 1 (f'(1) = 1/rho - 1 > 0 for rho < 1).
 */
function erlangArrivalSigma(n: number, lambdaTotal: number, mu = 1): number {
  const f = (s: number) => (lambdaTotal / (lambdaTotal + mu * (1 - s))) ** n - s;
  let low = 0;
  let high = 1 - 1e-9;
  if (!(f(low) > 0 && f(high) < 0)) throw new Error('erlangArrivalSigma: no root in (0, 1): is rho < 1?');
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (f(mid) > 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Erlang C (probability of waiting in M/M/c, offered load a = lambda / mu < c), via the Erlang B recursion. */
function erlangC(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** E[T] of the supermarket model as n -> infinity: sum over i >= 1 of lambda^((d^i - d) / (d - 1)) (Mitzenmacher 2001). */
function supermarketMean(lambda: number, d: number): number {
  let sum = 0;
  for (let i = 1; i < 200; i++) {
    const term = lambda ** ((d ** i - d) / (d - 1));
    sum += term;
    if (term < 1e-17) break;
  }
  return sum;
}

const half = (e: Estimate) => (e.ci95 ? (e.ci95[1] - e.ci95[0]) / 2 : 0);

/** Shared runs (each used by more than one check). */
const runs = new Map<string, Promise<ScenarioResult>>();
function run(id: string, spec: () => ScenarioSpec): Promise<ScenarioResult> {
  let result = runs.get(id);
  if (!result) {
    result = runScenarioChecked(spec());
    runs.set(id, result);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Random dispatch to n nodes = n independent M/M/1 queues.

/**
 * n = 100 nodes, per-node load 0.9 (total rate 90/s): random splitting of a Poisson stream gives 100 independent
 * M/M/1 queues at rho = 0.9, so E[T] = 1 / (mu - lambda_node) = 10, P(wait) = 0.9, p99 = ln(100) / (mu - lambda) =
 * 46.05170 (Kleinrock 1975; the fixture's random-n10-rho0.8 case states the splitting argument, mm1-rho0.9 the
 * values).
 *
 * Tolerances: those of mm1-rho0.9 (the same queue): the mean of N requests spread over n independent queues has
 * the variance of N requests of one queue (n queues of N / n each, averaged), so the single-queue tolerance applies
 * unchanged. R = 5, N = 10^6: scale sqrt(10^7 / (5 x 10^6)) = 1.41. Warm-up 3 x 10^5 completions = 3 333 s of
 * simulated time, about 9 relaxation times of an M/M/1 at 0.9 (1 / (1 - sqrt(rho))^2 = 380 s): the start-empty
 * bias is negligible next to the tolerance.
 */
const RANDOM = { n: 100, load: 0.9, R: 5, N: 1e6, warmup: 3e5 };
const randomSpec = () =>
  cluster({
    name: 'random-n100-rho0.9',
    seed: seedOf('random-n100'),
    run: runLength(RANDOM.R, RANDOM.N, RANDOM.warmup),
    nodes: RANDOM.n,
    policy: 'random',
    rate: RANDOM.load * RANDOM.n,
    work: exp1,
  });

describe('random dispatch to n = 100 nodes = 100 independent M/M/1 queues at rho = 0.9', () => {
  const c = referenceCase(FILE, 'mm1-rho0.9');
  const scale = toleranceScale(RANDOM.R, RANDOM.N);
  const source = `random splitting of a Poisson stream into independent M/M/1 queues; ${c.source}`;
  let result: ScenarioResult;
  beforeAll(async () => {
    result = await run('random', randomSpec);
  });
  for (const quantity of ['responseTime.mean', 'probWait', 'responseTime.p99'] as const) {
    it(`${quantity} = ${expectation(c, quantity).value} (mm1-rho0.9 tolerance x ${scale.toFixed(2)})`, () => {
      checkAgainst({ ...c, id: 'random-n100-rho0.9', source }, quantity, figure(result.summary, quantity), expectation(c, quantity), scale);
    });
  }
  it('utilization = 0.9 and throughput = 90/s (flow balance; mm1-rho0.5 utilization tolerance)', () => {
    const flow = { ...referenceCase(FILE, 'mm1-rho0.5'), id: 'random-n100-rho0.9', source: 'flow balance' };
    const tol = expectation(referenceCase(FILE, 'mm1-rho0.5'), 'utilization').tol!;
    checkAgainst(flow, 'utilization', result.summary.utilization, { value: 0.9, tol }, scale);
    checkAgainst(flow, 'throughput', result.summary.throughput, { value: 90, tol }, scale);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Round-robin to n exponential nodes: each node is E_n/M/1.

describe('round-robin to n exponential nodes: each node is an E_n/M/1 queue (GI/M/1 formula)', () => {
  const c = referenceCase(FILE, 'round-robin-n2-rho0.9');

  it('the GI/M/1 solver reproduces the fixture: n = 2, rho = 0.9 gives E[T] = 7.588284, P(wait) = 0.8682179', () => {
    const sigma = erlangArrivalSigma(2, 1.8);
    expect(Math.abs(1 / (1 - sigma) - expectation(c, 'responseTime.mean').value)).toBeLessThan(1e-6);
    expect(Math.abs(sigma - expectation(c, 'probWait').value)).toBeLessThan(1e-7);
    expect(Math.abs(Math.log(100) / (1 - sigma) - expectation(c, 'responseTime.p99').value)).toBeLessThan(1e-5);
    // The closed form the fixture quotes for E_2: sigma = (1 + 4 rho - sqrt(1 + 8 rho)) / 2.
    expect(Math.abs(sigma - (1 + 4 * 0.9 - Math.sqrt(1 + 8 * 0.9)) / 2)).toBeLessThan(1e-9);
  });

  /**
   * n = 10 nodes at rho = 0.9 (total rate 9/s): E_10/M/1, sigma = 0.8233302, E[T] = 5.660276, p99 = 26.06654.
   * Both round-robin and weighted-round-robin on equal capacities (which must be plain round-robin, in a fixed
   * cyclic order) are checked against it.
   *
   * Tolerances: those of round-robin-n2-rho0.9 (the closest stated case: an E_2/M/1 at the same load). They are
   * conservative for n = 10: Erlang-10 arrivals are more regular (squared coefficient of variation 1/10 instead of
   * 1/2), which shrinks the queue's variability and relaxation time, hence the variance of the estimate; the nodes'
   * queues are correlated through the common arrival stream (correlation about 1 / (n + 1) in heavy traffic), which
   * costs less than that gain. R = 4, N = 10^6: scale sqrt(10^7 / (4 x 10^6)) = 1.58; warm-up 2 x 10^5 (22 000 s).
   */
  const n = 10;
  const lambda = 0.9 * n;
  const sigma = erlangArrivalSigma(n, lambda);
  const expected = {
    'responseTime.mean': 1 / (1 - sigma),
    probWait: sigma,
    'responseTime.p99': Math.log(100) / (1 - sigma),
  };
  const R = 4;
  const N = 1e6;
  const scale = toleranceScale(R, N);
  for (const policy of ['round-robin', 'weighted-round-robin']) {
    describe(`${policy}, n = ${n}, rho = 0.9: E_${n}/M/1 with sigma = ${sigma.toFixed(7)}`, () => {
      let result: ScenarioResult;
      beforeAll(async () => {
        result = await run(`${policy}-n10`, () =>
          cluster({ name: `${policy}-n10-rho0.9`, seed: seedOf(`${policy}-n10`), run: runLength(R, N, 2e5), nodes: n, policy, rate: lambda, work: exp1 }),
        );
      });
      for (const [quantity, value] of Object.entries(expected)) {
        it(`${quantity} = ${value.toPrecision(7)} (round-robin-n2-rho0.9 tolerance x ${scale.toFixed(2)})`, () => {
          const estimate = figure(result.summary, quantity);
          checkAgainst(
            { ...c, id: `${policy}-n${n}-rho0.9`, source: `E_n/M/1 by the GI/M/1 formula; ${c.source}` },
            quantity,
            estimate,
            { value, tol: expectation(c, quantity).tol },
            scale,
          );
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Power-of-d: toward Mitzenmacher's fixed point as n grows.

/**
 * Power-of-2 at per-node load 0.9 for n = 10, 100, 1000. As n -> infinity E[T] -> sum_{i>=1} lambda^(2^i - 2) =
 * 2.614057 (Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing", IEEE TPDS 12(10), 2001;
 * Vvedenskaya, Dobrushin and Karpelevich 1996; the fixture's supermarket-asymptote). A finite n sits above it by
 * about C / n (Gast, "Expected values estimated via mean-field approximation are 1/N-accurate", SIGMETRICS 2017;
 * Gast and Van Houdt, "A refined mean field approximation", 2017: the correction is positive for this model); the
 * fixture's note puts n = 100 at about +1.2 %, hence C = 1.2 and about +0.12 % at n = 1000, +12 % at n = 10 (where
 * the first-order term is only indicative).
 *
 * Checks (tol: the statistical tolerance below):
 * - n = 1000 in [asymptote (1 - tol), asymptote (1 + tol + 0.24 %)] (0.24 %: twice the predicted finite-n excess);
 * - n = 100 in asymptote x (1 + 1.2 %) +- (tol + 0.6 %) (0.6 %: half the stated excess, the note says "about");
 * - n = 10 at least 5 % above n = 100 (the first-order prediction is +10 %) and below asymptote x 1.3;
 * - the mean decreases with n: 10 -> 100 by more than the 95 % CI half-width of the difference (independent runs:
 *   sqrt(h1^2 + h2^2)); 100 -> 1000 (predicted about 1.1 %, some 3.5 standard errors of the difference at this run
 *   length, measured below) by more than nothing, a CI-separated step would need four times the run.
 *
 * Statistical tolerance: 0.003 at 10 x 10^6 requests (mm1-rho0.5's mean tolerance, as test/reference/queueing.test.ts
 * uses for the same model), or 1.5 times the run's own relative 95 % CI half-width (about 3.4 standard errors with
 * 10 replications) when that is wider: power-of-d on hundreds of nodes has slow collective fluctuations (the total
 * number in system of n coupled queues), measured here at 0.5-0.7 % per replication of 10^6 requests, so the
 * M/M/1-based figure alone sits at only 1.5-2 standard errors. Run lengths: R = 10, N = 10^6 for n = 100 and
 * 1000 (the reference length: scale 1), R = 4, N = 5 x 10^5 for n = 10 (x 2.24).
 */
const POD_LOAD = 0.9;
const podRuns = { 10: { R: 4, N: 5e5 }, 100: { R: 10, N: 1e6 }, 1000: { R: 10, N: 1e6 } } as const;
const podSpec = (n: 10 | 100 | 1000) => () =>
  cluster({
    name: `power-of-2-n${n}`,
    seed: seedOf(`power-of-2-n${n}`),
    run: runLength(podRuns[n].R, podRuns[n].N, podRuns[n].N / 10),
    nodes: n,
    policy: 'power-of-d',
    params: { d: 2 },
    rate: POD_LOAD * n,
    work: exp1,
  });

describe('power-of-2 at load 0.9 approaches the supermarket fixed point as n grows (n = 10, 100, 1000)', () => {
  const c = referenceCase(FILE, 'supermarket-asymptote');
  const asymptote = c.values!.d2['0.9'];
  const baseTol = expectation(referenceCase(FILE, 'mm1-rho0.5'), 'responseTime.mean').tol!;
  const results = new Map<number, ScenarioResult>();
  beforeAll(async () => {
    for (const n of [10, 100, 1000] as const) results.set(n, await run(`power-of-2-n${n}`, podSpec(n)));
  });

  it(`the fixture's asymptote ${asymptote} is the formula's`, () => {
    expect(Math.abs(supermarketMean(POD_LOAD, 2) - asymptote)).toBeLessThan(1e-6);
  });

  const statTol = (n: 10 | 100 | 1000) => {
    const mean = results.get(n)!.summary.responseTime.mean;
    return Math.max(baseTol * toleranceScale(podRuns[n].R, podRuns[n].N), (1.5 * half(mean)) / valueOf(mean));
  };

  it('n = 1000: within [asymptote (1 - tol), asymptote (1 + tol + 0.24 %)]', () => {
    const tol = statTol(1000);
    const mean = results.get(1000)!.summary.responseTime.mean;
    checkWithin('power-of-2 n=1000', 'responseTime.mean', mean, asymptote, asymptote * (1 - tol), asymptote * (1 + tol + 0.0024), c.source);
  });

  it('n = 100: asymptote x (1 + 1.2 %) within tol + 0.6 %', () => {
    const tol = statTol(100) + 0.006;
    const predicted = asymptote * 1.012;
    const mean = results.get(100)!.summary.responseTime.mean;
    checkWithin('power-of-2 n=100', 'responseTime.mean', mean, predicted, predicted * (1 - tol), predicted * (1 + tol), c.source);
  });

  it('n = 10: at least 5 % above n = 100, below asymptote x 1.3', () => {
    const mean = results.get(10)!.summary.responseTime.mean;
    const at100 = valueOf(results.get(100)!.summary.responseTime.mean);
    checkWithin('power-of-2 n=10', 'responseTime.mean', mean, asymptote * 1.12, at100 * 1.05, asymptote * 1.3, c.source);
  });

  it('the mean decreases with n (10 -> 100 beyond the noise, 100 -> 1000 strictly) toward the asymptote', () => {
    const m = [10, 100, 1000].map((n) => results.get(n)!.summary.responseTime.mean);
    for (let k = 0; k < 2; k++) {
      const gap = valueOf(m[k]) - valueOf(m[k + 1]);
      const noise = Math.hypot(half(m[k]), half(m[k + 1]));
      console.log(`[reference] power-of-2: E[T] ${valueOf(m[k]).toFixed(5)} -> ${valueOf(m[k + 1]).toFixed(5)} (gap ${gap.toFixed(5)}, 95 % CI half-width of the difference ${noise.toFixed(5)})`);
      expect(gap).toBeGreaterThan(k === 0 ? noise : 0);
    }
    expect(m[2].value).toBeGreaterThan(asymptote * (1 - statTol(1000)));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// JSQ < power-of-2 < random at load 0.9, 100 nodes.

/**
 * 100 nodes at load 0.9. Expected from theory:
 * - random: 10 (independent M/M/1 queues at 0.9, Kleinrock 1975);
 * - power-of-2: about 2.645 (the supermarket asymptote 2.614057 plus the fixture's +1.2 % at n = 100);
 * - join-shortest-queue: bounded below by the pooled M/M/100 mean, 1 + C(100, 90) / 10 = 1.021694 (Erlang C; a
 *   central queue never leaves a server idle while a request waits, so it bounds every dispatching policy from
 *   below, as the fixture's jsq-n2-rho0.9 bounds state), and above by power-of-2's (JSQ is optimal among
 *   non-anticipating policies for identical exponential servers: Winston, J. Appl. Prob. 14, 1977). Its size: here
 *   beta = (1 - rho) sqrt(n) = 1, the Halfin-Whitt regime, where the requests waiting under JSQ number O(sqrt(n))
 *   (Eschenfeldt and Gamarnik, "Join the shortest queue with many servers. The heavy-traffic asymptotics", Math.
 *   Oper. Res. 43(3), 2018), so by Little's law E[W] = O(1 / sqrt(n)), of order 0.1 service time: E[T] about 1.1.
 * Margins expected: random / power-of-2 = 3.78, power-of-2 / JSQ about 2.4 (at least 1, at most 2.59). Checked
 * with room for the order-of-magnitude estimate: random / power-of-2 > 3.5, power-of-2 / JSQ > 2, and JSQ in
 * [M/M/100 (1 - tol), 1.2]. The random and power-of-2 runs are those above; JSQ: R = 3, N = 5 x 10^5 (tol:
 * mm1-rho0.5's mean tolerance, scaled x 2.58).
 */
describe('at load 0.9 on 100 nodes: join-shortest-queue < power-of-2 < random by clear margins', () => {
  const mmc = 1 + erlangC(100, 90) / 10;
  const R = 3;
  const N = 5e5;
  let jsq: ScenarioResult;
  let pod: ScenarioResult;
  let random: ScenarioResult;
  beforeAll(async () => {
    jsq = await run('jsq-n100', () =>
      cluster({ name: 'jsq-n100-rho0.9', seed: seedOf('jsq-n100'), run: runLength(R, N), nodes: 100, policy: 'join-shortest-queue', rate: 90, work: exp1 }),
    );
    pod = await run('power-of-2-n100', podSpec(100));
    random = await run('random', randomSpec);
  });

  it(`join-shortest-queue: within [M/M/100 = ${mmc.toFixed(6)} (1 - tol), 1.2]`, () => {
    const tol = expectation(referenceCase(FILE, 'mm1-rho0.5'), 'responseTime.mean').tol! * toleranceScale(R, N);
    checkWithin('jsq-n100-rho0.9', 'responseTime.mean', jsq.summary.responseTime.mean, mmc, mmc * (1 - tol), 1.2, 'Erlang C lower bound; Eschenfeldt and Gamarnik 2018');
  });

  it('random / power-of-2 > 3.5 and power-of-2 / join-shortest-queue > 2', () => {
    const r = valueOf(random.summary.responseTime.mean);
    const p = valueOf(pod.summary.responseTime.mean);
    const j = valueOf(jsq.summary.responseTime.mean);
    console.log(`[reference] load 0.9, n = 100: random ${r.toFixed(4)}, power-of-2 ${p.toFixed(4)}, join-shortest-queue ${j.toFixed(4)}; ratios ${(r / p).toFixed(3)} and ${(p / j).toFixed(3)}`);
    expect(r / p).toBeGreaterThan(3.5);
    expect(p / j).toBeGreaterThan(2);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Weighted round-robin on a heterogeneous cluster: equal utilisation.

/**
 * Nodes of capacity (cores x speed) 1, 1, 1, 1, 2, 2, 3, 3, 4 (W = 18), Poisson arrivals at 0.8 W = 14.4/s,
 * exponential work of mean 1. WRR sends node i the share w_i / W, so its utilisation is
 * (lambda w_i / W) E[S] / (cores_i speed_i) = lambda / W = 0.8 for every node (utilisation law).
 *
 * Tolerance per node: the flow tolerance of the fixture (mm1-rho0.5 utilization, 0.003 for 10 x 10^6 requests)
 * scaled to the node's own requests, sqrt(W / w_i) (its share of the N requests), and to the run, R = 3, N = 10^6
 * (x 1.83); utilisation is (work served) / (capacity x time), whose relative error per node is about
 * sqrt(1 / N_i + 1 / N).
 */
describe('weighted-round-robin on a heterogeneous cluster keeps every node at the same utilisation', () => {
  const groups: [string, number, number, number][] = [
    ['small', 4, 1, 1],
    ['fast', 2, 1, 2],
    ['wide', 2, 2, 1.5],
    ['big', 1, 4, 1],
  ];
  const all: NodeSpec[] = groups.flatMap(([group, count, cores, speed]) => nodes(count, { cores, speed }, group));
  const capacity = all.map((node) => node.cores * node.speed);
  const total = capacity.reduce((a, b) => a + b, 0);
  const R = 3;
  const N = 1e6;
  const load = 0.8;
  let result: ScenarioResult;
  beforeAll(async () => {
    result = await run('wrr-hetero', () => ({
      name: 'wrr-heterogeneous',
      description: 'weighted round-robin by capacity',
      seed: seedOf('wrr-heterogeneous'),
      run: runLength(R, N),
      nodes: NodeTable.of(all),
      network: { latency: { dist: 'constant', value: 0 } },
      balancer: { policy: { name: 'weighted-round-robin', params: {} } },
      workload: [workloadClass({ rate: load * total, work: exp1 })],
    }));
  });

  it(`W = ${total}: every node at utilisation ${load}`, () => {
    const base = expectation(referenceCase(FILE, 'mm1-rho0.5'), 'utilization').tol!;
    const flow = { ...referenceCase(FILE, 'mm1-rho0.5'), source: 'utilisation law U_i = lambda_i E[S] / (cores_i speed_i) with lambda_i = lambda w_i / W' };
    result.nodes.forEach((row, i) => {
      const tol = base * Math.sqrt(total / capacity[i]);
      checkAgainst({ ...flow, id: `wrr-heterogeneous ${row.node}` }, 'utilization', row.utilization, { value: load, tol }, toleranceScale(R, N));
    });
  });

  it('the requests are shared in proportion to capacity', () => {
    const completed = result.nodes.map((row) => row.completed);
    const sum = completed.reduce((a, b) => a + b, 0);
    // WRR's shares are exact to within one request per node per prefix (WF2Q), whatever the randomness.
    completed.forEach((count, i) => expect(Math.abs(count / sum - capacity[i] / total)).toBeLessThan(1e-3));
  });
});
