import { parentPort } from 'node:worker_threads';
import { NodeTable } from '../model/node-table.js';
import type { ScenarioSpec } from '../model/spec.js';
import { loadPolicyModule } from '../policies/plugin.js';
import { prepareCompiler } from './compiler-budget.js';
import { collectIfLarge } from './idle-collection.js';
import { outcomeToData } from './outcome-data.js';
import { runReplication } from './replication.js';
import { replicationStreams } from './streams.js';

/**
 * One replication to run, sent by the pool: replication `replication` of `spec`, the pool's unit number `unit`
 * (which the answers carry back). `stop` is a shared flag the pool raises to cut runs short.
 */
export interface ReplicationJob {
  spec: ScenarioSpec;
  replication: number;
  unit: number;
  stop: SharedArrayBuffer;
  /** Estimated events of this thread's share of the pool's work (experiment/compiler-budget.ts). */
  threadEvents: number;
}

export type WorkerMessage =
  | { kind: 'progress'; unit: number; fraction: number }
  | { kind: 'done'; unit: number; outcome: ReturnType<typeof outcomeToData> }
  | { kind: 'failed'; unit: number; message: string };

const port = parentPort!;
port.on('message', (job: ReplicationJob) => {
  void run(job).catch((error: unknown) =>
    port.postMessage({ kind: 'failed', unit: job.unit, message: error instanceof Error ? error.message : String(error) }),
  );
});

async function run(job: ReplicationJob): Promise<void> {
  const done = await replicate(job);
  // The replication is garbage now but for its outcome: a large one is freed before the outcome leaves, so that
  // it is not resident while the main thread decodes and folds the outcome (its own peak), nor while this thread
  // waits for the next unit.
  collectIfLarge();
  port.postMessage(done);
}

async function replicate(job: ReplicationJob): Promise<WorkerMessage> {
  // The node table crossed as its plain fields (a structured clone keeps no class): its runs, not a million nodes.
  const spec = { ...job.spec, nodes: NodeTable.revived(job.spec.nodes) };
  const module = spec.balancer.policy.module;
  const policy = module ? await loadPolicyModule(module) : undefined;
  const stop = new Int32Array(job.stop);
  prepareCompiler(job.threadEvents);
  const outcome = runReplication(spec, replicationStreams(spec.seed, job.replication), job.replication, {
    policy,
    shouldStop: () => Atomics.load(stop, 0) === 1,
    onProgress: (fraction) => port.postMessage({ kind: 'progress', unit: job.unit, fraction } satisfies WorkerMessage),
  });
  return { kind: 'done', unit: job.unit, outcome: outcomeToData(outcome) };
}
