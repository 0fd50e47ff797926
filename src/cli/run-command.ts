import { resolve } from 'node:path';
import { runScenario } from '../experiment/run.js';
import { recoverInterruptedWrites, writeReport } from '../report/index.js';
import { safeLine, type Override, type PluginPermission } from '../scenario/index.js';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import { interruptOf, watchInterrupts } from './interrupt.js';
import { reportInterrupt, reportTarget } from './interrupted-report.js';
import type { CliIo } from './io.js';
import { errorSummary, loadAll, type LoadedScenario } from './load-all.js';
import { startProgress } from './progress.js';
import { runSizeWarning } from './run-size.js';
import { testPause } from './test-pause.js';
import { formatWallTime } from './wall-time-format.js';
import { shownPath } from './shown-path.js';

export interface RunCommandOptions {
  paths: readonly string[];
  overrides: readonly Override[];
  out: string;
  quiet: boolean;
  /** Wall-clock budget per scenario, in seconds; Infinity: none; undefined: the default (see wallBudget). */
  maxWallSeconds?: number;
  /** Worker threads for replications. */
  workers?: number;
  /** The plug-in modules scenarios may load (`--allow-plugin`, `--allow-plugins`); none when absent. */
  allowPlugins?: PluginPermission;
}

/**
 * The wall-clock budget per scenario of a run on a terminal without --max-wall-time: a forgotten `--set
 * duration=24h` stops within the hour with a report of what ran, where a script or CI job (no terminal) runs
 * unbounded, since it has its own time limits and a cut run is not reproducible.
 */
export const INTERACTIVE_MAX_WALL_SECONDS = 3600;

function wallBudget(options: RunCommandOptions, io: CliIo): { seconds: number; isDefault: boolean } {
  if (options.maxWallSeconds !== undefined) return { seconds: options.maxWallSeconds, isDefault: false };
  if (io.terminal !== undefined) return { seconds: INTERACTIVE_MAX_WALL_SECONDS, isDefault: true };
  return { seconds: Infinity, isDefault: false };
}

/**
 * `clustersim run <paths..>`: validate everything first (any error: print them all, run nothing, write no report,
 * exit 2), then run each scenario and write its report, printing the report folder on stdout. A scenario whose run
 * fails is reported and the others still run; the exit code is then 1. SIGINT or SIGTERM stops the run tidily
 * (exit 130 or 143): the reports already written stay, and the one in progress is not written, the previous one
 * kept.
 */
export async function runCommand(options: RunCommandOptions, io: CliIo): Promise<number> {
  const { scenarios, errors } = await loadAll(options.paths, options.overrides, options.allowPlugins ?? {}, io);
  if (errors.length > 0) {
    io.err(`clustersim: ${errorSummary(errors)}; nothing was run and no report was written\n`);
    return EXIT_INVALID_INPUT;
  }
  const interrupts = watchInterrupts(io.signals, io.err);
  try {
    return await runAll(scenarios, options, io, interrupts.signal);
  } finally {
    interrupts.close();
  }
}

async function runAll(
  scenarios: readonly LoadedScenario[],
  options: RunCommandOptions,
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const notice = (text: string) => io.err(`clustersim: ${text}\n`);
  // First, so that a report set aside by a killed run is back in place during what may be a long simulation.
  await recoverInterruptedWrites(resolve(options.out), { onNotice: notice });
  const pause = testPause(io, signal);
  const budget = wallBudget(options, io);
  let failed = 0;
  for (const { spec, source } of scenarios) {
    const target = reportTarget(options.out, () => spec.name);
    const before = interruptOf(signal);
    if (before !== undefined) return reportInterrupt(before, target, io);
    const size = runSizeWarning(spec, options.workers ?? 1, budget.seconds);
    if (size !== undefined) io.err(`${source.path}: warning: ${size}\n`);
    const progress = startProgress(spec.name, io, options.quiet);
    // The wall clock is read here, in the CLI, never in the model: the run only asks whether to stop.
    const deadline = Date.now() + budget.seconds * 1000;
    let outOfTime = false;
    const shouldStop = Number.isFinite(budget.seconds) ? () => (outOfTime ||= Date.now() > deadline) : undefined;
    try {
      const [result] = await Promise.all([
        runScenario(spec, { onProgress: (fraction) => progress.update(fraction), source: { ...source, path: shownPath(source.path) }, shouldStop, workers: options.workers, signal }),
        pause('simulating'),
      ]);
      progress.finish();
      for (const warning of result.warnings) io.err(`${safeLine(`${source.path}: warning: ${warning}`)}\n`);
      if (outOfTime && budget.isDefault) {
        io.err(
          `${source.path}: warning: stopped by the default --max-wall-time of ${formatWallTime(budget.seconds)} for ` +
            'runs on a terminal; --max-wall-time none runs to the end\n',
        );
      }
      const folder = await writeReport(result, options.out, { signal, onPhase: pause, onNotice: notice });
      io.out(`${folder}\n`);
      const late = interruptOf(signal);
      if (late !== undefined) return reportInterrupt(late, folder, io, true);
    } catch (error) {
      progress.finish(false);
      const interrupt = interruptOf(signal);
      if (interrupt !== undefined) return reportInterrupt(interrupt, target, io);
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      io.err(`${safeLine(`clustersim: scenario '${spec.name}' (${source.path}) failed: ${reason}`)}\n`);
    }
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILURE;
}
