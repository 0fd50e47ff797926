/**
 * Plug-in modules are opt-in (issue 10): a scenario file is data and must never run code by itself, so loading one
 * that names a module is an error unless the caller allows that module, by path or as "inside the scenario's
 * folder", compared by real path so that `../` and symlinks cannot slip through. The loader never imports a module,
 * allowed or not. Positions are counted by hand.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PluginPermission } from '../../../src/scenario/index.js';
import { BASE, errorsOf, load, sets, yaml } from './helpers.js';

const MARKER_POLICY = 'test/fixtures/plugins/marker-policy.mjs';
const NOT_ALLOWED_VALID =
  "--allow-plugin <path> for this module if you trust it, or --allow-plugins for every module inside the scenario's " +
  'folder (in the library: LoadOptions.allowPlugins)';

/**
 * root/
 *   outside.mjs                 a module outside the scenario's folder
 *   scenarios/                  the scenario's folder (s.yaml, never written: the loader is given its text)
 *     policy.js                 a module with the .js extension
 *     sub/inside.mjs            a module in a subfolder
 *     link.mjs -> ../outside.mjs  a symlink inside the folder to a module outside it
 */
let root: string;
let folder: string;
let file: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'clustersim-plugins-')));
  folder = join(root, 'scenarios');
  file = join(folder, 's.yaml');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  copyFileSync(MARKER_POLICY, join(root, 'outside.mjs'));
  copyFileSync(MARKER_POLICY, join(folder, 'policy.js'));
  copyFileSync(MARKER_POLICY, join(folder, 'sub', 'inside.mjs'));
  symlinkSync(join(root, 'outside.mjs'), join(folder, 'link.mjs'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** BASE (lines 1 to 10), then line 11 `balancer: { policy: { module: <module> } }`: the path at column 31. */
function naming(module: string): string {
  return yaml(...BASE, `balancer: { policy: { module: ${module} } }`);
}

function errors(module: string, allowPlugins?: PluginPermission): string[] {
  return errorsOf(naming(module), { file, allowPlugins });
}

function refusedOutside(module: string, real: string, reason: string): string {
  return (
    `${file}:11:31: balancer.policy.module: bad value '${module}': plug-in modules run code and are off unless ` +
    `allowed; this one (real path ${real}) is ${reason}; valid: --allow-plugin ${real} if you trust it`
  );
}

describe('without permission every module is refused, wherever it is and however it is written', () => {
  test('a relative path, a ../ path, an absolute path, a .js module', () => {
    const cases: [string, string][] = [
      ['./sub/inside.mjs', join(folder, 'sub', 'inside.mjs')],
      ['../outside.mjs', join(root, 'outside.mjs')],
      [join(root, 'outside.mjs'), join(root, 'outside.mjs')],
      ['policy.js', join(folder, 'policy.js')],
    ];
    for (const [module, resolved] of cases) {
      expect(errors(module)).toEqual([
        `${file}:11:31: balancer.policy.module: bad value '${module}': plug-in modules run code and are off unless ` +
          `allowed (this one: ${resolved}); valid: ${NOT_ALLOWED_VALID}`,
      ]);
    }
  });

  test('an empty permission is no permission', () => {
    expect(errors('./sub/inside.mjs', { modules: [], underScenarioFolder: false })).toHaveLength(1);
    expect(load(naming('./sub/inside.mjs'), { file, allowPlugins: {} }).spec).toBeUndefined();
  });

  test('a JSON scenario: the same error at the module string', () => {
    const json = [
      '{ "name": "j", "duration": "1h",',
      '  "nodes": [{ "group": "n" }],',
      '  "workload": [{ "class": "c", "arrivals": { "process": "poisson", "rate": 1 }, "work": 0.1 }],',
      '  "balancer": { "policy": { "module": "./sub/inside.mjs" } } }',
    ].join('\n');
    const jsonFile = join(folder, 's.json');
    // line 4 '  "balancer": { "policy": { "module": ' is 38 characters: the string at column 39
    expect(errorsOf(json, { file: jsonFile })).toEqual([
      `${jsonFile}:4:39: balancer.policy.module: bad value './sub/inside.mjs': plug-in modules run code and are off ` +
        `unless allowed (this one: ${join(folder, 'sub', 'inside.mjs')}); valid: ${NOT_ALLOWED_VALID}`,
    ]);
  });

  test('a module named by --set is refused too, at the override', () => {
    const result = load(yaml(...BASE), { file, overrides: sets('balancer.policy.module=../outside.mjs') });
    expect(result.errors.map((e) => [e.origin, e.path, e.line])).toEqual([
      ['--set balancer.policy.module=../outside.mjs', 'balancer.policy.module', undefined],
    ]);
    expect(result.errors[0].rule).toMatch(/^plug-in modules run code and are off unless allowed/);
  });

  test('the refusal sits with the other errors of the file, all reported at once', () => {
    const text = yaml(...BASE.slice(0, 5), '    cores: 0', ...BASE.slice(6), 'balancer: { policy: { module: ../outside.mjs } }');
    expect(errorsOf(text, { file }).map((line) => line.split(': ')[0])).toEqual([`${file}:6:12`, `${file}:11:31`]);
  });
});

describe('allowed one by one (--allow-plugin): by real path', () => {
  test('the module itself, given absolute or relative to the working directory', () => {
    const outside = join(root, 'outside.mjs');
    for (const allowed of [outside, relative(process.cwd(), outside)]) {
      const result = load(naming('../outside.mjs'), { file, allowPlugins: { modules: [allowed] } });
      expect(result.errors).toEqual([]);
      expect(result.spec?.balancer.policy).toEqual({ name: 'outside', params: {}, module: outside });
      expect(result.plugins).toEqual([{ field: 'balancer.policy.module', module: outside, allowedBy: '--allow-plugin' }]);
    }
  });

  test('a symlink allowed is the module it points to; the module runs from its real path', () => {
    const result = load(naming('../outside.mjs'), { file, allowPlugins: { modules: [join(folder, 'link.mjs')] } });
    expect(result.errors).toEqual([]);
    expect(result.spec?.balancer.policy.module).toBe(join(root, 'outside.mjs'));
  });

  test('another module is refused, with the flag that would allow it', () => {
    const inside = join(folder, 'sub', 'inside.mjs');
    expect(errors('./policy.js', { modules: [inside] })).toEqual([
      refusedOutside('./policy.js', join(folder, 'policy.js'), 'not one of the modules named by --allow-plugin'),
    ]);
  });

  test('a module allowed by path may lie outside the scenario folder, with --allow-plugins given too', () => {
    const result = load(naming('../outside.mjs'), {
      file,
      allowPlugins: { modules: [join(root, 'outside.mjs')], underScenarioFolder: true },
    });
    expect(result.errors).toEqual([]);
    expect(result.plugins.map((p) => p.allowedBy)).toEqual(['--allow-plugin']);
  });
});

describe('allowed inside the scenario folder (--allow-plugins)', () => {
  const underFolder = { underScenarioFolder: true };

  test('a module in the folder or a subfolder, written relative, with .js, or absolute', () => {
    for (const [module, real] of [
      ['./sub/inside.mjs', join(folder, 'sub', 'inside.mjs')],
      ['policy.js', join(folder, 'policy.js')],
      [join(folder, 'sub', 'inside.mjs'), join(folder, 'sub', 'inside.mjs')],
      ['./sub/../policy.js', join(folder, 'policy.js')],
    ]) {
      const result = load(naming(module), { file, allowPlugins: underFolder });
      expect(result.errors).toEqual([]);
      expect(result.plugins).toEqual([{ field: 'balancer.policy.module', module: real, allowedBy: '--allow-plugins' }]);
    }
  });

  test('never outside it: through ../, as an absolute path, or through a symlink in the folder', () => {
    const outside = join(root, 'outside.mjs');
    const reason = `not inside the scenario's folder ${folder}`;
    expect(errors('../outside.mjs', underFolder)).toEqual([refusedOutside('../outside.mjs', outside, reason)]);
    expect(errors(outside, underFolder)).toEqual([refusedOutside(outside, outside, reason)]);
    expect(errors('./link.mjs', underFolder)).toEqual([refusedOutside('./link.mjs', outside, reason)]);
    expect(errors('./sub/../../outside.mjs', underFolder)).toEqual([refusedOutside('./sub/../../outside.mjs', outside, reason)]);
  });

  test('both permissions refused: both reasons given', () => {
    expect(errors('../outside.mjs', { modules: [join(folder, 'policy.js')], underScenarioFolder: true })).toEqual([
      refusedOutside(
        '../outside.mjs',
        join(root, 'outside.mjs'),
        `not one of the modules named by --allow-plugin and not inside the scenario's folder ${folder}`,
      ),
    ]);
  });

  test('a module that does not exist cannot be checked, so it is refused', () => {
    expect(errors('./sub/nope.mjs', underFolder)).toEqual([
      `${file}:11:31: balancer.policy.module: bad value './sub/nope.mjs': cannot find the module ` +
        `${join(folder, 'sub', 'nope.mjs')} (a relative path is resolved against the scenario's folder); valid: the ` +
        'path of an existing ES module ending in .js or .mjs',
    ]);
  });
});

test('loading never imports a module, even an allowed one: its top-level code does not run', () => {
  const result = load(naming('./sub/inside.mjs'), { file, allowPlugins: { underScenarioFolder: true } });
  expect(result.errors).toEqual([]);
  expect(existsSync(join(folder, 'sub', 'plugin-ran.marker'))).toBe(false);
});
