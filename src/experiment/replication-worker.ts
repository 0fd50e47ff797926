import { parentPort } from 'node:worker_threads';
import type { ScenarioSpec } from '../model/spec.js';
import { loadPolicyModule } from '../policies/plugin.js';
import { outcomeToData } from './outcome-data.js';
import { runReplication } from './replication.js';
import { replicationStreams } from './streams.js';

/** One replication to run, sent by the pool. `stop` is a shared flag the pool raises to cut runs short. */
export interface ReplicationJob {
  spec: ScenarioSpec;
  index: number;
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { kind: 'progress'; index: number; fraction: number }
  | { kind: 'done'; index: number; outcome: ReturnType<typeof outcomeToData> }
  | { kind: 'failed'; index: number; message: string };

const port = parentPort!;
port.on('message', (job: ReplicationJob) => {
  void run(job).catch((error: unknown) =>
    port.postMessage({ kind: 'failed', index: job.index, message: error instanceof Error ? error.message : String(error) }),
  );
});

async function run(job: ReplicationJob): Promise<void> {
  const module = job.spec.balancer.policy.module;
  const policy = module ? await loadPolicyModule(module) : undefined;
  const stop = new Int32Array(job.stop);
  const outcome = runReplication(job.spec, replicationStreams(job.spec.seed, job.index), job.index, {
    policy,
    shouldStop: () => Atomics.load(stop, 0) === 1,
    onProgress: (fraction) => port.postMessage({ kind: 'progress', index: job.index, fraction } satisfies WorkerMessage),
  });
  port.postMessage({ kind: 'done', index: job.index, outcome: outcomeToData(outcome) } satisfies WorkerMessage);
}
