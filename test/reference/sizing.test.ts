/**
 * `clustersim size` against queueing theory (issue 15.3). test/fixtures/scenarios/sizing-mm1.yaml: random dispatch of
 * a Poisson stream (lambda = 400/s) to n nodes makes each node an M/M/1 queue with arrival rate lambda/n and mu = 100/s
 * (Poisson splitting; Kleinrock, Queueing Systems vol. 1, 1975, sec. 3.2 and 4.4: the FIFO M/M/1 response time is
 * exponential with rate mu - lambda/n), so p99 = ln(100) / (mu - lambda/n). The fewest nodes for a p99 target T is
 * the smallest n with lambda/n <= mu - ln(100)/T. Both targets below are more than 7 % from a boundary, well outside
 * the point estimates' uncertainty (CI half-widths of a few percent with 4-8 replications of 60 s).
 *
 * Run length: 60 s x 400 req/s = 24 000 requests per replication, about 7 points of 4-8 replications per search:
 * about 10 s per search on this machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, temporaryFolder } from '../unit/cli/helpers.js';

const LAMBDA = 400;
const MU = 100;

/** The smallest n whose M/M/1 p99, ln(100) / (mu - lambda/n), is at most the target. */
function theoryNodes(target: number): number {
  return Math.ceil(LAMBDA / (MU - Math.log(100) / target));
}

describe('size against M/M/1 theory', () => {
  it.each([
    [0.1, 8], // p99 at 8 nodes 92.1 ms, at 7 nodes 107.4 ms
    [0.2, 6], // p99 at 6 nodes 138.2 ms, at 5 nodes 230.3 ms
  ])('a p99 target of %s s needs %i nodes', async (target, nodes) => {
    expect(theoryNodes(target)).toBe(nodes);
    const out = temporaryFolder();
    const run = await cli(
      'size', `${FIXTURES}/sizing-mm1.yaml`, '--vary', 'nodes.0.count=1:64', '--set', `slo.p99=${target}s`, '--out', out, '--quiet',
    );
    expect(run.code, run.stderr).toBe(0);
    const sizing = JSON.parse(readFileSync(join(out, 'sizing-mm1-size', 'sizing.json'), 'utf8'));
    expect(sizing.answer).toEqual({ 'nodes.0.count': nodes });
    expect(sizing.verdict).toBe('pass');
    const byCount = new Map<number, { verdict: string }>(sizing.points.map((p: { values: Record<string, number> }) => [p.values['nodes.0.count'], p]));
    expect(byCount.get(nodes)?.verdict).toBe('pass');
    expect(byCount.get(nodes - 1)?.verdict).toBe('fail');
  });

  it('with several --vary and node prices, answers the cheapest configuration theory allows', async () => {
    // At speed 2 each node serves mu = 200/s: ln(100) / (200 - 400/n) <= 0.1 s needs n >= 2.60, so 3 nodes (p99
    // 69 ms; at 2 nodes the load is 100 %). At speed 1, 8 nodes (above). At one price per node, 3 x 0.5 = 1.5 < 4.
    const out = temporaryFolder();
    const run = await cli(
      'size', `${FIXTURES}/sizing-mm1.yaml`, '--vary', 'nodes.0.count=1:64', '--vary', 'nodes.0.speed=1,2',
      '--price', 'nodes.0=0.5', '--out', out, '--quiet',
    );
    expect(run.code, run.stderr).toBe(0);
    const sizing = JSON.parse(readFileSync(join(out, 'sizing-mm1-size', 'sizing.json'), 'utf8'));
    expect(sizing.answer).toEqual({ 'nodes.0.count': 3, 'nodes.0.speed': 2 });
    expect(sizing.cost).toBe(1.5);
    expect(sizing.candidates).toEqual([
      { values: { 'nodes.0.count': 8, 'nodes.0.speed': 1 }, fixed: { 'nodes.0.speed': 1 }, cost: 4 },
      { values: { 'nodes.0.count': 3, 'nodes.0.speed': 2 }, fixed: { 'nodes.0.speed': 2 }, cost: 1.5 },
    ]);
  });
});
