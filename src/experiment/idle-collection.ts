import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Above this many bytes of heap and array buffers, a thread about to wait collects its garbage: a worker thread after
 * a replication, the main thread before the replications of a scenario start. An idle thread runs no collection of
 * its own: what a million-node replication left (its stations, its request table: several hundred MB), or what
 * loading a million-node scenario left (300 MB), would stay resident through the other thread's peak. Small runs
 * never reach this and never pay for a collection.
 */
const LARGE_HEAP_BYTES = 256 * 1024 * 1024;

let collect: (() => void) | undefined;

/**
 * A full collection of this thread's heap, with V8's `gc` obtained the way jest-leak-detector does
 * (jestjs/jest, packages/jest-leak-detector/src/index.ts): the flag set, `gc` read from a new context, the flag
 * cleared again so that no other code sees `gc`.
 */
function collector(): () => void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  return collect;
}

/** Collects this thread's garbage when a replication left a large heap behind (see LARGE_HEAP_BYTES). */
export function collectIfLarge(): void {
  const { heapTotal, arrayBuffers } = process.memoryUsage();
  if (heapTotal + arrayBuffers > LARGE_HEAP_BYTES) collector()();
}
