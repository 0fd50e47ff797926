/**
 * Units of work: one replication of one scenario as run (a variant at a sweep point, for `compare`). Every study is
 * a list of units in a fixed order (scenario by scenario, or point by point and variant by variant, then replication
 * by replication); a unit's id names where it sits, and its seed is fixed by the scenario's root seed and its
 * replication index (`replicationStreams`), so any machine runs a unit to the same outcome, bit for bit.
 */
import type { ScenarioSpec } from '../model/spec.js';
import { policyModules } from '../policies/plugin.js';
import { estimatedEventsOf, prepareCompiler } from './compiler-budget.js';
import { runReplication, type ReplicationOutcome } from './replication.js';
import { replicationStreams } from './streams.js';
import { runUnitsInParallel, workersAvailable, type WorkUnit } from './worker-pool.js';

/** A unit with its place in the study: `web-tier/r3`, or `web-tier-compare/nodes.0.count=4,load=0.6/jsq/r3`. */
export interface IdentifiedUnit extends WorkUnit {
  id: string;
}

/** The id of replication `replication` of a run at `where` (scenario name, or comparison, point and variant). */
export function unitId(where: readonly string[], replication: number): string {
  return [...where, `r${replication}`].join('/');
}

/**
 * Runs the given units (any subset of a study, in the given order) on up to `workers` threads, handing each outcome
 * to `onOutcome` with its position in `units`, in that order.
 */
export async function runUnits(
  units: readonly WorkUnit[],
  workers: number,
  onOutcome: (index: number, outcome: ReplicationOutcome) => void,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  if (units.length === 0) return;
  if (Math.min(workers, units.length) > 1 && workersAvailable()) {
    await runUnitsInParallel(units.length, (i) => units[i], workers, onOutcome, onProgress);
    return;
  }
  const policyOf = policyModules();
  prepareCompiler(estimatedEventsOf(units.map((unit) => unit.spec)));
  for (const [i, unit] of units.entries()) {
    const policy = await policyOf(unit.spec);
    const outcome = runReplication(unit.spec, replicationStreams(unit.spec.seed, unit.replication), unit.replication, {
      policy,
      onProgress: onProgress && ((f) => onProgress((i + f) / units.length)),
    });
    onOutcome(i, outcome);
  }
  onProgress?.(1);
}

/** A shard of a study: `index` of `count` (0-based), each taking every count-th unit from its index on. */
export interface Shard {
  index: number;
  count: number;
}

/** The units of a shard, by their position in the study: index, index + count, index + 2 count, ... */
export function shardPositions(total: number, shard: Shard): number[] {
  const positions: number[] = [];
  for (let u = shard.index; u < total; u += shard.count) positions.push(u);
  return positions;
}

/**
 * `--shard i/n` (0 <= i < n), or with `--shards n` the index from the environment of an array job: Kubernetes
 * Indexed Jobs set JOB_COMPLETION_INDEX, Slurm job arrays SLURM_ARRAY_TASK_ID (run with --array=0-<n-1>).
 */
export function parseShard(
  shard: string | undefined,
  shards: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { shard: Shard | null } | { error: string } {
  if (shard !== undefined && shards !== undefined) return { error: '--shard and --shards: give one (--shards reads the index from the environment)' };
  if (shard === undefined && shards === undefined) return { shard: null };
  let indexText: string;
  let countText: string;
  if (shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(shard.trim());
    if (match === null) return { error: `--shard: bad value '${shard}': expected i/n with 0 <= i < n, e.g. 0/3` };
    [, indexText, countText] = match;
  } else {
    countText = shards!.trim();
    const from = env.JOB_COMPLETION_INDEX !== undefined ? 'JOB_COMPLETION_INDEX' : env.SLURM_ARRAY_TASK_ID !== undefined ? 'SLURM_ARRAY_TASK_ID' : undefined;
    if (from === undefined) {
      return { error: '--shards: no shard index in the environment: set JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm job array), or use --shard i/n' };
    }
    indexText = env[from]!.trim();
    if (!/^\d+$/.test(indexText)) return { error: `--shards: ${from} is '${indexText}', not a shard index` };
  }
  const index = Number(indexText);
  const count = Number(countText);
  if (!/^\d+$/.test(countText) || !(count >= 1)) return { error: `--shards: bad count '${countText}': expected an integer >= 1` };
  if (!(index < count)) return { error: `shard index ${index} is not below the shard count ${count} (indexes run from 0 to ${count - 1})` };
  return { shard: { index, count } };
}
