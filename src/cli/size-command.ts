import { availableParallelism } from 'node:os';
import { runScenario } from '../experiment/run.js';
import { cheapest, searchSmallestPassing, type SizingOutcome, type SizingSeries } from '../experiment/sizing.js';
import { costOf } from '../experiment/sizing-cost.js';
import type { ScenarioSpec } from '../model/spec.js';
import { writeSizing, type SizingPlan } from '../report/index.js';
import { safeLine, type Override } from '../scenario/index.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { inputFailure, printStop } from './subcommand-parser.js';
import type { CliIo } from './io.js';
import { errorSummary } from './load-all.js';
import { printIssues } from './print-issues.js';
import { loadScenarioFile } from './scenario-files.js';
import { parseSizeArgs, type SizeRequest } from './size-args.js';
import { sizingAnswer, type SizeStudy } from './size-study.js';
import { autoWarmupProblem, runShard } from './shards.js';
import { startProgress } from './progress.js';

function hasObjectives(spec: ScenarioSpec): boolean {
  const slo = spec.reliability?.slo;
  return slo !== undefined && (slo.p99 !== undefined || slo.mean !== undefined || slo.availability !== undefined);
}

/** Every combination of the further --vary fields' values, in the order given (one empty one without them). */
function combinations(others: SizeRequest['others']): Record<string, number>[] {
  return others.reduce<Record<string, number>[]>(
    (acc, other) => acc.flatMap((fixed) => other.values.map((value) => ({ ...fixed, [other.path]: value }))),
    [{}],
  );
}

function pointOverrides(request: SizeRequest, value: number, fixed: Record<string, number>, replications?: number): Override[] {
  const origin = `--vary ${request.vary.text}`;
  const overrides = [...request.overrides, { path: request.vary.path, value: String(value), origin }];
  for (const [path, v] of Object.entries(fixed)) overrides.push({ path, value: String(v), origin: `--vary ${path}` });
  if (replications !== undefined) overrides.push({ path: 'replications', value: String(replications), origin: 'size' });
  return overrides;
}

/**
 * `size --shard i/n`: every value of the range at the first number of replications is a unit (size-study.ts); this
 * shard runs its units into a shard folder for `clustersim merge`, which replays the search.
 */
async function sizeShard(
  request: SizeRequest,
  plan: SizingPlan,
  replications: number,
  priced: boolean,
  workers: number,
  io: CliIo,
): Promise<number> {
  const fail = inputFailure('clustersim size', io);
  const study: SizeStudy = {
    plan,
    initialReplications: replications,
    prices: priced ? { perNode: [...request.prices.perNode], perCore: [...request.prices.perCore] } : null,
    series: [],
  };
  for (const fixed of combinations(request.others)) {
    const points: SizeStudy['series'][number]['points'] = [];
    for (let value = plan.lo; value <= plan.hi; value++) {
      const loaded = await loadScenarioFile(request.path, pointOverrides(request, value, fixed, replications), request.allowPlugins);
      printIssues(loaded.errors, io);
      if (loaded.spec === undefined || loaded.source === undefined || loaded.errors.length > 0) {
        return fail(`${errorSummary(loaded.errors)} with ${plan.path}=${value}; nothing was run`);
      }
      points.push({ value, spec: loaded.spec, source: loaded.source });
    }
    study.series.push({ fixed, points });
  }
  const autoProblem = autoWarmupProblem('size', study, 'sharded');
  if (autoProblem !== null) return fail(autoProblem);
  const shard = request.shard!;
  const progress = startProgress(`${plan.scenario} (size, shard ${shard.index}/${shard.count})`, io, request.quiet);
  try {
    const folder = await runShard('size', study, shard, request.out, workers, (f) => progress.update(f));
    progress.finish();
    io.out(`${folder}\n`);
    return EXIT_OK;
  } catch (error) {
    progress.finish(false);
    io.err(`${safeLine(`clustersim size: shard ${shard.index}/${shard.count} failed: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    return EXIT_FAILURE;
  }
}

/**
 * `clustersim size <scenario> --vary path=from:to`: checks the scenario at both ends of the range first (any error:
 * print it, run nothing, exit 2), then searches (experiment/sizing.ts) and writes `<out>/<scenario>-size/`. Exit 0
 * with an answer, 1 when no value in the range passes (or a run fails), 2 on bad input.
 */
export async function sizeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseSizeArgs(argv, io.terminal?.columns ?? 120);
  if (!parsed.ok) return printStop(parsed, io);
  const request = parsed.request;
  const fail = inputFailure('clustersim size', io);

  // Both ends of the range at every combination: a value the scenario refuses is found before anything runs.
  const ends: ScenarioSpec[] = [];
  for (const fixed of combinations(request.others)) {
    for (const value of new Set([request.vary.lo, request.vary.hi])) {
      const loaded = await loadScenarioFile(request.path, pointOverrides(request, value, fixed), request.allowPlugins);
      if (ends.length === 0) printIssues(loaded.warnings, io);
      printIssues(loaded.errors, io);
      if (loaded.spec === undefined || loaded.errors.length > 0) {
        const at = Object.entries({ [request.vary.path]: value, ...fixed }).map(([p, v]) => `${p}=${v}`).join(' ');
        return fail(`${errorSummary(loaded.errors)} with ${at}; nothing was run`);
      }
      ends.push(loaded.spec);
    }
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
    others: request.others.map(({ path, values }) => ({ path, values })),
    maxReplications: request.maxReplications,
  };
  const priced = request.prices.perNode.size + request.prices.perCore.size > 0;
  const workers = request.workers ?? availableParallelism();
  if (request.shard !== null) return sizeShard(request, plan, first.run.replications, priced, workers, io);
  try {
    const series: SizingSeries[] = [];
    for (const fixed of combinations(request.others)) {
      const specs = new Map<number, ScenarioSpec>();
      const result = await searchSmallestPassing({
        lo: plan.lo,
        hi: plan.hi,
        initialReplications: first.run.replications,
        maxReplications: plan.maxReplications,
        evaluate: async (value, replications) => {
          const loaded = await loadScenarioFile(request.path, pointOverrides(request, value, fixed, replications), request.allowPlugins);
          if (loaded.spec === undefined) throw new Error(`the scenario does not load with ${plan.path}=${value}`);
          specs.set(value, loaded.spec);
          const run = await runScenario(loaded.spec, { workers, source: loaded.source });
          const checks = run.summary.reliability?.slo ?? [];
          if (!request.quiet) {
            const verdicts = checks.map((c) => `${c.objective} ${c.verdict ?? 'no sample'}`).join(', ');
            const where = Object.entries(fixed).map(([p, v]) => ` ${p}=${v}`).join('');
            io.err(`clustersim size: ${plan.path}=${value}${where}, ${replications} replications: ${verdicts}\n`);
          }
          return checks;
        },
      });
      const answerSpec = result.answer === null ? undefined : specs.get(result.answer);
      series.push({ fixed, result, cost: priced && answerSpec !== undefined ? costOf(answerSpec, request.prices) : null });
    }
    const outcome: SizingOutcome = { series, best: cheapest(series) };
    const folder = await writeSizing(plan, outcome, request.out);
    io.out(`${folder}\n`);
    return sizingAnswer(plan, outcome, io);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`${safeLine(`clustersim size: sizing '${plan.scenario}' failed: ${reason}`)}\n`);
    return EXIT_FAILURE;
  }
}
