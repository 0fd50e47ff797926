import { availableParallelism } from 'node:os';
import yargs, { type Argv } from 'yargs';
import { parseQuantity, parseSetArgument, type Override, type PluginPermission } from '../scenario/index.js';
import { traceOption } from './trace-args.js';
import type { TraceRequest } from '../experiment/trace-writer.js';
import { didYouMean } from '../scenario/suggest.js';
import type { InconclusiveAs } from '../metrics/verdict.js';
import { MINIMUM_REPLICATIONS, type PrecisionTarget } from '../experiment/precision.js';
import { parsePrecision } from './precision-args.js';
import { DEFAULT_MAX_REPLICATIONS } from './size-args.js';
import { EXIT_CODES_HELP, EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import { parseShard, type Shard } from '../experiment/units.js';
import { pluginPermissionOf, withPluginFlags } from './plugin-flags.js';
import { SHARD_UNITS, withShardFlags } from './shard-flags.js';
import { knownOptionsOf, usageErrorText } from './usage-error.js';
import { workersOption } from './workers-option.js';

/** What the command line asks for, once parsed and checked. */
export type CliRequest =
  | {
      command: 'run';
      paths: string[];
      overrides: Override[];
      out: string;
      quiet: boolean;
      /** Infinity: none; undefined: not given (the run command picks the default). */
      maxWallSeconds: number | undefined;
      workers: number;
      allowPlugins: PluginPermission;
      /** Where to write the baseline for `clustersim check` (one scenario only); undefined: none. */
      writeBaseline: string | undefined;
      /** Run only this shard's units and write them to `out` as a shard folder; null: the whole run. */
      shard: Shard | null;
      /** `--fail-on-slo`: exit 1 when an objective fails or, unless `inconclusive` is 'pass', is inconclusive. */
      failOnSlo: boolean;
      inconclusive: InconclusiveAs;
      /** `--precision`: run each scenario until these half-widths are reached, up to maxReplications. */
      precision: PrecisionTarget[];
      maxReplications: number;
      /** `--trace`: the event trace of one replication, or null. */
      trace: TraceRequest | null;
    }
  | { command: 'validate'; paths: string[]; overrides: Override[]; allowPlugins: PluginPermission }
  | { command: 'schema' }
  /** Help, version, or a usage error: print `text` and exit. */
  | { command: 'print'; text: string; toStderr: boolean; exitCode: number };

const EXAMPLES: [string, string][] = [
  ['$0 run scenarios/web-tier.yaml', 'one scenario; report in reports/web-tier/'],
  ['$0 run scenarios/ --out /tmp/reports', 'every *.yaml, *.yml, *.json in a folder'],
  ['$0 run web.yaml --set nodes.0.count=12', 'change a field without editing the file'],
  ['$0 run web.yaml --set workload.0.work=20ms', 'lists are indexed from 0'],
  ['$0 run web.yaml --seed 42 --replications 10', 'another seed, more replications'],
  ['$0 run web.yaml --fail-on-slo', 'exit 1 unless every objective passes (for CI)'],
  ['$0 validate scenarios/*.yaml', 'check files without running them'],
  ['$0 run mine.yaml --allow-plugin ./my-policy.mjs', 'a scenario naming a plug-in module: allow that module'],
  ['$0 compare web.yaml --policies random,jsq,power-of-d:d=2', 'policies side by side, paired differences'],
  ['$0 check web.yaml --baseline baseline.json --junit junit.xml', 'a CI gate: exit 1 on a significant regression'],
  ['$0 size web.yaml --vary nodes.0.count=1:64', 'the fewest nodes whose objectives all pass'],
  ['$0 schema > scenario.schema.json', 'the JSON Schema, for editors'],
];

const COMMANDS = ['run', 'validate', 'compare', 'check', 'size', 'merge', 'schema'];

/**
 * Parses argv with yargs. yargs only parses here: it never prints or exits by itself (its output is captured and
 * returned as a `print` request), so `main` decides what goes where and which exit code results.
 */
export async function parseArgs(argv: readonly string[], version: string, width: number): Promise<CliRequest> {
  const parser = yargs()
    .scriptName('clustersim')
    .usage('$0 <command> [options]\n\nA discrete-event simulator of server clusters: scenario file in, report out.')
    .command('run <paths..>', 'Run scenarios and write a report for each', (y) =>
      withOverrideFlags(withPluginFlags(
        withShardFlags(y
          .positional('paths', { describe: 'scenario files, or folders of them', type: 'string', array: true })
          .option('out', {
            describe: 'folder the reports go into',
            type: 'string',
            default: 'reports',
            requiresArg: true,
          })
          .option('quiet', { alias: 'q', describe: 'no progress output', type: 'boolean', default: false })
          .option('workers', {
            describe: 'worker threads for replications (default: one per CPU); results are the same for any number',
            type: 'string',
            requiresArg: true,
          }), SHARD_UNITS)
          .option('write-baseline', {
            describe: 'also write this baseline file for clustersim check: the summary and every figure per replication',
            type: 'string',
            requiresArg: true,
          })
          .option('fail-on-slo', {
            describe: 'exit 1 when an objective (slo:) fails or is inconclusive; the report is written all the same',
            type: 'boolean',
            default: false,
          })
          .option('inconclusive', {
            describe: 'with --fail-on-slo: what an inconclusive objective counts as (its CI straddles the target)',
            choices: ['pass', 'fail'],
            default: 'fail',
            requiresArg: true,
          })
          .option('precision', {
            describe:
              'add replications until a figure\'s 95 % CI half-width is within this (repeatable): responseTime.p99=2% ' +
              '(relative) or responseTime.mean=5ms (absolute)',
            type: 'string',
            requiresArg: true,
          })
          .option('max-replications', {
            describe: `with --precision: stop at this many replications (default ${DEFAULT_MAX_REPLICATIONS})`,
            type: 'string',
            requiresArg: true,
          })
          .option('trace', { describe: 'write one JSON line per event of one replication to this file (see --trace-*)', type: 'string', requiresArg: true })
          .option('trace-replication', { describe: 'with --trace: which replication (default 0)', type: 'string', requiresArg: true })
          .option('trace-from', { describe: 'with --trace: from this time (e.g. 10s; warm-up included)', type: 'string', requiresArg: true })
          .option('trace-to', { describe: 'with --trace: up to this time', type: 'string', requiresArg: true })
          .option('trace-node', { describe: 'with --trace: only the events of this node (e.g. web-3)', type: 'string', requiresArg: true })
          .option('max-wall-time', {
            describe:
              'stop each scenario after this much wall-clock time (e.g. 10min; 0 or none: never); its report says so. ' +
              'Default: 1h when stderr is a terminal, none otherwise',
            type: 'string',
            requiresArg: true,
          }),
      )),
    )
    .command('validate <paths..>', 'Check scenarios and report every problem, without running them', (y) =>
      withOverrideFlags(withPluginFlags(y).positional('paths', { describe: 'scenario files, or folders of them', type: 'string', array: true })),
    )
    .command('compare <scenarios..>', 'Compare policies (or scenario variants) with common random numbers; see compare --help')
    .command('check <scenario>', 'Test a run against a baseline for regressions (CI gate, JUnit); see check --help')
    .command('merge <folders..>', 'Merge the shard folders of a study (--shard) into its reports; see merge --help')
    .command('size <scenario>', 'The fewest nodes (or any integer field) whose objectives pass; see size --help')
    .command('schema', 'Print the JSON Schema of scenario files')
    .demandCommand(1, 'Name a command: run, validate, compare, check, size, merge or schema.')
    .strict()
    .example(EXAMPLES)
    .epilogue(`${EXIT_CODES_HELP}\n\nScenario keys and units: the Scenario reference in README.md`)
    .help()
    .alias('help', 'h')
    .version(version)
    .wrap(Math.min(width, 110))
    .exitProcess(false);

  const unknown = unknownCommand(argv);
  if (unknown !== undefined) {
    const help = await parser.getHelp();
    const text = `${help}\n\nclustersim: ${unknown}`;
    return { command: 'print', text, toStderr: true, exitCode: EXIT_INVALID_INPUT };
  }

  return new Promise((resolve) => {
    parser.parse([...argv], {}, (error, args, output) => {
      if (error !== null && error !== undefined) {
        const command = argv[0] !== undefined && COMMANDS.includes(argv[0]) ? argv[0] : undefined;
        // With no command the help is the answer (it lists them); after one, the mistake and a pointer to its help.
        const noCommand = command === undefined && !String(error.message).startsWith('Unknown argument');
        const program = command === undefined ? 'clustersim' : `clustersim ${command}`;
        const text = noCommand
          ? output || String(error.message)
          : usageErrorText(program, String(error.message), argv, knownOptionsOf(parser, ['paths']));
        resolve({ command: 'print', text, toStderr: true, exitCode: EXIT_INVALID_INPUT });
      } else if (output !== '') {
        resolve({ command: 'print', text: output, toStderr: false, exitCode: EXIT_OK }); // --help or --version
      } else {
        resolve(toRequest(args));
      }
    });
  });
}

function toRequest(args: Record<string, unknown>): CliRequest {
  const command = String((args._ as unknown[])[0]);
  if (command === 'schema') return { command: 'schema' };
  const overrides: Override[] = [];
  const sets = args.set === undefined ? [] : ([] as unknown[]).concat(args.set).map(String);
  for (const set of sets) {
    const override = parseSetArgument(set);
    if (override === undefined) {
      return usageError(`--set expects key=value, got '${set}' (example: --set nodes.0.count=20)`);
    }
    overrides.push(override);
  }
  for (const key of ['seed', 'replications'] as const) {
    const value = args[key];
    if (value === undefined) continue;
    const text = String(([] as unknown[]).concat(value).pop());
    // A seed is a string: quoted, so that `--seed 007` stays '007' rather than becoming the number 7.
    const yamlValue = key === 'seed' ? JSON.stringify(text) : text;
    overrides.push({ path: key, value: yamlValue, origin: `--${key} ${text}` });
  }
  const paths = (args.paths as unknown[]).map(String);
  const plugins = pluginPermissionOf(args);
  if ('error' in plugins) return usageError(plugins.error);
  const allowPlugins = plugins.permission;
  if (command === 'validate') return { command: 'validate', paths, overrides, allowPlugins };
  let maxWallSeconds: number | undefined;
  if (args.maxWallTime !== undefined) {
    const text = String(([] as unknown[]).concat(args.maxWallTime).pop());
    const parsed = text === 'none' ? { ok: true as const, value: 0 } : parseQuantity(text, 'duration');
    if (!parsed.ok || !(parsed.value >= 0)) {
      return usageError(`--max-wall-time: bad value '${text}': expected a duration (e.g. 30s or 10min), or 0 or none for no limit`);
    }
    maxWallSeconds = parsed.value === 0 ? Infinity : parsed.value;
  }
  const workersGiven = workersOption(args.workers);
  if ('error' in workersGiven) return usageError(workersGiven.error);
  const workers = workersGiven.workers ?? availableParallelism();
  const quiet = args.quiet === true;
  const writeBaseline = args.writeBaseline === undefined ? undefined : String(([] as unknown[]).concat(args.writeBaseline).pop());
  const shard = parseShard(lastOf(args.shard), lastOf(args.shards), process.env);
  if ('error' in shard) return usageError(shard.error);
  if (shard.shard !== null && writeBaseline !== undefined) return usageError('--write-baseline needs the whole run; merge the shards first, then run check');
  const failOnSlo = args.failOnSlo === true;
  const precision: PrecisionTarget[] = [];
  for (const text of args.precision === undefined ? [] : ([] as unknown[]).concat(args.precision).map(String)) {
    const target = parsePrecision(text);
    if ('error' in target) return usageError(target.error);
    precision.push(target);
  }
  const maxText = args.maxReplications === undefined ? undefined : String(([] as unknown[]).concat(args.maxReplications).pop());
  const maxReplications = maxText === undefined ? DEFAULT_MAX_REPLICATIONS : Number(maxText);
  if (!Number.isInteger(maxReplications) || maxReplications < MINIMUM_REPLICATIONS) {
    return usageError(`--max-replications: bad value '${maxText}': expected an integer >= ${MINIMUM_REPLICATIONS}`);
  }
  const inconclusive: InconclusiveAs = args.inconclusive === 'pass' ? 'pass' : 'fail';
  const trace = traceOption(args);
  if ('error' in trace) return usageError(trace.error);
  if (trace.trace !== null && shard.shard !== null) return usageError('--trace traces one replication of a whole run; it does not go with --shard');
  return {
    command: 'run',
    paths,
    overrides,
    out: String(args.out),
    quiet,
    maxWallSeconds,
    workers,
    allowPlugins,
    writeBaseline,
    shard: shard.shard,
    failOnSlo,
    inconclusive,
    precision,
    maxReplications,
    trace: trace.trace,
  };
}

function lastOf(value: unknown): string | undefined {
  return value === undefined ? undefined : String(([] as unknown[]).concat(value).pop());
}

/** `--set`, `--seed` and `--replications`: for the commands that load scenarios (schema takes none). */
function withOverrideFlags<T>(y: Argv<T>) {
  return y
    .option('set', {
      describe: 'override a field: key=value, dotted path with list indices (repeatable)',
      type: 'string',
      requiresArg: true,
    })
    .option('seed', { describe: 'root seed (overrides the file)', type: 'string', requiresArg: true })
    .option('replications', { describe: 'number of replications (overrides the file)', type: 'string', requiresArg: true });
}

/**
 * yargs' own answer to `clustersim frob` is a bare "Did you mean run?"; ours names the word, lists the commands
 * and catches the common slip of naming a scenario without `run`.
 */
function unknownCommand(argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || COMMANDS.includes(first)) return undefined;
  const suggestion = didYouMean(first, COMMANDS);
  const looksLikeScenario = /\.(ya?ml|json)$/i.test(first) || first.endsWith('/');
  let hint = suggestion === undefined ? '' : `; did you mean '${suggestion}'?`;
  if (looksLikeScenario) hint = `; to run it: clustersim run ${first}`;
  return `unknown command '${first}'; valid: ${COMMANDS.join(', ')}${hint}`;
}

function usageError(message: string): CliRequest {
  const text = `clustersim: ${message}\nRun 'clustersim --help' for usage.`;
  return { command: 'print', text, toStderr: true, exitCode: EXIT_INVALID_INPUT };
}
