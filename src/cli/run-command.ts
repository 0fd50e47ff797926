import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { baselineJson, baselineOf } from '../experiment/baseline.js';
import type { ComparedFigures } from '../experiment/compare-figures.js';
import { runScenario } from '../experiment/run.js';
import { runToPrecision, type PrecisionTarget } from '../experiment/precision.js';
import { preloadRenderer, recoverInterruptedWrites, writeReport } from '../report/index.js';
import { safeLine, type Override, type PluginPermission } from '../scenario/index.js';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import { interruptOf, watchInterrupts } from './interrupt.js';
import { reportInterrupt, reportTarget } from './interrupted-report.js';
import type { CliIo } from './io.js';
import { errorSummary, loadAll, type LoadedScenario } from './load-all.js';
import { startProgress } from './progress.js';
import { runSizeWarning } from './run-size.js';
import { autoWarmupProblem, runShard } from './shards.js';
import type { Shard } from '../experiment/units.js';
import { testPause } from './test-pause.js';
import { formatWallTime } from './wall-time-format.js';
import { missedObjectives, NO_OBJECTIVE_NOTE } from './slo-gate.js';
import type { InconclusiveAs } from '../metrics/verdict.js';
import { shownPath } from './shown-path.js';
import { writeTrace, type TraceRequest } from '../experiment/trace-writer.js';
import { loadPolicyModule } from '../policies/plugin.js';
import { traceProblem } from './trace-args.js';

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
  /** Write the baseline of `clustersim check` here (needs exactly one scenario). */
  writeBaseline?: string;
  /** Run only this shard's units, written to `out` as a shard folder for `clustersim merge`. */
  shard?: Shard | null;
  /** Exit 1 when an objective fails, or is inconclusive and `inconclusive` is 'fail' (the default). */
  failOnSlo?: boolean;
  inconclusive?: InconclusiveAs;
  /** Run each scenario to these precisions (experiment/precision.ts), up to maxReplications. */
  precision?: readonly PrecisionTarget[];
  maxReplications?: number;
  /** `--trace`: write the event trace of one replication (experiment/trace-writer.ts); one scenario only. */
  trace?: TraceRequest | null;
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
  if (options.writeBaseline !== undefined && scenarios.length !== 1) {
    io.err(`clustersim: --write-baseline writes the baseline of one scenario, and ${scenarios.length} were named; nothing was run\n`);
    return EXIT_INVALID_INPUT;
  }
  const trace = options.trace ?? null;
  if (trace !== null) {
    const problem = scenarios.length !== 1
      ? `--trace traces one scenario, and ${scenarios.length} were named; nothing was run`
      : traceProblem(trace, scenarios[0].spec.run.replications, scenarios[0].spec.nodes.map((n) => n.name));
    if (problem !== null) {
      io.err(`clustersim: ${problem}\n`);
      return EXIT_INVALID_INPUT;
    }
  }
  if (options.shard !== undefined && options.shard !== null) {
    // A shard runs to its end (no wall-clock budget: a cut unit would not be reproducible) and writes plain data.
    const study = { scenarios: scenarios.map(({ spec, source }) => ({ spec, source: { ...source, path: shownPath(source.path) } })) };
    const autoProblem = autoWarmupProblem('run', study, 'sharded');
    if (autoProblem !== null) {
      io.err(`${safeLine(`clustersim: ${autoProblem}`)}\n`);
      return EXIT_INVALID_INPUT;
    }
    const progress = startProgress(`shard ${options.shard.index}/${options.shard.count}`, io, options.quiet);
    try {
      const folder = await runShard('run', study, options.shard, options.out, options.workers ?? 1, (f) => progress.update(f));
      progress.finish();
      io.out(`${folder}\n`);
      return EXIT_OK;
    } catch (error) {
      progress.finish(false);
      io.err(`${safeLine(`clustersim: shard ${options.shard.index}/${options.shard.count} failed: ${error instanceof Error ? error.message : String(error)}`)}\n`);
      return EXIT_FAILURE;
    }
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
  let sloMissed = 0;
  for (const { spec, source } of scenarios) {
    const target = reportTarget(options.out, () => spec.name);
    const before = interruptOf(signal);
    if (before !== undefined) return reportInterrupt(before, target, io);
    if (spec.sweep !== undefined) {
      io.err(`${source.path}: warning: sweep: is read by clustersim compare; run runs the scenario once, as written\n`);
    }
    const size = runSizeWarning(spec, options.workers ?? 1, budget.seconds);
    if (size !== undefined) io.err(`${source.path}: warning: ${size}\n`);
    const progress = startProgress(spec.name, io, options.quiet);
    // The wall clock is read here, in the CLI, never in the model: the run only asks whether to stop.
    const deadline = Date.now() + budget.seconds * 1000;
    let outOfTime = false;
    const shouldStop = Number.isFinite(budget.seconds) ? () => (outOfTime ||= Date.now() > deadline) : undefined;
    try {
      let replicationValues: ComparedFigures<(number | null)[]> | undefined;
      const onReplicationValues = (values: typeof replicationValues) => (replicationValues = values);
      const runOnce = (runSpec: typeof spec) =>
        runScenario(runSpec, {
          onProgress: (fraction) => progress.update(fraction),
          source: { ...source, path: shownPath(source.path) },
          shouldStop,
          workers: options.workers,
          signal,
          onReplicationValues,
        });
      const precision = options.precision ?? [];
      // While worker threads simulate, this thread loads what the report draws charts with (see preloadRenderer).
      if ((options.workers ?? 1) > 1 && spec.run.replications > 1) preloadRenderer();
      const [result] = await Promise.all([
        precision.length === 0 ? runOnce(spec) : runToPrecision(spec, precision, options.maxReplications ?? 100, runOnce),
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
      if (options.trace) {
        // After the report, from the resolved spec (a warm-up chosen by auto included): the run is not touched.
        const policy = result.spec.balancer.policy.module ? await loadPolicyModule(result.spec.balancer.policy.module) : undefined;
        const written = writeTrace(result.spec, options.trace, { policy, shouldStop: () => signal.aborted });
        if (written !== null) io.out(`${options.trace.path}\n`);
      }
      if (options.writeBaseline !== undefined && replicationValues !== undefined) {
        await writeFile(options.writeBaseline, baselineJson(baselineOf(result.summary, replicationValues)), 'utf8');
        io.out(`${options.writeBaseline}\n`);
      }
      if (options.failOnSlo === true) {
        const checks = result.summary.reliability?.slo ?? [];
        if (checks.length === 0) io.err(`${safeLine(`${source.path}: ${NO_OBJECTIVE_NOTE}`)}\n`);
        const missed = missedObjectives(checks, options.inconclusive ?? 'fail');
        if (missed !== undefined) {
          io.err(`${safeLine(`${source.path}: ${missed}`)}\n`);
          sloMissed++;
        }
      }
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
  return failed === 0 && sloMissed === 0 ? EXIT_OK : EXIT_FAILURE;
}
