/**
 * `duration: 1ms` used to exit 0 with "Response time mean 0 s (0 - 0)" and a request availability of 0 with no
 * arrival. It still runs (the scenario is valid), but the figures without a sample are null and the CLI says why.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli, FIXTURES, temporaryFolder } from './helpers.js';

const folder = temporaryFolder();
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('clustersim run with a window too short for any request', () => {
  test('exit 0, a warning on stderr, null figures in summary.json and dashes in summary.md', async () => {
    const run = await cli('run', `${FIXTURES}/tiny.yaml`, '--set', 'duration=1ms', '--out', folder, '--quiet');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `${FIXTURES}/tiny.yaml: warning: no request arrived in the measurement window (all 2 replications): response ` +
        'time, wait time, probability of waiting, blocking probability and request availability have no value',
    );
    const summary = JSON.parse(readFileSync(join(folder, 'tiny', 'summary.json'), 'utf8')) as {
      requests: { arrived: number };
      responseTime: { mean: unknown };
      availability: { request: unknown; requestNines: unknown };
    };
    expect(summary.requests.arrived).toBe(0);
    expect(summary.responseTime.mean).toEqual({ value: null, ci95: null });
    expect(summary.availability.request).toEqual({ value: null, ci95: null });
    expect(summary.availability.requestNines).toBeNull();
    const markdown = readFileSync(join(folder, 'tiny', 'summary.md'), 'utf8');
    expect(markdown).toContain('| Response time mean | – | – |');
    expect(markdown).toContain('| Availability (requests) | – | – |');
  });
});
