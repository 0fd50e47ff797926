/**
 * The package as a user installs it (issue 18.3): `npm pack` makes a tarball with what a user needs (the build
 * `npm test` made: packing with scripts would run `prepare`, which rebuilds dist/ in place while other test files
 * run the CLI and import its modules, and one of them read a module half written; `npm ci` runs `prepare`); installed into a fresh project it type-checks and runs the code examples the README and docs
 * show, importing from 'clustersim' only. Dependencies come from npm's cache when it has them (--prefer-offline), so
 * the test reaches the registry only for what this machine has never fetched.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

/** The ```ts block of a markdown file that contains `needle`: the example as a reader copies it. */
async function exampleWith(doc: string, needle: string): Promise<string> {
  const text = await readFile(join(repo, doc), 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes(needle));
  expect(blocks, `${doc}: one ts example with "${needle}"`).toHaveLength(1);
  return blocks[0];
}

// Small enough to run in a second: 4 nodes at load 0.75 for 10 simulated minutes.
const scenario = `name: web
seed: 1
duration: 10min
warmup: 1min
replications: 2
nodes:
  - { group: web, count: 4 }
balancer: { policy: random }
workload:
  - class: api
    arrivals: { process: poisson, rate: 3/s }
    work: { dist: exponential, mean: 1s }
`;

describe('npm pack, installed into a fresh project', () => {
  let dir = '';
  let files: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clustersim-pack-'));
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: repo, maxBuffer: 1 << 26 });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path);
    const project = join(dir, 'project');
    await run('mkdir', [project]);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)], { cwd: project });
    await writeFile(join(project, 'web.yaml'), scenario);
    await writeFile(join(project, 'library.ts'), await exampleWith('README.md', 'writeReport('));
    await writeFile(join(project, 'compare.ts'), await exampleWith('docs/compare.md', 'writeComparison('));
    await writeFile(join(project, 'raft.ts'), await exampleWith('docs/single-leader.md', 'new RaftCluster('));
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          // @types/node from this repository: the consumer's own choice, not a dependency of clustersim.
          typeRoots: [join(repo, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['library.ts', 'compare.ts', 'raft.ts'],
      }),
    );
  }, 240_000);

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('ships the build, its types, the schema, the example scenarios, the docs and the LICENSE', () => {
    for (const path of ['dist/src/index.js', 'dist/src/index.d.ts', 'bin/clustersim.js', 'schema/scenario.schema.json', 'scenarios/web-tier.yaml', 'scenarios/trace-replay.yaml', 'scenarios/traces/shop.csv', 'docs/compare.md', 'LICENSE', 'README.md']) {
      expect(files, path).toContain(path);
    }
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  });

  it('type-checks the README and docs examples against the installed package', async () => {
    const project = join(dir, 'project');
    const result = await run('node', [tsc, '-p', 'tsconfig.json'], { cwd: project }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe('');
  }, 120_000);

  it('runs them: the README example writes a report and prints the p99, the compare example writes a comparison', async () => {
    const project = join(dir, 'project');
    const library = await run('node', ['library.js'], { cwd: project });
    expect(library.stdout).toMatch(/^p99 response time \(s\): \d+\.\d+\n$/);
    const reports = await readdir(join(project, 'reports'));
    expect(reports).toEqual(['web']);
    expect(await readdir(join(project, 'reports/web'))).toContain('report.html');
    await run('node', ['compare.js'], { cwd: project });
    expect((await readdir(join(project, 'reports'))).length).toBe(2);
    await run('node', ['raft.js'], { cwd: project });
  }, 120_000);

  it('runs the CLI from the installed bin', async () => {
    const project = join(dir, 'project');
    const { stdout } = await run(join(project, 'node_modules/.bin/clustersim'), ['validate', 'web.yaml'], { cwd: project });
    expect(stdout).toMatch(/web/);
  }, 60_000);
});
