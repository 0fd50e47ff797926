import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, FIXTURES, temporaryFolder } from './helpers.js';

describe('clustersim run --max-wall-time', () => {
  test('a run cut short by the wall-clock budget still writes its report, and says so', async () => {
    const out = temporaryFolder();
    // 200 replications of the tiny scenario take far longer than 1 ms: the budget is spent after the first one.
    const { code, stderr } = await cli('run', `${FIXTURES}/tiny.yaml`, '--out', out, '--quiet', '--replications', '200', '--max-wall-time', '1ms');
    expect(code).toBe(0);
    expect(stderr).toContain('stopped at the wall-clock limit');
    const summary = JSON.parse(readFileSync(join(out, 'tiny', 'summary.json'), 'utf8')) as {
      replications: number;
      stoppedEarly: string;
    };
    expect(summary.replications).toBeLessThan(200);
    expect(summary.stoppedEarly).toMatch(/not reproducible/);
  });

  test('a bad budget is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli('run', `${FIXTURES}/tiny.yaml`, '--max-wall-time', 'soon');
    expect(code).toBe(2);
    expect(stderr).toContain("--max-wall-time: bad value 'soon'");
  });
});
