import { availableParallelism } from 'node:os';
import yargs from 'yargs';
import {
  loadSweepProblem,
  parsePolicyList,
  parsePolicySpec,
  gridPoints,
  parseSweeps,
  scaleToLoad,
  withPolicy,
  type PolicyVariant,
  type SweepSpec,
} from '../experiment/compare-spec.js';
import {
  runComparison,
  type Comparison,
  type ComparisonPlan,
  type PointInput,
  type VariantInput,
} from '../experiment/compare.js';
import type { ScenarioSpec } from '../model/spec.js';
import { comparisonFolderName, preloadRenderer, writeComparison } from '../report/index.js';
import {
  formatIssue,
  parseSetArgument,
  type Override,
  type PluginPermission,
  type ScenarioIssue,
} from '../scenario/index.js';
import { didYouMean } from '../scenario/suggest.js';
import { CPU_OVERLOAD_RULE_START } from '../scenario/warnings.js';
import { EXIT_CODES_HELP, EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { interruptOf, watchInterrupts } from './interrupt.js';
import { reportInterrupt, reportTarget } from './interrupted-report.js';
import type { CliIo } from './io.js';
import { errorSummary, loadEach } from './load-all.js';
import { pluginPermissionOf, withPluginFlags } from './plugin-flags.js';
import { SHARD_UNITS, withShardFlags } from './shard-flags.js';
import { startProgress } from './progress.js';
import { shownPath } from './shown-path.js';
import { testPause } from './test-pause.js';
import { autoWarmupProblem, runShard } from './shards.js';
import { parseShard, type Shard } from '../experiment/units.js';
import { prestartThreads } from '../experiment/worker-pool.js';
import { inputFailure, parseSubcommand, printStop, usageStop, type ParseStop } from './subcommand-parser.js';
import { workersOption } from './workers-option.js';

/** Short names the command line accepts for registered policies (only here: scenario files use the full name). */
export const POLICY_ALIASES: Readonly<Record<string, string>> = { jsq: 'join-shortest-queue' };

export interface CompareRequest {
  paths: string[];
  policies: PolicyVariant[] | null;
  baseline: string | undefined;
  /** The sweep axes, in the order given; empty without a sweep. */
  sweeps: SweepSpec[];
  /** Each axis as typed, for messages. */
  sweepTexts: string[];
  /** Worker threads the replications run on. */
  workers: number;
  /** Run only this shard's units, written to `out` as a shard folder; null: the whole comparison. */
  shard: Shard | null;
  overrides: Override[];
  out: string;
  quiet: boolean;
  /** The plug-in modules the scenario files may load. */
  allowPlugins: PluginPermission;
}

const EXAMPLES: [string, string][] = [
  ['$0 web.yaml --policies random,round-robin,power-of-d:d=2,jsq', 'four policies on one scenario; random is the baseline'],
  ['$0 web.yaml --policies random,jsq --baseline jsq', 'another baseline'],
  ['$0 web.yaml --policies random,jsq --sweep load=0.5:0.95:0.05', 'at every offered load from 0.5 to 0.95'],
  ['$0 web.yaml --policies random,jsq --sweep nodes.0.count=4:10:2', 'any numeric field of the scenario'],
  ['$0 web.yaml --policies random,jsq --sweep nodes.0.count=4,8 --sweep load=0.7,0.9', 'a grid: every combination'],
  ['$0 before.yaml after.yaml', 'two scenario files; the first is the baseline'],
  ['$0 mine.yaml theirs.yaml --allow-plugins', 'files naming plug-in modules in their own folder'],
];

type Parsed = { ok: true; request: CompareRequest } | ParseStop;

const usageError = (message: string): ParseStop => usageStop('clustersim compare', message);

/** Parses `compare`'s own arguments (everything after the word `compare`). yargs never prints or exits by itself. */
export async function parseCompareArgs(argv: readonly string[], width = 120): Promise<Parsed> {
  const options = withShardFlags(
    yargs()
    .usage(
      '$0 <scenarios..> [options]\n\nRuns variants of a scenario with common random numbers (the same arrivals and work ' +
        'in replication r of every variant) and reports each figure with its 95 % CI and the paired difference ' +
        'against a baseline variant. Variants: --policies on one scenario, or several scenario files.',
    )
    .command('$0 <scenarios..>', false, (y) =>
      y.positional('scenarios', { describe: 'scenario file (with --policies), or scenario files to compare', type: 'string', array: true }),
    )
    .option('policies', {
      describe: 'policies to compare, comma-separated: name or name:param=value (jsq = join-shortest-queue)',
      type: 'string',
      requiresArg: true,
    })
    .option('baseline', { describe: 'the variant the others are compared with (default: the first)', type: 'string', requiresArg: true })
    .option('sweep', {
      describe:
        'run at every point: load=from:to:step (offered load), or <dotted.path>=from:to:step or =v1,v2,...; ' +
        'repeat it for a grid (every combination)',
      type: 'string',
      requiresArg: true,
    }),
    SHARD_UNITS,
  )
    .option('workers', {
      describe: 'worker threads for the replications of every variant and point (default: one per CPU); results are the same for any number',
      type: 'string',
      requiresArg: true,
    })
    .option('out', {
      describe: 'folder the comparison goes into (<out>/<scenario>-compare/)',
      type: 'string',
      default: 'reports',
      requiresArg: true,
    })
    .option('seed', { describe: 'root seed of every variant (overrides the files)', type: 'string', requiresArg: true })
    .option('replications', { describe: 'replications of every variant (overrides the files)', type: 'string', requiresArg: true })
    .option('set', { describe: 'override a field of every variant: key=value (repeatable)', type: 'string', requiresArg: true })
    .option('quiet', { alias: 'q', describe: 'no progress output', type: 'boolean', default: false });
  const parser = withPluginFlags(options);
  const epilogue = `${EXIT_CODES_HELP}\n\nHow to read a comparison: docs/compare.md`;
  return parseSubcommand(parser, argv, { program: 'clustersim compare', positionals: ['scenarios'], examples: EXAMPLES, epilogue, width }, toRequest);
}

function lastString(value: unknown): string | undefined {
  return value === undefined ? undefined : String(([] as unknown[]).concat(value).pop());
}

function toRequest(args: Record<string, unknown>): Parsed {
  const overrides: Override[] = [];
  for (const set of args.set === undefined ? [] : ([] as unknown[]).concat(args.set).map(String)) {
    const override = parseSetArgument(set);
    if (override === undefined) return usageError(`--set expects key=value, got '${set}' (example: --set nodes.0.count=20)`);
    overrides.push(override);
  }
  for (const key of ['seed', 'replications'] as const) {
    const text = lastString(args[key]);
    if (text === undefined) continue;
    // A seed is a string: quoted, so that `--seed 007` stays '007' rather than becoming the number 7.
    overrides.push({ path: key, value: key === 'seed' ? JSON.stringify(text) : text, origin: `--${key} ${text}` });
  }
  const paths = (args.scenarios as unknown[]).map(String);
  let policies: PolicyVariant[] | null = null;
  const policiesText = lastString(args.policies);
  if (policiesText !== undefined) {
    const parsed = parsePolicyList(policiesText, { aliases: POLICY_ALIASES });
    if (!parsed.ok) return usageError(`--policies: ${parsed.error.split('\n').join('\nclustersim compare: --policies: ')}`);
    policies = parsed.value;
    if (paths.length !== 1) {
      return usageError(
        `--policies compares policies on one scenario, and ${paths.length} were named; name one scenario file, or ` +
          'leave out --policies to compare scenario files',
      );
    }
  } else if (paths.length < 2) {
    return usageError('name the policies to compare (--policies random,jsq) or at least two scenario files');
  }
  const plugins = pluginPermissionOf(args);
  if ('error' in plugins) return usageError(plugins.error);
  const sweepTexts = args.sweep === undefined ? [] : ([] as unknown[]).concat(args.sweep).map(String);
  const sweeps = parseSweeps(sweepTexts);
  if (!sweeps.ok) return usageError(sweeps.error);
  const workersGiven = workersOption(args.workers);
  if ('error' in workersGiven) return usageError(workersGiven.error);
  const workers = workersGiven.workers ?? availableParallelism();
  const shard = parseShard(lastString(args.shard), lastString(args.shards), process.env);
  if ('error' in shard) return usageError(shard.error);
  return {
    ok: true,
    request: {
      shard: shard.shard,
      paths,
      policies,
      baseline: lastString(args.baseline),
      sweeps: sweeps.value,
      sweepTexts,
      workers,
      overrides,
      out: String(args.out),
      quiet: args.quiet === true,
      allowPlugins: plugins.permission,
    },
  };
}

interface LoadedFile {
  file: string;
  spec: ScenarioSpec;
}

/**
 * Loads every named file with the given overrides, printing each warning once (a sweep loads a file per point) and
 * every error; returns the errors so nothing runs when there is one.
 */
async function loadFiles(
  paths: readonly string[],
  overrides: readonly Override[],
  allowPlugins: PluginPermission,
  io: CliIo,
  printed: Set<string>,
  loadSwept = false,
): Promise<{ loaded: LoadedFile[]; errors: ScenarioIssue[] }> {
  const printOnce = (issues: readonly ScenarioIssue[]) => {
    for (const issue of issues) {
      const line = formatIssue(issue);
      if (!printed.has(line)) io.err(`${line}\n`);
      printed.add(line);
    }
  };
  // A load sweep scales the rates to each point's load (and warns itself about points at or above 1): the file's own
  // load, with a node count set by another axis, would only mislead.
  const shown = (warning: ScenarioIssue) => !(loadSwept && warning.rule.startsWith(CPU_OVERLOAD_RULE_START));
  const { scenarios, errors } = await loadEach(paths, overrides, allowPlugins, (warnings) => printOnce(warnings.filter(shown)));
  printOnce(errors);
  return { loaded: scenarios, errors };
}

/**
 * Every file at every point of the path axes (a path axis is an override of the files; a load axis scales the loaded
 * scenario later, so it needs no load of its own), keyed by the path axes' values joined by newlines.
 */
async function loadGrid(
  request: CompareRequest,
  sweeps: readonly SweepSpec[],
  origins: readonly string[],
  io: CliIo,
  printed: Set<string>,
): Promise<{ loadedByPath: Map<string, LoadedFile[]>; errors: ScenarioIssue[] }> {
  const pathAxes = sweeps.filter((axis) => axis.kind === 'path');
  const loadedByPath = new Map<string, LoadedFile[]>();
  const errors: ScenarioIssue[] = [];
  for (const values of gridPoints(pathAxes)) {
    const overrides: Override[] = [
      ...request.overrides,
      ...pathAxes.map((axis, i) => ({ path: axis.parameter, value: String(values[i]), origin: origins[sweeps.indexOf(axis)] })),
    ];
    const loadSwept = sweeps.some((axis) => axis.kind === 'load');
    const result = await loadFiles(request.paths, overrides, request.allowPlugins, io, printed, loadSwept);
    errors.push(...result.errors);
    loadedByPath.set(values.join('\n'), result.loaded);
  }
  return { loadedByPath, errors };
}

/** The variants at one point: the policies on the one scenario, or the scenario files as they are. */
function variantsOf(loaded: LoadedFile[], policies: PolicyVariant[] | null): VariantInput[] {
  if (policies !== null) return policies.map((p) => ({ name: p.name, spec: withPolicy(loaded[0].spec, p.policy), file: null }));
  return loaded.map(({ file, spec }) => ({ name: spec.name, spec, file: shownPath(file) }));
}

/** The baseline's variant name, or a message: `--baseline` may name a variant, a policy as written, or a file. */
function baselineOf(request: CompareRequest, variants: VariantInput[]): { name: string } | { error: string } {
  const names = variants.map((v) => v.name);
  const wanted = request.baseline;
  if (wanted === undefined) return { name: names[0] };
  if (names.includes(wanted)) return { name: wanted };
  if (request.policies !== null) {
    const written = request.policies.find((p) => p.written === wanted);
    if (written !== undefined) return { name: written.name };
    const parsed = parsePolicySpec(wanted, { aliases: POLICY_ALIASES });
    if (parsed.ok && names.includes(parsed.value.name)) return { name: parsed.value.name };
  } else {
    const byFile = variants.find((v) => v.file === shownPath(wanted));
    if (byFile !== undefined) return { name: byFile.name };
  }
  const suggestion = didYouMean(wanted, names);
  return {
    error:
      `--baseline: '${wanted}' is none of the variants. Valid: ${names.join(', ')}` +
      (suggestion === undefined ? '' : `; did you mean '${suggestion}'?`),
  };
}

/**
 * `clustersim compare`: checks everything first (policies, sweep, every scenario at every point; any problem:
 * print it, run nothing, write nothing, exit 2), then runs the comparison and writes `<out>/<scenario>-compare/`,
 * printing that folder on stdout.
 */
export async function compareCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseCompareArgs(argv, io.terminal?.columns ?? 120);
  if (!parsed.ok) return printStop(parsed, io);
  const request = parsed.request;
  const printed = new Set<string>();
  const fail = inputFailure('clustersim compare', io);
  // A study runs many units: its threads load the simulator while this one reads and resolves every point.
  if (request.workers > 1) prestartThreads(request.workers);

  // Every point's scenarios, loaded and checked before anything runs. Without --sweep, the axes of the first
  // file's sweep: block, if it has one (the files are loaded once to read it, then once per point).
  let sweeps = request.sweeps;
  let origins = request.sweepTexts.map((text) => `--sweep ${text}`);
  let grid = await loadGrid(request, sweeps, origins, io, printed);
  const firstSweep = grid.errors.length === 0 && sweeps.length === 0 ? grid.loadedByPath.get('')?.[0]?.spec.sweep : undefined;
  if (firstSweep !== undefined) {
    sweeps = firstSweep;
    origins = sweeps.map((axis, i) => `sweep.${i} (${axis.parameter})`);
    grid = await loadGrid(request, sweeps, origins, io, printed);
  }
  const { loadedByPath, errors } = grid;
  if (errors.length > 0) {
    // A sweep loads each file once per point: the same mistake counts once.
    const distinct = [...new Map(errors.map((e) => [formatIssue(e), e])).values()];
    return fail(`${errorSummary(distinct)}; nothing was run and no comparison was written`);
  }

  const first = loadedByPath.values().next().value as LoadedFile[];
  if (request.policies === null) {
    if (first.length < 2) return fail(`comparing scenario files needs at least two; ${first.length} found`);
    const names = first.map((l) => l.spec.name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) {
      const files = first.filter((l) => l.spec.name === repeated).map((l) => l.file);
      return fail(
        `the scenarios ${files.join(' and ')} are both named '${repeated}'; variants need distinct names ` +
          '(set name: in each file)',
      );
    }
  } else if (first.length !== 1) {
    return fail(`--policies compares policies on one scenario, and ${request.paths[0]} holds ${first.length}`);
  }

  const baseline = baselineOf(request, variantsOf(first, request.policies));
  if ('error' in baseline) return fail(baseline.error);

  const points: PointInput[] = [];
  for (const values of gridPoints(sweeps)) {
    const pathValues = sweeps.flatMap((axis, i) => (axis.kind === 'path' ? [values[i]] : []));
    let variants = variantsOf(loadedByPath.get(pathValues.join('\n'))!, request.policies);
    const loadAt = sweeps.findIndex((axis) => axis.kind === 'load');
    if (loadAt >= 0) {
      for (const variant of variants) {
        const problem = loadSweepProblem(variant.spec);
        if (problem !== undefined) {
          return fail(`${origins[loadAt]}: cannot sweep the load of '${variant.name}': ${problem}`);
        }
      }
      variants = variants.map((v) => ({ ...v, spec: scaleToLoad(v.spec, values[loadAt]) }));
    }
    points.push({ values, variants });
  }
  const plan: ComparisonPlan = { scenario: first[0].spec.name, baseline: baseline.name, sweeps, points };

  const autoProblem = autoWarmupProblem('compare', plan, 'compared');
  if (autoProblem !== null) return fail(autoProblem);
  if (request.shard !== null) {
    const progress = startProgress(`${plan.scenario} (compare, shard ${request.shard.index}/${request.shard.count})`, io, request.quiet);
    try {
      const folder = await runShard('compare', plan, request.shard, request.out, request.workers, (f) => progress.update(f));
      progress.finish();
      io.out(`${folder}\n`);
      return EXIT_OK;
    } catch (error) {
      progress.finish(false);
      return failed(plan.scenario, error, io);
    }
  }
  const progress = startProgress(`${plan.scenario} (compare)`, io, request.quiet);
  let comparison: Comparison;
  try {
    // The comparison (in this thread or on worker threads) is deaf to signals until it ends, so SIGINT and SIGTERM
    // keep their default effect here: the process and its threads end at once, and nothing has been written yet.
    const running = runComparison(plan, { onProgress: (fraction) => progress.update(fraction), workers: request.workers });
    // While worker threads simulate, this thread loads what the report draws charts with (see preloadRenderer).
    if (request.workers > 1) preloadRenderer();
    comparison = await running;
    progress.finish();
  } catch (error) {
    progress.finish(false);
    return failed(plan.scenario, error, io);
  }
  for (const warning of comparison.warnings) io.err(`clustersim compare: warning: ${warning}\n`);
  const interrupts = watchInterrupts(io.signals, io.err);
  const signal = interrupts.signal;
  const target = reportTarget(request.out, () => comparisonFolderName(plan.scenario));
  try {
    const onNotice = (text: string) => io.err(`clustersim compare: ${text}\n`);
    const folder = await writeComparison(comparison, request.out, { signal, onPhase: testPause(io, signal), onNotice });
    io.out(`${folder}\n`);
    const late = interruptOf(signal);
    return late === undefined ? EXIT_OK : reportInterrupt(late, folder, io, true);
  } catch (error) {
    const interrupt = interruptOf(signal);
    return interrupt === undefined ? failed(plan.scenario, error, io) : reportInterrupt(interrupt, target, io);
  } finally {
    interrupts.close();
  }
}

function failed(scenario: string, error: unknown, io: CliIo): number {
  const reason = error instanceof Error ? error.message : String(error);
  io.err(`clustersim compare: the comparison of '${scenario}' failed: ${reason}\n`);
  return EXIT_FAILURE;
}
