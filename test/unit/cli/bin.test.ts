import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FIXTURES, STACK_LINE } from './helpers.js';

// The installed `clustersim` bin runs the compiled CLI; `npm test` builds first. Without a build there is nothing to
// spawn, and the in-process tests cover the behaviour.
const built = existsSync('dist/src/cli/main.js');

function clustersim(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/clustersim.js', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)('bin/clustersim.js as a process', () => {
  test('sets the exit code: 2 for a bad scenario, with the errors and no stack trace', () => {
    const { code, stdout, stderr } = clustersim('validate', `${FIXTURES}/several-errors.yaml`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${FIXTURES}/several-errors.yaml:6:12: nodes.0.cores: bad value '0'`);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test('0 for a good one; the schema is JSON', () => {
    expect(clustersim('validate', `${FIXTURES}/tiny.yaml`).code).toBe(0);
    const schema = clustersim('schema');
    expect(schema.code).toBe(0);
    expect(() => JSON.parse(schema.stdout) as unknown).not.toThrow();
  });

  test('2 with help for an unknown command', () => {
    const { code, stderr } = clustersim('frob');
    expect(code).toBe(2);
    expect(stderr).toContain('Commands:');
  });
});
