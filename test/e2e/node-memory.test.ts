/**
 * Memory per node (issue 17, part 3: a million nodes in under 1 GB): a cluster of 10^4 and one of 10^5 single-core
 * nodes at load 0.9, each loaded, run for a 0.5 s window and summarised in a node process of its own
 * (test/helpers/node-memory-probe.mjs, on the compiled JavaScript). The difference between the two, over the 90 000
 * nodes between them, is what one node costs, the code and every fixed cost cancelled out: in the resolved scenario
 * (its share of the node table), at the run's peak, and with the result held (nodes.csv's figures).
 *
 * Why the bounds are fair: the live set is measured after a full collection (heap used plus typed-array buffers), so
 * it is deterministic to within a few hundred kilobytes, under 10 bytes per node over 90 000 nodes; what a run holds
 * per node beyond its spec is the node's station, its dispatcher columns, its figures and the requests in flight at
 * load 0.9 (about 0.4 per node after 0.5 s from empty). The bounds are the figures measured when this test was
 * written (see the report of that commit) plus about 25 %: a new object per node (at least 40 bytes) or a column of
 * boxed numbers moves them by more than the margin at these sizes only if it is larger than a quarter of the rest,
 * so the bounds guard against a regression of the order that matters for a million nodes (100 bytes per node:
 * 100 MB), which two runs of about 2 s each can check.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const probe = join(root, 'test/helpers/node-memory-probe.mjs');

interface Probe {
  nodes: number;
  baseline: number;
  spec: number;
  peak: number;
  result: number;
  rows: number;
}

function runProbe(nodes: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', probe, String(nodes)], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code !== 0 ? reject(new Error(`node memory probe ${nodes} exited with ${code}: ${err}`)) : resolve(JSON.parse(out) as Probe)));
  });
}

/**
 * Bytes per node measured (10^4 and 10^5 nodes): 2.5 in the resolved scenario (the node table holds a group as one
 * run; 203 when it was a NodeSpec object per node), 405 at the run's peak (the node set's arrays, the node's station
 * and columns, the requests in flight; 615 with a NodeSpec per node), 138 with the result held (the outcome's
 * columns and nodes.csv's figure columns; 555 with a NodeSpec and a NodeRow object per node, 698 before the node
 * figures became columns). The bounds are those plus about 25 %, and 20 bytes for the scenario: the live set is
 * deterministic to within 10 bytes per node here (see above), and one object per node would cost at least 40.
 */
const BOUNDS = { spec: 20, peak: 500, result: 175 };

describe('memory per node of a large cluster', () => {
  it('a node costs at most the bytes measured when the node tables became columns, plus 25 %', async () => {
    const [small, large] = await Promise.all([runProbe(10_000), runProbe(100_000)]);
    expect(large.rows).toBe(100_000);
    const perNode = (key: keyof typeof BOUNDS) => (large[key] - small[key]) / (large.nodes - small.nodes);
    const measured = { spec: perNode('spec'), peak: perNode('peak'), result: perNode('result') };
    console.log(`bytes per node: ${JSON.stringify(Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, Math.round(v)])))}`);
    for (const key of Object.keys(BOUNDS) as (keyof typeof BOUNDS)[]) expect(measured[key], key).toBeLessThan(BOUNDS[key]);
  }, 120_000);
});
