/**
 * The regression test of `clustersim check` (issue 15, item 5): Welch's one-sided t shifted by a tolerance, against
 * numbers computed independently with SciPy 1.17 (`scipy.stats.ttest_ind(a, b, equal_var=False,
 * alternative='greater')`) on the example data of Wikipedia's "Welch's t-test" (example 1, samples A1 and A2).
 */
import { describe, expect, it } from 'vitest';
import { baselineOf, parseBaseline, baselineJson } from '../../../src/experiment/baseline.js';
import { COMPARED_FIGURES, mapFigures } from '../../../src/experiment/compare-figures.js';
import { checkFigures, parseTolerance, welchWorse } from '../../../src/experiment/regression.js';
import type { Summary } from '../../../src/experiment/result.js';

const A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
const A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

describe('welchWorse', () => {
  it('matches SciPy: t = 2.4554, df = 24.989, one-sided p = 0.010689 for A2 worse than A1 (lower is better)', () => {
    const test = welchWorse(A2, A1, 1, 0);
    expect(test.t).toBeCloseTo(2.455356398286006, 10);
    expect(test.degreesOfFreedom).toBeCloseTo(24.988529290231416, 8);
    expect(test.pValue).toBeCloseTo(0.010689000731433496, 6);
  });

  it('shifts by the margin: worse by more than 0.5 gives t = 1.8887, p = 0.035294', () => {
    const test = welchWorse(A2, A1, 1, 0.5);
    expect(test.t).toBeCloseTo(1.8887356909892359, 10);
    expect(test.pValue).toBeCloseTo(0.035294015213676255, 6);
  });

  it('turns the sign for a figure where higher is better: A1 as the run, A2 as the baseline', () => {
    const test = welchWorse(A1, A2, -1, 0.5);
    expect(test.pValue).toBeCloseTo(0.035294015213676255, 6);
  });

  it('without spread on either side, the difference decides exactly', () => {
    expect(welchWorse([2, 2], [1, 1], 1, 0.5).pValue).toBe(0);
    expect(welchWorse([1.2, 1.2], [1, 1], 1, 0.5).pValue).toBe(1);
  });
});

describe('parseTolerance', () => {
  it('reads relative (5%) and absolute (0.001) tolerances', () => {
    expect(parseTolerance('responseTime.p99=5%')).toEqual({ path: 'responseTime.p99', tolerance: { relative: true, amount: 0.05 } });
    expect(parseTolerance('availability.time=0.001')).toEqual({ path: 'availability.time', tolerance: { relative: false, amount: 0.001 } });
  });

  it('refuses an unknown figure with a suggestion, and a bad amount', () => {
    const unknown = parseTolerance('responseTime.p99x=5%');
    expect('error' in unknown && unknown.error).toMatch(/unknown figure 'responseTime.p99x'. Valid: responseTime.mean, .*did you mean 'responseTime.p99'\?$/);
    expect('error' in parseTolerance('throughput=-1%')).toBe(true);
    expect('error' in parseTolerance('throughput')).toBe(true);
  });
});

describe('checkFigures', () => {
  // A baseline whose every figure per replication is A1, and a run whose response-time mean is A2 and the rest A1.
  const summary = { scenario: 's', seed: '1', replications: A1.length } as unknown as Summary;
  const baseline = baselineOf(summary, mapFigures(() => A1));
  const current = mapFigures((f) => (f.path === 'responseTime.mean' ? A2 : A1));

  it('with Bonferroni: two figures tested at 0.05 / 2 each; 0.0107 < 0.025 is a regression, equal figures pass', () => {
    const checks = checkFigures(baseline, current, { 'responseTime.mean': { relative: false, amount: 0 }, throughput: { relative: true, amount: 0.02 } });
    expect(checks.map((c) => [c.figure.path, c.verdict, c.level])).toEqual([
      ['responseTime.mean', 'regression', 0.025],
      ['throughput', 'pass', 0.025],
    ]);
    expect(checks[0].reason).toContain('Welch t = 2.455, df = 24.99, p = 0.01069 < 0.025');
  });

  it('a tolerance of 0.5 s: p = 0.0353, a regression when one figure is tested (level 0.05), not when two are (0.025)', () => {
    const half = { relative: false, amount: 0.5 };
    const [alone] = checkFigures(baseline, current, { 'responseTime.mean': half });
    expect([alone.verdict, alone.level]).toEqual(['regression', 0.05]);
    expect(alone.pValue).toBeCloseTo(0.035294015213676255, 6);
    const [shared] = checkFigures(baseline, current, { 'responseTime.mean': half, throughput: half });
    expect([shared.verdict, shared.level]).toEqual(['pass', 0.025]);
  });

  it('prints figures of four or more digits grouped as the reports do (10 069/s, never 10069/s)', () => {
    const big = baselineOf(summary, mapFigures(() => A1.map((x) => 10_000 + x)));
    const bigger = mapFigures(() => A1.map((x) => 10_060 + x));
    const [check] = checkFigures(big, bigger, { throughput: { relative: true, amount: 0.02 } });
    expect(check.reason).toMatch(/^throughput: 10 0\d\d\/s against the baseline's 10 0\d\d\/s/);
  });

  it('skips a figure with fewer than 2 values on a side, saying so', () => {
    const empty = mapFigures(() => A1.map(() => null));
    const [check] = checkFigures(baseline, empty, { 'responseTime.mean': { relative: true, amount: 0.05 } });
    expect(check.verdict).toBe('skipped');
    expect(check.reason).toContain('0 current replications have a value');
  });
});

describe('baseline files', () => {
  it('round-trip through JSON, and a wrong format or a short column is refused with its reason', () => {
    const summary = { scenario: 's', seed: '1', replications: 2 } as unknown as Summary;
    const baseline = baselineOf(summary, mapFigures(() => [1, null]));
    const parsed = parseBaseline(baselineJson(baseline));
    expect(parsed).toEqual({ baseline });
    expect(parseBaseline('{"format":"x"}')).toEqual({
      problem: 'format is "x", expected \'clustersim-baseline/1\' (write one with clustersim run --write-baseline)',
    });
    const short = JSON.parse(baselineJson(baseline));
    short.replicationValues[COMPARED_FIGURES[3].path] = [1];
    expect(parseBaseline(JSON.stringify(short))).toEqual({ problem: `replicationValues.${COMPARED_FIGURES[3].path} is not 2 numbers (or null)` });
    expect('problem' in parseBaseline('not json')).toBe(true);
  });
});
