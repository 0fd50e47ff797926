/**
 * `npm run bench -- --reference <loop>` (issue 17, item 1): the reference loop and clustersim alternate, and each
 * case's JSON line keeps the benchmark's contract and adds the reference's rate, the median ratio and every pair's
 * ratio. The reference here is a stand-in at a fixed 2 M events/s, so the expected ratio is clustersim's median rate
 * over 2 M, computed here, not taken from the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const reference = 'test/fixtures/bench/fixed-reference.mjs';

describe('bench --reference', () => {
  it('prints the contract, the reference rate, the median ratio and the per-pair ratios', () => {
    const run = spawnSync(
      process.execPath,
      ['dist/bench/run.js', '--reference', reference, '--nodes', '10', '--policy', 'random', '--requests', '20000', '--repeat', '3', '--json'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    const result = lines[0];
    for (const key of ['model', 'nodes', 'policy', 'requests', 'events', 'seconds', 'eventsPerSecond', 'peakRssMB']) {
      expect(result, key).toHaveProperty(key);
    }
    expect(result.referenceEventsPerSecond).toBe(2e6);
    const ratios = result.ratios as number[];
    expect(ratios).toHaveLength(3);
    // Three pairs against a constant: the median ratio is the median rate over it (both rounded to 0.001).
    expect(result.ratio as number).toBeCloseTo((result.eventsPerSecond as number) / 2e6, 2);
    expect([...ratios].sort((a, b) => a - b)[1]).toBe(result.ratio);
  });

  it('shows the pairs\' spread in the table', () => {
    const run = spawnSync(
      process.execPath,
      ['dist/bench/run.js', '--reference', reference, '--nodes', '10', '--policy', 'random', '--requests', '20000', '--repeat', '3'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/random +N=10 +\d+\.\d\d M events\/s  reference 2\.00 M  ratio \d+\.\d\d \(pairs \d+\.\d\d to \d+\.\d\d\)/);
  });
});
