import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, recording what it prints; the wall clock stands still unless `tick` moves it per call. */
export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWithClock(0, ...argv);
}

export async function cliWithClock(tick: number, ...argv: string[]): Promise<CliRun> {
  let clock = 0;
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    now: () => (clock += tick),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function temporaryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'clustersim-cli-'));
}

export const FIXTURES = 'test/fixtures/scenarios';

/** A stack trace line, which a user must never see for their own mistake. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
