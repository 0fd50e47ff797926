/**
 * Plug-ins on the command line (issue 10): a scenario naming a module is refused with exit 2 unless --allow-plugin
 * or --allow-plugins allows it, in run, validate and compare, for YAML and JSON files and folder runs; nothing is
 * imported before that check. The fixture module leaves a marker file when imported: a refusal must leave none, and
 * an allowed run must leave one (which shows the marker works).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli, FIXTURES, STACK_LINE, temporaryFolder } from './helpers.js';

const MARKER_POLICY = 'test/fixtures/plugins/marker-policy.mjs';
const MARKER = 'plugin-ran.marker';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/**
 * A fresh workspace (a fresh copy of the module each, since a module is imported once per process):
 *   scenarios/marker.mjs, outside/marker.mjs, scenarios/link.mjs -> ../outside/marker.mjs, reports/
 */
function workspace() {
  const root = realpathSync(temporaryFolder());
  folders.push(root);
  const scenarios = join(root, 'scenarios');
  const outside = join(root, 'outside');
  mkdirSync(scenarios);
  mkdirSync(outside);
  copyFileSync(MARKER_POLICY, join(scenarios, 'marker.mjs'));
  copyFileSync(MARKER_POLICY, join(outside, 'marker.mjs'));
  symlinkSync(join(outside, 'marker.mjs'), join(scenarios, 'link.mjs'));
  return {
    scenarios,
    outside,
    out: join(root, 'reports'),
    /** Whether the module copy in `folder` was imported. */
    imported: (folder: string) => existsSync(join(folder, MARKER)),
    /** Writes a small scenario named `name` whose policy is `module` (line 12, the path at column 31). */
    scenario(name: string, module: string, extension = 'yaml'): string {
      const file = join(scenarios, `${name}.${extension}`);
      const text =
        extension === 'json'
          ? JSON.stringify({ ...TINY_JSON, name, balancer: { policy: { module } } })
          : readFileSync(TINY, 'utf8') + `balancer: { policy: { module: ${module} } }\n`;
      writeFileSync(file, text.replace('name: tiny', `name: ${name}`));
      return file;
    },
  };
}

const TINY = `${FIXTURES}/tiny.yaml`; // 13 lines: the balancer line is line 14
const TINY_JSON = {
  seed: 3,
  duration: '20s',
  nodes: [{ group: 'n', count: 2 }],
  workload: [{ class: 'c', arrivals: { process: 'poisson', rate: '10/s' }, work: { dist: 'exponential', mean: '100ms' } }],
};
const NOT_ALLOWED = 'plug-in modules run code and are off unless allowed';

describe('refused without a flag: exit 2, a positioned message, nothing imported, nothing written', () => {
  test('run', async () => {
    const w = workspace();
    const file = w.scenario('p', './marker.mjs');
    const { code, stdout, stderr } = await cli('run', file, '--out', w.out, '--quiet');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.split('\n')).toEqual([
      // line 14 "balancer: { policy: { module: " is 30 characters: the path at column 31
      `${file}:14:31: balancer.policy.module: bad value './marker.mjs': ${NOT_ALLOWED} (this one: ` +
        `${join(w.scenarios, 'marker.mjs')}); valid: --allow-plugin <path> for this module if you trust it, or ` +
        "--allow-plugins for every module inside the scenario's folder (in the library: LoadOptions.allowPlugins)",
      'clustersim: 1 error in 1 file; nothing was run and no report was written',
      '',
    ]);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(w.imported(w.scenarios)).toBe(false);
    expect(existsSync(w.out)).toBe(false);
  });

  test('validate', async () => {
    const w = workspace();
    const file = w.scenario('p', '../outside/marker.mjs');
    const { code, stdout, stderr } = await cli('validate', file);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(`${file}:14:31: balancer.policy.module: bad value '../outside/marker.mjs': ${NOT_ALLOWED}`);
    expect(w.imported(w.outside)).toBe(false);
  });

  test('a JSON scenario, and an absolute path', async () => {
    const w = workspace();
    const file = w.scenario('j', join(w.outside, 'marker.mjs'), 'json');
    const { code, stderr } = await cli('run', file, '--out', w.out, '--quiet');
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^${file}:1:\\d+: balancer\\.policy\\.module: bad value '${join(w.outside, 'marker.mjs')}'`));
    expect(w.imported(w.outside)).toBe(false);
    expect(existsSync(w.out)).toBe(false);
  });

  test('a folder run: one scenario naming a module stops them all', async () => {
    const w = workspace();
    copyFileSync(TINY, join(w.scenarios, 'a.yaml'));
    const file = w.scenario('b', './marker.mjs');
    const { code, stdout, stderr } = await cli('run', w.scenarios, '--out', w.out, '--quiet');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(`${file}:14:31: balancer.policy.module: bad value './marker.mjs': ${NOT_ALLOWED}`);
    expect(w.imported(w.scenarios)).toBe(false);
    expect(existsSync(w.out)).toBe(false);
  });

  test('compare: scenario files, and one scenario compared under --policies', async () => {
    const w = workspace();
    const first = w.scenario('first', './marker.mjs');
    const second = w.scenario('second', '../outside/marker.mjs');
    const files = await cli('compare', first, second, '--out', w.out, '--quiet');
    expect(files.code).toBe(2);
    expect(files.stderr.match(new RegExp(NOT_ALLOWED, 'g'))).toHaveLength(2);
    expect(files.stderr).toMatch(/clustersim compare: 2 errors in 2 files; nothing was run and no comparison was written\n$/);
    // --policies replaces the policy, but the file is checked as written: it still names a module.
    const policies = await cli('compare', first, '--policies', 'random,jsq', '--out', w.out, '--quiet');
    expect(policies.code).toBe(2);
    expect(policies.stderr).toContain(NOT_ALLOWED);
    expect(w.imported(w.scenarios) || w.imported(w.outside)).toBe(false);
    expect(existsSync(w.out)).toBe(false);
  });
});

describe('--allow-plugins: modules inside the scenario folder only', () => {
  test('outside through ../ or through a symlink in the folder: refused, not imported', async () => {
    const w = workspace();
    const parent = w.scenario('parent', '../outside/marker.mjs');
    const link = w.scenario('link', './link.mjs');
    const { code, stderr } = await cli('run', parent, link, '--allow-plugins', '--out', w.out, '--quiet');
    expect(code).toBe(2);
    const real = join(w.outside, 'marker.mjs');
    for (const [file, module] of [
      [parent, '../outside/marker.mjs'],
      [link, './link.mjs'],
    ]) {
      expect(stderr).toContain(
        `${file}:14:31: balancer.policy.module: bad value '${module}': ${NOT_ALLOWED}; this one (real path ${real}) is ` +
          `not inside the scenario's folder ${w.scenarios}; valid: --allow-plugin ${real} if you trust it`,
      );
    }
    expect(w.imported(w.outside)).toBe(false);
  });

  test('inside: validate names the module without importing it; run imports it and writes the report', async () => {
    const w = workspace();
    const file = w.scenario('p', './marker.mjs');
    const validated = await cli('validate', file, '--allow-plugins');
    expect(validated).toEqual({
      code: 0,
      stdout:
        `ok ${file}: 'p', 2 nodes, 1 class; would load plug-in module ${join(w.scenarios, 'marker.mjs')} ` +
        '(allowed by --allow-plugins)\n',
      stderr: '',
    });
    expect(w.imported(w.scenarios)).toBe(false);
    const ran = await cli('run', file, '--allow-plugins', '--out', w.out, '--quiet');
    expect(ran).toEqual({ code: 0, stdout: `${join(w.out, 'p')}\n`, stderr: '' });
    expect(w.imported(w.scenarios)).toBe(true);
    const summary = JSON.parse(readFileSync(join(w.out, 'p', 'summary.json'), 'utf8')) as { requests: { completed: number } };
    expect(summary.requests.completed).toBeGreaterThan(0);
  });
});

describe('--allow-plugin <path>: that module, wherever it is', () => {
  test('a module outside the folder, named relative to the working directory; a JSON scenario too', async () => {
    const w = workspace();
    const file = w.scenario('j', '../outside/marker.mjs', 'json');
    const allowed = relative(process.cwd(), join(w.outside, 'marker.mjs'));
    const validated = await cli('validate', file, '--allow-plugin', allowed);
    expect(validated.stdout).toBe(
      `ok ${file}: 'j', 2 nodes, 1 class; would load plug-in module ${join(w.outside, 'marker.mjs')} (allowed by --allow-plugin)\n`,
    );
    const ran = await cli('run', file, '--allow-plugin', allowed, '--out', w.out, '--quiet');
    expect(ran.code).toBe(0);
    expect(w.imported(w.outside)).toBe(true);
  });

  test('another module is not allowed by it', async () => {
    const w = workspace();
    const file = w.scenario('p', './marker.mjs');
    const { code, stderr } = await cli('run', file, '--allow-plugin', join(w.outside, 'marker.mjs'), '--out', w.out);
    expect(code).toBe(2);
    expect(stderr).toContain('is not one of the modules named by --allow-plugin');
    expect(w.imported(w.scenarios)).toBe(false);
  });

  test('compare: two files, each module allowed', async () => {
    const w = workspace();
    const first = w.scenario('first', './marker.mjs');
    const second = w.scenario('second', '../outside/marker.mjs');
    const args = ['--allow-plugin', join(w.scenarios, 'marker.mjs'), '--allow-plugin', join(w.outside, 'marker.mjs')];
    const { code, stdout, stderr } = await cli('compare', first, second, ...args, '--out', w.out, '--quiet');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`${join(w.out, 'first-compare')}\n`);
    expect(w.imported(w.scenarios) && w.imported(w.outside)).toBe(true);
  });

  test('a path that does not exist, or a folder, is a usage error, for every command', async () => {
    for (const command of [['run'], ['validate'], ['compare', '--policies', 'random,jsq']]) {
      for (const path of ['no/such/policy.mjs', 'test/fixtures/plugins']) {
        const { code, stdout, stderr } = await cli(...command, TINY, '--allow-plugin', path);
        expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
        expect(stderr).toContain(`--allow-plugin: cannot find '${path}' (${resolve(path)}); expected the path of a plug-in module file`);
      }
    }
  });
});

test('--help of run, validate and compare explains both flags', async () => {
  for (const command of ['run', 'validate', 'compare']) {
    const { code, stdout } = await cli(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--allow-plugin ');
    expect(stdout).toContain('--allow-plugins');
    expect(stdout).toContain('runs code with your rights');
  }
});
