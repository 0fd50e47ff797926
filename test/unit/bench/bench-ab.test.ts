/**
 * scripts/bench-ab.mjs, the before / after comparison of two builds in one process: it runs both on the benchmark's
 * model and reports each build's rates and the pairs won; a bad call is a usage error.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const script = 'scripts/bench-ab.mjs';

describe('bench-ab', () => {
  it('runs two checkouts (here the same one twice) in alternating pairs and reports both', () => {
    const run = spawnSync(process.execPath, [script, '.', '.', '--nodes', '10', '--requests', '3000', '--pairs', '3'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('N = 10 random, 3000 requests, 3 pairs in one process (M events/s)');
    for (const label of ['A', 'B']) {
      const line = lines.find((l) => l.startsWith(`${label} .:`));
      expect(line, run.stdout).toMatch(/^[AB] \.: (\d+\.\d\d ){3} median \d+\.\d\d$/);
    }
    expect(lines.at(-1)).toMatch(/^B \/ A \d\.\d{3}; B faster in [0-3] of 3 pairs$/);
  });

  it('needs exactly two checkouts: exit 2 with its usage otherwise', () => {
    const run = spawnSync(process.execPath, [script, '.'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: node scripts\/bench-ab.mjs <checkout A> <checkout B>/);
  });
});
