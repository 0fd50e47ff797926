import { createSampler } from '../../../engine/distributions/index.js';
import type { RandomStreams } from '../../../engine/rng.js';
import type { Simulator } from '../../../engine/simulator.js';
import type { NetworkSpec, StandbySpec } from '../../../model/spec.js';
import { FailoverProcedure } from './failover-procedure.js';
import { LogShipping } from './log-shipping.js';

/** One outage of the primary that the standby took over from; times in seconds from the window's start. */
export interface OutageRecord {
  /** When the primary lost its leader for good (the start of the interval without a leader that was detected). */
  at: number;
  /** From the outage to the detection; from the detection to the end of the promotion (the decision included); to the redirection. */
  detection: number;
  promotion: number;
  redirection: number;
  /** Acknowledged writes the promoted standby lacks (RPO), and the data-loss window (NaN: no write ever arrived). */
  writesLost: number;
  window: number;
  /** From the outage to the first successful write and read served by the promoted standby (NaN: none in the run). */
  rtoWrite: number;
  rtoRead: number;
}

/** What a replication reports of the standby (plain data: it crosses worker threads). Lags in seconds. */
export interface RecoveryOutcome {
  outages: OutageRecord[];
  lag: { count: number; mean: number; p99: number; max: number };
  /** The lag per interval of the time series (seconds from the window's start, `width` each): mean and max. */
  lagSeries: { width: number; mean: number[]; max: number[] };
}

/**
 * The standby region of a replicated store (issue 14, active/passive): the leader's acknowledged writes reach it by
 * `LogShipping`; `FailoverProcedure` watches the primary and promotes it; from the redirection on it serves every
 * request, a round trip of the clients' latency to its zone (stream `recovery/clients`; its compute and queue are not
 * modelled), until the end of the run (no failback).
 *
 * RPO: at the detection the shipping stream is cut at the outage's start (the moment the primary lost its leader):
 * the writes acknowledged but not at the standby by then are lost, and so is every write a primary that came back
 * acknowledges after the detection (a split brain until the clients are redirected).
 */
export class Standby {
  private readonly shipping: LogShipping;
  private readonly procedure: FailoverProcedure;
  private readonly clientDelay: () => number;
  private readonly writeReplyKind: number;
  private readonly readReplyKind: number;
  /** When the primary lost its leader, NaN while it has one. */
  private leaderLostAt = NaN;
  private outageAt = NaN;
  private writesLost = 0;
  private newestLost = NaN;
  private newestKept = NaN;
  private firstWrite = NaN;
  private firstRead = NaN;

  constructor(
    private readonly sim: Simulator,
    spec: StandbySpec,
    network: NetworkSpec,
    streams: RandomStreams,
    hooks: {
      hasLeader(): boolean;
      /** The reply of a request the standby served has reached its client: true if it succeeded (still awaited). */
      delivered(request: number): boolean;
    },
  ) {
    const bandwidth = network.links?.crossRegion?.bandwidth ?? Infinity;
    const latency = network.crossRegion ?? network.latency;
    this.shipping = new LogShipping(bandwidth, createSampler(latency, streams.stream('recovery/shipping')));
    this.clientDelay = createSampler(spec.clients ?? network.latency, streams.stream('recovery/clients'));
    this.procedure = new FailoverProcedure(sim, spec.failover, streams, {
      healthy: () => hooks.hasLeader(),
      detected: () => this.detected(),
      redirected: () => {},
    });
    const reply = (request: number, write: boolean) => {
      // A reply to an attempt its client gave up on is no success: the RTO waits for one that counts.
      if (!hooks.delivered(request)) return;
      const field = write ? 'firstWrite' : 'firstRead';
      if (Number.isNaN(this[field])) this[field] = sim.now;
    };
    this.writeReplyKind = sim.register((request) => reply(request, true));
    this.readReplyKind = sim.register((request) => reply(request, false));
  }

  /** Whether the clients now go to the promoted standby. */
  get serving(): boolean {
    return this.procedure.redirected;
  }

  /** The primary's leader acknowledged a write of `bytes`: shipped, or lost once the failover has begun. */
  acknowledged(bytes: number): void {
    if (Number.isNaN(this.outageAt)) {
      this.shipping.ship(this.sim.now, bytes);
      return;
    }
    this.writesLost++;
    this.newestLost = this.sim.now;
  }

  /** The primary's leader changed (`leader` -1: none). */
  leadership(leader: number): void {
    if (leader < 0) {
      if (Number.isNaN(this.leaderLostAt)) this.leaderLostAt = this.sim.now;
    } else this.leaderLostAt = NaN;
  }

  /** The promoted standby serves `request`: its reply reaches the client one round trip later. */
  serve(request: number, write: boolean): void {
    const roundTrip = this.clientDelay() + this.clientDelay();
    this.sim.at(this.sim.now + roundTrip, write ? this.writeReplyKind : this.readReplyKind, request);
  }

  /** The window opens (`on`, its intervals of `width` from `start`) or closes. */
  measure(on: boolean, start?: number, width?: number): void {
    this.shipping.measure(on, start, width);
  }

  /** The outages that began in [from, to), and the lag of the writes shipped in the window. */
  outcome(from: number, to: number): RecoveryOutcome {
    const outages: OutageRecord[] = [];
    const at = this.outageAt;
    if (at >= from && at < to) {
      const { detectedAt, promotedAt, redirectedAt } = this.procedure.times;
      outages.push({
        at: at - from,
        detection: detectedAt - at,
        promotion: promotedAt - detectedAt,
        redirection: redirectedAt - promotedAt,
        writesLost: this.writesLost,
        window: this.writesLost === 0 ? 0 : this.newestLost - this.newestKept,
        rtoWrite: this.firstWrite - at,
        rtoRead: this.firstRead - at,
      });
    }
    const lag = this.shipping.lag;
    const count = lag.count;
    return {
      outages,
      lag: {
        count,
        mean: count > 0 ? this.shipping.lagTotal / count : NaN,
        p99: count > 0 ? lag.quantile(0.99) : NaN,
        max: count > 0 ? lag.max : NaN,
      },
      lagSeries: this.shipping.series(),
    };
  }

  private detected(): void {
    // The detection follows `threshold` failed checks, so the primary has had no leader since `leaderLostAt`.
    this.outageAt = this.leaderLostAt;
    const loss = this.shipping.cut(this.outageAt);
    this.writesLost = loss.writesLost;
    this.newestLost = loss.newestLost;
    this.newestKept = loss.newestKept;
  }
}
