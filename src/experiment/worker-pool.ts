import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ScenarioSpec } from '../model/spec.js';
import { estimatedEventsOf } from './compiler-budget.js';
import { InOrder } from './in-order.js';
import { outcomeFromData } from './outcome-data.js';
import type { ReplicationOutcome } from './replication.js';
import type { ReplicationJob, WorkerMessage } from './replication-worker.js';

const workerModule = new URL('./replication-worker.js', import.meta.url);
const workerBundle = new URL('./replication-worker.bundle.cjs', import.meta.url);
const workerBundleLoader = new URL('./replication-worker-loader.js', import.meta.url);

/**
 * The script a thread starts on: the loader of the worker module bundled with all it imports (scripts/bundle.mjs,
 * part of the build), which a thread loads in a third of the time; the module itself where there is no bundle, or
 * only one older than the module (the compiler ran without the bundling step after it).
 */
const workerScript = freshBundle() ? workerBundleLoader : workerModule;

/** The file threads start on (the bundle's loader, or the module without a fresh bundle). */
export function threadScript(): string {
  return workerScript.pathname;
}

function freshBundle(): boolean {
  try {
    return statSync(workerBundle).mtimeMs >= statSync(workerModule).mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Worker threads need the compiled JavaScript; under a TypeScript test runner the module is the .ts source, and
 * replications then run in this thread instead.
 */
export function workersAvailable(): boolean {
  return workerModule.pathname.endsWith('.js') && import.meta.url.endsWith('.js');
}

/**
 * Replications started ahead of the next one to hand over, per worker: a slow replication holds back at most this
 * many finished ones (their outcomes wait in memory), and the other threads idle until it is done.
 */
const AHEAD_PER_WORKER = 3;

/**
 * Units queued on a thread while many remain: the next one is there when the thread finishes, instead of waiting
 * for this thread to fold the finished outcome and answer (a long replication's outcome takes milliseconds to
 * decode). Near the end a thread holds one, so that no queued unit waits behind a long one while a thread idles.
 */
const QUEUED_PER_THREAD = 2;

/**
 * Threads kept between studies: a command that runs several scenarios (or prestarts them while it reads its
 * input) does not load the simulator into a new thread each time. Idle threads are unreferenced, so they never
 * keep the process alive.
 */
const idleThreads: Worker[] = [];

function takeThreads(count: number): Worker[] {
  const threads = idleThreads.splice(0, count);
  while (threads.length < count) threads.push(new Worker(workerScript));
  for (const thread of threads) thread.ref();
  return threads;
}

function returnThreads(threads: readonly Worker[]): void {
  for (const thread of threads) {
    thread.removeAllListeners('message');
    thread.removeAllListeners('error');
    thread.unref();
    idleThreads.push(thread);
  }
}

/**
 * Starts up to `count` threads now, to load the simulator while this thread reads and checks the input; the
 * next study takes them. Does nothing where worker threads are not available.
 */
export function prestartThreads(count: number): void {
  if (!workersAvailable()) return;
  while (idleThreads.length < count) {
    const thread = new Worker(workerScript);
    thread.unref();
    idleThreads.push(thread);
  }
}

/** One unit of work: replication `replication` of a scenario (a variant at a sweep point, for `compare`). */
export interface WorkUnit {
  spec: ScenarioSpec;
  replication: number;
}

/**
 * Runs the replications of a scenario on up to `workers` threads and hands each outcome to `onOutcome` in
 * replication order (see runUnitsInParallel).
 */
export function runReplicationsInParallel(
  spec: ScenarioSpec,
  workers: number,
  onOutcome: (outcome: ReplicationOutcome) => void,
  onProgress?: (fraction: number) => void,
  shouldStop?: () => boolean,
  signal?: AbortSignal,
): Promise<void> {
  return runUnitsInParallel(
    spec.run.replications,
    (replication) => ({ spec, replication }),
    workers,
    (_unit, outcome) => onOutcome(outcome),
    onProgress,
    shouldStop,
    signal,
  );
}

/**
 * Runs `count` units of work on up to `workers` threads and hands each outcome to `onOutcome` in unit order, 0, 1,
 * 2, ... Each replication has its own streams, so the outcomes are the same, bit for bit, as a run in one thread.
 * Threads finish out of order: an outcome that is ahead of the next one to hand over waits, and no unit starts
 * more than AHEAD_PER_WORKER x workers past that next one, so what waits is bounded by the worker count, not by
 * the number of units. `shouldStop` (asked now and then) cuts the running units short and starts no new one past
 * the first. Once `signal` is aborted, the threads are terminated and the promise rejects with the signal's reason.
 */
export function runUnitsInParallel(
  count: number,
  unitAt: (index: number) => WorkUnit,
  workers: number,
  onOutcome: (index: number, outcome: ReplicationOutcome) => void,
  onProgress?: (fraction: number) => void,
  shouldStop?: () => boolean,
  signal?: AbortSignal,
): Promise<void> {
  const stop = new SharedArrayBuffer(4);
  const stopFlag = new Int32Array(stop);
  const window = AHEAD_PER_WORKER * workers;
  // Each thread's share of the work, so that a thread with much of it compiles for long work from its first unit.
  const threadEvents = estimatedEventsOf(Array.from({ length: count }, (_, i) => unitAt(i).spec)) / Math.min(workers, count);
  /** Finished outcomes, handed over in unit order. */
  let handedOver = 0;
  const inOrder = new InOrder<ReplicationOutcome>((outcome) => onOutcome(handedOver++, outcome));
  /** Progress of the units running now, 0 .. 1 each. */
  const running = new Map<number, number>();
  let next = 0;
  let finished = 0;
  let stopped = false;
  let busy = 0;
  let settled = false;
  let threads: Worker[] = [];
  /** Units sent to each thread and not finished yet. */
  const queued = new Map<Worker, number>();

  return new Promise((resolve, reject) => {
    const abort = () => finish(signal!.reason);
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      if (error !== undefined) {
        // A thread may be in the middle of a unit: only terminating it stops that.
        for (const thread of threads) void thread.terminate();
        reject(error instanceof Error ? error : new Error(String(error)));
      } else {
        returnThreads(threads);
        resolve();
      }
    };
    if (signal?.aborted) {
      settled = true;
      reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      return;
    }
    signal?.addEventListener('abort', abort, { once: true });
    const reportProgress = () => {
      if (!onProgress) return;
      let sum = finished;
      for (const fraction of running.values()) sum += fraction;
      onProgress(sum / count);
    };
    const checkStop = () => {
      if (!stopped && shouldStop?.()) {
        stopped = true;
        Atomics.store(stopFlag, 0, 1);
      }
    };
    const assign = (thread: Worker): boolean => {
      checkStop();
      if (next >= count || (stopped && next > 0) || next >= inOrder.next + window) return false;
      const depth = count - next > threads.length * QUEUED_PER_THREAD ? QUEUED_PER_THREAD : 1;
      if ((queued.get(thread) ?? 0) >= depth) return false;
      const unit = unitAt(next);
      const job: ReplicationJob = { spec: unit.spec, replication: unit.replication, unit: next, stop, threadEvents };
      running.set(next, 0);
      next++;
      thread.postMessage(job);
      queued.set(thread, (queued.get(thread) ?? 0) + 1);
      busy++;
      return true;
    };
    const fill = () => {
      for (const thread of threads) while (assign(thread));
    };
    threads = takeThreads(Math.min(workers, count));
    for (const thread of threads) {
      thread.on('message', (message: WorkerMessage) => {
        // Messages already on their way when the pool finished (an abort, a failure) report nothing any more.
        if (settled) return;
        if (message.kind === 'progress') {
          running.set(message.unit, message.fraction);
          reportProgress();
          checkStop();
          return;
        }
        if (message.kind === 'failed') {
          finish(new Error(message.message));
          return;
        }
        running.delete(message.unit);
        finished++;
        busy--;
        queued.set(thread, queued.get(thread)! - 1);
        // The next unit goes out before this outcome is decoded and folded, so the thread does not wait for it.
        fill();
        reportProgress();
        try {
          inOrder.put(message.unit, outcomeFromData(message.outcome));
        } catch (error) {
          finish(error);
          return;
        }
        fill();
        if (busy === 0) finish();
      });
      thread.on('error', (error) => finish(error));
    }
    fill();
    if (busy === 0) finish();
  });
}
