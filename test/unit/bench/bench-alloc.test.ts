/**
 * scripts/bench-alloc.mjs, bytes allocated per request on the benchmark model by V8's sampling heap profiler: a bad
 * call, and one short real run (the figures are the build's and sampled, so only their form is checked here).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const script = 'scripts/bench-alloc.mjs';

describe('bench-alloc', () => {
  it('needs exactly one checkout: exit 2 with its usage otherwise', () => {
    for (const args of [[], ['.', '.']]) {
      const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^usage: node scripts\/bench-alloc.mjs <checkout>/);
    }
  });

  it('prints the bytes per request and the allocating sites, largest first', () => {
    const run = spawnSync(process.execPath, [script, '.', '--nodes', '10', '--requests', '20000', '--top', '5'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const [head, ...sites] = run.stdout.trim().split('\n');
    const total = head.match(/^N = 10 random, 20000 requests: (\d+\.\d) bytes allocated per request \(sampled every 4096 bytes\)$/);
    expect(total, head).not.toBeNull();
    // A replication builds its cluster, streams and report objects: something is allocated, whatever the path costs.
    expect(Number(total![1])).toBeGreaterThan(0);
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.length).toBeLessThanOrEqual(5);
    const bytes = sites.map((line) => {
      const site = line.match(/^\s+(\d+\.\d\d) {2}\S.* \S+:\d+/);
      expect(site, line).not.toBeNull();
      return Number(site![1]);
    });
    expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
    expect(bytes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Number(total![1]) + 0.05 * sites.length);
  }, 60_000);
});
