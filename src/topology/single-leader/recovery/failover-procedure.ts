import { createSampler } from '../../../engine/distributions/index.js';
import type { RandomStreams } from '../../../engine/rng.js';
import type { Simulator } from '../../../engine/simulator.js';
import type { FailoverSpec } from '../../../model/spec.js';

/** The times of one failover, in simulated seconds (NaN until reached). */
export interface FailoverTimes {
  detectedAt: number;
  promotedAt: number;
  /** When the standby was ready to serve: the promotion plus the tier's preparation (a restore, a provisioning). */
  preparedAt: number;
  redirectedAt: number;
}

/**
 * The failover procedure as data (issue 14): health checks of the primary every `interval` from the standby region,
 * the first at a uniformly random phase of the cycle (stream `recovery/health-checks`), so the outage falls anywhere in
 * it; `threshold` failed checks in a row declare the primary lost; a manual failover then waits for the operator's
 * decision (stream `recovery/decision`); the promotion takes its drawn duration (stream `recovery/promotion`); the
 * tier's preparation follows (a restore, a provisioning: `hooks.preparation`, 0 for a standby ready to serve); the
 * clients reach the prepared standby `redirection` later (the DNS TTL, taken whole: the last cached entry expires a
 * full TTL after the record changes). The checks stop at the detection; after a failback (the old primary the
 * primary again) `rearm` starts them again on the same cycle, so a later outage is detected and failed over too.
 */
export class FailoverProcedure {
  /** The current (or last) failover's times. */
  times: FailoverTimes = unreached();
  private failedInRow = 0;
  /** When the first check ran: every check is a whole number of intervals after it. */
  private readonly firstCheck: number;
  private readonly checkKind: number;
  private readonly promoteKind: number;
  private readonly promotedKind: number;
  private readonly preparedKind: number;
  private readonly redirectedKind: number;
  private readonly decision: (() => number) | null;
  private readonly promotion: () => number;

  constructor(
    private readonly sim: Simulator,
    private readonly spec: FailoverSpec,
    streams: RandomStreams,
    private readonly hooks: {
      /** Whether the primary answers a health check (it has a leader). */
      healthy(): boolean;
      detected(): void;
      /** The promotion ended: the time the standby then takes to be ready to serve. */
      promoted(): number;
      redirected(): void;
    },
  ) {
    this.decision = spec.decision === undefined ? null : createSampler(spec.decision, streams.stream('recovery/decision'));
    this.promotion = createSampler(spec.promotion, streams.stream('recovery/promotion'));
    this.checkKind = sim.register(() => this.check());
    this.promoteKind = sim.register(() => this.promote());
    this.promotedKind = sim.register(() => this.promoted());
    this.preparedKind = sim.register(() => this.prepared());
    this.redirectedKind = sim.register(() => this.redirect());
    this.firstCheck = streams.stream('recovery/health-checks')() * spec.interval;
    sim.at(this.firstCheck, this.checkKind, 0);
  }

  /**
   * The promoted standby has handed the role back (failback): it is a standby again. The times start afresh and the
   * checks resume at the next instant of their cycle, so the phase of a later outage in the cycle is as uniform as
   * the first's.
   */
  rearm(): void {
    this.times = unreached();
    this.failedInRow = 0;
    const now = this.sim.now;
    const cycles = Math.floor((now - this.firstCheck) / this.spec.interval) + 1;
    this.sim.at(this.firstCheck + cycles * this.spec.interval, this.checkKind, 0);
  }

  /** Whether the clients have been redirected to the promoted standby. */
  get redirected(): boolean {
    return !Number.isNaN(this.times.redirectedAt);
  }

  private check(): void {
    this.failedInRow = this.hooks.healthy() ? 0 : this.failedInRow + 1;
    if (this.failedInRow < this.spec.threshold) {
      this.sim.at(this.sim.now + this.spec.interval, this.checkKind, 0);
      return;
    }
    this.times.detectedAt = this.sim.now;
    this.hooks.detected();
    const wait = this.decision === null ? 0 : this.decision();
    this.sim.at(this.sim.now + wait, this.promoteKind, 0);
  }

  private promote(): void {
    this.sim.at(this.sim.now + this.promotion(), this.promotedKind, 0);
  }

  private promoted(): void {
    this.times.promotedAt = this.sim.now;
    this.sim.at(this.sim.now + this.hooks.promoted(), this.preparedKind, 0);
  }

  private prepared(): void {
    this.times.preparedAt = this.sim.now;
    this.sim.at(this.sim.now + this.spec.redirection, this.redirectedKind, 0);
  }

  private redirect(): void {
    this.times.redirectedAt = this.sim.now;
    this.hooks.redirected();
  }
}

function unreached(): FailoverTimes {
  return { detectedAt: NaN, promotedAt: NaN, preparedAt: NaN, redirectedAt: NaN };
}
