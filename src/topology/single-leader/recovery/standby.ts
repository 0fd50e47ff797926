import { createSampler } from '../../../engine/distributions/index.js';
import { LatencySketch } from '../../../metrics/latency-sketch.js';
import type { RandomStreams } from '../../../engine/rng.js';
import type { Simulator } from '../../../engine/simulator.js';
import type { NetworkSpec, NodeSpec, StandbySpec } from '../../../model/spec.js';
import { regionOfZone } from '../../../model/zones.js';
import { regionPath } from '../../runtime/region-routes.js';
import { Failback } from './failback.js';
import { FailoverProcedure } from './failover-procedure.js';
import { LogShipping } from './log-shipping.js';
import { NodeCount } from './node-hours.js';
import { StandbyScaling } from './standby-scaling.js';
import { StandbyServers } from './standby-servers.js';
import { createTier } from './tiers/registry.js';
import type { TierRuntime } from './tiers/tier.js';
import type { NodeTable } from '../../../model/node-table.js';

/** What the standby asks of the store. */
export interface StandbyHooks {
  hasLeader(): boolean;
  /** A request's work (work units), bytes, and whether it is a write. */
  work(request: number): number;
  bytes(request: number): number;
  isWrite(request: number): boolean;
  /** Whether the client still waits for this attempt (a write the standby completes for it is acknowledged). */
  awaited(request: number): boolean;
  /** The fenced standby refuses the write: the client retries after its backoff. */
  refuse(request: number): void;
  /** The reply of a request the standby served has reached its client: true if it succeeded (still awaited). */
  delivered(request: number): boolean;
  /** The response time of a request that just succeeded, if it is measured (in the window); NaN if not. */
  responseTime(request: number): number;
}

/** One outage of the primary that the standby took over from; times in seconds from the window's start. */
export interface OutageRecord {
  /** When the primary lost its leader for good (the start of the interval without a leader that was detected). */
  at: number;
  /** From the outage to the detection; from the detection to the end of the promotion (the decision included); to the redirection. */
  detection: number;
  promotion: number;
  /** From the end of the promotion to the standby ready to serve (the tier's restore or provisioning; 0 if none). */
  preparation: number;
  redirection: number;
  /** Acknowledged writes the promoted standby lacks (RPO), and the data-loss window (NaN: no write ever arrived). */
  writesLost: number;
  window: number;
  /** From the outage to the first successful write and read served by the promoted standby (NaN: none in the run). */
  rtoWrite: number;
  rtoRead: number;
  /** Failback: from its start (the standby fenced) to the clients back on the old primary, and the writes it lost (NaN: none). */
  failback: number;
  failbackWritesLost: number;
}

/** What a replication reports of the standby (plain data: it crosses worker threads). Lags in seconds. */
export interface RecoveryOutcome {
  /** The tier (`standby.tier.kind`). */
  tier: string;
  outages: OutageRecord[];
  /** Node-hours over the window: the standby region's nodes (as the tier runs them) and the primary's (provisioned). */
  cost: { standbyNodeHours: number; primaryNodeHours: number };
  lag: { count: number; mean: number; p99: number; max: number };
  /** Response times of the measured requests the promoted standby served (seconds; NaN: none): a small standby's queue shows here. */
  served: { count: number; mean: number; p99: number };
  /** The lag per interval of the time series (seconds from the window's start, `width` each): mean and max. */
  lagSeries: { width: number; mean: number[]; max: number[] };
}

/**
 * The standby region of a replicated store (issue 14): the tier (`tiers/`) says how the leader's acknowledged writes
 * reach it (`LogShipping`, per write or per snapshot) and how many nodes it runs; `FailoverProcedure` watches the
 * primary and promotes it; from the redirection on it serves every request: a round trip of the clients' latency to
 * its zone (stream `recovery/clients`) around its cores' FIFO queue (`StandbyServers`: nodes x cores of the primary's
 * first node, at its speed), until the end of the run, or with `failback` until the clients are back on the old
 * primary: then the standby is a standby again (the tier's stream resumes, the checks rearm on their cycle), so each
 * later outage of the primary region is detected, failed over and failed back the same way, one record each.
 *
 * RPO: at the detection the shipping stream is cut at the outage's start (the moment the primary lost its leader):
 * the writes acknowledged but not at the standby by then are lost, and so is every write a primary that came back
 * acknowledges after the detection (a split brain until the clients are redirected).
 */
export class Standby {
  private readonly shipping: LogShipping;
  private readonly tier: TierRuntime;
  private readonly tierKind: string;
  private readonly procedure: FailoverProcedure;
  private readonly servers: StandbyServers;
  /** The controller that sizes the standby (a warm standby's `autoscaler`), null without one: then the tier's steps do. */
  private readonly scaling: StandbyScaling | null;
  private readonly nodesRunning: NodeCount;
  private readonly primaryNodes: number;
  private readonly coresPerNode: number;
  private readonly arriveKind: number;
  private readonly scaleUpKind: number;
  private readonly failback: Failback | null;
  /** The failovers so far (the current one included): a scale-up drawn in an earlier one is stale. */
  private failovers = 0;
  /** The outages already failed back, with their figures (times absolute; `outcome` makes them window-relative). */
  private readonly done: OutageRecord[] = [];
  private readonly hooks: StandbyHooks;
  private readonly clientDelay: () => number;
  private readonly isWrite: (request: number) => boolean;
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
  private readonly servedTimes = new LatencySketch();
  private servedSum = 0;

  constructor(
    private readonly sim: Simulator,
    spec: StandbySpec,
    network: NetworkSpec,
    streams: RandomStreams,
    primary: NodeTable,
    hooks: StandbyHooks,
  ) {
    this.hooks = hooks;
    // The shipping leaves the primary's home region (its first node's) for the standby's, and failback's comes back.
    const home = regionOfZone(network, primary.fields(0).zone);
    const out = regionPath(network, home, spec.region);
    const back = regionPath(network, spec.region, home);
    this.isWrite = hooks.isWrite;
    this.shipping = new LogShipping(out.bandwidth, createSampler(out.latency, streams.stream('recovery/shipping')));
    this.clientDelay = createSampler(spec.clients ?? network.latency, streams.stream('recovery/clients'));
    const fullNodes = spec.nodes ?? primary.length;
    this.primaryNodes = primary.length;
    this.coresPerNode = spec.cores ?? primary.fields(0).cores;
    const tierSpec = spec.tier ?? { kind: 'active-passive' };
    this.tierKind = tierSpec.kind;
    this.tier = createTier(tierSpec, { sim, streams, shipping: this.shipping, fullNodes });
    this.nodesRunning = new NodeCount(this.tier.idleNodes);
    this.procedure = new FailoverProcedure(sim, spec.failover, streams, {
      healthy: () => hooks.hasLeader(),
      detected: () => this.detected(),
      promoted: () => {
        if (this.scaling === null) this.nodesRunning.set(sim.now, Math.max(this.tier.idleNodes, this.tier.promotedNodes));
        return this.tier.preparation();
      },
      redirected: () => this.redirected(fullNodes),
    });
    this.servers = new StandbyServers(sim, 0, primary.fields(0).speed, hooks.work, (request) => this.served(request));
    const autoscaler = this.tier.autoscaler;
    this.scaling = autoscaler === undefined ? null : new StandbyScaling(sim, autoscaler, streams, this.servers, this.coresPerNode, this.nodesRunning);
    this.arriveKind = sim.register((request) => this.arrive(request));
    this.scaleUpKind = sim.register((failover) => {
      if (failover === this.failovers && this.serving) this.servers.resize(fullNodes * this.coresPerNode);
    });
    this.failback =
      spec.failback === undefined
        ? null
        : new Failback(
            sim,
            spec.failback.after,
            new LogShipping(back.bandwidth, createSampler(back.latency, streams.stream('recovery/failback-shipping'))),
            createSampler(spec.failover.promotion, streams.stream('recovery/failback')),
            spec.failover.redirection,
            () => this.failedBackNow(),
          );
    const reply = (request: number, write: boolean) => {
      // A reply to an attempt its client gave up on is no success: the RTO waits for one that counts.
      if (!hooks.delivered(request)) return;
      const time = hooks.responseTime(request);
      if (!Number.isNaN(time)) {
        this.servedTimes.record(time);
        this.servedSum += time;
        this.scaling?.replied(time);
      }
      // A reply still on its way after a failback is no part of the next outage's RTO.
      if (Number.isNaN(this.outageAt)) return;
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
      this.tier.acknowledged(this.sim.now, bytes);
      return;
    }
    this.writesLost++;
    this.newestLost = this.sim.now;
  }

  /** The primary's leader changed (`leader` -1: none). */
  leadership(leader: number): void {
    if (leader < 0) {
      if (Number.isNaN(this.leaderLostAt)) this.leaderLostAt = this.sim.now;
    } else {
      this.leaderLostAt = NaN;
      if (this.serving) this.failback?.returned();
    }
  }

  /** The promoted standby serves `request`: it reaches the standby, waits for a core, is served, and its reply returns. */
  serve(request: number): void {
    this.sim.at(this.sim.now + this.clientDelay(), this.arriveKind, request);
  }

  /** The request reaches the standby: a fenced standby refuses writes (the client retries), else it waits for a core. */
  private arrive(request: number): void {
    this.scaling?.arrived();
    if (this.failback?.fenced === true && this.isWrite(request)) this.hooks.refuse(request);
    else this.servers.arrive(request);
  }

  private served(request: number): void {
    if (this.isWrite(request) && this.hooks.awaited(request)) this.failback?.acknowledged(this.hooks.bytes(request));
    this.sim.at(this.sim.now + this.clientDelay(), this.isWrite(request) ? this.writeReplyKind : this.readReplyKind, request);
  }

  private redirected(fullNodes: number): void {
    if (this.scaling === null) this.servers.resize(this.tier.promotedNodes * this.coresPerNode);
    if (this.hooks.hasLeader()) this.failback?.returned(); // the primary region came back before the redirection
    const delay = this.tier.scaleUp();
    if (delay === null) return;
    this.nodesRunning.set(this.sim.now, fullNodes);
    this.sim.at(this.sim.now + delay, this.scaleUpKind, this.failovers);
  }

  /**
   * The clients are back on the old primary: this outage's figures are final, and the standby is a standby again
   * (the tier's stream resumes, the checks rearm), so a later outage of the primary region fails over again.
   */
  private failedBackNow(): void {
    if (this.scaling === null) this.nodesRunning.set(this.sim.now, this.tier.idleNodes);
    const record = this.currentRecord();
    if (record !== null) this.done.push(record);
    this.outageAt = NaN;
    this.writesLost = 0;
    this.newestLost = NaN;
    this.newestKept = NaN;
    this.firstWrite = NaN;
    this.firstRead = NaN;
    this.failback?.reset();
    this.tier.resume?.();
    this.procedure.rearm();
  }

  /** The current outage's figures, times absolute (null: no outage detected since the last failback). */
  private currentRecord(): OutageRecord | null {
    const at = this.outageAt;
    if (Number.isNaN(at)) return null;
    const { detectedAt, promotedAt, preparedAt, redirectedAt } = this.procedure.times;
    return {
      at,
      detection: detectedAt - at,
      promotion: promotedAt - detectedAt,
      preparation: preparedAt - promotedAt,
      redirection: redirectedAt - preparedAt,
      writesLost: this.writesLost,
      window: this.writesLost === 0 ? 0 : this.newestLost - this.newestKept,
      rtoWrite: this.firstWrite - at,
      rtoRead: this.firstRead - at,
      failback: this.failback === null ? NaN : this.failback.times.redirectedAt - this.failback.times.startedAt,
      failbackWritesLost: this.failback?.writesLost ?? NaN,
    };
  }

  /** The window opens (`on`, its intervals of `width` from `start`) or closes. */
  measure(on: boolean, start?: number, width?: number): void {
    this.shipping.measure(on, start, width);
    if (on) this.scaling?.statisticsReset();
  }

  /** The outages that began in [from, to), in order, and the lag of the writes shipped in the window. */
  outcome(from: number, to: number): RecoveryOutcome {
    const current = this.currentRecord();
    const outages = [...this.done, ...(current === null ? [] : [current])]
      .filter((record) => record.at >= from && record.at < to)
      .map((record) => ({ ...record, at: record.at - from }));
    const lag = this.shipping.lag;
    const count = lag.count;
    const hours = (to - from) / 3600;
    return {
      tier: this.tierKind,
      outages,
      cost: { standbyNodeHours: this.nodesRunning.hours(from, to), primaryNodeHours: this.primaryNodes * hours },
      lag: {
        count,
        mean: count > 0 ? this.shipping.lagTotal / count : NaN,
        p99: count > 0 ? lag.quantile(0.99) : NaN,
        max: count > 0 ? lag.max : NaN,
      },
      served: {
        count: this.servedTimes.count,
        mean: this.servedTimes.count > 0 ? this.servedSum / this.servedTimes.count : NaN,
        p99: this.servedTimes.count > 0 ? this.servedTimes.quantile(0.99) : NaN,
      },
      lagSeries: this.shipping.series(),
    };
  }

  private detected(): void {
    this.failovers++;
    // The detection follows `threshold` failed checks, so the primary has had no leader since `leaderLostAt`.
    this.outageAt = this.leaderLostAt;
    const loss = this.tier.cut(this.outageAt);
    this.writesLost = loss.writesLost;
    this.newestLost = loss.newestLost;
    this.newestKept = loss.newestKept;
  }
}
