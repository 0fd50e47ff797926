import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { BalancerSpec, ScenarioSpec } from '../../../src/model/spec.js';
import type { DispatchView } from '../../../src/policies/policy.js';
import { policies, policyNames } from '../../../src/policies/registry.js';
import { Findings } from '../../../src/scenario/issues.js';
import { resolvePolicy } from '../../../src/scenario/resolve-policy.js';
import { QUEUE_LENGTH_READERS } from '../../../src/scenario/warnings.js';
import { BASE, errorsOf, load, sets, warningsOf, yaml } from './helpers.js';

/**
 * The balancer beyond its policy (issue 4): several dispatchers, what they know of queue lengths, and plug-in
 * policies named by module. Bad input checked for the whole message with positions counted by hand, then resolution
 * into `BalancerSpec`.
 */

/** BASE (lines 1 to 10) followed by the given lines, from line 11. */
const scenario = (...lines: string[]): string => yaml(...BASE, ...lines);

const INFO_VALID = 'exact, piggyback, or { refresh: <duration> } (periodic reports, e.g. { refresh: 100ms })';
const DURATION_POSITIVE = 'a duration > 0: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)';
const MODULE_VALID = 'the path of an ES module ending in .js or .mjs, relative to the scenario file (e.g. ./my-policy.mjs)';

function specOf(text: string, file = 't.yaml'): ScenarioSpec {
  const result = load(text, { file });
  expect(result.errors).toEqual([]);
  if (result.spec === undefined) throw new Error('no spec');
  return result.spec;
}

function balancerOf(text: string, file = 't.yaml'): BalancerSpec {
  return specOf(text, file).balancer;
}

/**
 * A scratch folder (its real path) holding the given files, empty: the loader checks that a plug-in module exists
 * but never imports it. Scenarios in it may name them with `--allow-plugins`' library equivalent.
 */
const scratchFolders: string[] = [];
afterAll(() => scratchFolders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function scratch(...files: string[]): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'clustersim-balancer-')));
  scratchFolders.push(folder);
  for (const file of files) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), '');
  }
  return folder;
}

const UNDER_FOLDER = { allowPlugins: { underScenarioFolder: true } };

/** The balancer of a scenario loaded as if from `file`, its plug-ins allowed inside the file's folder. */
function pluginBalancerOf(text: string, file: string): BalancerSpec {
  const result = load(text, { file, ...UNDER_FOLDER });
  expect(result.errors).toEqual([]);
  return result.spec!.balancer;
}

describe('bad dispatchers', () => {
  test('zero, a fraction, too many', () => {
    // line 11 "balancer: { dispatchers: " is 25 characters: the value at column 26
    expect(errorsOf(scenario('balancer: { dispatchers: 0 }'))).toEqual([
      "t.yaml:11:26: balancer.dispatchers: bad value '0': must be at least 1; valid: an integer from 1 to 1000",
    ]);
    expect(errorsOf(scenario('balancer: { dispatchers: 1.5 }'))).toEqual([
      "t.yaml:11:26: balancer.dispatchers: bad value '1.5': must be an integer; valid: an integer from 1 to 1000",
    ]);
    expect(errorsOf(scenario('balancer: { dispatchers: 1001 }'))).toEqual([
      "t.yaml:11:26: balancer.dispatchers: bad value '1001': must be at most 1000; valid: an integer from 1 to 1000",
    ]);
  });

  test('a word', () => {
    // line 12 "  dispatchers: " is 15 characters: column 16
    expect(errorsOf(scenario('balancer:', '  dispatchers: four'))).toEqual([
      "t.yaml:12:16: balancer.dispatchers: bad value 'four': must be an integer; valid: an integer from 1 to 1000",
    ]);
  });
});

describe('bad info', () => {
  test('a word that is no information mode', () => {
    // line 12 "  info: " is 8 characters: the value at column 9. 'stale' is no typo of any mode: no suggestion, the
    // valid forms say what there is (both piggyback and refresh are stale)
    expect(errorsOf(scenario('balancer:', '  info: stale'))).toEqual([
      `t.yaml:12:9: balancer.info: bad value 'stale': not one of the allowed values; valid: ${INFO_VALID}`,
    ]);
  });

  test('a misspelt mode, with did-you-mean', () => {
    expect(errorsOf(scenario('balancer:', '  info: pigyback'))).toEqual([
      `t.yaml:12:9: balancer.info: bad value 'pigyback': not one of the allowed values; valid: ${INFO_VALID}; did you mean 'piggyback'?`,
    ]);
    expect(errorsOf(scenario('balancer:', '  info: Exact'))).toEqual([
      `t.yaml:12:9: balancer.info: bad value 'Exact': not one of the allowed values; valid: ${INFO_VALID}; did you mean 'exact'?`,
    ]);
  });

  test('a refresh that is not a positive duration', () => {
    // line 12 "  info: { refresh: " is 19 characters: the value at column 20
    expect(errorsOf(scenario('balancer:', '  info: { refresh: 0s }'))).toEqual([
      `t.yaml:12:20: balancer.info.refresh: bad value '0s': must be greater than 0; valid: ${DURATION_POSITIVE}`,
    ]);
    expect(errorsOf(scenario('balancer:', '  info: { refresh: 10KB }'))).toEqual([
      `t.yaml:12:20: balancer.info.refresh: bad value '10KB': 'KB' is a unit of size, not of duration; valid: ${DURATION_POSITIVE}`,
    ]);
  });

  test('a misspelt refresh, with did-you-mean', () => {
    // the mapping at column 9 lacks refresh; "  info: { " is 10 characters: the misspelt key at column 11
    expect(errorsOf(scenario('balancer:', '  info: { refersh: 1s }'))).toEqual([
      `t.yaml:12:9: balancer.info.refresh: missing required key; valid: ${DURATION_POSITIVE}`,
      "t.yaml:12:11: balancer.info.refersh: bad value 'refersh': unknown key; valid: refresh; did you mean 'refresh'?",
    ]);
  });

  test('neither a word nor a mapping', () => {
    expect(errorsOf(scenario('balancer:', '  info: 5'))).toEqual([
      `t.yaml:12:9: balancer.info: bad value '5': must be a string or a mapping; valid: ${INFO_VALID}`,
    ]);
  });

  test('a misspelt balancer key', () => {
    // line 12 "  dispatcher: 4": the key at column 3
    expect(errorsOf(scenario('balancer:', '  dispatcher: 4'))).toEqual([
      "t.yaml:12:3: balancer.dispatcher: bad value 'dispatcher': unknown key; valid: policy, dispatchers, info; did you mean 'dispatchers'?",
    ]);
  });
});

describe('bad plug-in policies', () => {
  test('a module that is not JavaScript', () => {
    // line 12 "  policy: { module: " is 20 characters: the path at column 21
    expect(errorsOf(scenario('balancer:', '  policy: { module: ./policy.ts }'))).toEqual([
      "t.yaml:12:21: balancer.policy.module: bad value './policy.ts': must end in .js or .mjs: compile a TypeScript policy " +
        `to JavaScript first; valid: ${MODULE_VALID}`,
    ]);
    expect(errorsOf(scenario('balancer:', '  policy: { module: ./policies/least-loaded }'))).toEqual([
      `t.yaml:12:21: balancer.policy.module: bad value './policies/least-loaded': must end in .js or .mjs; valid: ${MODULE_VALID}`,
    ]);
  });

  test('a module path that is empty or not a string', () => {
    expect(errorsOf(scenario('balancer:', '  policy: { module: "" }'))).toEqual([
      `t.yaml:12:21: balancer.policy.module: bad value '': must not be empty; valid: ${MODULE_VALID}`,
    ]);
    expect(errorsOf(scenario('balancer:', '  policy: { module: 42 }'))).toEqual([
      `t.yaml:12:21: balancer.policy.module: bad value '42': must be a string; valid: ${MODULE_VALID}`,
    ]);
  });

  test('a policy mapping with neither name nor module', () => {
    // line 12 "  policy: " is 10 characters: the mapping at column 11
    expect(errorsOf(scenario('balancer:', '  policy: { nme: random }'))).toEqual([
      `t.yaml:12:11: balancer.policy.name: missing required key; valid: a policy name (${policyNames().join(', ')}), ` +
        'or module: <path> for a plug-in',
    ]);
  });

  test('on the command line (compare) there is no scenario file: module is a parameter like any other', () => {
    const findings = new Findings();
    expect(resolvePolicy({ name: 'random', module: './mine.mjs' }, [], policies, findings)).toBeUndefined();
    expect(findings.errors.map((f) => f.rule)).toEqual(["unknown parameter of policy 'random'"]);
  });
});

describe('warnings', () => {
  test('stale information for a policy that never reads queue lengths', () => {
    // the default policy is random; line 12 "  info: piggyback": the key at column 3
    expect(warningsOf(scenario('balancer:', '  info: piggyback'))).toEqual([
      "t.yaml:12:3: warning: balancer.info: has no effect with policy 'random', which does not read queue lengths; " +
        'valid: join-shortest-queue, power-of-d, join-idle-queue',
    ]);
    // "balancer: { policy: least-connections, " is 39 characters: the key at column 40
    expect(warningsOf(scenario('balancer: { policy: least-connections, info: { refresh: 1s } }'))).toEqual([
      "t.yaml:11:40: warning: balancer.info: has no effect with policy 'least-connections', which does not read queue " +
        'lengths; valid: join-shortest-queue, power-of-d, join-idle-queue',
    ]);
  });

  test('no warning for exact information, a policy that reads queue lengths, or a plug-in', () => {
    expect(warningsOf(scenario('balancer: { policy: random, info: exact }'))).toEqual([]);
    for (const policy of QUEUE_LENGTH_READERS) {
      expect(warningsOf(scenario(`balancer: { policy: ${policy}, info: piggyback }`))).toEqual([]);
    }
    // a plug-in named after a built-in may still read them; nor is it warned about as key-affine
    const file = join(scratch('random.mjs', 'consistent-hash.mjs'), 't.yaml');
    for (const balancer of [
      'balancer: { policy: { module: ./random.mjs }, info: { refresh: 1s } }',
      'balancer: { policy: { module: ./consistent-hash.mjs } }',
    ]) {
      const result = load(scenario(balancer), { file, ...UNDER_FOLDER });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
    }
  });

  test('the policies said to read queue lengths are exactly those that do', () => {
    // Each built-in policy is built over a view that records reads of queueLength and asked to choose: a policy reads
    // queue lengths when it calls view.queueLength or follows reports through onQueueLength.
    const readers = policyNames().filter((name) => {
      let read = false;
      const view: DispatchView = {
        nodeCount: 4,
        connections: () => 0,
        outstandingWork: () => 0,
        queueLength: () => {
          read = true;
          return 0;
        },
        capacity: () => 1,
        isAvailable: () => true,
        requestKey: () => 1,
        requestClient: () => 1,
        requestWork: () => 1,
      };
      let state = 1;
      const rng = () => (state = (state * 48271) % 2147483647) / 2147483647;
      const definition = policies.get(name)!;
      const params = Object.fromEntries(definition.params.map((p) => [p.name, p.default]));
      const policy = definition.create({ view, rng, params });
      for (let request = 0; request < 20; request++) {
        const node = policy.choose(request);
        policy.onDispatch?.(node, request);
        policy.onReply?.(node, request, 0.1);
      }
      return read || policy.onQueueLength !== undefined;
    });
    expect(readers).toEqual([...QUEUE_LENGTH_READERS]);
  });
});

describe('resolution', () => {
  test('by default one dispatcher with exact information: neither is set', () => {
    const balancer = balancerOf(scenario());
    expect(balancer).toEqual({ policy: { name: 'random', params: {} } });
    expect(balancer).not.toHaveProperty('dispatchers');
    expect(balancer).not.toHaveProperty('info');
    expect(balancerOf(scenario('balancer: { info: exact }'))).toEqual({ policy: { name: 'random', params: {} } });
  });

  test('dispatchers', () => {
    expect(balancerOf(scenario('balancer:', '  policy: power-of-d', '  dispatchers: 4'))).toEqual({
      policy: { name: 'power-of-d', params: { d: 2 } },
      dispatchers: 4,
    } satisfies BalancerSpec);
    expect(balancerOf(scenario('balancer: { dispatchers: 1000 }')).dispatchers).toBe(1000);
  });

  test('the three forms of info', () => {
    const info = (text: string) => balancerOf(scenario('balancer:', '  policy: join-shortest-queue', `  info: ${text}`)).info;
    expect(info('exact')).toBeUndefined();
    expect(info('piggyback')).toEqual({ mode: 'piggyback' });
    expect(info('{ refresh: 100ms }')).toEqual({ mode: 'periodic', refresh: 0.1 });
    expect(info('{ refresh: 2 }')).toEqual({ mode: 'periodic', refresh: 2 });
  });

  test('a plug-in: the module resolved against the scenario file, its name from the file name, params as written', () => {
    const root = scratch('sim/scenarios/my-policy.mjs', 'sim/policies/zones.js', 'opt/p.mjs');
    const plugin = (policy: string, file: string, allowPlugins: { modules?: string[]; underScenarioFolder?: boolean }) => {
      const result = load(scenario('balancer:', `  policy: ${policy}`), { file, allowPlugins });
      expect(result.errors).toEqual([]);
      return result.spec!.balancer.policy;
    };
    const web = join(root, 'sim/scenarios/web.yaml');
    expect(plugin('{ module: ./my-policy.mjs, spill: 2 }', web, { underScenarioFolder: true })).toEqual({
      name: 'my-policy',
      params: { spill: 2 },
      module: join(root, 'sim/scenarios/my-policy.mjs'),
    });
    const zones = join(root, 'sim/policies/zones.js');
    expect(plugin('{ module: ../policies/zones.js }', web, { modules: [zones] })).toEqual({ name: 'zones', params: {}, module: zones });
    // an absolute module stays as written
    const absolute = join(root, 'opt/p.mjs');
    expect(plugin(`{ module: ${absolute} }`, web, { modules: [absolute] }).module).toBe(absolute);
    // a scenario file named relative to the working directory, as on the command line
    const relativeWeb = relative(process.cwd(), web);
    expect(plugin('{ module: my-policy.mjs }', relativeWeb, { underScenarioFolder: true }).module).toBe(
      join(root, 'sim/scenarios/my-policy.mjs'),
    );
  });

  test('a plug-in: name given, parameters never checked against a built-in definition', () => {
    const folder = scratch('p.mjs');
    const policy = pluginBalancerOf(
      scenario('balancer:', '  policy: { module: ./p.mjs, name: random, d: 0, weights: [1, 2], mode: { fast: true } }'),
      join(folder, 'web.yaml'),
    ).policy;
    expect(policy).toEqual({ name: 'random', params: { d: 0, weights: [1, 2], mode: { fast: true } }, module: join(folder, 'p.mjs') });
  });

  test('a plug-in with several dispatchers and periodic information', () => {
    const folder = scratch('p.mjs');
    const text = scenario('balancer:', '  policy: { module: ./p.mjs }', '  dispatchers: 2', '  info: { refresh: 1s }');
    expect(pluginBalancerOf(text, join(folder, 'web.yaml'))).toEqual({
      policy: { name: 'p', params: {}, module: join(folder, 'p.mjs') },
      dispatchers: 2,
      info: { mode: 'periodic', refresh: 1 },
    } satisfies BalancerSpec);
  });

  test('on the command line', () => {
    const root = scratch('x/web.yaml', 'p.js');
    const result = load(scenario(), {
      file: join(root, 'x/web.yaml'),
      overrides: sets('balancer.dispatchers=8', 'balancer.info=piggyback', 'balancer.policy.module=../p.js'),
      allowPlugins: { modules: [join(root, 'p.js')] },
    });
    expect(result.errors).toEqual([]);
    expect(result.spec?.balancer).toEqual({
      policy: { name: 'p', params: {}, module: join(root, 'p.js') },
      dispatchers: 8,
      info: { mode: 'piggyback' },
    } satisfies BalancerSpec);
  });
});

describe('plug-in fixtures', () => {
  test('a scenario naming the example plug-in resolves to it, wherever the loader runs', () => {
    const file = 'test/fixtures/scenarios/plugin-policy.yaml';
    const example = 'examples/least-loaded-of-two-zones.mjs';
    const result = load(readFileSync(file, 'utf8'), { file, allowPlugins: { modules: [example] } });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.spec?.balancer).toEqual({
      policy: { name: 'least-loaded-of-two-zones', params: { spill: 3 }, module: realpathSync(example) },
      dispatchers: 2,
      info: { mode: 'periodic', refresh: 0.1 },
    } satisfies BalancerSpec);
    expect(result.plugins).toEqual([{ field: 'balancer.policy.module', module: realpathSync(example), allowedBy: '--allow-plugin' }]);
  });

  test('a missing module, once plug-ins are allowed, is an error at load time rather than a failed run', () => {
    const file = 'test/fixtures/scenarios/missing-plugin.yaml';
    // line 9 "  policy: { module: " is 20 characters: the path at column 21
    expect(errorsOf(readFileSync(file, 'utf8'), { file, ...UNDER_FOLDER })).toEqual([
      `${file}:9:21: balancer.policy.module: bad value './no-such-policy.mjs': cannot find the module ` +
        `${resolve('test/fixtures/scenarios/no-such-policy.mjs')} (a relative path is resolved against the scenario's ` +
        "folder); valid: the path of an existing ES module ending in .js or .mjs",
    ]);
  });
});
