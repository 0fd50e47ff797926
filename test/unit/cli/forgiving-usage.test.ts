/**
 * Usage mistakes get one line naming the mistake and the closest valid option, never the whole help (issue 18.4);
 * each command's help lists only the options it takes; the usage lines of `--help` and `compare --help` agree.
 * Expected texts are written out here by hand.
 */
import { describe, expect, test } from 'vitest';
import { didYouMean } from '../../../src/scenario/suggest.js';
import { cli, FIXTURES } from './helpers.js';

const TINY = `${FIXTURES}/tiny.yaml`;

describe('an unknown option', () => {
  test('--replication on run: did you mean --replications, and no help', async () => {
    const { code, stdout, stderr } = await cli('run', TINY, '--replication', '3');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe("clustersim run: unknown option '--replication'; did you mean '--replications'?\nRun 'clustersim run --help' for usage.\n");
  });

  test('a misspelt option of run only (--max-wall) and of compare only (--baselin)', async () => {
    expect((await cli('run', TINY, '--max-wall', '1min')).stderr).toContain("unknown option '--max-wall'; did you mean '--max-wall-time'?");
    expect((await cli('compare', TINY, '--baselin', 'random')).stderr).toContain("unknown option '--baselin'; did you mean '--baseline'?");
  });

  test('nothing close: the valid options of that command, not of another', async () => {
    const { stderr } = await cli('validate', TINY, '--frobnicate');
    expect(stderr).toBe(
      "clustersim validate: unknown option '--frobnicate'; valid: --allow-plugin, --allow-plugins, --help, --replications, --seed, --set, --version\n" +
        "Run 'clustersim validate --help' for usage.\n",
    );
  });

  test('an option schema does not take, and a stray argument', async () => {
    expect((await cli('schema', '--seed', '3')).stderr).toBe("clustersim schema: unknown option '--seed'; valid: --help, --version\nRun 'clustersim schema --help' for usage.\n");
    expect((await cli('schema', 'extra')).stderr).toBe("clustersim schema: unexpected argument 'extra'\nRun 'clustersim schema --help' for usage.\n");
  });

  test('a command without its scenario says so in one line', async () => {
    const { code, stderr } = await cli('run');
    expect(code).toBe(2);
    expect(stderr).toBe("clustersim run: name at least one scenario file or folder\nRun 'clustersim run --help' for usage.\n");
  });
});

describe('names on the command line', () => {
  test('a shortened policy name gets its full name', async () => {
    const { code, stderr } = await cli('compare', TINY, '--policies', 'random,least-conn');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown policy 'least-conn'. Valid: random,");
    expect(stderr).toContain("did you mean 'least-connections'?");
  });

  test('a --set path gets the closest key', async () => {
    const { code, stderr } = await cli('validate', TINY, '--set', 'nodes.0.cont=3');
    expect(code).toBe(2);
    expect(stderr).toContain("--set nodes.0.cont=3: nodes.0.cont: bad value 'cont': unknown key;");
    expect(stderr).toContain("did you mean 'count'?");
  });

  test('a misspelt top-level key in a --set path is reported at the --set, not at 1:1', async () => {
    const { code, stderr } = await cli('validate', TINY, '--set', 'balancr.policy=random');
    expect(code).toBe(2);
    expect(stderr).toContain(`${TINY}: --set balancr.policy=random: balancr: bad value 'balancr': unknown key;`);
    expect(stderr).toContain("did you mean 'balancer'?");
    expect(stderr).not.toMatch(/:\d+:\d+: balancr/);
  });

  test('the prefix rule needs 4 letters and exactly one candidate that begins with them', () => {
    expect(didYouMean('least-conn', ['least-connections', 'least-work-left'])).toBe('least-connections');
    expect(didYouMean('least', ['least-connections', 'least-work-left'])).toBeUndefined();
    expect(didYouMean('rou', ['round-robin'])).toBeUndefined();
  });
});

describe('help', () => {
  test('each command lists only its own options', async () => {
    const schema = (await cli('schema', '--help')).stdout;
    for (const flag of ['--set', '--seed', '--replications', '--out']) expect(schema).not.toContain(flag);
    const validate = (await cli('validate', '--help')).stdout;
    for (const flag of ['--set', '--seed', '--replications', '--allow-plugin']) expect(validate).toContain(flag);
    for (const flag of ['--out', '--workers', '--max-wall-time']) expect(validate).not.toContain(flag);
  });

  test('the usage line of compare is the same in --help and compare --help', async () => {
    expect((await cli('--help')).stdout).toContain('clustersim compare <scenarios..>');
    expect((await cli('compare', '--help')).stdout).toContain('clustersim compare <scenarios..> [options]');
  });
});
