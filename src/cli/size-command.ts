import { availableParallelism } from 'node:os';
import { runScenario } from '../experiment/run.js';
import { searchSmallestPassing } from '../experiment/sizing.js';
import type { ScenarioSpec } from '../model/spec.js';
import { writeSizing, type SizingPlan } from '../report/index.js';
import { safeLine, type Override } from '../scenario/index.js';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { errorSummary } from './load-all.js';
import { printIssues } from './print-issues.js';
import { loadScenarioFile } from './scenario-files.js';
import { parseSizeArgs, type SizeRequest } from './size-args.js';

function hasObjectives(spec: ScenarioSpec): boolean {
  const slo = spec.reliability?.slo;
  return slo !== undefined && (slo.p99 !== undefined || slo.mean !== undefined || slo.availability !== undefined);
}

function pointOverrides(request: SizeRequest, value: number, replications?: number): Override[] {
  const origin = `--vary ${request.vary.text}`;
  const overrides = [...request.overrides, { path: request.vary.path, value: String(value), origin }];
  if (replications !== undefined) overrides.push({ path: 'replications', value: String(replications), origin: 'size' });
  return overrides;
}

/**
 * `clustersim size <scenario> --vary path=from:to`: checks the scenario at both ends of the range first (any error:
 * print it, run nothing, exit 2), then searches (experiment/sizing.ts) and writes `<out>/<scenario>-size/`. Exit 0
 * with an answer, 1 when no value in the range passes (or a run fails), 2 on bad input.
 */
export async function sizeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseSizeArgs(argv, io.terminal?.columns ?? 120);
  if (!parsed.ok) {
    (parsed.toStderr ? io.err : io.out)(parsed.text.endsWith('\n') ? parsed.text : `${parsed.text}\n`);
    return parsed.exitCode;
  }
  const request = parsed.request;
  const fail = (message: string) => {
    io.err(`${safeLine(`clustersim size: ${message}`)}\n`);
    return EXIT_INVALID_INPUT;
  };

  const ends = [];
  for (const value of new Set([request.vary.lo, request.vary.hi])) {
    const loaded = await loadScenarioFile(request.path, pointOverrides(request, value), request.allowPlugins);
    if (ends.length === 0) printIssues(loaded.warnings, io);
    printIssues(loaded.errors, io);
    if (loaded.spec === undefined || loaded.errors.length > 0) {
      return fail(`${errorSummary(loaded.errors)} with ${request.vary.path}=${value}; nothing was run`);
    }
    ends.push(loaded.spec);
  }
  const first = ends[0];
  if (!hasObjectives(first)) {
    return fail(`${request.path} declares no objective (slo: p99, mean or availability): nothing to size against`);
  }
  const plan: SizingPlan = {
    scenario: first.name,
    seed: first.seed,
    path: request.vary.path,
    lo: request.vary.lo,
    hi: request.vary.hi,
    maxReplications: request.maxReplications,
  };
  const workers = request.workers ?? availableParallelism();
  try {
    const result = await searchSmallestPassing({
      lo: plan.lo,
      hi: plan.hi,
      initialReplications: first.run.replications,
      maxReplications: plan.maxReplications,
      evaluate: async (value, replications) => {
        const loaded = await loadScenarioFile(request.path, pointOverrides(request, value, replications), request.allowPlugins);
        if (loaded.spec === undefined) throw new Error(`the scenario does not load with ${plan.path}=${value}`);
        const run = await runScenario(loaded.spec, { workers, source: loaded.source });
        const checks = run.summary.reliability?.slo ?? [];
        if (!request.quiet) {
          const verdicts = checks.map((c) => `${c.objective} ${c.verdict ?? 'no sample'}`).join(', ');
          io.err(`clustersim size: ${plan.path}=${value}, ${replications} replications: ${verdicts}\n`);
        }
        return checks;
      },
    });
    const folder = await writeSizing(plan, result, request.out);
    io.out(`${folder}\n`);
    if (result.answer === null) {
      io.err(`clustersim size: no value of ${plan.path} from ${plan.lo} to ${plan.hi} passes every objective\n`);
      return EXIT_FAILURE;
    }
    io.err(`clustersim size: answer ${plan.path}=${result.answer}\n`);
    return EXIT_OK;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`${safeLine(`clustersim size: sizing '${plan.scenario}' failed: ${reason}`)}\n`);
    return EXIT_FAILURE;
  }
}
