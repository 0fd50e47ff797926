import { grownFloat64, grownInt32, grownUint16 } from '../engine/growable.js';

export const RequestFlag = {
  /** The node holding the attempt crashed or was cut off: the attempt will never complete. */
  lost: 1,
  /** The client gave up on this attempt (timeout); whatever still happens to it is not recorded. */
  abandoned: 2,
  /** The request arrived while some node was not healthy. */
  degraded: 4,
  /** The dispatcher has closed its books on this attempt (reply, failure or timeout). */
  attemptClosed: 8,
  /** A completion event still refers to this entry: it must not be released before that event. */
  eventPending: 16,
  /** In service on a core of a FIFO station (so that a crash can find what it lost). */
  inService: 32,
  /** The request waited for a node to be started for it (a cold start: topology/runtime/waiting-room.ts). */
  waitedForNode: 64,
  /** Between allocate and release: lets a run count what is still in flight at its end. */
  alive: 128,
  /** The request arrived inside the measurement window. */
  measured: 256,
} as const;

const ALIVE = RequestFlag.alive;
const MEASURED = RequestFlag.measured;

/**
 * Live requests as columns of typed arrays indexed by a small integer id; ids are recycled through a free list so
 * the table's size follows the number of requests in flight, not the run length.
 */
export class RequestTable {
  classIndex: Int32Array;
  key: Int32Array;
  /** The dispatcher that sent the request (0 with a single dispatcher). */
  dispatcher: Int32Array;
  client: Int32Array;
  node: Int32Array;
  /** Arrival at the dispatcher (the start of the response time). */
  arrival: Float64Array;
  /**
   * The waiting time, in one column: the time the request joined its node's compute queue until its service starts,
   * then the time it waited (its start minus that). One column, where a queue arrival and a service start cost two
   * cache lines at the reply at 10 000 nodes (issue 17).
   */
  wait: Float64Array;
  work: Float64Array;
  bytes: Float64Array;
  /**
   * Flags of the client's view of an attempt, whether the entry is in use and whether the request is measured (see
   * RequestFlag): one column, where three cost three cache lines per request at 10 000 nodes.
   */
  flags: Uint16Array;
  /** Attempts so far (1 for the first). */
  attempt: Int32Array;
  /** The node's crash epoch when the request reached it: a crash since then means the request was lost. */
  epoch: Int32Array;
  /** Bumped on every allocation: timers that outlive a request recognise its successor by it. */
  generation: Int32Array;
  /** The next request in the same FIFO waiting room (-1: last): queues cost no memory of their own. */
  nextInQueue: Int32Array;
  /**
   * Whether anything reads attempts and generations (clients' timers and retries, a scheduler's task handles): each
   * such reader calls `keepAttempts` when it is built. Without, `allocate` leaves both columns alone: at 10 000 nodes
   * a reused entry's attempt and generation are two cold cache lines, a tenth of a request's memory traffic.
   */
  private keepsAttempts = false;
  /**
   * Whether entries other than the workload's requests (a leaderless cluster's replica tasks) write the class, key,
   * client and size columns. Without, those columns hold what the workload's requests wrote, and a workload whose
   * requests all carry the blank values (class 0, key -1, no client -1, 0 bytes) need not write them at all. Set
   * before the workload source is built (the topology is built first): the source reads it once.
   */
  identityShared = false;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  live = 0;

  constructor(initialCapacity = 1024) {
    this.classIndex = new Int32Array(initialCapacity);
    this.key = new Int32Array(initialCapacity).fill(-1);
    this.dispatcher = new Int32Array(initialCapacity);
    this.client = new Int32Array(initialCapacity).fill(-1);
    this.node = new Int32Array(initialCapacity);
    this.arrival = new Float64Array(initialCapacity);
    this.wait = new Float64Array(initialCapacity);
    this.work = new Float64Array(initialCapacity);
    this.bytes = new Float64Array(initialCapacity);
    this.flags = new Uint16Array(initialCapacity);
    this.attempt = new Int32Array(initialCapacity);
    this.epoch = new Int32Array(initialCapacity);
    this.generation = new Int32Array(initialCapacity);
    this.nextInQueue = new Int32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  allocate(): number {
    this.live++;
    const id = this.freeCount > 0 ? this.free[--this.freeCount] : this.fresh();
    this.flags[id] = ALIVE;
    if (this.keepsAttempts) {
      this.attempt[id] = 1;
      this.generation[id]++;
    }
    return id;
  }

  /** Called by a reader of `attempt` or `generation` when it is built, before the first allocation it relies on. */
  keepAttempts(): void {
    this.keepsAttempts = true;
  }

  /** An id never used yet; the columns grow when full (apart from `allocate`, so that the common path stays small). */
  private fresh(): number {
    if (this.used === this.arrival.length) this.grow();
    return this.used++;
  }

  release(id: number): void {
    this.live--;
    this.flags[id] &= ~ALIVE;
    this.free[this.freeCount++] = id;
  }

  /** Whether `id` is in use (between allocate and release). */
  isAlive(id: number): boolean {
    return (this.flags[id] & ALIVE) !== 0;
  }

  /** Whether request `id` arrived inside the measurement window. */
  isMeasured(id: number): boolean {
    return (this.flags[id] & MEASURED) !== 0;
  }

  /** Marks request `id` (just allocated) as arrived inside the measurement window. */
  markMeasured(id: number): void {
    this.flags[id] |= MEASURED;
  }

  /** Live requests held by `node` that a FIFO station is serving. */
  inServiceAt(node: number): number[] {
    const found: number[] = [];
    for (let id = 0; id < this.used; id++) {
      if (this.isAlive(id) && this.node[id] === node && (this.flags[id] & RequestFlag.inService) !== 0) found.push(id);
    }
    return found;
  }

  /** Requests still alive that arrived in the measurement window, not counting attempts the client gave up on. */
  countMeasuredAlive(): number {
    let count = 0;
    for (let id = 0; id < this.used; id++) {
      if (this.isAlive(id) && this.isMeasured(id) && (this.flags[id] & RequestFlag.abandoned) === 0) count++;
    }
    return count;
  }

  /** A new entry for the next attempt of `id`: same class, arrival, work, size, key and client. */
  cloneForRetry(id: number): number {
    const next = this.allocate();
    this.classIndex[next] = this.classIndex[id];
    this.key[next] = this.key[id];
    this.client[next] = this.client[id];
    this.dispatcher[next] = this.dispatcher[id];
    this.arrival[next] = this.arrival[id];
    this.work[next] = this.work[id];
    this.bytes[next] = this.bytes[id];
    this.flags[next] = (this.flags[id] & (RequestFlag.degraded | RequestFlag.waitedForNode | MEASURED)) | ALIVE;
    this.attempt[next] = this.attempt[id] + 1;
    return next;
  }

  private grow(): void {
    const capacity = this.arrival.length * 2;
    this.attempt = grownInt32(this.attempt, capacity);
    this.epoch = grownInt32(this.epoch, capacity);
    this.generation = grownInt32(this.generation, capacity);
    this.nextInQueue = grownInt32(this.nextInQueue, capacity);
    this.classIndex = grownInt32(this.classIndex, capacity);
    this.key = grownInt32(this.key, capacity, -1);
    this.dispatcher = grownInt32(this.dispatcher, capacity);
    this.client = grownInt32(this.client, capacity, -1);
    this.node = grownInt32(this.node, capacity);
    this.free = grownInt32(this.free, capacity);
    this.arrival = grownFloat64(this.arrival, capacity);
    this.wait = grownFloat64(this.wait, capacity);
    this.work = grownFloat64(this.work, capacity);
    this.bytes = grownFloat64(this.bytes, capacity);
    this.flags = grownUint16(this.flags, capacity);
  }
}
