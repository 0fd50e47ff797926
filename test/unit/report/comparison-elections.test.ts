/**
 * The single-leader figures in a comparison (comparison.md and comparison.html): per variant, elections, false
 * elections and the time without a leader with their CIs, exactly as each variant's summary has them; no such table
 * for other topologies (comparison.test.ts counts one table per compared figure there).
 */
import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../src/experiment/compare.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { buildComparisonHtml, buildComparisonMarkdown } from '../../../src/report/index.js';
import { electionComparisonRows } from '../../../src/report/comparison/comparison-elections.js';
import { cluster, exponential, failuresOnly, singleLeader } from '../../helpers/scenarios.js';
import { valueOf } from '../../helpers/estimate.js';

function store(electionTimeout: [number, number]): ScenarioSpec {
  const spec = cluster({
    name: 'store',
    seed: 'comparison-elections',
    nodes: 5,
    policy: 'random',
    classes: [{ name: 'writes', rate: 100, work: exponential(0.001), op: 'write' }],
    run: { duration: 4, warmup: 1, replications: 2 },
  });
  spec.topology = singleLeader({ electionTimeout, delay: exponential(0.002) });
  spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 2, crash: 'node-0', for: 1 }] }]);
  return spec;
}

describe('leader elections in a comparison', () => {
  it('a table per point with each variant\u2019s elections, false elections and time without a leader', async () => {
    const comparison = await runComparison({
      scenario: 'store',
      baseline: 'short',
      sweeps: [],
      points: [
        {
          values: [],
          variants: [
            { name: 'short', spec: store([0.15, 0.3]), file: null },
            { name: 'long', spec: store([0.6, 1.2]), file: null },
          ],
        },
      ],
    });
    const point = comparison.points[0];
    const rows = electionComparisonRows(point)!;
    expect(rows.map((r) => r[0])).toEqual(['short', 'long']);
    for (const [i, variant] of point.variants.entries()) {
      const e = variant.summary.elections!;
      // One leader crash per replication: one election, not a false one.
      expect(e.count.value).toBe(1);
      expect(e.falseElections.value).toBe(0);
      expect(rows[i][1]).toBe('1 (1 – 1)');
      expect(rows[i][2]).toBe('0 (0 – 0)');
      expect(rows[i][3]).toMatch(/^[\d.]+ ms \([\d.]+ – [\d.]+ ms\)$/);
    }
    // The longer timeout fails over more slowly.
    const mean = (i: number) => valueOf(point.variants[i].summary.elections!.timeWithoutLeader.mean);
    expect(mean(1)).toBeGreaterThan(mean(0));
    const md = buildComparisonMarkdown(comparison);
    expect(md).toContain('\n### Leader elections\n');
    expect(md).toContain('| variant | elections per replication | false elections per replication | time without a leader (mean) |');
    expect(md).toContain(`| short | 1 (1 – 1) | 0 (0 – 0) | ${rows[0][3]} |`);
    const html = buildComparisonHtml(comparison, []);
    expect(html).toContain('<table class="comparison" data-figure="elections">');
    expect(html).toContain('<h3>Leader elections</h3>');
  });
});
