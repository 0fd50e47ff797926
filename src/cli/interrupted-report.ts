import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { reportFolderName } from '../report/index.js';
import type { Interrupted } from './interrupt.js';
import type { CliIo } from './io.js';

/** The folder a scenario's report goes to, or undefined for a name that cannot be one (its write fails on its own). */
export function reportTarget(outDir: string, folderName: () => string): string | undefined {
  try {
    return resolve(outDir, reportFolderName(folderName()));
  } catch {
    return undefined;
  }
}

/**
 * Tells the user what an interrupt left behind and returns its exit code. The write stops only at points where the
 * report folder holds a complete report, so what is there is either the previous one or, when the signal came after
 * the new one was renamed in, the new one.
 */
export function reportInterrupt(interrupt: Interrupted, target: string | undefined, io: CliIo, newInPlace = false): number {
  if (newInPlace) io.err(`interrupted: the new report ${target} was already complete and is in place\n`);
  else if (target !== undefined && existsSync(target)) io.err('interrupted: no report written; the previous report is kept\n');
  else io.err('interrupted: no report written\n');
  return interrupt.exitCode;
}
