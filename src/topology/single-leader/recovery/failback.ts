import type { Simulator } from '../../../engine/simulator.js';
import type { LogShipping } from './log-shipping.js';

/** The times of one failback, in simulated seconds (NaN until reached). */
export interface FailbackTimes {
  /** The primary region had a leader again while the standby served. */
  returnedAt: number;
  /** The scripted start: `after` past the return; the standby refuses writes from then on (fenced). */
  startedAt: number;
  /** The old primary holds every write the standby acknowledged (the catch-up and the fenced stream drained). */
  caughtUpAt: number;
  /** The old primary is promoted back; the clients reach it a redirection later. */
  promotedAt: number;
  redirectedAt: number;
}

/**
 * Failback (issue 14): when the primary region returns, the old primary catches up from the promoted standby over
 * the region link (`reverse`, the same FIFO model as the forward shipping): first one transfer of the bytes the standby
 * acknowledged since it served, then each write as it is acknowledged. `after` past the return (a scripted
 * maintenance window) the standby is fenced (it refuses writes, which the clients retry), the stream drains, the old
 * primary is promoted back (the failover's promotion distribution, stream `recovery/failback`) and the clients are
 * redirected to it (the failover's redirection). The writes lost by the failback are those the standby acknowledged
 * that the old primary lacks when it is promoted: none, since the switch waits for the drain; counted, not assumed.
 */
export class Failback {
  times: FailbackTimes = unreached();
  /** Writes the standby acknowledged before the return (the catch-up), and their bytes. */
  private backlog = 0;
  private backlogBytes = 0;
  private backlogArrival = NaN;
  writesLost = NaN;
  private readonly startKind: number;
  private readonly promoteKind: number;
  private readonly promotedKind: number;
  private readonly redirectKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly after: number,
    private readonly reverse: LogShipping,
    private readonly promotion: () => number,
    private readonly redirection: number,
    /** The clients are back on the old primary. */
    private readonly done: () => void,
  ) {
    this.startKind = sim.register(() => this.start());
    this.promoteKind = sim.register(() => this.promote());
    this.promotedKind = sim.register(() => this.promoted());
    this.redirectKind = sim.register(() => this.redirect());
  }

  /** The failback is over and the standby a standby again: the next failover's failback starts afresh. */
  reset(): void {
    this.times = unreached();
    this.backlog = 0;
    this.backlogBytes = 0;
    this.backlogArrival = NaN;
    this.writesLost = NaN;
  }

  /** Whether the standby refuses writes (the failback has started). */
  get fenced(): boolean {
    return !Number.isNaN(this.times.startedAt);
  }

  /** The standby acknowledged a write of `bytes` (it serves, not fenced). */
  acknowledged(bytes: number): void {
    if (Number.isNaN(this.times.returnedAt)) {
      this.backlog++;
      this.backlogBytes += bytes;
    } else this.reverse.ship(this.sim.now, bytes);
  }

  /** The primary region has a leader again (the first time while the standby serves): the catch-up starts. */
  returned(): void {
    if (!Number.isNaN(this.times.returnedAt)) return;
    this.times.returnedAt = this.sim.now;
    if (this.backlog > 0) {
      this.reverse.shipBatch(this.sim.now, this.backlogBytes, []);
      this.backlogArrival = this.reverse.drainedAt;
    }
    this.sim.at(this.sim.now + this.after, this.startKind, 0);
  }

  private start(): void {
    this.times.startedAt = this.sim.now;
    const drained = Math.max(this.sim.now, this.reverse.drainedAt);
    this.sim.at(drained, this.promoteKind, 0);
  }

  private promote(): void {
    const now = this.sim.now;
    // A write in service at the fence is acknowledged after it: wait for it to reach the old primary too.
    if (this.reverse.drainedAt > now) {
      this.sim.at(this.reverse.drainedAt, this.promoteKind, 0);
      return;
    }
    this.times.caughtUpAt = now;
    const backlogLost = this.backlog > 0 && !(this.backlogArrival <= now) ? this.backlog : 0;
    this.writesLost = backlogLost + this.reverse.cut(now).writesLost;
    this.sim.at(now + this.promotion(), this.promotedKind, 0);
  }

  private promoted(): void {
    this.times.promotedAt = this.sim.now;
    this.sim.at(this.sim.now + this.redirection, this.redirectKind, 0);
  }

  private redirect(): void {
    this.times.redirectedAt = this.sim.now;
    this.done();
  }
}

function unreached(): FailbackTimes {
  return { returnedAt: NaN, startedAt: NaN, caughtUpAt: NaN, promotedAt: NaN, redirectedAt: NaN };
}
