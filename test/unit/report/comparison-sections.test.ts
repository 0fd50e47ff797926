/**
 * A comparison of different topologies shows each variant's own report sections (issue 12: "the comparison report
 * shows each topology's own section"), rendered as `clustersim run` renders them, under the variant's name: here a
 * single-leader store's "Leader elections" and a leaderless store's "Replicas and consistency", with the leaderless
 * figures equal to that variant's summary.json.
 */
import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../src/experiment/compare.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { buildComparisonHtml, buildComparisonMarkdown } from '../../../src/report/index.js';
import type { LeaderlessSummary } from '../../../src/topology/leaderless/sections/leaderless-figures.js';
import { leaderlessTopology } from '../../helpers/leaderless.js';
import { cluster, exponential, singleLeader } from '../../helpers/scenarios.js';

function store(topology: 'single-leader' | 'leaderless'): ScenarioSpec {
  const spec = cluster({
    name: 'store',
    seed: 'comparison-sections',
    nodes: 3,
    policy: 'random',
    classes: [{ name: 'writes', rate: 100, work: exponential(0.001), op: 'write' }],
    run: { duration: 2, warmup: 0.5, replications: 2 },
  });
  spec.topology = topology === 'single-leader' ? singleLeader({ delay: exponential(0.002) }) : leaderlessTopology();
  if (topology === 'leaderless') for (const c of spec.workload) c.keys = { count: 100, popularity: 'uniform', exponent: 0 };
  return spec;
}

describe('each topology\u2019s own sections in a comparison', () => {
  it('single-leader against leaderless: each variant\u2019s section under its name, in comparison.md and .html', async () => {
    const comparison = await runComparison({
      scenario: 'store',
      baseline: 'leader',
      sweeps: [],
      points: [
        {
          values: [],
          variants: [
            { name: 'leader', spec: store('single-leader'), file: null },
            { name: 'ring', spec: store('leaderless'), file: null },
          ],
        },
      ],
    });
    const md = buildComparisonMarkdown(comparison);
    expect(md).toContain('\n### leader: Leader elections\n');
    expect(md).toContain('\n### ring: Replicas and consistency\n');
    expect(md).not.toContain('\n### leader: Replicas and consistency\n');
    // The ring's intro line, from its own summary: N = 3, W = R = 2.
    const ring = comparison.points[0].variants[1].summary as { leaderless?: LeaderlessSummary };
    expect(ring.leaderless?.consistency).toEqual({ replicas: 3, writeQuorum: 2, readQuorum: 2, coordinator: 'any' });
    expect(md).toContain('N = 3 replicas per key, writes acknowledged after W = 2, reads answered from the first R = 2 replies');
    const html = buildComparisonHtml(comparison, []);
    expect(html).toContain('<h3>ring: Replicas and consistency</h3>');
    expect(html).toContain('<h3>leader: Leader elections</h3>');
  });
});
