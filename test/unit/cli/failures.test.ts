import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { cli, FIXTURES, STACK_LINE, temporaryFolder } from './helpers.js';

// A run that throws, and a loader that throws: what the user sees when clustersim (not their input) fails.
vi.mock('../../../src/experiment/run.js', () => ({
  runScenario: vi.fn(async (spec: { name: string }) => {
    throw new Error(`replication 2 of '${spec.name}' diverged`);
  }),
}));

describe('failures that are not the user input', () => {
  test('a failing run: a one-line message, no report, exit 1', async () => {
    const out = join(temporaryFolder(), 'reports');
    const { code, stdout, stderr } = await cli('run', `${FIXTURES}/tiny.yaml`, '--out', out, '--quiet');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`clustersim: scenario 'tiny' (${FIXTURES}/tiny.yaml) failed: replication 2 of 'tiny' diverged\n`);
    expect(existsSync(out)).toBe(false);
  });

  test('an unexpected internal error: one line plus "please report", exit 1, no stack trace', async () => {
    const scenarioFiles = await import('../../../src/cli/scenario-files.js');
    const spy = vi.spyOn(scenarioFiles, 'expandScenarioPaths').mockRejectedValue(new TypeError('cannot read properties of undefined'));
    try {
      const { code, stderr } = await cli('validate', 'x.yaml');
      expect(code).toBe(1);
      expect(stderr).toBe(
        'clustersim: internal error: cannot read properties of undefined\n' +
          'This is a bug in clustersim; please report it with the command and scenario that caused it.\n',
      );
      expect(stderr).not.toMatch(STACK_LINE);
    } finally {
      spy.mockRestore();
    }
  });
});
