import type { Simulator } from '../../engine/simulator.js';
import type { RaftCluster } from './raft-cluster.js';

/** Replication lag per interval of the measured window, as plain data. NaN where no sample saw a leader. */
export interface ReplicationLagData {
  /** The intervals' width (seconds), the same as the time series'. */
  width: number;
  /** Per interval: the mean over samples of the mean lag over live followers, and the largest lag of any sample. */
  mean: number[];
  max: number[];
}

/** Samples per interval: enough for a mean that is not one instant's, few enough to cost nothing. */
export const LAG_SAMPLES_PER_INTERVAL = 10;

/**
 * Replication lag over time: how many entries each live follower (up, and reachable from the leader) lacks of the
 * leader's log, sampled `LAG_SAMPLES_PER_INTERVAL` times per interval of the time series, once at a uniformly random
 * time in each of as many equal slices (stratified sampling: fixed times would alias with the heartbeats, which
 * ship async entries, and sample one phase of their cycle only; the times come from the stream
 * `single-leader/lag-samples`). A follower's lag is the leader's last index minus the
 * follower's match index, taken as Raft defines it (the highest entry replicated on it) but read from the logs
 * rather than from the leader's books: the leader learns it one round trip late and starts again from 0 after each
 * election, which would show every election as a spike of the whole log length.
 */
export class ReplicationLag {
  private readonly kind: number;
  private start = 0;
  private width = 1;
  private sample = 0;
  private running = false;
  private readonly means: number[] = [];
  private readonly maxima: number[] = [];
  private meanSum = 0;
  private led = 0;
  private max = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly raft: RaftCluster,
    /** Uniform on [0, 1): where in its slice each sample falls. */
    private readonly phase: () => number,
    /**
     * Only these followers count (the non-voters, say); a sample that finds none of them live is then no sample.
     * Absent: every follower, and a sample with none live counts a lag of 0.
     */
    private readonly counted?: (server: number) => boolean,
  ) {
    this.kind = sim.register(() => this.take());
  }

  /** Starts sampling the intervals [start + k width, start + (k + 1) width). */
  begin(start: number, width: number): void {
    this.start = start;
    this.width = width;
    this.sample = 0;
    this.running = true;
    this.means.length = 0;
    this.maxima.length = 0;
    this.resetInterval();
    this.schedule();
  }

  /** The window closed: the interval in progress ends here (if sampled at all). */
  end(): void {
    if (!this.running) return;
    this.running = false;
    if (this.sample % LAG_SAMPLES_PER_INTERVAL !== 0) this.closeInterval();
  }

  /** The mean of the intervals' means and the largest lag of the window; null when no sample counted. */
  overall(): { mean: number; max: number } | null {
    let sum = 0;
    let intervals = 0;
    let max = 0;
    for (let k = 0; k < this.means.length; k++) {
      if (Number.isNaN(this.means[k])) continue;
      sum += this.means[k];
      intervals++;
      if (this.maxima[k] > max) max = this.maxima[k];
    }
    return intervals === 0 ? null : { mean: sum / intervals, max };
  }

  toData(): ReplicationLagData {
    return { width: this.width, mean: this.means.slice(), max: this.maxima.slice() };
  }

  private schedule(): void {
    const slice = this.width / LAG_SAMPLES_PER_INTERVAL;
    this.sim.at(this.start + (this.sample + this.phase()) * slice, this.kind, 0);
  }

  private take(): void {
    if (!this.running) return;
    this.measure();
    this.sample++;
    if (this.sample % LAG_SAMPLES_PER_INTERVAL === 0) this.closeInterval();
    this.schedule();
  }

  private measure(): void {
    const raft = this.raft;
    const leader = raft.leader;
    if (leader < 0) return;
    const log = raft.servers[leader].log;
    const last = log.lastIndex;
    let sum = 0;
    let live = 0;
    let max = 0;
    for (const s of raft.servers) {
      if (s.id === leader || !s.up || !raft.network.reachable(leader, s.id)) continue;
      if (this.counted !== undefined && !this.counted(s.id)) continue;
      // The longest prefix both logs share: by Log Matching, equal terms at an index mean equal prefixes.
      let match = s.log.lastIndex < last ? s.log.lastIndex : last;
      while (match > 0 && s.log.termAt(match) !== log.termAt(match)) match--;
      const lag = last - match;
      sum += lag;
      live++;
      if (lag > max) max = lag;
    }
    if (live === 0 && this.counted !== undefined) return;
    this.led++;
    this.meanSum += live > 0 ? sum / live : 0;
    if (max > this.max) this.max = max;
  }

  private closeInterval(): void {
    this.means.push(this.led > 0 ? this.meanSum / this.led : NaN);
    this.maxima.push(this.led > 0 ? this.max : NaN);
    this.resetInterval();
  }

  private resetInterval(): void {
    this.meanSum = 0;
    this.led = 0;
    this.max = 0;
  }
}
