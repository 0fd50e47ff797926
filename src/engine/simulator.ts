import { EventQueue, maxKinds } from './event-queue.js';

/** Handles one event; `target` is whatever integer the scheduler attached (a request id, a node index ...). */
export type EventHandler = (target: number) => void;

export interface RunLimits {
  /** Stop before the first event later than this simulated time. */
  until?: number;
  /** Stop after this many events (counting from the start of this call). */
  maxEvents?: number;
}

export type StopReason = 'until' | 'max-events' | 'stopped' | 'empty';

/**
 * The whole engine: a clock, the event queue and a table of handlers indexed by integer event kind. Everything with
 * meaning (nodes, requests, policies) lives outside it, as in SimPy's split between the environment and resources.
 */
export class Simulator {
  now = 0;
  /** Events handled so far. */
  events = 0;
  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  private stopRequested = false;
  private readonly callbacks: ((() => void) | undefined)[] = [];
  private readonly freeCallbacks: number[] = [];
  private readonly callbackKind: number;

  constructor() {
    this.callbackKind = this.register((slot) => {
      const callback = this.callbacks[slot]!;
      this.callbacks[slot] = undefined;
      this.freeCallbacks.push(slot);
      callback();
    });
  }

  /**
   * Runs `callback` at `time`. For rare events (failures, repairs, scripted steps): it allocates a closure, so the
   * per-request path uses registered kinds instead.
   */
  schedule(time: number, callback: () => void): void {
    const slot = this.freeCallbacks.length > 0 ? this.freeCallbacks.pop()! : this.callbacks.length;
    this.callbacks[slot] = callback;
    this.queue.push(time, this.callbackKind, slot);
  }

  /** Registers a handler and returns its event kind. */
  register(handler: EventHandler): number {
    if (this.handlers.length === maxKinds) throw new Error(`at most ${maxKinds} event kinds`);
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  at(time: number, kind: number, target: number): void {
    this.queue.push(time, kind, target);
  }

  /**
   * A lane for a source that never has more than one event pending, such as an open arrival process (its next
   * arrival is scheduled as it handles one): `atLane` schedules it, in the same order as `at` would, more cheaply.
   */
  openLane(): number {
    return this.queue.openLane();
  }

  /** As `at`, for the lane's one event: the lane must have none pending. */
  atLane(lane: number, time: number, kind: number, target: number): void {
    this.queue.pushLane(lane, time, kind, target);
  }

  after(delay: number, kind: number, target: number): void {
    this.queue.push(this.now + delay, kind, target);
  }

  /** Asks the running loop to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  get pending(): number {
    return this.queue.size;
  }

  run(limits: RunLimits = {}): StopReason {
    const queue = this.queue;
    const handlers = this.handlers;
    const until = limits.until ?? Infinity;
    const budget = limits.maxEvents ?? Infinity;
    this.stopRequested = false;
    let handled = 0;
    let reason: StopReason = 'empty';
    while (queue.size > 0) {
      if (handled >= budget) {
        reason = 'max-events';
        break;
      }
      if (until !== Infinity && queue.peekTime() > until) {
        reason = 'until';
        break;
      }
      queue.pop();
      this.now = queue.poppedTime;
      handled++;
      handlers[queue.poppedKind](queue.poppedTarget);
      if (this.stopRequested) {
        reason = 'stopped';
        break;
      }
    }
    this.events += handled;
    if (reason === 'until' || (reason === 'empty' && until !== Infinity)) this.now = until;
    return reason;
  }
}
