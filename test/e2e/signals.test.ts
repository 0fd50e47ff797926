/**
 * SIGINT, SIGTERM and SIGKILL at every phase of a run whose out folder already holds a report: afterwards the folder
 * holds the complete previous report (or, after a kill and a new run, the complete new one), never a mix, never
 * nothing, and no temporary folder. The built CLI is spawned with CLUSTERSIM_TEST_PAUSE, which makes it say on
 * stderr when it reaches the phase (and wait there, for writing and replacing), so the signal lands exactly there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

const built = existsSync('dist/src/cli/main.js');
const TINY = 'test/fixtures/scenarios/tiny.yaml';
const KEPT = 'interrupted: no report written; the previous report is kept\n';
/** The report the interrupted runs would write differs from the previous one by its seed. */
const OLD_RUN = ['--seed', '1', '--quiet', '--workers', '1'];
const NEW_RUN = ['--seed', '2', '--quiet', '--workers', '1'];
/** Long enough (1e9 arrivals) that the simulation is still running whenever the signal comes. */
const ENDLESS = ['--set', 'duration=100000000s'];

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

function clustersim(args: string[]): { code: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/clustersim.js', ...args], { encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}

const children: ChildProcess[] = [];

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  pid: number;
}

/** Spawns the CLI paused at `phase`, sends `signal` once it says it is there, and waits for it to end. */
function interruptAt(phase: string, signal: NodeJS.Signals, args: string[]): Promise<Ended> {
  const child = spawn(process.execPath, ['bin/clustersim.js', ...args], {
    env: { ...process.env, CLUSTERSIM_TEST_PAUSE: phase },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  let sent = false;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    stderr += text;
    if (!sent && stderr.includes(`clustersim-test: at ${phase}\n`)) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise((resolve) => child.on('close', (code, signalName) => resolve({ code, signal: signalName, stderr, pid: child.pid! })));
}

describe.skipIf(!built)('signals while a report is being replaced (the built CLI)', () => {
  let base: string;
  let oldReport: Record<string, string>;
  let newReport: Record<string, string>;
  let out: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'clustersim-signals-'));
    for (const [name, args] of [['old', OLD_RUN], ['new', NEW_RUN]] as const) {
      const { code, stderr } = clustersim(['run', TINY, '--out', join(base, name), ...args]);
      expect(code, stderr).toBe(0);
    }
    oldReport = contents(join(base, 'old', 'tiny'));
    newReport = contents(join(base, 'new', 'tiny'));
    expect(newReport['summary.json']).not.toBe(oldReport['summary.json']);
  }, 120_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  let cases = 0;
  /** A fresh out folder holding the previous report. */
  function outWithOldReport(): string {
    out = join(base, `out-${cases++}`);
    cpSync(join(base, 'old'), out, { recursive: true });
    return out;
  }
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const phases = ['simulating', 'writing', 'replacing'] as const;
  const signals = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const;
  for (const phase of phases) {
    for (const [signal, exitCode] of signals) {
      test(`${signal} while ${phase}: exit ${exitCode}, the previous report complete and untouched, nothing else`, async () => {
        const dir = outWithOldReport();
        const extra = phase === 'simulating' ? ENDLESS : [];
        const ended = await interruptAt(phase, signal, ['run', TINY, '--out', dir, ...NEW_RUN, ...extra]);
        expect(ended.code, ended.stderr).toBe(exitCode);
        expect(ended.stderr.endsWith(KEPT)).toBe(true);
        expect(readdirSync(dir)).toEqual(['tiny']);
        expect(contents(join(dir, 'tiny'))).toEqual(oldReport);
      }, 120_000);
    }
  }

  test('SIGKILL between the two renames, then a normal run: the old report is restored, then replaced by the new one', async () => {
    const dir = outWithOldReport();
    const killed = await interruptAt('replacing', 'SIGKILL', ['run', TINY, '--out', dir, ...NEW_RUN]);
    expect(killed.signal).toBe('SIGKILL');
    // What a hard kill leaves at that instant: no report under its name, the old one set aside, the new one complete.
    expect(readdirSync(dir).sort()).toEqual([`.tiny.old-${killed.pid}`, `.tiny.tmp-${killed.pid}`]);
    expect(contents(join(dir, `.tiny.old-${killed.pid}`))).toEqual(oldReport);

    const next = clustersim(['run', TINY, '--out', dir, ...NEW_RUN]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`clustersim: restored the previous report ${join(dir, 'tiny')} (process ${killed.pid}`);
    expect(next.stderr).toContain(`clustersim: removed ${join(dir, `.tiny.tmp-${killed.pid}`)}, left by process ${killed.pid}`);
    expect(readdirSync(dir)).toEqual(['tiny']);
    expect(contents(join(dir, 'tiny'))).toEqual(newReport);
  }, 120_000);

  test('compare: SIGTERM while replacing keeps the previous comparison', async () => {
    const dir = join(base, 'compare');
    const compare = ['compare', TINY, '--policies', 'random,round-robin', '--out', dir, '--quiet', '--replications', '2'];
    const first = clustersim([...compare, '--seed', '1']);
    expect(first.code, first.stderr).toBe(0);
    const previous = contents(join(dir, 'tiny-compare'));
    const ended = await interruptAt('replacing', 'SIGTERM', [...compare, '--seed', '2']);
    expect(ended.code, ended.stderr).toBe(143);
    expect(ended.stderr.endsWith(KEPT)).toBe(true);
    expect(readdirSync(dir)).toEqual(['tiny-compare']);
    expect(contents(join(dir, 'tiny-compare'))).toEqual(previous);
  }, 120_000);
});
