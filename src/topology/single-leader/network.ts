import { createSampler } from '../../engine/distributions/index.js';
import type { RandomStreams } from '../../engine/rng.js';
import type { DelayModel } from './config.js';
import type { MessageType } from './messages.js';

/**
 * Raft's view of the network: a one-way delay per message and partition groups. A message crosses only between
 * servers of the same partition group, checked when it is sent and again when it arrives (a partition cuts messages in
 * flight). Delays are drawn from the sender's own stream, so adding a server leaves the others' draws untouched. In a
 * topology the delay is the runtime network's (by pair class, `Network.perSenderDelays`) and the groups are its
 * partitions' (`applyPartitions`); on its own (tests, the failover trial) a RaftCluster takes one distribution and
 * explicit groups.
 */
export class RaftNetwork {
  private readonly group: Int32Array;
  private readonly delays: (() => number)[] | null;
  private readonly delayOf: ((from: number, to: number, type: MessageType) => number) | null;
  private cut = false;

  constructor(
    readonly servers: number,
    delay: DelayModel,
    streams: RandomStreams,
    prefix: string,
  ) {
    this.group = new Int32Array(servers);
    if (typeof delay === 'function') {
      this.delays = null;
      this.delayOf = delay;
    } else {
      this.delayOf = null;
      this.delays = Array.from({ length: servers }, (_, i) => createSampler(delay, streams.stream(`${prefix}-delay/node-${i}`)));
    }
  }

  /** A one-way delay for a message of `type` from `from` to `to`. */
  delay(from: number, to: number, type: MessageType): number {
    return this.delays !== null ? this.delays[from]() : this.delayOf!(from, to, type);
  }

  reachable(a: number, b: number): boolean {
    return this.group[a] === this.group[b];
  }

  get partitioned(): boolean {
    return this.cut;
  }

  /** The partition group of a server (0 .. groups; all 0 when healed). */
  groupOf(server: number): number {
    return this.group[server];
  }

  /**
   * Splits the servers into `groups` (disjoint lists of server indices). Servers listed in no group form one more
   * group together. Replaces any earlier partition.
   */
  partition(groups: readonly (readonly number[])[]): void {
    const assigned = new Int32Array(this.servers).fill(-1);
    groups.forEach((members, g) => {
      for (const s of members) {
        if (!Number.isInteger(s) || s < 0 || s >= this.servers) {
          throw new RangeError(`partition: no server ${s} (servers are 0 .. ${this.servers - 1})`);
        }
        if (assigned[s] !== -1) throw new RangeError(`partition: server ${s} is in two groups`);
        assigned[s] = g;
      }
    });
    for (let s = 0; s < this.servers; s++) this.group[s] = assigned[s] === -1 ? groups.length : assigned[s];
    this.cut = true;
  }

  heal(): void {
    this.group.fill(0);
    this.cut = false;
  }
}
