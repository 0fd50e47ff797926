/**
 * Sharded studies (issue 15, item 6), in-process: a run and a comparison with a grid sweep, each run as three shards
 * in shuffled order and merged, give every output file byte for byte as one machine writes it; a missing or
 * duplicated unit is an error naming it, and nothing is written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardPositions } from '../../../src/experiment/units.js';
import { cli, temporaryFolder } from './helpers.js';

// Crashes and repairs, so that an outcome carries incidents and availability as well as the request figures.
const SCENARIO = `name: sharded
seed: 11
duration: 10min
warmup: 30s
replications: 5
nodes:
  - group: n
    count: 3
workload:
  - class: c
    arrivals: { process: poisson, rate: 2/s }
    work: { dist: exponential, mean: 1s }
failures:
  - kind: crash
    nodes: '*'
    timeToFailure: { dist: exponential, mean: 5min }
    timeToRepair: { dist: exponential, mean: 30s }
`;

let dir: string;
let scenario: string;
beforeAll(async () => {
  dir = temporaryFolder();
  scenario = join(dir, 'sharded.yaml');
  await writeFile(scenario, SCENARIO);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `a` has the same bytes under `b`, and `b` has no other. */
function expectSameTree(a: string, b: string): void {
  const files = (root: string): string[] =>
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(root.length))
      .sort();
  const expected = files(a);
  expect(expected.length).toBeGreaterThan(3);
  expect(files(b)).toEqual(expected);
  for (const file of expected) expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
}

async function ok(...argv: string[]): Promise<string> {
  const { code, stdout, stderr } = await cli(...argv, '-q');
  expect(code, stderr).toBe(0);
  return stdout;
}

describe('shards of a run', () => {
  it('three shards in shuffled order, merged: every file byte-identical to the single run', async () => {
    await ok('run', scenario, '--out', join(dir, 'run-single'));
    for (const i of [2, 0, 1]) await ok('run', scenario, '--shard', `${i}/3`, '--out', join(dir, `run-shard-${i}`));
    const manifest = JSON.parse(readFileSync(join(dir, 'run-shard-1', 'manifest.json'), 'utf8'));
    expect(manifest.units).toEqual([
      { position: 1, id: 'sharded/r1' },
      { position: 4, id: 'sharded/r4' },
    ]);
    await ok('merge', join(dir, 'run-shard-1'), join(dir, 'run-shard-2'), join(dir, 'run-shard-0'), '--out', join(dir, 'run-merged'));
    expectSameTree(join(dir, 'run-single'), join(dir, 'run-merged'));
  });

  it('a missing shard: exit 2 naming its units and the shard to run, nothing written', async () => {
    const { code, stderr } = await cli('merge', join(dir, 'run-shard-0'), join(dir, 'run-shard-2'), '--out', join(dir, 'run-partial'));
    expect(code).toBe(2);
    expect(stderr).toBe('clustersim merge: 2 of 5 units are missing: sharded/r1, sharded/r4; run the missing shard (--shard 1/3) and merge again\n');
    expect(existsSync(join(dir, 'run-partial'))).toBe(false);
  });

  it('a shard given twice: exit 2 naming the unit and both folders', async () => {
    const shard = join(dir, 'run-shard-0');
    const { code, stderr } = await cli('merge', shard, join(dir, 'run-shard-1'), shard, join(dir, 'run-shard-2'), '--out', join(dir, 'run-twice'));
    expect(code).toBe(2);
    expect(stderr).toBe(`clustersim merge: unit sharded/r0 is in two shard folders, ${shard} and ${shard}; merge each shard once\n`);
  });

  it('shards of another study (another seed) are refused', async () => {
    await ok('run', scenario, '--seed', '12', '--shard', '1/3', '--out', join(dir, 'other-seed'));
    const { code, stderr } = await cli('merge', join(dir, 'run-shard-0'), join(dir, 'other-seed'), join(dir, 'run-shard-2'), '--out', join(dir, 'mixed'));
    expect(code).toBe(2);
    expect(stderr).toContain('are shards of different studies');
  });
});

describe('shards of a comparison with a grid sweep', () => {
  it('three shards (the index from JOB_COMPLETION_INDEX), merged: byte-identical to the single comparison', async () => {
    const args = ['compare', scenario, '--policies', 'random,jsq', '--sweep', 'nodes.0.count=3,4', '--sweep', 'load=0.5,0.7', '--replications', '3'];
    await ok(...args, '--out', join(dir, 'cmp-single'));
    for (const i of [1, 2, 0]) {
      process.env.JOB_COMPLETION_INDEX = String(i);
      try {
        await ok(...args, '--shards', '3', '--out', join(dir, `cmp-shard-${i}`));
      } finally {
        delete process.env.JOB_COMPLETION_INDEX;
      }
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'cmp-shard-0', 'manifest.json'), 'utf8'));
    expect(manifest.total).toBe(4 * 2 * 3);
    expect(manifest.units[0]).toEqual({ position: 0, id: 'nodes.0.count=3,load=0.5/random/r0' });
    await ok('merge', join(dir, 'cmp-shard-2'), join(dir, 'cmp-shard-0'), join(dir, 'cmp-shard-1'), '--out', join(dir, 'cmp-merged'));
    expectSameTree(join(dir, 'cmp-single'), join(dir, 'cmp-merged'));
  });
});

describe('--shard and --shards', () => {
  it('positions: every count-th unit from the index', () => {
    expect(shardPositions(7, { index: 1, count: 3 })).toEqual([1, 4]);
    expect(shardPositions(2, { index: 2, count: 3 })).toEqual([]);
  });

  it.each([
    ['3/3', undefined, {}, 'shard index 3 is not below the shard count 3 (indexes run from 0 to 2)'],
    ['1-3', undefined, {}, "--shard: bad value '1-3': expected i/n with 0 <= i < n, e.g. 0/3"],
    [undefined, '3', {}, '--shards: no shard index in the environment: set JOB_COMPLETION_INDEX'],
    [undefined, '3', { SLURM_ARRAY_TASK_ID: 'x' }, "--shards: SLURM_ARRAY_TASK_ID is 'x', not a shard index"],
    ['0/3', '3', {}, '--shard and --shards: give one'],
  ])('refuses --shard %s --shards %s %j', (shard, shards, env, message) => {
    const parsed = parseShard(shard, shards, env);
    expect('error' in parsed && parsed.error).toContain(message);
  });

  it('reads SLURM_ARRAY_TASK_ID when JOB_COMPLETION_INDEX is not set', () => {
    expect(parseShard(undefined, '4', { SLURM_ARRAY_TASK_ID: '3' })).toEqual({ shard: { index: 3, count: 4 } });
  });

  it('warmup: auto is refused with --shard and by compare (they would run with no warm-up at all): exit 2', async () => {
    // The warm-up is chosen by pilot runs before one run's replications; a shard or a comparison runs them apart.
    for (const [argv, how] of [
      [['run', scenario, '--set', 'warmup=auto', '--shard', '0/2'], 'sharded'],
      [['compare', scenario, '--set', 'warmup=auto', '--policies', 'random,jsq'], 'compared'],
      [['compare', scenario, '--set', 'warmup=auto', '--policies', 'random,jsq', '--shard', '0/2'], 'compared'],
    ] as const) {
      const out = join(dir, `auto-${argv.length}-${how}`);
      const { code, stderr } = await cli(...argv, '--out', out);
      expect(code, stderr).toBe(2);
      expect(stderr).toContain(`warmup: auto cannot be ${how}`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a bad --shard on the command line: exit 2 before anything runs', async () => {
    const { code, stderr } = await cli('run', scenario, '--shard', '5/2', '--out', join(dir, 'bad-shard'));
    expect(code).toBe(2);
    expect(stderr).toContain('shard index 5 is not below the shard count 2');
    expect(existsSync(join(dir, 'bad-shard'))).toBe(false);
  });
});

describe('check on the shards of a run', () => {
  const shards = [0, 1, 2].map((i) => () => join(dir, `check-shard-${i}`));
  let baseline: string;
  beforeAll(async () => {
    baseline = join(dir, 'check-baseline.json');
    await ok('run', scenario, '--write-baseline', baseline, '--out', join(dir, 'check-baseline-run'));
    for (const i of [1, 2, 0]) await ok('run', scenario, '--shard', `${i}/3`, '--out', shards[i]());
  });

  it('checks the folded shards as it checks a run on one machine: the same lines, the same JUnit, exit 0', async () => {
    const single = await cli('check', scenario, '--baseline', baseline, '--junit', join(dir, 'check-single.xml'), '-q');
    const sharded = await cli(
      'check', scenario, '--baseline', baseline, '--junit', join(dir, 'check-sharded.xml'), '-q',
      '--from-shards', shards[2](), shards[0](), shards[1](),
    );
    // The same seed as the baseline's: no regression (the first check of `check`).
    expect(single.code, single.stderr).toBe(0);
    expect(single.stdout).toContain('no regression');
    expect(sharded).toEqual(single);
    expect(readFileSync(join(dir, 'check-sharded.xml'), 'utf8')).toBe(readFileSync(join(dir, 'check-single.xml'), 'utf8'));
  });

  it('refuses shards of another run, and a missing shard, with exit 2 and nothing checked', async () => {
    const other = await cli('check', scenario, '--baseline', baseline, '--seed', '12', '--from-shards', ...shards.map((s) => s()));
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      "clustersim check: --from-shards: the shards are of a run of 'sharded', not of 'sharded' as loaded with these " +
        'options; check the scenario the shards ran\n',
    );
    expect(other.stdout).toBe('');
    const missing = await cli('check', scenario, '--baseline', baseline, '--from-shards', shards[0](), shards[2]());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'clustersim check: --from-shards: 2 of 5 units are missing: sharded/r1, sharded/r4; run the missing shard ' +
        '(--shard 1/3) and merge again\n',
    );
  });
});

// Issue 13: load read from a file (a trace, found from the scenario's folder) and closed-loop clients.
const FILE_LOAD = `name: file-load
seed: 5
duration: 2min
warmup: 0s
replications: 4
nodes:
  - group: n
    count: 2
workload:
  - class: replayed
    arrivals: { process: trace, file: traces/load.csv, scaleRate: 1.5 }
    work: { dist: exponential, mean: 200ms }
  - class: users
    clients: { population: 5, thinkTime: { dist: exponential, mean: 2s } }
    work: { dist: exponential, mean: 100ms }
`;

describe('shards of a run with a trace and closed-loop clients', () => {
  it('two shards merged: every file byte-identical to the single run', async () => {
    const folder = join(dir, 'file-load');
    await mkdir(join(folder, 'traces'), { recursive: true });
    const rows = Array.from({ length: 600 }, (_, i) => `${(i * 0.2).toFixed(1)},${i % 7 === 0 ? '0.5' : '0.05'}`);
    await writeFile(join(folder, 'traces', 'load.csv'), `time,work\n${rows.join('\n')}\n`);
    const file = join(folder, 'file-load.yaml');
    await writeFile(file, FILE_LOAD);
    await ok('run', file, '--out', join(dir, 'file-single'));
    for (const i of [1, 0]) await ok('run', file, '--shard', `${i}/2`, '--out', join(dir, `file-shard-${i}`));
    await ok('merge', join(dir, 'file-shard-0'), join(dir, 'file-shard-1'), '--out', join(dir, 'file-merged'));
    expectSameTree(join(dir, 'file-single'), join(dir, 'file-merged'));
  });
});

describe('shards of a sizing', () => {
  const MM1 = 'test/fixtures/scenarios/sizing-mm1.yaml';
  // 400/s on nodes of 100/s behind random dispatch: M/M/1 per node, p99 = ln(100) / (100 - 400 / n) s; a 300 ms
  // target: 4 nodes are saturated, 5 give 230 ms (pass). Every probe is conclusive at the file's 4 replications.
  const SIZE = ['--vary', 'nodes.0.count=4:9', '--set', 'slo.p99=300ms'];

  it('three shards of every value in shuffled order, merged: the search replayed, every file byte-identical', async () => {
    await ok('size', MM1, ...SIZE, '--out', join(dir, 'size-single'));
    for (const i of [1, 2, 0]) await ok('size', MM1, ...SIZE, '--shard', `${i}/3`, '--out', join(dir, `size-shard-${i}`));
    const manifest = JSON.parse(readFileSync(join(dir, 'size-shard-0', 'manifest.json'), 'utf8'));
    // 6 values x 4 replications = 24 units, every third from 0.
    expect(manifest.total).toBe(24);
    expect(manifest.units.slice(0, 3)).toEqual([
      { position: 0, id: 'nodes.0.count=4/r0' },
      { position: 3, id: 'nodes.0.count=4/r3' },
      { position: 6, id: 'nodes.0.count=5/r2' },
    ]);
    const { code, stderr } = await cli('merge', ...[2, 0, 1].map((i) => join(dir, `size-shard-${i}`)), '--out', join(dir, 'size-merged'));
    expect(code, stderr).toBe(0);
    expect(stderr.trim().split('\n').at(-1)).toBe('clustersim size: answer nodes.0.count=5');
    expectSameTree(join(dir, 'size-single'), join(dir, 'size-merged'));
  });

  it('a probe that needs more replications than the shards ran: exit 1 naming it, nothing written', async () => {
    // A 100 ms target: 8 nodes give 92 ms, within the noise of 4 replications (inconclusive).
    const near = ['--vary', 'nodes.0.count=7:9'];
    for (const i of [0, 1]) await ok('size', MM1, ...near, '--shard', `${i}/2`, '--out', join(dir, `size-near-${i}`));
    const { code, stderr } = await cli('merge', join(dir, 'size-near-0'), join(dir, 'size-near-1'), '--out', join(dir, 'size-near-merged'));
    expect(code).toBe(1);
    expect(stderr).toContain(
      'clustersim merge: nodes.0.count=8 is inconclusive with 4 replications and the search wants 8, which the shards did not run',
    );
    expect(existsSync(join(dir, 'size-near-merged'))).toBe(false);
  });
});
