/**
 * Replications on worker threads (compiled CLI only: threads run the built JavaScript) give the same report, byte
 * for byte, as replications in one thread: each replication has its own streams and the outcomes are put back in
 * replication order. Checked on a scenario with failures, retries and several classes, so that every part of an
 * outcome crosses the thread boundary.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
  // Windows shorter than the files' own (the test is about what crosses the thread boundary, not about the figures),
  // each still with crashes and retries (rolling-crash: about six node crashes an hour) or several classes.
  const shortened: [string, string][] = [
    ['scenarios/rolling-crash.yaml', 'duration=2h'],
    ['scenarios/object-store.yaml', 'duration=20min'],
  ];
  for (const [scenario, duration] of shortened) {
    test(`${scenario} (${duration}): 1 thread and 3 threads write identical reports`, () => {
      const settings = ['replications=4', duration];
      expectSameReports(run(1, scenario, settings), run(3, scenario, settings));
    });
  }

  // Outcomes are folded as they come, in replication order; no replication starts more than 3 x threads past the
  // next one to fold, and a thread holds a second one queued while many remain, so with 13 short replications on 2
  // threads both bounds are reached again and again.
  test('scenarios/rolling-crash.yaml, 13 short replications: 1 thread and 2 threads write identical reports', () => {
    const settings = ['replications=13', 'duration=10min', 'warmup=1min'];
    expectSameReports(run(1, 'scenarios/rolling-crash.yaml', settings), run(2, 'scenarios/rolling-crash.yaml', settings));
  });

  // One command, two scenarios: the threads that ran the first study's replications are kept and run the second's.
  test('two scenarios in one run, on the same 2 threads: the same reports as on 1 thread', () => {
    const both = (workers: number) => {
      const folder = join(out, `both-w${workers}`);
      const result = spawnSync(
        process.execPath,
        [
          'bin/clustersim.js', 'run', 'scenarios/rolling-crash.yaml', 'scenarios/object-store.yaml', '--out', folder,
          '--quiet', '--workers', String(workers), '--set', 'replications=3', '--set', 'duration=5min',
        ],
        { encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      return folder;
    };
    const one = both(1);
    const two = both(2);
    const names = readdirSync(one).filter((name) => !name.startsWith('.')).sort();
    expect(names.length).toBe(2);
    for (const name of names) {
      const files = readdirSync(join(one, name)).sort();
      expect(readdirSync(join(two, name)).sort()).toEqual(files);
      for (const file of files) expect(readFileSync(join(two, name, file)).equals(readFileSync(join(one, name, file))), `${name}/${file}`).toBe(true);
    }
  });
});

/**
 * `compare` runs every replication of every variant at every point of a grid on the pool, as one queue of units
 * handed back in order: the comparison folder is the same, byte for byte, on 1 thread and on 3.
 */
describe('compare on worker threads', () => {
  test('a 2 x 2 grid of 2 policies: 1 thread and 3 threads write identical comparisons', () => {
    const compare = (workers: number) => {
      const folder = join(out, `compare-w${workers}`);
      const result = spawnSync(
        process.execPath,
        [
          'bin/clustersim.js', 'compare', 'scenarios/rolling-crash.yaml', '--policies', 'random,jsq',
          '--sweep', 'nodes.0.count=4,6', '--sweep', 'load=0.5,0.8', '--replications', '3',
          '--set', 'duration=20min', '--set', 'warmup=1min', '--workers', String(workers), '--out', folder, '--quiet',
        ],
        { encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      return folder;
    };
    expectSameReports(compare(1), compare(3));
  });
});

/**
 * A plug-in policy on worker threads: each thread imports the module itself, so the permission must be settled
 * before any thread starts. The fixture module leaves a marker file next to itself when imported.
 */
describe('a plug-in policy on worker threads', () => {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'clustersim-workers-plugin-')));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const scenario = join(folder, 'plugin.yaml');
  const module = join(folder, 'marker.mjs');
  const marker = join(folder, 'plugin-ran.marker');
  copyFileSync('test/fixtures/plugins/marker-policy.mjs', module);
  writeFileSync(
    scenario,
    readFileSync('test/fixtures/scenarios/tiny.yaml', 'utf8').replace('name: tiny', 'name: plugin') +
      'balancer: { policy: { module: ./marker.mjs } }\n',
  );
  const clustersim = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/clustersim.js', 'run', scenario, '--quiet', '--set', 'replications=4', ...args], {
      encoding: 'utf8',
    });

  test('not allowed: exit 2 before any thread imports the module', () => {
    const result = clustersim('--workers', '2', '--out', join(folder, 'refused'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('plug-in modules run code and are off unless allowed');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(folder, 'refused'))).toBe(false);
  });

  test('allowed: 2 threads write the same report as 1', () => {
    const one = clustersim('--workers', '1', '--allow-plugin', module, '--out', join(folder, 'w1'));
    expect(one.status, one.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    const two = clustersim('--workers', '2', '--allow-plugins', '--out', join(folder, 'w2'));
    expect(two.status, two.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true); // imported again, by the threads
    const files = readdirSync(join(folder, 'w1', 'plugin')).sort();
    expect(readdirSync(join(folder, 'w2', 'plugin')).sort()).toEqual(files);
    for (const file of files) {
      const same = readFileSync(join(folder, 'w2', 'plugin', file)).equals(readFileSync(join(folder, 'w1', 'plugin', file)));
      expect(same, file).toBe(true);
    }
  });
});
