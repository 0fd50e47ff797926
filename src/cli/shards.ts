/**
 * Sharded studies (issue 15, item 6): `run` and `compare` with `--shard i/n` run only their units and write them to
 * a shard folder (shard-folder.ts); `clustersim merge <folders..> --out reports` folds every unit in the study's
 * order and writes what one machine would have written, byte for byte.
 */
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import yargs from 'yargs';
import { comparisonUnits, foldComparison, type ComparisonPlan } from '../experiment/compare.js';
import { figureVectors, type ComparedFigures } from '../experiment/compare-figures.js';
import type { ReplicationOutcome } from '../experiment/replication.js';
import type { Summary } from '../experiment/result.js';
import { ResultAccumulator } from '../experiment/summary/result-accumulator.js';
import { runUnits, shardPositions, unitId, type IdentifiedUnit, type Shard } from '../experiment/units.js';
import type { ScenarioSpec } from '../model/spec.js';
import { writeComparison, writeReport, writeSizing } from '../report/index.js';
import { safeLine } from '../scenario/index.js';
import { EXIT_CODES_HELP, EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { openShards, startShardFolder, type ShardManifest } from './shard-folder.js';
import { parseSubcommand, printStop, type ParseStop } from './subcommand-parser.js';
import { replaySizing, sizeStudyUnits, sizingAnswer, type SizeStudy } from './size-study.js';

/** The scenarios of a sharded `run`, as resolved, with the text each report shows. */
export interface RunStudy {
  scenarios: { spec: ScenarioSpec; source: { path: string; text: string } }[];
}

/** Every unit of a `run`: scenario by scenario, replication by replication; ids `<scenario>/r<k>`. */
export function runStudyUnits(study: RunStudy): IdentifiedUnit[] {
  return study.scenarios.flatMap(({ spec }) =>
    Array.from({ length: spec.run.replications }, (_, r) => ({ spec, replication: r, id: unitId([spec.name], r) })),
  );
}

/** The units of each kind of study, in the study's order: what a shard index counts through. */
const UNITS_OF: Record<ShardManifest['command'], (plan: unknown) => IdentifiedUnit[]> = {
  run: (plan) => runStudyUnits(plan as RunStudy),
  compare: (plan) => comparisonUnits(plan as ComparisonPlan),
  size: (plan) => sizeStudyUnits(plan as SizeStudy),
};

function unitsOf(command: ShardManifest['command'], plan: unknown): IdentifiedUnit[] {
  return UNITS_OF[command](plan);
}

/**
 * Why a study with `warmup: auto` cannot run this way, or null. The warm-up is chosen by pilot runs before a run's
 * replications (experiment/auto-warmup.ts), and a shard, or a comparison, runs replications on their own: they would
 * be measured from an empty start with no warm-up at all, silently. Refused instead, with the way out.
 */
export function autoWarmupProblem(command: ShardManifest['command'], plan: unknown, how: 'sharded' | 'compared'): string | null {
  const auto = unitsOf(command, plan).find((unit) => unit.spec.run.warmupAuto === true);
  if (auto === undefined) return null;
  return (
    `${auto.spec.name}: warmup: auto cannot be ${how}: the warm-up is chosen by pilot runs before the replications ` +
    `of one run, and ${how === 'sharded' ? 'a shard runs replications' : "a comparison runs its variants' replications"} ` +
    'on their own; run the scenario once with clustersim run (without --shard; summary.json warmup.seconds is the ' +
    'chosen warm-up) and state that warm-up (warmup: 1200s); nothing was run'
  );
}

/** Runs the units of one shard of a study and writes them into `dir`; returns the folder. */
export async function runShard(
  command: ShardManifest['command'],
  plan: RunStudy | ComparisonPlan | SizeStudy,
  shard: Shard,
  dir: string,
  workers: number,
  onProgress?: (fraction: number) => void,
): Promise<string> {
  const units = unitsOf(command, plan);
  const positions = shardPositions(units.length, shard);
  const folder = await startShardFolder(dir, command, plan, shard, units.length, positions.map((p) => ({ position: p, id: units[p].id })));
  const writes: Promise<void>[] = [];
  await runUnits(
    positions.map((p) => units[p]),
    workers,
    (i, outcome) => writes.push(folder.writeOutcome(positions[i], outcome)),
    onProgress,
  );
  await Promise.all(writes);
  return resolve(dir);
}

/** The outcomes of positions from..to-1, read one at a time as the fold asks for them. */
function* outcomesOf(read: (position: number) => ReplicationOutcome, from: number, to: number): Generator<ReplicationOutcome> {
  for (let p = from; p < to; p++) yield read(p);
}

/** What `check --from-shards` tests: the summary of a sharded run of one scenario, and each figure per replication. */
export interface ShardedRun {
  summary: Summary;
  replicationValues: ComparedFigures<(number | null)[]>;
}

/**
 * Folds the shard folders of a `run` of `spec` (as loaded now, options and all) as merge would, without writing a
 * report: the same summary and per-replication figures that running `spec` on one machine gives. Shards of another
 * study (another scenario, other options) or of a compare are refused, as is a missing or duplicated unit.
 */
export async function foldShardsOfRun(folders: readonly string[], spec: ScenarioSpec): Promise<ShardedRun | { error: string }> {
  const opened = await openShards(folders, (command, plan) => unitsOf(command, plan).map((u) => u.id));
  if ('error' in opened) return opened;
  if (opened.command !== 'run') return { error: `${folders[0]} holds shards of a compare; check takes the shards of a run` };
  const study = opened.plan as RunStudy;
  if (study.scenarios.length !== 1 || !isDeepStrictEqual(study.scenarios[0].spec, spec)) {
    const names = study.scenarios.map((s) => `'${s.spec.name}'`).join(', ');
    return { error: `the shards are of a run of ${names}, not of '${spec.name}' as loaded with these options; check the scenario the shards ran` };
  }
  const accumulator = new ResultAccumulator(spec);
  for (const outcome of outcomesOf(opened.outcome, 0, opened.total)) accumulator.add(outcome);
  const { summary } = accumulator.result(study.scenarios[0].source);
  return { summary, replicationValues: figureVectors(accumulator.requests) };
}

type Parsed = { ok: true; folders: string[]; out: string } | ParseStop;

async function parseMergeArgs(argv: readonly string[], width: number): Promise<Parsed> {
  const parser = yargs()
    .usage(
      '$0 <folders..> --out reports\n\nMerges the shard folders of one study (written by run, compare or size with --shard ' +
        'i/n or --shards n) into the reports one machine would have written, byte for byte. Every unit must be in ' +
        'exactly one folder.',
    )
    .command('$0 <folders..>', false, (y) => y.positional('folders', { describe: 'shard folders', type: 'string', array: true }))
    .option('out', { describe: 'folder the reports go into', type: 'string', default: 'reports', requiresArg: true })
    .option('quiet', { alias: 'q', describe: 'accepted for symmetry with run and compare: merge shows no progress', type: 'boolean', default: false });
  return parseSubcommand(parser, argv, { program: 'clustersim merge', positionals: ['folders'], epilogue: `${EXIT_CODES_HELP}\n\nHow to shard a study: docs/scaling-out.md`, width }, (args) => ({
    ok: true,
    folders: (args.folders as unknown[]).map(String),
    out: String(args.out),
  }));
}

/** `clustersim merge <folders..> --out reports`: a missing or duplicated unit is named, and nothing is written. */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseMergeArgs(argv, io.terminal?.columns ?? 120);
  if (!parsed.ok) return printStop(parsed, io);
  const opened = await openShards(parsed.folders, (command, plan) => unitsOf(command, plan).map((u) => u.id));
  if ('error' in opened) {
    io.err(`${safeLine(`clustersim merge: ${opened.error}`)}\n`);
    return EXIT_INVALID_INPUT;
  }
  try {
    if (opened.command === 'run') {
      const study = opened.plan as RunStudy;
      let position = 0;
      for (const { spec, source } of study.scenarios) {
        const accumulator = new ResultAccumulator(spec);
        for (const outcome of outcomesOf(opened.outcome, position, position + spec.run.replications)) accumulator.add(outcome);
        position += spec.run.replications;
        const result = accumulator.result(source);
        for (const warning of result.warnings) io.err(`${safeLine(`${source.path}: warning: ${warning}`)}\n`);
        io.out(`${await writeReport(result, parsed.out)}\n`);
      }
    } else if (opened.command === 'size') {
      const study = opened.plan as SizeStudy;
      const outcome = await replaySizing(study, opened.outcome, (fixed, value, replications, checks) => {
        const where = Object.entries(fixed).map(([p, v]) => ` ${p}=${v}`).join('');
        io.err(`clustersim size: ${study.plan.path}=${value}${where}, ${replications} replications: ${checks}\n`);
      });
      io.out(`${await writeSizing(study.plan, outcome, parsed.out)}\n`);
      return sizingAnswer(study.plan, outcome, io);
    } else {
      const plan = opened.plan as ComparisonPlan;
      // Pulled one at a time in the study's order, each folded and dropped.
      const comparison = foldComparison(plan, outcomesOf(opened.outcome, 0, opened.total));
      for (const warning of comparison.warnings) io.err(`${safeLine(`clustersim compare: warning: ${warning}`)}\n`);
      io.out(`${await writeComparison(comparison, parsed.out)}\n`);
    }
  } catch (error) {
    io.err(`${safeLine(`clustersim merge: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}
