import { grownFloat64, grownInt32, grownUint8 } from '../../engine/growable.js';
import type { Simulator } from '../../engine/simulator.js';

/** How a k-of-n wait ended. */
export const FanOutEnd = {
  /** k parties answered yes. */
  met: 0,
  /** So many answered no that k yeses can no longer come (n - no < k). */
  impossible: 1,
  /** The deadline passed first. */
  deadline: 2,
} as const;
export type FanOutEnd = (typeof FanOutEnd)[keyof typeof FanOutEnd];

/** Wait ids take the low 24 bits of a handle; the wait's generation the bits above (a handle is a safe integer). */
const idSpace = 2 ** 24;

/**
 * k-of-n waits, SimPy's Condition for quorums: an operation fans out to n parties (replicas, followers) and is done
 * when k of them have answered yes, when so many have answered no that k yeses can no longer come, or when its
 * deadline passes, whichever is first; it ends exactly once, through `onEnd`. An answer after the end is told to
 * `onLate` (read repair or a hint may want it) and changes nothing else.
 *
 * A wait started with `every` also needs a yes from every party present, at least k in all: "all live replicas, and
 * a quorum" (a single-leader store's `all`). Parties that have not answered may `leave` (a crashed follower nobody
 * waits for) and `rejoin` (it is back), so the set it waits for follows the cluster; a leave never makes a wait
 * impossible, since the party may return.
 *
 * Waits live in typed arrays recycled through a free list, so a quorum per request allocates nothing per request.
 * `start` returns a handle that names the wait and its generation: an answer carrying the handle of an ended wait is
 * recognised as late even after the slot has been reused.
 *
 * Deadlines: a store's waits mostly share one timeout, so their deadlines come in start order. Those go into a FIFO
 * watched by a single pending event, at the oldest deadline of a wait still open; waits that ended are dropped from
 * its head as it is served, so a wait that ends before its deadline costs no event and does not sit in the
 * simulator's heap (which stays small: the events of the messages in flight). A deadline earlier than the last one
 * queued gets an event of its own, ignored if its wait has ended.
 */
export class FanOut {
  private needed = new Int32Array(64);
  private parties = new Int32Array(64);
  private yes = new Int32Array(64);
  private no = new Int32Array(64);
  private generation = new Float64Array(64);
  private deadlineAt = new Float64Array(64);
  private context = new Int32Array(64);
  private open = new Uint8Array(64);
  private every = new Uint8Array(64);
  private readonly free: number[] = [];
  private used = 0;
  private readonly deadlineKind: number;
  /** The FIFO of deadlines in start order: wait id, its generation, its deadline; [head, tail). */
  private queueIds = new Int32Array(256);
  private queueGenerations = new Float64Array(256);
  private queueTimes = new Float64Array(256);
  private head = 0;
  private tail = 0;
  /** When the FIFO's event is due (Infinity: none); an event at another time is stale and does nothing. */
  private watchAt = Infinity;
  private readonly queueKind: number;

  constructor(
    private readonly sim: Simulator,
    /** The wait started with `context` ended `how`. */
    private readonly onEnd: (context: number, how: FanOutEnd) => void,
    /** A party answered the wait started with `context` after it had ended. */
    private readonly onLate: ((context: number, yes: boolean) => void) | null = null,
  ) {
    this.deadlineKind = sim.register((id) => {
      // A reused slot has a later deadline of its own (or none): this event is not about it.
      if (this.open[id] === 1 && this.deadlineAt[id] === this.sim.now) this.end(id, FanOutEnd.deadline);
    });
    this.queueKind = sim.register(() => this.serveQueue());
  }

  /**
   * Starts a wait for `k` yeses out of `n` answers (1 <= k <= n), ending at absolute time `deadline` at the latest
   * (Infinity: none). `context` (a request id, say) is handed back to `onEnd` and `onLate`. With `every`, it also
   * waits for a yes from each of the `n` parties present (n may then be below k until parties rejoin). Returns the
   * handle the parties answer with.
   */
  start(k: number, n: number, deadline: number, context: number, every = false): number {
    if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 1 && n >= 0 && (every || k <= n))) {
      throw new Error(`fan-out: need integers 1 <= k <= n (n >= 0 with every), got k = ${k}, n = ${n}`);
    }
    const id = this.free.length > 0 ? this.free.pop()! : this.newWait();
    this.needed[id] = k;
    this.parties[id] = n;
    this.yes[id] = 0;
    this.no[id] = 0;
    this.open[id] = 1;
    this.every[id] = every ? 1 : 0;
    this.context[id] = context;
    this.deadlineAt[id] = deadline;
    const generation = ++this.generation[id];
    if (deadline !== Infinity) this.queueDeadline(id, generation, deadline);
    return generation * idSpace + id;
  }

  /** One party answered: yes (acknowledged, replied) or no (refused, failed, known to be lost). */
  answer(handle: number, yes: boolean): void {
    const id = handle % idSpace;
    if (this.open[id] !== 1 || this.generation[id] !== (handle - id) / idSpace) {
      this.onLate?.(this.lateContext(handle), yes);
      return;
    }
    if (yes) {
      this.yes[id]++;
      if (this.isMet(id)) this.end(id, FanOutEnd.met);
    } else if (this.parties[id] - ++this.no[id] < this.needed[id] || this.every[id] === 1) {
      // An `every` wait needs each present party's yes: one no settles it.
      this.end(id, FanOutEnd.impossible);
    }
  }

  /** A party that has not answered leaves: it is no longer waited for (an `every` wait may end met). */
  leave(handle: number): void {
    if (!this.isOpen(handle)) return;
    const id = handle % idSpace;
    this.parties[id]--;
    if (this.isMet(id)) this.end(id, FanOutEnd.met);
  }

  /** A party that left is back: it is waited for again. */
  rejoin(handle: number): void {
    if (this.isOpen(handle)) this.parties[handle % idSpace]++;
  }

  /** One more party is asked while the wait is open (a speculative retry to another replica): it may answer too. */
  widen(handle: number): void {
    if (this.isOpen(handle)) this.parties[handle % idSpace]++;
  }

  /** Whether the wait is still waiting. */
  isOpen(handle: number): boolean {
    const id = handle % idSpace;
    return this.open[id] === 1 && this.generation[id] === (handle - id) / idSpace;
  }

  /** Waits open now: bounded by the operations in flight, not by the run. */
  get openCount(): number {
    return this.used - this.free.length;
  }

  /** Ends a wait without `onEnd`: its caller decided the outcome itself (the coordinator crashed, say). */
  cancel(handle: number): void {
    if (!this.isOpen(handle)) return;
    const id = handle % idSpace;
    this.open[id] = 0;
    this.free.push(id);
  }

  /** A deadline joins the FIFO if it is not earlier than the last one queued; otherwise it is an event of its own. */
  private queueDeadline(id: number, generation: number, deadline: number): void {
    if (this.head < this.tail && deadline < this.queueTimes[this.tail - 1]) {
      this.sim.at(deadline, this.deadlineKind, id);
      return;
    }
    if (this.tail === this.queueIds.length) this.makeRoom();
    this.queueIds[this.tail] = id;
    this.queueGenerations[this.tail] = generation;
    this.queueTimes[this.tail] = deadline;
    this.tail++;
    this.watch(deadline);
  }

  private watch(at: number): void {
    if (this.watchAt <= at) return;
    this.watchAt = at;
    this.sim.at(at, this.queueKind, 0);
  }

  /** The FIFO's event: the waits whose deadline is now end; ended ones leave the head; the next open one is watched. */
  private serveQueue(): void {
    const now = this.sim.now;
    if (now !== this.watchAt) return;
    this.watchAt = Infinity;
    while (this.head < this.tail) {
      const at = this.head;
      const id = this.queueIds[at];
      const live = this.open[id] === 1 && this.generation[id] === this.queueGenerations[at];
      if (live && this.queueTimes[at] > now) {
        this.watch(this.queueTimes[at]);
        return;
      }
      this.head++;
      if (live) this.end(id, FanOutEnd.deadline);
    }
    this.head = 0;
    this.tail = 0;
  }

  /** The FIFO is full: what was served leaves the front, or it doubles. */
  private makeRoom(): void {
    if (this.head > 0) {
      this.queueIds.copyWithin(0, this.head, this.tail);
      this.queueGenerations.copyWithin(0, this.head, this.tail);
      this.queueTimes.copyWithin(0, this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
      if (this.tail < this.queueIds.length) return;
    }
    const size = this.queueIds.length * 2;
    this.queueIds = grownInt32(this.queueIds, size);
    this.queueGenerations = grownFloat64(this.queueGenerations, size);
    this.queueTimes = grownFloat64(this.queueTimes, size);
  }

  private isMet(id: number): boolean {
    const yes = this.yes[id];
    return yes >= this.needed[id] && (this.every[id] === 0 || yes >= this.parties[id]);
  }

  private end(id: number, how: FanOutEnd): void {
    this.open[id] = 0;
    this.free.push(id);
    this.onEnd(this.context[id], how);
  }

  /** The context of an ended wait is gone with its slot: late answers carry the handle's own context if kept. */
  private lateContext(handle: number): number {
    const id = handle % idSpace;
    return this.generation[id] === (handle - id) / idSpace ? this.context[id] : -1;
  }

  private newWait(): number {
    if (this.used === this.needed.length) this.grow();
    if (this.used >= idSpace) throw new Error(`fan-out: more than ${idSpace} waits open at once`);
    return this.used++;
  }

  private grow(): void {
    const size = this.needed.length * 2;
    this.needed = grownInt32(this.needed, size);
    this.parties = grownInt32(this.parties, size);
    this.yes = grownInt32(this.yes, size);
    this.no = grownInt32(this.no, size);
    this.context = grownInt32(this.context, size);
    this.generation = grownFloat64(this.generation, size);
    this.deadlineAt = grownFloat64(this.deadlineAt, size);
    this.open = grownUint8(this.open, size);
    this.every = grownUint8(this.every, size);
  }
}
