import { describe, expect, it } from 'vitest';
import { figureAt, MINIMUM_REPLICATIONS, runToPrecision, type PrecisionTarget } from '../../../src/experiment/precision.js';
import type { ScenarioResult } from '../../../src/experiment/result.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { parsePrecision } from '../../../src/cli/precision-args.js';
import { exponential, runLength, singleNode } from '../../helpers/scenarios.js';

const spec = singleNode({ seed: 'p', run: runLength(3, 100), rate: 0.5, work: exponential(1) });

/**
 * A fake run whose mean response time is 2 s with a CI half-width of 1 / sqrt(R) s, the 1/sqrt(R) shrinkage of a
 * t-interval: R replications give 2 +- 1/sqrt(R).
 */
function fakeRun(asked: number[]) {
  return async (s: ScenarioSpec): Promise<ScenarioResult> => {
    const r = s.run.replications;
    asked.push(r);
    const half = 1 / Math.sqrt(r);
    return {
      summary: { replications: r, responseTime: { mean: { value: 2, ci95: [2 - half, 2 + half] } } },
      warnings: [] as string[],
    } as unknown as ScenarioResult;
  };
}

describe('runToPrecision (issue 15.2)', () => {
  it('starts at the minimum of 20 replications and stops once the half-width is within the relative target', async () => {
    const asked: number[] = [];
    // 10 % of 2 s, checked as 0.1 / 1.1 x 2 = 0.1818 s: needs 1/sqrt(R) <= 0.1818, R >= 30.25, so 31.
    const target: PrecisionTarget = { figure: 'responseTime.mean', kind: 'relative', width: 0.1, text: '10%' };
    const result = await runToPrecision(spec, [target], 100, fakeRun(asked));
    expect(asked[0]).toBe(MINIMUM_REPLICATIONS);
    expect(MINIMUM_REPLICATIONS).toBe(20);
    expect(asked.at(-1)).toBe(31);
    expect(result.summary.precision).toMatchObject({ replications: 31, met: true, minimumReplications: 20, maxReplications: 100 });
    expect(result.summary.precision!.targets[0].allowedHalfWidth).toBeCloseTo((0.1 / 1.1) * 2, 12);
    expect(result.warnings).toEqual([]);
  });

  it('stops at --max-replications with met false and a warning when the target is out of reach', async () => {
    const asked: number[] = [];
    const target: PrecisionTarget = { figure: 'responseTime.mean', kind: 'absolute', width: 0.01, text: '0.01' };
    const result = await runToPrecision(spec, [target], 40, fakeRun(asked));
    expect(asked.at(-1)).toBe(40);
    expect(result.summary.precision).toMatchObject({ replications: 40, met: false });
    expect(result.warnings).toEqual(['--precision not reached after 40 replications: responseTime.mean=0.01']);
  });
});

describe('parsePrecision and figureAt', () => {
  it('reads relative and absolute targets, and refuses unknown figures with the valid list', () => {
    expect(parsePrecision('responseTime.p99=2%')).toEqual({ figure: 'responseTime.p99', kind: 'relative', width: 0.02, text: '2%' });
    expect(parsePrecision('responseTime.mean=5ms')).toMatchObject({ kind: 'absolute', width: 0.005 });
    expect(parsePrecision('availability.request=0.0005')).toMatchObject({ kind: 'absolute', width: 0.0005 });
    expect(parsePrecision('responseTime.p42=2%')).toMatchObject({ error: expect.stringContaining('valid: responseTime.mean') });
    expect(parsePrecision('responseTime.p99=0%')).toHaveProperty('error');
    expect(parsePrecision('responseTime.p99')).toHaveProperty('error');
  });

  it('finds an estimate by its dotted path, and nothing at a path that is not one', () => {
    const summary = { responseTime: { p99: { value: 1, ci95: [0.9, 1.1] } }, seed: 's' } as never;
    expect(figureAt(summary, 'responseTime.p99')).toEqual({ value: 1, ci95: [0.9, 1.1] });
    expect(figureAt(summary, 'responseTime')).toBeUndefined();
    expect(figureAt(summary, 'seed')).toBeUndefined();
  });
});
