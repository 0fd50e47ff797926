import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scenarioJsonSchema } from '../../../src/scenario/index.js';
import { cli, FIXTURES, STACK_LINE, temporaryFolder } from './helpers.js';

const SEVERAL = `${FIXTURES}/several-errors.yaml`;
const TINY = `${FIXTURES}/tiny.yaml`;

describe('clustersim validate', () => {
  test('a bad file: every error with file:line:column, a summary, exit 2, no stack trace', async () => {
    const { code, stdout, stderr } = await cli('validate', SEVERAL);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `${SEVERAL}:3:11: duration: bad value '1 hour': unknown unit 'hour'; valid: a duration > 0: a number with us, ms, s, ` +
        "min, h or d (e.g. 150ms; a bare number is seconds); did you mean '1h'?",
      `${SEVERAL}:6:12: nodes.0.cores: bad value '0': must be at least 1; valid: an integer >= 1`,
      `${SEVERAL}:7:5: nodes.0.speeed: bad value 'speeed': unknown key; valid: group, count, cores, speed, storage, ` +
        "bandwidth, zone, queue, discipline, priority, cost; did you mean 'speed'?",
      expect.stringMatching(new RegExp(`^${SEVERAL}:9:11: balancer.policy: bad value 'lru': unknown policy; valid: random, round-robin, `)),
      'clustersim: 4 errors in 1 file',
      '',
    ]);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test('a good file: a verdict on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await cli('validate', TINY, 'scenarios/web-tier.yaml');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`ok ${TINY}: 'tiny', 2 nodes, 1 class\nok scenarios/web-tier.yaml: 'web-tier', 10 nodes, 1 class\n`);
  });

  test('a missing file is an input error, reported with the others', async () => {
    const { code, stdout, stderr } = await cli('validate', 'nope.yaml', TINY);
    expect(code).toBe(2);
    expect(stdout).toBe(`ok ${TINY}: 'tiny', 2 nodes, 1 class\n`);
    expect(stderr).toBe('nope.yaml: cannot read: no such file or directory; valid: an existing scenario file or folder\nclustersim: 1 error in 1 file\n');
  });

  test('a folder means its *.yaml, *.yml and *.json files, sorted; an empty folder is an error', async () => {
    const folder = temporaryFolder();
    const scenario = readFileSync(TINY, 'utf8');
    writeFileSync(join(folder, 'b.yml'), scenario.replace('name: tiny', 'name: b'));
    writeFileSync(join(folder, 'a.yaml'), scenario.replace('name: tiny', 'name: a'));
    writeFileSync(join(folder, 'c.json'), JSON.stringify({ name: 'c', duration: 1, nodes: [{ group: 'n' }], workload: [{ class: 'x', arrivals: { process: 'poisson', rate: 1 }, work: 0.1 }] }));
    writeFileSync(join(folder, 'notes.txt'), 'not a scenario');
    const { code, stdout } = await cli('validate', folder);
    expect(code).toBe(0);
    expect(stdout.split('\n').map((line) => line.split(':')[0])).toEqual([
      `ok ${join(folder, 'a.yaml')}`,
      `ok ${join(folder, 'b.yml')}`,
      `ok ${join(folder, 'c.json')}`,
      '',
    ]);
    const empty = join(folder, 'empty');
    mkdirSync(empty);
    const result = await cli('validate', empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${empty}: the folder holds no scenario files; valid: *.yaml, *.yml or *.json files`);
  });

  test('--set applies to validate too, and its errors name the override', async () => {
    const { code, stderr } = await cli('validate', TINY, '--set', 'nodes.0.cores=0');
    expect(code).toBe(2);
    expect(stderr).toContain(`${TINY}: --set nodes.0.cores=0: nodes.0.cores: bad value '0': must be at least 1; valid: an integer >= 1`);
  });
});

describe('clustersim schema', () => {
  test('prints the JSON Schema', async () => {
    const { code, stdout } = await cli('schema');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(scenarioJsonSchema());
    expect(stdout).toBe(readFileSync('schema/scenario.schema.json', 'utf8'));
  });
});

describe('usage', () => {
  test('an unknown command: exit 2, with the help and the valid commands', async () => {
    const { code, stdout, stderr } = await cli('frob');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Commands:');
    expect(stderr).toContain("clustersim: unknown command 'frob'; valid: run, validate, compare, check, size, merge, schema");
  });

  test('a misspelt command gets a did-you-mean; a scenario file without a command gets the fix', async () => {
    expect((await cli('valdate', 'x.yaml')).stderr).toContain("unknown command 'valdate'; valid: run, validate, compare, check, size, merge, schema; did you mean 'validate'?");
    expect((await cli('web.yaml')).stderr).toContain("unknown command 'web.yaml'; valid: run, validate, compare, check, size, merge, schema; to run it: clustersim run web.yaml");
  });

  test('no command: exit 2 with help', async () => {
    const { code, stderr } = await cli();
    expect(code).toBe(2);
    expect(stderr).toContain('Commands:');
    expect(stderr).toContain('Name a command: run, validate, compare, check, size, merge or schema.');
  });

  test('run without a file, or with an unknown option: exit 2', async () => {
    expect((await cli('run')).code).toBe(2);
    const unknown = await cli('validate', TINY, '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("clustersim validate: unknown option '--frobnicate'; valid: --allow-plugin,");
  });

  test('--help: commands, options, examples and exit codes on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await cli('--help');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    for (const text of ['clustersim run <paths..>', 'clustersim validate <paths..>', 'clustersim schema', '--seed', '--replications', '--set', 'Examples:', 'clustersim run scenarios/web-tier.yaml', 'Exit codes:', '2  invalid input']) {
      expect(stdout).toContain(text);
    }
    const run = await cli('run', '--help');
    expect(run.code).toBe(0);
    for (const text of ['--out', '--quiet', '[default: "reports"]']) expect(run.stdout).toContain(text);
  });

  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('clustersim run', () => {
  test('an invalid scenario: all errors, nothing run, no report written, exit 2', async () => {
    const out = join(temporaryFolder(), 'reports');
    const { code, stdout, stderr } = await cli('run', TINY, SEVERAL, '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('clustersim: 4 errors in 1 file; nothing was run and no report was written');
    expect(existsSync(out)).toBe(false);
  });

  test('a --set without = is a usage error', async () => {
    const { code, stderr } = await cli('run', TINY, '--set', 'nodes.0.count');
    expect(code).toBe(2);
    expect(stderr).toBe("clustersim: --set expects key=value, got 'nodes.0.count' (example: --set nodes.0.count=20)\nRun 'clustersim --help' for usage.\n");
  });

  test('two scenarios with the same name would share a report folder: exit 2', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'one.yaml'), readFileSync(TINY, 'utf8'));
    writeFileSync(join(folder, 'two.yaml'), readFileSync(TINY, 'utf8'));
    const { code, stderr } = await cli('run', folder, '--out', join(folder, 'reports'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(folder, 'two.yaml')}: name: bad value 'tiny': the same scenario name as ${join(folder, 'one.yaml')}`);
    expect(existsSync(join(folder, 'reports'))).toBe(false);
  });

  // The real thing, engine and report included (run.test.ts checks the CLI's side with both mocked).
  test('a valid scenario runs, its report folder is printed, overrides apply', async () => {
    const out = join(temporaryFolder(), 'reports');
    const { code, stdout, stderr } = await cli('run', TINY, '--out', out, '--seed', '99', '--replications', '3', '--set', 'name=tiny-99', '--quiet');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const folder = join(out, 'tiny-99');
    expect(stdout).toBe(`${folder}\n`);
    expect(readdirSync(folder)).toContain('summary.json');
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as { scenario: string; seed: string; replications: number };
    expect(summary).toMatchObject({ scenario: 'tiny-99', seed: '99', replications: 3 });
  });
});
