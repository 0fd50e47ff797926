import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import type { RunOptions } from '../../../src/experiment/run.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { FIXTURES, temporaryFolder } from './helpers.js';

// The CLI's side of an interrupt, in-process: the engine and the report writer are recorders that raise the signal
// where a test wants it, and the signals come from a stand-in for the process.
const hooks = vi.hoisted(() => ({
  duringRun: undefined as ((name: string) => void) | undefined,
  afterWrite: undefined as ((name: string) => void) | undefined,
  written: [] as string[],
}));

vi.mock('../../../src/experiment/run.js', () => ({
  runScenario: vi.fn(async (spec: ScenarioSpec, options: RunOptions) => {
    hooks.duringRun?.(spec.name);
    // As the worker pool does: an abort ends the run with the signal's reason.
    options.signal?.throwIfAborted();
    return { spec, warnings: [] };
  }),
}));

vi.mock('../../../src/report/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/report/index.js')>()),
  writeReport: vi.fn(async (result: { spec: ScenarioSpec }, outDir: string) => {
    hooks.written.push(result.spec.name);
    hooks.afterWrite?.(result.spec.name);
    return join(outDir, result.spec.name);
  }),
}));

const TINY = `${FIXTURES}/tiny.yaml`;

/** A stand-in for the process's signals: `send` calls the listeners as a delivered signal would. */
class FakeSignals extends EventEmitter {
  exits: number[] = [];
  send(name: 'SIGINT' | 'SIGTERM') {
    this.emit(name);
  }
  exitNow(code: number) {
    this.exits.push(code);
  }
}

async function run(signals: FakeSignals, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    now: () => 0,
    signals: {
      on: (name, listener) => signals.on(name, listener),
      off: (name, listener) => signals.off(name, listener),
      exitNow: (code) => signals.exitNow(code),
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

beforeEach(() => {
  hooks.duringRun = undefined;
  hooks.afterWrite = undefined;
  hooks.written.length = 0;
});

describe('clustersim run, interrupted', () => {
  test('SIGINT during the run: exit 130, no report written, the previous one said to be kept', async () => {
    const out = temporaryFolder();
    mkdirSync(join(out, 'tiny')); // the previous report
    const signals = new FakeSignals();
    hooks.duringRun = () => signals.send('SIGINT');
    const { code, stdout, stderr } = await run(signals, 'run', TINY, '--out', out, '--quiet');
    expect({ code, stdout, stderr }).toEqual({
      code: 130,
      stdout: '',
      stderr: 'interrupted: no report written; the previous report is kept\n',
    });
    expect(hooks.written).toEqual([]);
  });

  test('SIGTERM with no previous report: exit 143, and the message does not claim one', async () => {
    const signals = new FakeSignals();
    hooks.duringRun = () => signals.send('SIGTERM');
    const { code, stderr } = await run(signals, 'run', TINY, '--out', temporaryFolder(), '--quiet');
    expect({ code, stderr }).toEqual({ code: 143, stderr: 'interrupted: no report written\n' });
  });

  test('a signal after the new report is in place: it stays, printed as usual, and the message says so', async () => {
    const out = temporaryFolder();
    const signals = new FakeSignals();
    hooks.afterWrite = () => signals.send('SIGTERM');
    const { code, stdout, stderr } = await run(signals, 'run', TINY, 'scenarios/web-tier.yaml', '--out', out, '--quiet');
    expect(code).toBe(143);
    expect(stdout).toBe(`${join(out, 'tiny')}\n`);
    expect(stderr).toBe(`interrupted: the new report ${join(out, 'tiny')} was already complete and is in place\n`);
    expect(hooks.written).toEqual(['tiny']); // the second scenario never started
  });

  test('the reports of earlier scenarios stay; the one interrupted is not written', async () => {
    const out = temporaryFolder();
    const signals = new FakeSignals();
    hooks.duringRun = (name) => {
      if (name === 'web-tier') signals.send('SIGINT');
    };
    const { code, stdout } = await run(signals, 'run', TINY, 'scenarios/web-tier.yaml', '--out', out, '--quiet');
    expect(code).toBe(130);
    expect(stdout).toBe(`${join(out, 'tiny')}\n`);
    expect(hooks.written).toEqual(['tiny']);
  });

  test('a second signal ends the process at once, with the first one\'s code', async () => {
    const signals = new FakeSignals();
    let exitsAtSecond = '';
    hooks.duringRun = () => {
      signals.send('SIGTERM');
      signals.send('SIGINT');
      exitsAtSecond = String(signals.exits);
    };
    const { code, stderr } = await run(signals, 'run', TINY, '--out', temporaryFolder(), '--quiet');
    expect(exitsAtSecond).toBe('143');
    expect(stderr).toContain('clustersim: interrupted again: exiting now');
    expect(code).toBe(143); // the stand-in does not exit: the command still unwinds as for one signal
  });

  test('the listeners are removed when the command ends, so later signals have their default effect', async () => {
    const signals = new FakeSignals();
    const { code } = await run(signals, 'run', TINY, '--out', temporaryFolder(), '--quiet');
    expect(code).toBe(0);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });
});
