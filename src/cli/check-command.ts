import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import yargs from 'yargs';
import { parseBaseline, type Baseline } from '../experiment/baseline.js';
import {
  checkFigures,
  DEFAULT_FALSE_ALARM,
  DEFAULT_TOLERANCES,
  formatTolerance,
  parseTolerance,
  type FigureCheck,
  type Tolerance,
} from '../experiment/regression.js';
import type { ComparedFigures } from '../experiment/compare-figures.js';
import type { SloCheck, Summary } from '../experiment/result.js';
import { runScenario } from '../experiment/run.js';
import { buildJunitXml, type JunitCase } from '../report/junit.js';
import { parseSetArgument, safeLine, type Override, type PluginPermission } from '../scenario/index.js';
import { EXIT_CODES_HELP, EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { errorSummary, loadAll } from './load-all.js';
import { withPluginFlags } from './plugin-flags.js';
import { startProgress } from './progress.js';
import { foldShardsOfRun } from './shards.js';
import { inputFailure, parseSubcommand, printStop, usageStop, type ParseStop } from './subcommand-parser.js';
import { runnerOptions } from './workers-option.js';

interface CheckRequest {
  path: string;
  baseline: string;
  junit: string | undefined;
  tolerances: Record<string, Tolerance>;
  falseAlarm: number;
  overrides: Override[];
  workers: number;
  quiet: boolean;
  allowPlugins: PluginPermission;
  /** Shard folders of a `run` of the scenario: their outcomes are checked instead of running it again. */
  fromShards: string[];
}

type Parsed = { ok: true; request: CheckRequest } | ParseStop;

const EXAMPLES: [string, string][] = [
  ['clustersim run web.yaml --write-baseline baseline.json', 'once, on the version to compare with'],
  ['$0 web.yaml --baseline baseline.json --junit junit.xml', 'in CI: exit 1 on a regression, JUnit for the CI'],
  ['$0 web.yaml --baseline baseline.json --tolerance responseTime.p99=5%', 'a tighter tolerance for one figure'],
  ['$0 web.yaml --baseline baseline.json --tolerance availability.time=0.0001', 'an absolute tolerance (a fraction)'],
  ['$0 web.yaml --baseline baseline.json --from-shards shards/*', 'check a run made as shards (run --shards n)'],
];

const usageError = (message: string): ParseStop => usageStop('clustersim check', message);

const lastString = (value: unknown): string | undefined => (value === undefined ? undefined : String(([] as unknown[]).concat(value).pop()));
const allStrings = (value: unknown): string[] => (value === undefined ? [] : ([] as unknown[]).concat(value).map(String));

const DEFAULTS_TEXT = Object.entries(DEFAULT_TOLERANCES)
  .map(([path, tolerance]) => `${path}=${formatTolerance(tolerance)}`)
  .join(', ');

export async function parseCheckArgs(argv: readonly string[], width = 120): Promise<Parsed> {
  const parser = withPluginFlags(
    yargs()
      .usage(
        '$0 <scenario> --baseline baseline.json [options]\n\nReruns a scenario and tests each figure against a baseline ' +
          'written by `clustersim run --write-baseline`: Welch\u2019s t on the replication means, one-sided, beyond a ' +
          'tolerance per figure. A figure significantly worse beyond its tolerance, a failed objective, or a run cut ' +
          'short is a failure: exit 1.',
      )
      .command('$0 <scenario>', false, (y) => y.positional('scenario', { describe: 'the scenario file', type: 'string' }))
      .option('baseline', { describe: 'the baseline file (clustersim run --write-baseline)', type: 'string', requiresArg: true, demandOption: true })
      .option('junit', { describe: 'also write JUnit XML here: one testcase per figure and objective', type: 'string', requiresArg: true })
      .option('tolerance', {
        describe: `figure=5% (relative) or figure=0.001 (absolute; repeatable). Defaults: ${DEFAULTS_TEXT}`,
        type: 'string',
        requiresArg: true,
      })
      .option('false-alarm', {
        describe: `chance of flagging a run whose figures are all within tolerance (default ${DEFAULT_FALSE_ALARM})`,
        type: 'string',
        requiresArg: true,
      })
      .option('from-shards', {
        describe: 'check the shard folders of a run of this scenario (same options) instead of running it',
        type: 'string',
        array: true,
        requiresArg: true,
      })
      .option('seed', { describe: 'root seed (overrides the file)', type: 'string', requiresArg: true })
      .option('replications', { describe: 'replications (overrides the file)', type: 'string', requiresArg: true })
      .option('set', { describe: 'override a field: key=value (repeatable)', type: 'string', requiresArg: true })
      .option('workers', { describe: 'worker threads (default: one per CPU); results are the same for any number', type: 'string', requiresArg: true })
      .option('quiet', { alias: 'q', describe: 'no progress output', type: 'boolean', default: false }),
  );
  const epilogue =
    `${EXIT_CODES_HELP.replace('  1  a run failed', '  1  a regression, a failed objective or a run cut short; or a run failed')}` +
    '\n\nHow it decides: the CI section of README.md';
  return parseSubcommand(parser, argv, { program: 'clustersim check', positionals: ['scenario'], examples: EXAMPLES, epilogue, width }, toRequest);
}

function toRequest(args: Record<string, unknown>): Parsed {
  const overrides: Override[] = [];
  for (const set of allStrings(args.set)) {
    const override = parseSetArgument(set);
    if (override === undefined) return usageError(`--set expects key=value, got '${set}' (example: --set nodes.0.count=20)`);
    overrides.push(override);
  }
  for (const key of ['seed', 'replications'] as const) {
    const text = lastString(args[key]);
    if (text !== undefined) overrides.push({ path: key, value: key === 'seed' ? JSON.stringify(text) : text, origin: `--${key} ${text}` });
  }
  const tolerances: Record<string, Tolerance> = { ...DEFAULT_TOLERANCES };
  for (const text of allStrings(args.tolerance)) {
    const parsed = parseTolerance(text);
    if ('error' in parsed) return usageError(parsed.error);
    tolerances[parsed.path] = parsed.tolerance;
  }
  let falseAlarm = DEFAULT_FALSE_ALARM;
  const falseAlarmText = lastString(args.falseAlarm);
  if (falseAlarmText !== undefined) {
    falseAlarm = Number(falseAlarmText);
    if (!(falseAlarm > 0 && falseAlarm < 1)) return usageError(`--false-alarm: bad value '${falseAlarmText}': expected a probability between 0 and 1, e.g. 0.05`);
  }
  const runner = runnerOptions(args);
  if ('error' in runner) return usageError(runner.error);
  return {
    ok: true,
    request: {
      path: String(args.scenario),
      baseline: String(lastString(args.baseline)),
      junit: lastString(args.junit),
      tolerances,
      falseAlarm,
      overrides,
      workers: runner.workers ?? availableParallelism(),
      quiet: args.quiet === true,
      allowPlugins: runner.allowPlugins,
      fromShards: allStrings(args.fromShards),
    },
  };
}

async function readBaseline(path: string): Promise<{ baseline: Baseline } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'no such file (write one with clustersim run --write-baseline)' : `cannot read it (${code ?? String(error)})` };
  }
  return parseBaseline(text);
}

/** An objective of the summary's slo list as a testcase: failed when the run does not meet it. */
function objectiveCase(check: SloCheck): JunitCase {
  const name = `objective ${check.objective} (target ${check.target})`;
  const numbers = `${check.objective}: ${check.actual === null ? 'no value' : +check.actual.toPrecision(6)} against the target ${check.target}`;
  if (check.verdict === null) return { group: 'objectives', name, outcome: 'skipped', message: `${numbers}: not judged` };
  // An inconclusive objective (its interval straddles the target) is not met: a gate passes only what it can show.
  const met = check.verdict === 'pass';
  return { group: 'objectives', name, outcome: met ? 'pass' : 'failure', message: `${numbers}: ${met ? 'met' : `not met (${check.verdict})`}` };
}

function figureCase(check: FigureCheck): JunitCase {
  const outcome = check.verdict === 'regression' ? 'failure' : check.verdict === 'skipped' ? 'skipped' : 'pass';
  return { group: 'figures', name: check.figure.path, outcome, message: check.reason };
}

const MARK = { pass: 'pass', failure: 'FAIL', skipped: 'skip' } as const;

/**
 * `clustersim check <scenario> --baseline b.json`: everything checked first (exit 2: a bad option, baseline or
 * scenario), then the scenario runs (or, with --from-shards, the shards of its run are folded) and each check prints
 * one line on stdout; exit 1 when any fails.
 */
export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseCheckArgs(argv, io.terminal?.columns ?? 120);
  if (!parsed.ok) return printStop(parsed, io);
  const request = parsed.request;
  const fail = inputFailure('clustersim check', io);
  const read = await readBaseline(request.baseline);
  if ('problem' in read) return fail(`--baseline ${request.baseline}: ${read.problem}`);
  const baseline = read.baseline;
  const { scenarios, errors } = await loadAll([request.path], request.overrides, request.allowPlugins, io);
  if (errors.length > 0) return fail(`${errorSummary(errors)}; nothing was run`);
  if (scenarios.length !== 1) return fail(`${request.path} holds ${scenarios.length} scenarios; check one at a time`);
  const { spec, source } = scenarios[0];
  if (spec.name !== baseline.scenario) {
    return fail(`--baseline ${request.baseline} is of scenario '${baseline.scenario}', and ${request.path} is '${spec.name}'`);
  }
  if (baseline.replications < 2 || spec.run.replications < 2) {
    return fail(
      `the test needs at least 2 replications on each side; the baseline has ${baseline.replications} and this run ` +
        `${spec.run.replications} (set replications: or --replications)`,
    );
  }

  let summary: Summary;
  let replicationValues: ComparedFigures<(number | null)[]> | undefined;
  if (request.fromShards.length > 0) {
    const folded = await foldShardsOfRun(request.fromShards, spec);
    if ('error' in folded) return fail(`--from-shards: ${folded.error}`);
    ({ summary, replicationValues } = folded);
  } else {
    const progress = startProgress(`${spec.name} (check)`, io, request.quiet);
    try {
      const onReplicationValues = (values: typeof replicationValues) => (replicationValues = values);
      summary = (await runScenario(spec, { onProgress: (f) => progress.update(f), source, workers: request.workers, onReplicationValues })).summary;
      progress.finish();
    } catch (error) {
      progress.finish(false);
      io.err(`${safeLine(`clustersim check: scenario '${spec.name}' failed: ${error instanceof Error ? error.message : String(error)}`)}
`);
      return EXIT_FAILURE;
    }
  }
  const cases: JunitCase[] = [];
  const stopped = summary.stoppedEarly;
  cases.push({
    group: 'run',
    name: 'run complete',
    outcome: stopped === null ? 'pass' : 'failure',
    message: stopped === null ? `${summary.replications} replications ran to their stop condition` : `the run was cut short: ${stopped}`,
  });
  cases.push(...checkFigures(baseline, replicationValues!, request.tolerances, request.falseAlarm).map(figureCase));
  cases.push(...(summary.reliability?.slo ?? []).map(objectiveCase));

  io.out(`${spec.name}: checked against ${request.baseline} (seed ${baseline.seed}, ${baseline.replications} replications) with seed ${summary.seed}, ${summary.replications} replications\n`);
  for (const c of cases) io.out(`${safeLine(`${MARK[c.outcome]}  ${c.group === 'figures' ? c.message : `${c.name}: ${c.message}`}`)}\n`);
  if (request.junit !== undefined) {
    await writeFile(request.junit, buildJunitXml([{ name: spec.name, cases }]), 'utf8');
  }
  const failures = cases.filter((c) => c.outcome === 'failure').length;
  io.out(failures === 0 ? 'no regression\n' : `${failures} check${failures === 1 ? '' : 's'} failed\n`);
  return failures === 0 ? EXIT_OK : EXIT_FAILURE;
}
