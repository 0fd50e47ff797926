import type { Simulator } from '../engine/simulator.js';
import type { Measurement } from '../metrics/measurement.js';
import { FailureCause } from '../metrics/failure-causes.js';
import { RequestFlag, type RequestTable } from '../model/request-table.js';
import type { ClientSpec } from '../model/spec.js';
import { backoffDelay } from './client-backoff.js';
import { ClientTimers } from './client-timers.js';

const { lost: LOST, abandoned: ABANDONED, eventPending: PENDING } = RequestFlag;

/**
 * Clients with a timeout that retry (`reliability.clients`), for a topology that routes each attempt afresh (the
 * single-leader store: every retry goes to the leader of the moment). Each attempt has a timer; an attempt that ends
 * without a reply is followed, after exponential backoff, by another on a new entry (re-sent through `send`), up to
 * `retries` times; then the request fails with the last attempt's cause, counted once through `failed`.
 *
 * An attempt ends without a reply in one of two ways:
 * - `lost`: silently (its node crashed, or a partition swallowed it or its reply): the client learns of it only when
 *   its timer fires, and then retries;
 * - `refused`: with an answer the client gets at once (no leader to take a write): it retries after its backoff
 *   without waiting for the timer.
 * A timer that fires while the attempt is still on its way (queued, or waiting for its replicas) abandons it: the
 * topology carries on with it (the servers do not know) and lets its entry go where its path ends (`ended`), without
 * counting it again.
 */
export class ClientRetries {
  private readonly timers: ClientTimers;
  private readonly retryKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly measurement: Measurement,
    private readonly clients: ClientSpec,
    private readonly rng: () => number,
    send: (request: number) => void,
    private readonly failed: (request: number, cause: number) => void,
    /** The client stops waiting for an attempt (its timer fired): the topology closes its books on it first. */
    private readonly abandoning?: (request: number) => void,
  ) {
    this.timers = new ClientTimers(sim, requests, clients.timeout, (request) => this.timedOut(request));
    this.retryKind = sim.register(send);
  }

  /** An attempt leaves the client now: its timer starts. */
  start(request: number): void {
    this.timers.start(request);
  }

  /** Whether the client has stopped waiting for this attempt (its outcome no longer counts). */
  abandoned(request: number): boolean {
    return (this.requests.flags[request] & ABANDONED) !== 0;
  }

  /** The attempt ended silently: the client retries when its timer fires (at once if it already has). */
  lost(request: number): void {
    const requests = this.requests;
    requests.flags[request] |= LOST;
    if ((requests.flags[request] & ABANDONED) !== 0) this.drop(request);
  }

  /** The attempt was refused with an answer: the client retries after its backoff, or the request fails. */
  refused(request: number, cause: number): void {
    this.requests.flags[request] |= LOST;
    if ((this.requests.flags[request] & ABANDONED) === 0) this.retryOrFail(request, cause);
    this.drop(request);
  }

  /** The path of an attempt the client abandoned has ended: its entry goes (unless an event still refers to it). */
  ended(request: number): void {
    this.requests.flags[request] |= LOST;
    this.drop(request);
  }

  private timedOut(request: number): void {
    const requests = this.requests;
    const flags = requests.flags[request];
    if ((flags & ABANDONED) !== 0) return;
    this.abandoning?.(request);
    this.retryOrFail(request, FailureCause.timeout);
    // A lost attempt can go now; one still on its way is let go where its path ends.
    if ((flags & LOST) !== 0) this.drop(request);
    else requests.flags[request] |= ABANDONED;
  }

  /** Another attempt after the backoff, or, out of retries, the request fails for good with `cause`. */
  private retryOrFail(request: number, cause: number): void {
    const requests = this.requests;
    if (requests.attempt[request] <= this.clients.retries) {
      const retry = requests.cloneForRetry(request);
      if (requests.isMeasured(request)) this.measurement.retries++;
      const wait = backoffDelay(requests.attempt[retry] - 1, this.clients.backoff, this.rng);
      this.sim.at(this.sim.now + wait, this.retryKind, retry);
    } else {
      this.failed(request, cause);
    }
  }

  private drop(request: number): void {
    const requests = this.requests;
    requests.flags[request] |= ABANDONED;
    if ((requests.flags[request] & PENDING) === 0) requests.release(request);
  }
}
