import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, temporaryFolder } from './helpers.js';

describe('run --precision (issue 15.2)', () => {
  it('adds replications until the figure is precise enough, and the summary says how many it took', async () => {
    const out = temporaryFolder();
    const run = await cli('run', `${FIXTURES}/tiny.yaml`, '--precision', 'responseTime.mean=20%', '--out', out, '--quiet');
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'tiny', 'summary.json'), 'utf8'));
    const precision = summary.precision;
    expect(precision.met).toBe(true);
    expect(precision.replications).toBe(summary.replications);
    expect(precision.replications).toBeGreaterThanOrEqual(20);
    // The rule as checked: half-width <= g / (1 + g) x |mean|, recomputed here from the reported interval.
    const [low, high] = summary.responseTime.mean.ci95;
    expect((high - low) / 2).toBeLessThanOrEqual((0.2 / 1.2) * summary.responseTime.mean.value);
    const markdown = readFileSync(join(out, 'tiny', 'summary.md'), 'utf8');
    expect(markdown).toContain(`Precision: responseTime.mean within 20%`);
    expect(markdown).toContain(`after ${precision.replications} replications (at least 20, at most 100;`);
  });

  it('refuses an unknown figure and a --max-replications below 20 (exit 2)', async () => {
    const bad = await cli('run', `${FIXTURES}/tiny.yaml`, '--precision', 'latency.p99=2%', '--out', temporaryFolder());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("bad --precision figure 'latency.p99'; valid: responseTime.mean");
    const few = await cli('run', `${FIXTURES}/tiny.yaml`, '--precision', 'responseTime.mean=2%', '--max-replications', '5', '--out', temporaryFolder());
    expect(few.code).toBe(2);
    expect(few.stderr).toContain("--max-replications: bad value '5': expected an integer >= 20");
  });
});
