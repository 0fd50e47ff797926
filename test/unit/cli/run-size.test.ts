import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runSizeWarning } from '../../../src/cli/run-size.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { loadScenario, parseSetArgument } from '../../../src/scenario/index.js';
import { cli, FIXTURES, temporaryFolder } from './helpers.js';

function scenario(file: string, ...sets: string[]): ScenarioSpec {
  const overrides = sets.map((set) => parseSetArgument(set)!);
  const { spec, errors } = loadScenario(readFileSync(file, 'utf8'), { file, overrides });
  expect(errors).toEqual([]);
  return spec!;
}

describe('the warning before a run that would take long', () => {
  test('none for the example scenarios as shipped (web-tier: 1.8e6 events, under 2 s at 1 M events/s)', () => {
    expect(runSizeWarning(scenario('scenarios/web-tier.yaml'), 1, Infinity)).toBeUndefined();
  });

  test('the issue\'s runaway run: async-vs-quorum for 24 h, with the estimate, the time and what bounds it', () => {
    const spec = scenario('scenarios/async-vs-quorum.yaml', 'duration=24h');
    // 700/s x (24 h + 5 s warm-up) x 10 events per request x 5 replications = 3.024e9 events; on 2 threads at
    // 1 M events/s each: 1512 s.
    const head =
      'a large run: about 3e9 events (700 requests/s x 86 405 s x 10 events per request in the replicated topology x ' +
      '5 replications); at 1 M events/s on 2 threads that is up to 25 min 12 s; ';
    expect(runSizeWarning(spec, 2, Infinity)).toBe(`${head}nothing bounds it: --max-wall-time 30min would`);
    expect(runSizeWarning(spec, 2, 600)).toBe(`${head}--max-wall-time stops it after 10 min with a report of what ran`);
    expect(runSizeWarning(spec, 2, 3600)).toBe(`${head}--max-wall-time bounds it at 1 h`);
  });

  test('threads beyond the replications do not shorten the estimate', () => {
    const spec = scenario('scenarios/async-vs-quorum.yaml', 'duration=24h', 'replications=1');
    expect(runSizeWarning(spec, 8, Infinity)).toContain('on 1 thread that is up to 10 min 05 s'); // 604.8 s
  });

  test('just over the threshold of 5 min warns, just under does not', () => {
    // web-tier: 9/s x 5 events per request x 1 replication = 45 events per simulated second: 300 s of wall time at
    // 1 M events/s is 3e8 events, 6.67e6 simulated seconds.
    const over = scenario('scenarios/web-tier.yaml', 'replications=1', 'warmup=0s', 'duration=6700000s');
    const under = scenario('scenarios/web-tier.yaml', 'replications=1', 'warmup=0s', 'duration=6600000s');
    expect(runSizeWarning(over, 1, Infinity)).toContain('up to 5 min 02 s'); // 301.5 s
    expect(runSizeWarning(under, 1, Infinity)).toBeUndefined(); // 297 s
  });

  test('the run command prints it on stderr before running', async () => {
    const { code, stderr } = await cli(
      'run', `${FIXTURES}/tiny.yaml`, '--set', 'duration=10000000s', '--max-wall-time', '1ms', '--workers', '1', '--quiet',
      '--out', temporaryFolder(),
    );
    expect(code).toBe(0);
    // tiny: 10/s x (2 s + 1e7 s) x 5 x 2 replications = 1.0e9 events, 1000 s at 1 M events/s
    expect(stderr.split('\n')[0]).toBe(
      `${FIXTURES}/tiny.yaml: warning: a large run: about 1e9 events (10 requests/s x 10 000 002 s x 5 events per request ` +
        'in the direct topology x 2 replications); at 1 M events/s on 1 thread that is up to 16 min 40 s; --max-wall-time ' +
        'stops it after 1 ms with a report of what ran',
    );
  });
});
