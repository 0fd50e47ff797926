import yargs from 'yargs';
import { parseSetArgument, type Override, type PluginPermission } from '../scenario/index.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { withPluginFlags } from './plugin-flags.js';
import { withShardFlags } from './shard-flags.js';
import { parseSubcommand, usageStop, type ParseStop } from './subcommand-parser.js';
import type { NodePrices } from '../experiment/sizing-cost.js';
import { parseShard, type Shard } from '../experiment/units.js';
import { runnerOptions } from './workers-option.js';

export interface SizeRequest {
  path: string;
  /** The scenario field varied, and its integer range. */
  vary: { path: string; lo: number; hi: number; text: string };
  /** Further --vary fields: every combination of their values gets its own search over `vary`. */
  others: { path: string; values: number[]; text: string }[];
  prices: NodePrices;
  maxReplications: number;
  overrides: Override[];
  out: string;
  quiet: boolean;
  workers: number | undefined;
  allowPlugins: PluginPermission;
  /** Run only this shard's units (every value of the range), written to `out` as a shard folder; null: search here. */
  shard: Shard | null;
}

export type ParsedSize = { ok: true; request: SizeRequest } | ParseStop;

/** The default cap on a point's replications while an inconclusive verdict is rerun (twice as many each time). */
export const DEFAULT_MAX_REPLICATIONS = 100;

/** Combinations of the further --vary fields, each a search of its own. */
const MAX_COMBINATIONS = 50;

/** A further --vary: `nodes.0.cores=1,2,4` or an integer range `nodes.0.cores=1:4`, enumerated. */
export function parseVaryValues(text: string): { path: string; values: number[] } | { error: string } {
  const match = /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)=(.+)$/.exec(text.trim());
  if (match === null) return { error: `bad --vary '${text}': write <dotted.path>=v1,v2,... or from:to` };
  if (match[2].includes(':')) {
    const range = parseVary(text);
    if ('error' in range) return range;
    if (range.hi - range.lo + 1 > MAX_COMBINATIONS) return { error: `bad --vary '${text}': at most ${MAX_COMBINATIONS} values` };
    return { path: range.path, values: Array.from({ length: range.hi - range.lo + 1 }, (_, i) => range.lo + i) };
  }
  const values = match[2].split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isFinite(v))) return { error: `bad --vary '${text}': the values must be numbers` };
  return { path: match[1], values: [...new Set(values)] };
}

/** A range wider than this is a typo; the search runs about 2 log2(range) points anyway. */
const MAX_RANGE = 1_000_000;

/** A sharded sizing runs every value of the range (docs/scaling-out.md): this many at most, each a resolved scenario in the plan. */
const MAX_SHARDED_VALUES = 1000;

const VARY_HELP = 'write <dotted.path>=from:to with integers, e.g. nodes.0.count=1:64';

const usageError = (message: string): ParseStop => usageStop('clustersim size', message);

export function parseVary(text: string): { path: string; lo: number; hi: number } | { error: string } {
  const match = /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)=(-?\d+):(-?\d+)$/.exec(text.trim());
  if (match === null) return { error: `bad --vary '${text}': ${VARY_HELP}` };
  const [lo, hi] = [Number(match[2]), Number(match[3])];
  if (hi < lo) return { error: `bad --vary '${text}': 'to' (${hi}) is below 'from' (${lo})` };
  if (hi - lo > MAX_RANGE) return { error: `bad --vary '${text}': a range of ${hi - lo + 1} values; at most ${MAX_RANGE + 1}` };
  return { path: match[1], lo, hi };
}

/** Parses `size`'s own arguments (everything after the word `size`). yargs never prints or exits by itself. */
export async function parseSizeArgs(argv: readonly string[], width = 120): Promise<ParsedSize> {
  const options = yargs()
    .usage(
      '$0 <scenario> --vary <path>=<from>:<to> [options]\n\nThe smallest value of a scenario field (e.g. nodes.0.count) ' +
        "whose objectives (the scenario's slo:) all pass on their 95 % confidence intervals: a gallop then a bisection " +
        'with common random numbers, rerunning inconclusive points with more replications. Writes ' +
        '<out>/<scenario>-size/: sizing.json, sizing.md, sizing.svg.',
    )
    .command('$0 <scenario>', false, (y) => y.positional('scenario', { describe: 'scenario file', type: 'string' }))
    .option('vary', { describe: 'the field and its integer range: nodes.0.count=1:64', type: 'string', requiresArg: true })
    .option('price', {
      describe: 'with several --vary: the price of a node of group i (nodes.i=0.12) or of each of its cores (nodes.i.cores=0.03)',
      type: 'string',
      requiresArg: true,
    })
    .option('max-replications', {
      describe: `replications a point may grow to while its verdict is inconclusive (default ${DEFAULT_MAX_REPLICATIONS})`,
      type: 'string',
      requiresArg: true,
    })
    .option('out', { describe: 'folder the sizing goes into (<out>/<scenario>-size/)', type: 'string', default: 'reports', requiresArg: true })
    .option('quiet', { alias: 'q', describe: 'no progress output', type: 'boolean', default: false })
    .option('workers', { describe: 'worker threads for replications (results are the same for any number)', type: 'string', requiresArg: true })
    .option('seed', { describe: 'root seed (overrides the file)', type: 'string', requiresArg: true })
    .option('replications', { describe: "a point's first number of replications (overrides the file; at least 2)", type: 'string', requiresArg: true })
    .option('set', { describe: 'override a field: key=value (repeatable)', type: 'string', requiresArg: true });
  const parser = withPluginFlags(
    withShardFlags(options, 'run only shard i of n (0-based) of every value of the range, for clustersim merge (docs/scaling-out.md)'),
  );
  return parseSubcommand(
    parser,
    argv,
    {
      program: 'clustersim size',
      positionals: ['scenario'],
      examples: [
        ['$0 web.yaml --vary nodes.0.count=1:64', 'fewest nodes whose objectives all pass'],
        ['$0 web.yaml --vary nodes.0.count=1:64 --vary nodes.0.cores=1,2,4 --price nodes.0=0.05 --price nodes.0.cores=0.04', 'cheapest count and size'],
      ],
      epilogue: `${EXIT_CODES_HELP.replace('  1  a run failed', '  1  no value in the range passes, a run failed')}`,
      width,
    },
    toRequest,
  );
}

function lastOf(value: unknown): string | undefined {
  return value === undefined ? undefined : String(([] as unknown[]).concat(value).pop());
}

function toRequest(args: Record<string, unknown>): ParsedSize {
  const varies = args.vary === undefined ? [] : ([] as unknown[]).concat(args.vary).map(String);
  if (varies.length === 0) return usageError(`name the field to size: --vary; ${VARY_HELP}`);
  const vary = parseVary(varies[0]);
  if ('error' in vary) return usageError(vary.error);
  const others: SizeRequest['others'] = [];
  for (const text of varies.slice(1)) {
    const other = parseVaryValues(text);
    if ('error' in other) return usageError(other.error);
    if (other.path === vary.path || others.some((o) => o.path === other.path)) return usageError(`--vary ${text}: ${other.path} is varied twice`);
    others.push({ ...other, text });
  }
  const combinations = others.reduce((n, o) => n * o.values.length, 1);
  if (combinations > MAX_COMBINATIONS) {
    return usageError(`the further --vary fields make ${combinations} combinations, each a search; at most ${MAX_COMBINATIONS}`);
  }
  const prices: NodePrices = { perNode: new Map(), perCore: new Map() };
  for (const text of args.price === undefined ? [] : ([] as unknown[]).concat(args.price).map(String)) {
    const match = /^nodes\.(\d+)(\.cores)?=(\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(text.trim());
    if (match === null) return usageError(`bad --price '${text}': write nodes.<i>=<price per node> or nodes.<i>.cores=<price per core>, e.g. nodes.0=0.12`);
    (match[2] === undefined ? prices.perNode : prices.perCore).set(Number(match[1]), Number(match[3]));
  }
  if (others.length > 0 && prices.perNode.size + prices.perCore.size === 0) {
    return usageError('several --vary need node prices to choose the cheapest configuration: --price nodes.0=<price per node>');
  }
  const overrides: Override[] = [];
  for (const set of args.set === undefined ? [] : ([] as unknown[]).concat(args.set).map(String)) {
    const override = parseSetArgument(set);
    if (override === undefined) return usageError(`--set expects key=value, got '${set}' (example: --set nodes.0.count=20)`);
    if (override.path === vary.path) return usageError(`--set ${set}: ${vary.path} is the field --vary sizes`);
    overrides.push(override);
  }
  const seed = lastOf(args.seed);
  if (seed !== undefined) overrides.push({ path: 'seed', value: JSON.stringify(seed), origin: `--seed ${seed}` });
  const replications = lastOf(args.replications);
  if (replications !== undefined) overrides.push({ path: 'replications', value: replications, origin: `--replications ${replications}` });
  const maxText = lastOf(args.maxReplications);
  const maxReplications = maxText === undefined ? DEFAULT_MAX_REPLICATIONS : Number(maxText);
  if (!Number.isInteger(maxReplications) || maxReplications < 2) {
    return usageError(`--max-replications: bad value '${maxText}': expected an integer >= 2 (one replication has no interval)`);
  }
  const runner = runnerOptions(args);
  if ('error' in runner) return usageError(runner.error);
  const shard = parseShard(lastOf(args.shard), lastOf(args.shards), process.env);
  if ('error' in shard) return usageError(shard.error);
  if (shard.shard !== null && (vary.hi - vary.lo + 1) * combinations > MAX_SHARDED_VALUES) {
    return usageError(
      `--shard runs every value of the range: ${(vary.hi - vary.lo + 1) * combinations} values (with the further --vary); ` +
        `at most ${MAX_SHARDED_VALUES}: narrow the range`,
    );
  }
  return {
    ok: true,
    request: {
      path: String(args.scenario),
      vary: { ...vary, text: varies[0] },
      others,
      prices,
      maxReplications,
      overrides,
      out: String(args.out),
      quiet: args.quiet === true,
      workers: runner.workers,
      allowPlugins: runner.allowPlugins,
      shard: shard.shard,
    },
  };
}
