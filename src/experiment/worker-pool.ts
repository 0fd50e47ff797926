import { Worker } from 'node:worker_threads';
import type { ScenarioSpec } from '../model/spec.js';
import { outcomeFromData } from './outcome-data.js';
import type { ReplicationOutcome } from './replication.js';
import type { ReplicationJob, WorkerMessage } from './replication-worker.js';

const workerScript = new URL('./replication-worker.js', import.meta.url);

/**
 * Worker threads need the compiled JavaScript; under a TypeScript test runner the module is the .ts source, and
 * replications then run in this thread instead.
 */
export function workersAvailable(): boolean {
  return workerScript.pathname.endsWith('.js') && import.meta.url.endsWith('.js');
}

/**
 * Runs the replications of a scenario on up to `workers` threads. Each replication has its own streams, so the
 * outcomes — put back in replication order — are the same, bit for bit, as a run in one thread. Once `signal` is
 * aborted, the threads are terminated and the promise rejects with the signal's reason.
 */
export function runReplicationsInParallel(
  spec: ScenarioSpec,
  workers: number,
  onProgress?: (fraction: number) => void,
  shouldStop?: () => boolean,
  signal?: AbortSignal,
): Promise<ReplicationOutcome[]> {
  const count = spec.run.replications;
  const stop = new SharedArrayBuffer(4);
  const stopFlag = new Int32Array(stop);
  const outcomes: (ReplicationOutcome | undefined)[] = new Array(count).fill(undefined);
  const progress = new Float64Array(count);
  let next = 0;
  let finished = 0;
  let stopped = false;
  const threads: Worker[] = [];

  return new Promise((resolve, reject) => {
    const abort = () => finish(signal!.reason as Error);
    let settled = false;
    const finish = (error?: Error) => {
      settled = true;
      signal?.removeEventListener('abort', abort);
      for (const thread of threads) void thread.terminate();
      if (error) reject(error);
      else resolve(outcomes.filter((o): o is ReplicationOutcome => o !== undefined));
    };
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    signal?.addEventListener('abort', abort, { once: true });
    const checkStop = () => {
      if (!stopped && shouldStop?.()) {
        stopped = true;
        Atomics.store(stopFlag, 0, 1);
      }
    };
    const assign = (thread: Worker) => {
      checkStop();
      if (next >= count || (stopped && next > 0)) return false;
      const job: ReplicationJob = { spec, index: next++, stop };
      thread.postMessage(job);
      return true;
    };
    let busy = 0;
    for (let i = 0; i < Math.min(workers, count); i++) {
      const thread = new Worker(workerScript);
      threads.push(thread);
      thread.on('message', (message: WorkerMessage) => {
        // Messages already on their way when the pool finished (an abort, a failure) report nothing any more.
        if (settled) return;
        if (message.kind === 'progress') {
          progress[message.index] = message.fraction;
          onProgress?.(progress.reduce((a, b) => a + b, 0) / count);
          checkStop();
          return;
        }
        if (message.kind === 'failed') {
          finish(new Error(message.message));
          return;
        }
        outcomes[message.index] = outcomeFromData(message.outcome);
        progress[message.index] = 1;
        onProgress?.(progress.reduce((a, b) => a + b, 0) / count);
        finished++;
        busy--;
        if (assign(thread)) busy++;
        if (busy === 0) finish();
      });
      thread.on('error', (error) => finish(error));
      if (assign(thread)) busy++;
    }
    if (busy === 0) finish();
    void finished;
  });
}
