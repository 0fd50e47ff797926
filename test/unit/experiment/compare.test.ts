/**
 * `compare` in the library: the per-replication figures agree with summary.json, common random numbers really pair
 * the variants, the paired differences and their verdicts, and the plan's checks.
 */
import { describe, expect, it } from 'vitest';
import {
  COMPARED_FIGURES,
  figureDefinition,
  mapFigures,
  pairedDifference,
  replicationFigureVectors,
  summaryFigures,
} from '../../../src/experiment/compare-figures.js';
import { withPolicy } from '../../../src/experiment/compare-spec.js';
import { runComparison, type ComparisonPlan, type VariantInput } from '../../../src/experiment/compare.js';
import { runReplication } from '../../../src/experiment/replication.js';
import { replicationStreams, runReplications } from '../../../src/experiment/run.js';
import { summarize } from '../../../src/experiment/summarize.js';
import { estimate, type Estimate } from '../../../src/metrics/confidence.js';
import { withSketchResolution } from '../../../src/metrics/percentile-interval.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { cluster, exponential, runLength } from '../../helpers/scenarios.js';
import { valueOf } from '../../helpers/estimate.js';

/** n single-core speed-1 nodes, Poisson arrivals at load rho, exponential work of mean 1 s. */
function atLoad(n: number, rho: number, policy: string, replications = 5, requests = 2e4): ScenarioSpec {
  return cluster({
    seed: 'compare-test',
    run: runLength(replications, requests),
    nodes: n,
    policy,
    rate: rho * n,
    work: exponential(1),
  });
}

function policyPlan(spec: ScenarioSpec, names: string[], baseline = names[0]): ComparisonPlan {
  const variants: VariantInput[] = names.map((name) => ({
    name,
    spec: withPolicy(spec, { name: name.replace(/#.*$/, ''), params: {} }),
    file: null,
  }));
  return { scenario: spec.name, baseline, sweeps: [], points: [{ values: [], variants }] };
}

const halfWidth = (ci: [number, number] | null) => (ci === null ? NaN : (ci[1] - ci[0]) / 2);

/** A vector of per-replication values in which every replication had a sample (these runs all measure requests). */
function allPresent(values: readonly (number | null)[]): number[] {
  expect(values).not.toContain(null);
  return values as number[];
}

describe('per-replication figures', () => {
  it('average to exactly the Estimates of summary.json, for every compared figure', () => {
    // Two classes (pooled sketches), a small waiting room (blocking) and a few replications.
    const spec: ScenarioSpec = {
      ...cluster({
        seed: 'figures',
        run: runLength(4, 3000),
        nodes: 3,
        policy: 'random',
        classes: [
          { name: 'a', rate: 1.5, work: exponential(1) },
          { name: 'b', rate: 0.9, work: exponential(0.5) },
        ],
        queue: 2,
      }),
    };
    const outcomes = runReplications(spec);
    const summary = summarize(spec, outcomes);
    expect(summary.blockingProbability.value).toBeGreaterThan(0);
    const vectors = replicationFigureVectors(spec, outcomes);
    const fromVectors = mapFigures((d) => {
      const plain = estimate(allPresent(d.get(vectors)), d.range);
      return d.fromSketch ? withSketchResolution(plain) : plain;
    });
    expect(fromVectors).toEqual(summaryFigures(summary));
    expect(JSON.stringify(fromVectors)).toBe(JSON.stringify(summaryFigures(summary)));
  });

  it('cover every figure of the compared list once, in the shape of summary.json', () => {
    const paths = COMPARED_FIGURES.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    const shaped = mapFigures((d) => d.path);
    for (const figure of COMPARED_FIGURES) expect(figure.get(shaped)).toBe(figure.path);
  });
});

describe('paired differences', () => {
  it('are the mean and Student-t CI of d_r, significant when the CI excludes 0, relative to the baseline mean', () => {
    const baseline = [10, 12, 11, 13, 9];
    const variant = [8, 10.5, 9, 11.2, 7.1];
    const d = variant.map((x, r) => x - baseline[r]);
    const expected: Estimate = estimate(d);
    const result = pairedDifference(variant, baseline);
    expect(result.mean).toBe(expected.value);
    expect(result.ci95).toEqual(expected.ci95);
    expect(result.significant).toBe(true);
    expect(result.relative).toBeCloseTo(valueOf(expected) / 11, 12);
    expect(pairedDifference([10, 14, 9], [11, 12, 10]).significant).toBe(false);
  });

  it('have no interval and no verdict with one replication, and no relative value against a baseline of 0', () => {
    expect(pairedDifference([3], [2])).toEqual({ mean: 1, ci95: null, significant: null, relative: 0.5 });
    expect(pairedDifference([0.1, 0.2], [0, 0]).relative).toBeNull();
  });

  it('refuse vectors of different lengths', () => {
    expect(() => pairedDifference([1, 2], [1, 2, 3])).toThrow(/pairing needs equal counts/);
  });
});

describe('common random numbers', () => {
  it('give replication r of every policy the same arrivals and work', () => {
    // A fixed window in simulated time, so both runs see the same stretch of the arrival stream.
    const spec = (policy: string): ScenarioSpec => ({
      ...atLoad(4, 0.9, policy),
      run: { duration: 200, warmup: 20, replications: 2 },
    });
    // Up to the end of the window: after it a run only drains its measured requests, for as long as that takes.
    const arrivals = (policy: string, r: number) => {
      const seen: number[] = [];
      runReplication(spec(policy), replicationStreams('compare-test', r), r, {
        onArrival: (c, time, work) => {
          if (time <= 220) seen.push(c, time, work);
        },
      });
      return seen;
    };
    for (const r of [0, 1]) {
      const random = arrivals('random', r);
      expect(random.length).toBeGreaterThan(3 * 500);
      expect(arrivals('join-shortest-queue', r)).toEqual(random);
      expect(arrivals('round-robin', r)).toEqual(random);
    }
    // ... and different replications different ones.
    expect(arrivals('random', 1)).not.toEqual(arrivals('random', 0));
  });

  it('make a policy against itself differ by exactly 0, with a CI of exactly [0, 0]', async () => {
    const spec = atLoad(2, 0.9, 'random');
    const comparison = await runComparison(policyPlan(spec, ['random', 'random#again']));
    const [baseline, again] = comparison.points[0].variants;
    expect(again.summary.fingerprint).toBe(baseline.summary.fingerprint);
    for (const figure of COMPARED_FIGURES) {
      const difference = figure.get(again.differences);
      expect(difference, figure.path).toEqual({
        mean: 0,
        ci95: [0, 0],
        significant: false,
        relative: figure.get(summaryFigures(baseline.summary)).value === 0 ? null : 0,
      });
    }
  });

  it('make the baseline\u2019s own differences 0 in every figure', async () => {
    const spec = atLoad(2, 0.9, 'random');
    const comparison = await runComparison(policyPlan(spec, ['round-robin', 'random'], 'random'));
    const baseline = comparison.points[0].variants.find((v) => v.baseline)!;
    expect(baseline.name).toBe('random');
    for (const figure of COMPARED_FIGURES) {
      const difference = figure.get(baseline.differences);
      expect(difference.mean, figure.path).toBe(0);
      expect(difference.ci95, figure.path).toEqual([0, 0]);
      expect(difference.significant, figure.path).toBe(false);
    }
  });

  it('make the paired CI of random vs round-robin (2 nodes, load 0.9) at least 2x narrower than the unpaired one', async () => {
    // 20 replications of 5 000 requests: the cost of 5 x 2e4, with CI widths that vary less from seed to seed.
    const R = 20;
    const spec = atLoad(2, 0.9, 'random', R, 5000);
    const comparison = await runComparison(policyPlan(spec, ['random', 'round-robin']));
    const [random, roundRobin] = comparison.points[0].variants;

    // The unpaired CI of the same difference, from the same runs taken as independent samples:
    // sqrt(h_random^2 + h_roundRobin^2), h each figure's own CI half-width (same t quantile, R - 1 degrees of freedom,
    // as the paired CI). The paired CI has Var(d) = Var(x) + Var(y) - 2 Cov(x, y): under common random numbers
    // replication r of both policies sees the same arrivals and work, so what depends mostly on them moves together in
    // both (strong positive covariance) and cancels in d_r; the unpaired interval ignores the covariance.
    const ratio = (path: string) => {
      const figure = figureDefinition(path)!;
      const x = allPresent(figure.get(random.replicationValues));
      const y = allPresent(figure.get(roundRobin.replicationValues));
      const unpaired = Math.hypot(halfWidth(estimate(x).ci95), halfWidth(estimate(y).ci95));
      const paired = halfWidth(figure.get(roundRobin.differences).ci95);
      expect(paired, path).toBeGreaterThan(0);
      expect(paired, path).toBeCloseTo(halfWidth(estimate(y.map((v, r) => v - x[r])).ci95), 12);
      return unpaired / paired;
    };
    // Throughput and utilisation are set by the arrivals and the work in the window, identical in both: the paired CI
    // is tens of times narrower. The probability of waiting follows the load each replication happened to draw.
    expect(ratio('throughput')).toBeGreaterThanOrEqual(10);
    expect(ratio('utilization')).toBeGreaterThanOrEqual(5);
    expect(ratio('probWait')).toBeGreaterThanOrEqual(2);
    // Response times also depend on random dispatch's own draws (which node each request joins), which round-robin
    // does not make: that part of random's noise is not shared, and the correlation of the replication means is
    // about 0.8 here (measured over 30 replications), which gives a paired CI about 2x narrower on average, between
    // 1.3x and 3x over seeds at this run length. So only "narrower" is asserted for the mean, never a factor that
    // a lucky or unlucky seed would decide.
    expect(ratio('responseTime.mean')).toBeGreaterThan(1);
  });
});

describe('policies at load 0.9', () => {
  it('join-shortest-queue beats random on 10 nodes, significantly, in the mean and in p99', async () => {
    const spec = atLoad(10, 0.9, 'random');
    const comparison = await runComparison(policyPlan(spec, ['random', 'join-shortest-queue']));
    const jsq = comparison.points[0].variants[1];
    for (const figure of [jsq.differences.responseTime.mean, jsq.differences.responseTime.p99]) {
      expect(figure.significant).toBe(true);
      expect(figure.mean).toBeLessThan(0);
      expect(figure.ci95![1]).toBeLessThan(0);
    }
    // Random dispatch makes each node an M/M/1 queue at 0.9 (E[T] = 10 s); JSQ on 10 nodes is far below that.
    expect(jsq.differences.responseTime.mean.relative!).toBeLessThan(-0.5);
  });
});

describe('runComparison', () => {
  it('gives every variant the baseline\u2019s seed and replication count, and says so', async () => {
    const spec = atLoad(2, 0.5, 'random', 2, 2000);
    const other: ScenarioSpec = { ...withPolicy(spec, { name: 'round-robin', params: {} }), seed: 'other', run: { ...spec.run, replications: 3 } };
    const comparison = await runComparison({
      scenario: 'mixed',
      baseline: 'a',
      sweeps: [],
      points: [{ values: [], variants: [{ name: 'a', spec, file: 'a.yaml' }, { name: 'b', spec: other, file: 'b.yaml' }] }],
    });
    expect(comparison.seed).toBe('compare-test');
    expect(comparison.replications).toBe(2);
    expect(comparison.points[0].variants.map((v) => [v.summary.seed, v.summary.replications])).toEqual([
      ['compare-test', 2],
      ['compare-test', 2],
    ]);
    expect(comparison.warnings).toEqual([
      "variant 'b' runs with the baseline's seed compare-test and 2 replications (its own: seed other, 3 replications), " +
        "so that its replication r pairs with the baseline's replication r",
    ]);
  });

  it('pairs at each point on that point\u2019s baseline seed, when a sweep sets the seed', async () => {
    const spec = atLoad(2, 0.5, 'random', 2, 1000);
    const point = (seed: string) => ({
      values: [],
      variants: [
        { name: 'random', spec: { ...spec, seed }, file: null },
        { name: 'round-robin', spec: withPolicy({ ...spec, seed: 'ignored' }, { name: 'round-robin', params: {} }), file: null },
      ],
    });
    const comparison = await runComparison({ scenario: 's', baseline: 'random', sweeps: [], points: [point('1'), point('2')] });
    expect(comparison.points.map((p) => p.variants.map((v) => v.summary.seed))).toEqual([
      ['1', '1'],
      ['2', '2'],
    ]);
    expect(comparison.seed).toBe('1');
  });

  it('reports progress from 0 to 1 over all variants and points', async () => {
    const spec = atLoad(2, 0.5, 'random', 2, 1000);
    const fractions: number[] = [];
    await runComparison(policyPlan(spec, ['random', 'round-robin']), { onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('refuses a plan whose baseline is not a variant, or whose variants share a name', async () => {
    const spec = atLoad(2, 0.5, 'random', 2, 1000);
    await expect(runComparison(policyPlan(spec, ['random', 'round-robin'], 'jsq'))).rejects.toThrow(
      "compare: the baseline 'jsq' is none of the variants: random, round-robin",
    );
    await expect(runComparison(policyPlan(spec, ['random', 'random']))).rejects.toThrow(/two variants share a name/);
  });
});
