import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { RunOptions } from '../../../src/experiment/run.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { cli, cliWithClock, FIXTURES } from './helpers.js';

// The CLI's side of `run`, with the engine and the report writer replaced by recorders: what it hands them, what
// it prints, and how it shows progress.
const calls = vi.hoisted(() => ({
  runs: [] as { spec: ScenarioSpec; options: RunOptions }[],
  reports: [] as { scenario: string; outDir: string }[],
  preloads: 0,
}));

vi.mock('../../../src/experiment/run.js', () => ({
  runScenario: vi.fn(async (spec: ScenarioSpec, options: RunOptions) => {
    calls.runs.push({ spec, options });
    for (let i = 1; i <= 10; i++) options.onProgress?.(i / 10);
    return { spec, warnings: spec.name === 'stopped' ? ['stopped early: maxEvents (1000) reached in replication 1'] : [] };
  }),
}));

vi.mock('../../../src/report/index.js', () => ({
  writeReport: vi.fn(async (result: { spec: ScenarioSpec }, outDir: string) => {
    calls.reports.push({ scenario: result.spec.name, outDir });
    return join(outDir, result.spec.name);
  }),
  recoverInterruptedWrites: vi.fn(async () => []),
  reportFolderName: (name: string) => name,
  preloadRenderer: vi.fn(() => {
    calls.preloads++;
  }),
}));

const TINY = `${FIXTURES}/tiny.yaml`;

beforeEach(() => {
  calls.runs.length = 0;
  calls.reports.length = 0;
  calls.preloads = 0;
});

describe('clustersim run (engine and report mocked)', () => {
  test('hands the overridden spec and the scenario text to the engine, the result to the report', async () => {
    const { code, stdout, stderr } = await cli('run', TINY, '--seed', '007', '--replications', '4', '--set', 'nodes.0.count=3', '--out', 'out/x');
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${join('out/x', 'tiny')}\n`, stderr: '' });
    expect(calls.runs).toHaveLength(1);
    const { spec, options } = calls.runs[0];
    expect(spec.seed).toBe('007');
    expect(spec.run.replications).toBe(4);
    expect(spec.nodes.map((n) => n.name)).toEqual(['n-0', 'n-1', 'n-2']);
    expect(options.source?.path).toBe(TINY);
    expect(options.source?.text).toContain('count: 3');
    expect(options.source?.text).toContain('seed: "007"');
    expect(calls.reports).toEqual([{ scenario: 'tiny', outDir: 'out/x' }]);
  });

  test('replications on worker threads: the chart renderer loads while they run; one thread or one replication: not', async () => {
    await cli('run', TINY, '--replications', '4', '--workers', '2');
    expect(calls.preloads).toBe(1);
    await cli('run', TINY, '--replications', '4', '--workers', '1');
    await cli('run', TINY, '--replications', '1', '--workers', '2');
    expect(calls.preloads).toBe(1);
  });

  test('the default output folder is reports/', async () => {
    const { stdout } = await cli('run', TINY);
    expect(stdout).toBe(`${join('reports', 'tiny')}\n`);
    expect(calls.reports).toEqual([{ scenario: 'tiny', outDir: 'reports' }]);
  });

  test('several scenarios run in the order given, each report printed', async () => {
    const { code, stdout } = await cli('run', TINY, 'scenarios/web-tier.yaml');
    expect(code).toBe(0);
    expect(stdout).toBe(`${join('reports', 'tiny')}\n${join('reports', 'web-tier')}\n`);
  });

  test('warnings from the file and from the run go to stderr; the run goes ahead', async () => {
    const { code, stderr } = await cli('run', TINY, '--set', 'warmup=30s', '--set', 'name=stopped');
    expect(code).toBe(0);
    expect(stderr).toBe(
      `${TINY}: --set warmup=30s: warning: warmup: the warm-up (30s) is longer than the measured duration (20s): most ` +
        'simulated time is thrown away; valid: a warm-up shorter than duration\n' +
        `${TINY}: warning: stopped early: maxEvents (1000) reached in replication 1\n`,
    );
  });

  test('progress: plain lines on a non-terminal once the run takes over a second; none with --quiet', async () => {
    // each clock reading advances 400 ms: the run "takes" several seconds
    const { stderr } = await cliWithClock(400, 'run', TINY);
    expect(stderr).toMatch(/^(tiny: \d+ %, about \d+ m?s left\n)+tiny: 100 %\n$/);
    expect(stderr.endsWith('tiny: 100 %\n')).toBe(true);
    expect((await cliWithClock(400, 'run', TINY, '--quiet')).stderr).toBe('');
    expect((await cli('run', TINY)).stderr).toBe(''); // a run within a second: no progress at all
  });
});

describe('the wall-clock budget of each scenario', () => {
  /** Runs with stderr seen as a terminal (the progress bar stays off with --quiet). */
  async function onTerminal(...argv: string[]): Promise<number> {
    const io: CliIo = { out: () => {}, err: () => {}, now: () => 0, terminal: { columns: 100 } as NodeJS.WriteStream };
    return main(argv, io);
  }
  const budgetGiven = () => calls.runs.map((r) => r.options.shouldStop !== undefined);

  test('none by default without a terminal (scripts, CI); 1 h by default on a terminal', async () => {
    await cli('run', TINY, '--quiet');
    expect(await onTerminal('run', TINY, '--quiet')).toBe(0);
    expect(budgetGiven()).toEqual([false, true]);
    // An hour from now, not yet spent.
    expect(calls.runs[1].options.shouldStop!()).toBe(false);
  });

  test('--max-wall-time 0 or none: no budget, on a terminal too; a duration: that budget', async () => {
    await onTerminal('run', TINY, '--quiet', '--max-wall-time', 'none');
    await onTerminal('run', TINY, '--quiet', '--max-wall-time', '0');
    await cli('run', TINY, '--quiet', '--max-wall-time', '10min');
    expect(budgetGiven()).toEqual([false, false, true]);
  });

  test('a negative or unreadable budget is a usage error', async () => {
    for (const bad of ['-5s', 'soon']) {
      const { code, stderr } = await cli('run', TINY, '--max-wall-time', bad);
      expect(code).toBe(2);
      expect(stderr).toContain(`--max-wall-time: bad value '${bad}': expected a duration (e.g. 30s or 10min), or 0 or none for no limit`);
    }
  });
});
