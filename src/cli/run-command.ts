import { runScenario } from '../experiment/run.js';
import { writeReport } from '../report/index.js';
import { safeLine, type Override } from '../scenario/index.js';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { errorSummary, loadAll } from './load-all.js';
import { startProgress } from './progress.js';

export interface RunCommandOptions {
  paths: readonly string[];
  overrides: readonly Override[];
  out: string;
  quiet: boolean;
  /** Wall-clock budget per scenario, in seconds; Infinity: none. */
  maxWallSeconds?: number;
  /** Worker threads for replications. */
  workers?: number;
}

/**
 * `clustersim run <paths..>`: validate everything first (any error: print them all, run nothing, write no report,
 * exit 2), then run each scenario and write its report, printing the report folder on stdout. A scenario whose run
 * fails is reported and the others still run; the exit code is then 1.
 */
export async function runCommand(options: RunCommandOptions, io: CliIo): Promise<number> {
  const { scenarios, errors } = await loadAll(options.paths, options.overrides, io);
  if (errors.length > 0) {
    io.err(`clustersim: ${errorSummary(errors)}; nothing was run and no report was written\n`);
    return EXIT_INVALID_INPUT;
  }
  let failed = 0;
  for (const { spec, source } of scenarios) {
    const progress = startProgress(spec.name, io, options.quiet);
    // The wall clock is read here, in the CLI, never in the model: the run only asks whether to stop.
    const deadline = Date.now() + (options.maxWallSeconds ?? Infinity) * 1000;
    const shouldStop = options.maxWallSeconds === undefined ? undefined : () => Date.now() > deadline;
    try {
      const result = await runScenario(spec, {
        onProgress: (fraction) => progress.update(fraction),
        source,
        shouldStop,
        workers: options.workers,
      });
      progress.finish();
      for (const warning of result.warnings) io.err(`${safeLine(`${source.path}: warning: ${warning}`)}\n`);
      const folder = await writeReport(result, options.out);
      io.out(`${folder}\n`);
    } catch (error) {
      progress.finish();
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      io.err(`${safeLine(`clustersim: scenario '${spec.name}' (${source.path}) failed: ${reason}`)}\n`);
    }
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILURE;
}
