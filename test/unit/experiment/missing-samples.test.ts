/**
 * Nothing made up (issue 10, part 5): a figure whose denominator had no sample is null (value and CI), and a
 * warning says why; a replication without a sample of a figure is left out of it, and the warning says how many
 * replications the figure averages. Expected values come from the raw outcomes, not from the summary.
 */
import { describe, expect, it } from 'vitest';
import {
  estimate,
  resultOf,
  runReplications,
  type FailureSpec,
  type ReplicationOutcome,
  type ScenarioSpec,
} from '../../../src/index.js';
import { cluster, exponential, failuresOnly } from '../../helpers/scenarios.js';

function run(spec: ScenarioSpec): { outcomes: ReplicationOutcome[]; result: ReturnType<typeof resultOf> } {
  const outcomes = runReplications(spec);
  return { outcomes, result: resultOf(spec, outcomes) };
}

const NONE = { value: null, ci95: null };

describe('a measurement window without a request (duration 1 ms at 1 request/s)', () => {
  const spec = cluster({
    seed: 'empty-window',
    nodes: 2,
    policy: 'random',
    rate: 1,
    work: exponential(0.1),
    run: { duration: 0.001, warmup: 0, replications: 3 },
  });
  const { outcomes, result } = run(spec);
  const { summary } = result;

  it('has no request at all (the premise)', () => {
    expect(outcomes.map((o) => o.measurement.arrived)).toEqual([0, 0, 0]);
  });

  it('reports no response time, wait, probability of waiting, blocking or request availability: null, not 0', () => {
    for (const figure of Object.values(summary.responseTime)) expect(figure).toEqual(NONE);
    for (const figure of Object.values(summary.waitTime)) expect(figure).toEqual(NONE);
    expect(summary.probWait).toEqual(NONE);
    expect(summary.blockingProbability).toEqual(NONE);
    expect(summary.availability.request).toEqual(NONE);
    expect(summary.availability.requestNines).toBeNull();
    for (const figure of Object.values(summary.classes.requests.responseTime)) expect(figure).toEqual(NONE);
  });

  it('keeps the figures the empty window does measure: throughput 0 (a true 0), time availability 1', () => {
    expect(summary.throughput.value).toBe(0);
    expect(summary.classes.requests.throughput.value).toBe(0);
    expect(summary.availability.time.value).toBe(1);
  });

  it('says why, once, with the figures concerned', () => {
    expect(result.warnings).toEqual([
      'no request arrived in the measurement window (all 3 replications): response time, wait time, probability of ' +
        'waiting, blocking probability and request availability have no value (null in summary.json, – in the ' +
        'tables); lengthen the window (duration or requests) or raise the arrival rate',
    ]);
  });

  it('writes null in summary.json', () => {
    const json = JSON.parse(JSON.stringify(summary)) as { responseTime: { p99: unknown } };
    expect(json.responseTime.p99).toEqual({ value: null, ci95: null });
  });
});

describe('a class without arrivals next to one with', () => {
  // Class 'rare' arrives at 10^-9 per second: none in 200 s, in any replication.
  const spec = cluster({
    seed: 'rare-class',
    nodes: 2,
    policy: 'random',
    classes: [
      { name: 'busy', rate: 1, work: exponential(0.1) },
      { name: 'rare', rate: 1e-9, work: exponential(0.1) },
    ],
    run: { duration: 200, warmup: 0, replications: 2 },
  });
  const { outcomes, result } = run(spec);

  it('has no response time for the rare class, and the pooled figures of the busy one', () => {
    expect(outcomes.every((o) => o.measurement.classes[1].response.count === 0)).toBe(true);
    for (const figure of Object.values(result.summary.classes.rare.responseTime)) expect(figure).toEqual(NONE);
    expect(result.summary.classes.rare.throughput.value).toBe(0);
    const busyMeans = outcomes.map((o) => o.measurement.classes[0].response.mean);
    expect(result.summary.classes.busy.responseTime.mean).toEqual(estimate(busyMeans, { min: 0 }));
    expect(result.summary.responseTime.mean).toEqual(estimate(busyMeans, { min: 0 }));
  });

  it('says so for that class only', () => {
    expect(result.warnings).toEqual([
      "no request of class 'rare' completed in the measurement window (all 2 replications): its response time has " +
        'no value (null in summary.json, – in the tables)',
    ]);
  });
});

describe('MTBF and MTTR', () => {
  const crashes = (meanTimeToFailure: number): FailureSpec => ({
    kind: 'crash',
    nodes: 'node',
    timeToFailure: exponential(meanTimeToFailure),
    timeToRepair: exponential(5),
  });
  const withCrashes = (meanTimeToFailure: number, seed: string): ScenarioSpec => ({
    ...cluster({
      seed,
      nodes: 2,
      policy: 'least-connections',
      rate: 0.5,
      work: exponential(0.1),
      run: { duration: 100, warmup: 0, replications: 8 },
    }),
    reliability: failuresOnly([crashes(meanTimeToFailure)]),
  });
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

  it('a run without any crash has no MTBF and no MTTR (null), and no warning about them', () => {
    const { outcomes, result } = run(withCrashes(1e9, 'no-crash'));
    expect(outcomes.every((o) => sum(o.reliability!.crashes) === 0)).toBe(true);
    expect(result.summary.reliability!.mtbf).toBeNull();
    expect(result.summary.reliability!.mttr).toBeNull();
    expect(result.summary.reliability!.crashes.value).toBe(0);
    expect(result.warnings).toEqual([]);
    // Per node too: no MTBF or MTTR (NaN, an empty cell in nodes.csv), never 0.
    for (const node of result.nodes) {
      expect(node.crashes).toBe(0);
      expect(node.mtbf).toBeNaN();
      expect(node.mttr).toBeNaN();
    }
  });

  it('with crashes in some replications only, MTBF is up time over crashes pooled over every replication, no warning', () => {
    // Two nodes failing after 400 s on average in a 100 s window: no crash in a replication with probability
    // exp(-200 / 400) = 0.61, so 8 replications mix both (this seed: checked below).
    const { outcomes, result } = run(withCrashes(400, 'some-crashes'));
    const crashed = outcomes.filter((o) => sum(o.reliability!.crashes) > 0);
    expect(crashed.length).toBeGreaterThan(0);
    expect(crashed.length).toBeLessThan(8);
    // Issue 16.7: one definition, up time / crashes over everything the figure covers; a replication without a crash
    // keeps its up time in the total (leaving it out would read too short).
    const up = outcomes.map((o) => sum(o.reliability!.nodeUptime));
    const crashes = outcomes.map((o) => sum(o.reliability!.crashes));
    const mtbf = sum(up) / sum(crashes);
    // The ratio estimator's interval (Cochran, Sampling Techniques, 6.4): t(0.975, 7) = 2.364624 (tables).
    const residuals = up.map((y, r) => y - mtbf * crashes[r]);
    const sd = Math.sqrt(sum(residuals.map((d) => d * d)) / 7);
    const half = (2.364624 * sd) / ((sum(crashes) / 8) * Math.sqrt(8));
    const reported = result.summary.reliability!.mtbf!;
    expect(reported.value).toBeCloseTo(mtbf, 9);
    expect(reported.ci95![0]).toBeCloseTo(Math.max(0, mtbf - half), 2); // t to 7 digits: 1e-7 relative
    expect(reported.ci95![1]).toBeCloseTo(mtbf + half, 2);
    expect(result.warnings.filter((w) => w.includes('MTBF'))).toEqual([]);

    // Per node: the same definition, its own up time over its own crashes, pooled over the replications.
    result.nodes.forEach((node, i) => {
      const nodeCrashes = sum(outcomes.map((o) => o.reliability!.crashes[i]));
      const nodeUp = sum(outcomes.map((o) => o.reliability!.nodeUptime[i]));
      if (nodeCrashes === 0) expect(node.mtbf).toBeNaN();
      else expect(node.mtbf).toBeCloseTo(nodeUp / nodeCrashes, 9);
    });
  });
});
