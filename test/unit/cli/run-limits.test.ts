/**
 * `replications: 1e9` used to die in the worker pool ("invalid table size") after validation had said ok; it is
 * now refused before anything runs: exit 2, a positioned message, no stack trace, no report.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli, FIXTURES, STACK_LINE, temporaryFolder } from './helpers.js';

const folder = temporaryFolder();
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('clustersim run with a count past its maximum', () => {
  test('replications: 1e9 in the file: exit 2 at its line and column, nothing run', async () => {
    const file = join(folder, 'many.yaml');
    writeFileSync(
      file,
      ['name: many', 'duration: 1s', 'replications: 1e9', 'nodes: [{ group: n }]', 'workload:', '  - class: c',
        '    arrivals: { process: poisson, rate: 1/s }', '    work: 10ms', ''].join('\n'),
    );
    const out = join(folder, 'reports');
    const run = await cli('run', file, '--out', out, '--workers', '2', '--quiet');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:3:15: replications: bad value '1000000000': must be at most 1000000`);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  test('--replications 1e9 on the command line: exit 2 at the option', async () => {
    const run = await cli('run', `${FIXTURES}/tiny.yaml`, '--replications', '1e9', '--out', join(folder, 'r2'), '--quiet');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--replications 1e9: replications: bad value '1000000000': must be at most 1000000`);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
