import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, type CliRun } from '../unit/cli/helpers.js';

/**
 * What the command line must do with any scenario file, however mangled: exit 0 (valid) or exit 2 (invalid) with
 * every problem on a line of a documented form; never exit 1, "internal error", a stack trace, a raw control
 * character, or a report for an invalid file.
 */

export type Verdict = { valid: boolean; ran?: 'report' | 'refused'; failure?: string };

/**
 * The forms a line on stderr may take (README "Errors and warnings"):
 * - `file:line:column: ...`, an error or warning at its place in the file;
 * - `file: --set path=value: ...` (or `--seed`, `--replications`), a problem with a command-line override;
 * - `file: the file is too large: ...` and `file: cannot read: ...`, the file as a whole;
 * - `file: N more errors not shown (the first 50 are above)`, and the same for warnings;
 * - `file: warning: ...`, a warning from the run itself (stopped early, overload), not about the file;
 * - `clustersim: N errors in M files` and `...; nothing was run and no report was written`, the summaries.
 */
const LINE_FORMS = [
  /^[^:]+:\d+:\d+: /,
  /^[^:]+: --(set|seed|replications) /,
  /^[^:]+: (the file is too large|cannot read): /,
  /^[^:]+: \d+ more (errors|warnings|error|warning) not shown \(the first 50 are above\)$/,
  /^[^:]+: warning: /,
  /^clustersim: \d+ errors? in \d+ files?(; nothing was run and no report was written)?$/,
];

/** An error with its place: in the file, on the command line, or the whole file (nothing to point into). */
const POSITIONED_ERROR = [
  /^[^:]+:\d+:\d+: (?!warning: )/,
  /^[^:]+: --(set|seed|replications) .*: (?!warning: )/,
  /^[^:]+: (the file is too large|cannot read): /,
];

/** A stack frame, or the catch-all of `main`. */
const BUG = [/^\s+at .+:\d+:\d+\)?$/m, /internal error/, /Maximum call stack/, /RangeError|TypeError|ReferenceError/];

/** Any control character other than the newline ending each line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Why this output breaks the rules, or undefined when it keeps them. */
function outputProblem(run: CliRun, what: string): string | undefined {
  if (run.code !== 0 && run.code !== 2) return `${what}: exit ${run.code}`;
  const text = run.stdout + run.stderr;
  for (const bug of BUG) if (bug.test(text)) return `${what}: ${bug.source} in the output`;
  if (RAW_CONTROL.test(text)) return `${what}: a raw control character in the output`;
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  const odd = lines.find((line) => !LINE_FORMS.some((form) => form.test(line)));
  if (odd !== undefined) return `${what}: a stderr line of no documented form: ${odd.slice(0, 200)}`;
  const long = lines.find((line) => line.length > 560);
  if (long !== undefined) return `${what}: a line of ${long.length} characters`;
  if (run.code === 2 && !lines.some((line) => POSITIONED_ERROR.some((form) => form.test(line)))) {
    return `${what}: exit 2 without a positioned error`;
  }
  return undefined;
}

/** A tiny window, so that a valid case runs in about a second whatever its file says. */
const TINY_WINDOW = [
  '--set', 'duration=2s', '--set', 'warmup=0s', '--set', 'maxEvents=100000', '--replications', '1', '--workers', '1',
  '--max-wall-time', '20s', '--quiet',
];

/**
 * Validates `file` with `args`; when it is invalid, also checks that `run` refuses it and writes nothing; when it is
 * valid and `runIt`, runs it with a tiny window and checks that a report appears.
 */
export async function checkCase(file: string, args: readonly string[], runIt: boolean, outDir: string): Promise<Verdict> {
  const validation = await cli('validate', file, ...args);
  const problem = outputProblem(validation, 'validate');
  if (problem !== undefined) return { valid: validation.code === 0, failure: problem };
  const valid = validation.code === 0;
  if (valid && !validation.stdout.startsWith('ok ')) return { valid, failure: 'validate: exit 0 without an ok line' };
  if (valid && !runIt) return { valid };

  mkdirSync(outDir, { recursive: true });
  const runArgs = valid ? [...args, ...TINY_WINDOW] : [...args, '--quiet'];
  const run = await cli('run', file, ...runArgs, '--out', outDir);
  const runProblem = outputProblem(run, valid ? 'run (tiny window)' : 'run of an invalid file');
  if (runProblem !== undefined) return { valid, failure: runProblem };
  const written = existsSync(outDir) ? readdirSync(outDir) : [];
  if (run.code === 2) {
    if (written.length > 0) return { valid, failure: `run: exit 2 but ${written.join(', ')} written` };
    // For a valid file, the tiny window itself can make it invalid (with `requests`, say): refused, and that is fine.
    return { valid, ran: 'refused' };
  }
  if (!valid) return { valid, failure: 'run: exit 0 for a file validate refused' };
  const folder = run.stdout.trim();
  if (written.length !== 1 || !existsSync(join(folder, 'summary.json'))) {
    return { valid, failure: `run: exit 0 but no report (${written.join(', ') || 'nothing'} in the output folder)` };
  }
  return { valid, ran: 'report' };
}
