/**
 * Replications on worker threads (compiled CLI only: threads run the built JavaScript) give the same report, byte
 * for byte, as replications in one thread: each replication has its own streams and the outcomes are put back in
 * replication order. Checked on a scenario with failures, retries and several classes, so that every part of an
 * outcome crosses the thread boundary.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'clustersim-workers-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(workers: number, scenario: string, settings: string[] = ['replications=4']): string {
  const folder = join(out, `w${workers}`);
  const result = spawnSync(
    process.execPath,
    [
      'bin/clustersim.js',
      'run',
      scenario,
      '--out',
      folder,
      '--quiet',
      '--workers',
      String(workers),
      ...settings.flatMap((setting) => ['--set', setting]),
    ],
    { encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  return folder;
}

function expectSameReports(one: string, other: string): void {
  const [name] = readdirSync(one);
  const files = readdirSync(join(one, name)).sort();
  expect(readdirSync(join(other, name)).sort()).toEqual(files);
  for (const file of files) {
    expect(readFileSync(join(other, name, file)).equals(readFileSync(join(one, name, file))), file).toBe(true);
  }
  rmSync(one, { recursive: true });
  rmSync(other, { recursive: true });
}

describe('replications on worker threads', () => {
  for (const scenario of ['scenarios/rolling-crash.yaml', 'scenarios/object-store.yaml']) {
    test(`${scenario}: 1 thread and 3 threads write identical reports`, () => {
      expectSameReports(run(1, scenario), run(3, scenario));
    });
  }

  // Outcomes are folded as they come, in replication order; a thread starts no replication more than 2 x threads
  // past the next one to fold, so with 13 short replications on 2 threads that bound is reached again and again.
  test('scenarios/rolling-crash.yaml, 13 short replications: 1 thread and 2 threads write identical reports', () => {
    const settings = ['replications=13', 'duration=20min', 'warmup=1min'];
    expectSameReports(run(1, 'scenarios/rolling-crash.yaml', settings), run(2, 'scenarios/rolling-crash.yaml', settings));
  });
});
