import type { Simulator } from '../../engine/simulator.js';
import { SlotPool } from '../runtime/slot-pool.js';
import { FanOut, FanOutEnd } from '../runtime/fan-out.js';
import type { RaftCluster } from './raft-cluster.js';

/** A write that a leader appended and that waits for its acknowledgement rule, with the wait that stands for it. */
interface PendingWrite {
  request: number;
  node: number;
  index: number;
  term: number;
  wait: number;
}

/**
 * The acknowledgement rules of the replicated store as k-of-n waits (`FanOut`), one per write its leader appended:
 * every server is a party and answers yes when it holds the entry (the leader at once, a follower when its
 * AppendEntries reply raises its match index past the entry).
 *
 * - `quorum`: a majority of the servers (Raft's commit rule: entries of the leader's own term, the only ones that
 *   wait here, commit exactly when a majority holds them; a reply in flight from a follower that has since crashed
 *   counts, as it does for Raft).
 * - `all`: a majority, and every follower that is up. A follower found down leaves the waits it has not answered and
 *   rejoins them when it is back, so the rule follows the cluster; liveness is looked at when the leader hears from a
 *   follower, when a write waits and when a server crashes.
 *
 * Only voters are parties (`RaftCluster.isVoter`): a non-voter's copy makes no majority, and `all` waits for every
 * live voter, never for a non-voter.
 *
 * Writes end in log order: a follower's log is a prefix of the leader's, so the writes whose rule holds are always a
 * prefix of those waiting.
 */
export class WriteAcks {
  private readonly waits: FanOut;
  private readonly records = new SlotPool<PendingWrite>(() => ({ request: 0, node: 0, index: 0, term: 0, wait: 0 }));
  /** Per node: the waiting writes it appended, by log index (in log order), as record slots. */
  private readonly pending: Map<number, number>[];
  /** Per leader and follower (leader * n + follower): 1 if the follower was up when last looked at. */
  private readonly present: Uint8Array;
  private readonly every: boolean;
  /** How many servers vote: the parties of a `quorum` wait. */
  private readonly voters: number;

  constructor(
    sim: Simulator,
    private readonly raft: RaftCluster,
    mode: 'quorum' | 'all',
    private readonly acknowledged: (request: number, index: number, term: number) => void,
  ) {
    const n = raft.servers.length;
    this.every = mode === 'all';
    this.voters = raft.servers.filter((s) => raft.isVoter(s.id)).length;
    this.pending = Array.from({ length: n }, () => new Map<number, number>());
    this.present = new Uint8Array(n * n).fill(1);
    this.waits = new FanOut(sim, (slot, how) => this.ended(slot, how));
  }

  /** `leader` appended the write `request` as entry (`index`, `term`): it waits for its rule. */
  wait(leader: number, request: number, index: number, term: number): void {
    const n = this.raft.servers.length;
    let parties = this.voters;
    if (this.every) {
      this.lookAtFollowers(leader);
      parties = 1;
      for (let j = 0; j < n; j++) if (j !== leader && this.present[leader * n + j] === 1 && this.raft.isVoter(j)) parties++;
    }
    const slot = this.records.acquire();
    const write = this.records.get(slot);
    write.request = request;
    write.node = leader;
    write.index = index;
    write.term = term;
    write.wait = this.waits.start(this.raft.majority, parties, Infinity, slot, this.every);
    this.pending[leader].set(index, slot);
    this.waits.answer(write.wait, true); // the leader holds its own entry (a cluster of one is done here)
  }

  /** `follower` holds `leader`'s log up to `matchIndex`, up from `previous`: it answers the writes in between. */
  replicated(leader: number, follower: number, matchIndex: number, previous: number): void {
    const pending = this.pending[leader];
    if (pending.size === 0 || !this.raft.isVoter(follower)) return;
    if (this.every) this.lookAtFollowers(leader);
    const n = this.raft.servers.length;
    const absent = this.every && this.present[leader * n + follower] === 0;
    if (matchIndex - previous <= pending.size) {
      // The usual reply: a few new entries, looked up one by one (in log order).
      for (let index = previous + 1; index <= matchIndex; index++) {
        const slot = pending.get(index);
        if (slot !== undefined) this.answer(slot, absent);
      }
      return;
    }
    // A follower catching up past many entries: walk the waiting writes instead.
    for (const [index, slot] of pending) {
      if (index > matchIndex) break;
      if (index > previous) this.answer(slot, absent);
    }
  }

  /** The follower holds the write in `slot`; one that was away rejoins the wait as it answers. */
  private answer(slot: number, absent: boolean): void {
    const wait = this.records.get(slot).wait;
    // A reply that was on its way when its follower went down still counts.
    if (absent) this.waits.rejoin(wait);
    this.waits.answer(wait, true);
  }

  /** A server crashed: under `all`, the leader stops waiting for it. */
  crashed(leader: number): void {
    if (this.every && leader >= 0 && this.pending[leader].size > 0) this.lookAtFollowers(leader);
  }

  /** Ends, without acknowledging, the writes waiting at `node` that `drop` picks (in log order), telling `dropped`. */
  drop(node: number, drop: (term: number) => boolean, dropped: (request: number) => void): void {
    const pending = this.pending[node];
    for (const [index, slot] of pending) {
      const write = this.records.get(slot);
      if (!drop(write.term)) continue;
      pending.delete(index);
      this.waits.cancel(write.wait);
      const request = write.request;
      this.records.release(slot);
      dropped(request);
    }
  }

  /** Writes waiting at `node`. */
  waitingAt(node: number): number {
    return this.pending[node].size;
  }

  /**
   * Under `all`: followers that went down since last looked at leave the writes waiting at `leader` that they have
   * not answered (entries above their match index), and those back up rejoin them.
   */
  private lookAtFollowers(leader: number): void {
    const n = this.raft.servers.length;
    const matchIndex = this.raft.servers[leader].matchIndex;
    for (let j = 0; j < n; j++) {
      if (j === leader || !this.raft.isVoter(j)) continue;
      const up = this.raft.isUp(j) ? 1 : 0;
      if (this.present[leader * n + j] === up) continue;
      this.present[leader * n + j] = up;
      for (const [index, slot] of this.pending[leader]) {
        if (index <= matchIndex[j]) continue;
        const wait = this.records.get(slot).wait;
        if (up === 1) this.waits.rejoin(wait);
        else this.waits.leave(wait);
      }
    }
  }

  private ended(slot: number, how: FanOutEnd): void {
    const write = this.records.get(slot);
    this.pending[write.node].delete(write.index);
    const { request, index, term } = write;
    this.records.release(slot);
    if (how === FanOutEnd.met) this.acknowledged(request, index, term);
  }
}
