import type { Argv } from 'yargs';

/** What `--shard` does in run and compare: the units of one shard, for `clustersim merge`. */
export const SHARD_UNITS = 'run only shard i of n (0-based) and write its units to --out, for clustersim merge';

/** `--shard i/n` and `--shards n`, for every command whose work splits into units; `shard` says what a shard runs. */
export function withShardFlags<T>(y: Argv<T>, shard: string) {
  return y.option('shard', { describe: shard, type: 'string', requiresArg: true }).option('shards', {
    describe: 'n shards, the index from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm)',
    type: 'string',
    requiresArg: true,
  });
}
