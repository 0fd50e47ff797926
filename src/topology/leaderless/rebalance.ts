import type { Simulator } from '../../engine/simulator.js';
import type { KeyVersions } from './key-versions.js';
import type { ReplicaRing, RingMove } from './replica-ring.js';

/** What a rebalance needs of its cluster. */
export interface RebalanceHost {
  /** Whether `node` is up (not crashed, not removed). */
  isRunning(node: number): boolean;
  /** Whether a message from `from` reaches `to` now. */
  reaches(from: number, to: number): boolean;
  /** A crash counter of `node` (it changes when the node crashes: what it was sending or receiving is lost). */
  epoch(node: number): number;
  /** Queues `bytes` on `node`'s NIC at `at`; returns when they have gone through. */
  nic(node: number, bytes: number, at: number): number;
  /** When a stream of `bytes` leaving `from` at `at` reaches `to` (shared links and the one-way latency). */
  arrival(from: number, to: number, bytes: number, at: number): number;
  /** `bytes` of stored data leave `from` (or vanish with it: -1) and are stored on `to`. */
  store(from: number, to: number, bytes: number): void;
  /** Every stream of a graceful leave of `node` has landed: it may go. */
  handedOver(node: number): void;
}

/** One membership change's rebalance, as one replication saw it. */
export interface RebalanceRecord {
  /** When the ring changed (seconds). */
  at: number;
  kind: 'join' | 'leave';
  /** The node's name. */
  node: string;
  /** Keys whose replica set changed, and the stored bytes streamed to their new replicas. */
  keysMoved: number;
  bytes: number;
  /** From the ring's change to the last stream's landing (seconds); null while a stream is still on its way. */
  duration: number | null;
}

/** How long a stream whose source or receiver was down or cut off waits before it is tried again (seconds). */
export const STREAM_RETRY = 1;

/**
 * Rebalancing on membership change, as Cassandra does it ("Adding, replacing, moving and removing nodes",
 * https://cassandra.apache.org/doc/latest/cassandra/managing/operating/topo_changes.html: a joining node streams the
 * token ranges it takes from their current owners; `nodetool decommission` streams a leaving node's data to the nodes
 * that take its ranges while it keeps serving reads and writes; `removenode` rebuilds a dead node's replicas from the
 * others): when a node joins (once it is up) or leaves, the
 * ring is rebuilt with its tokens in or out (replica-ring.ts `reshape`), and each replica slot of a key whose replica
 * set changed is streamed to its new owner: the slot's stored bytes leave the current holder through its NIC, cross the
 * network (shared links, a latency from the stream family `leaderless/rebalance`) and enter the new owner through its
 * NIC. The slot changes hands when its stream lands: until then the old owner serves it, and the writes it takes in the
 * meantime are on the slot when it changes hands (Cassandra sends the writes of a pending range to its new owner as well,
 * "pending ranges"; their cost on the new owner is not modelled). A key with nothing stored moves at once, no bytes.
 * A request in flight when its slot changes hands is not disturbed: a task that reaches the old owner after the
 * hand-over is still served there and its reply still lands and counts towards its quorum (the coordinator chose the
 * replicas when it sent it, as Cassandra's does); a write it carries is applied to the slot, that is to the new owner's
 * copy (it would have been sent there as a pending-range write), and a read answers with the slot's version.
 *
 * A graceful leave streams from the leaving node; a removal without drain has lost the node's copies (the slot is
 * emptied) and streams from the running replica of the key that holds the newest version (Cassandra's `removenode`).
 * A stream whose source or new owner is down or cut off (or crashes while it is on its way) starts again from a running
 * holder `STREAM_RETRY` seconds later. A second change before the first has landed re-targets the slots it concerns
 * (a stream to an owner the slot no longer goes to lands as nothing). Memory: one number per key and slot, plus the
 * streams on their way.
 */
export class Rebalancer {
  readonly records: RebalanceRecord[] = [];
  /** Per key x N + slot: the stream under way for it (an index into `streams`), -1 when none. */
  private readonly streamOf: Int32Array;
  private streams: Stream[] = [];
  /** Streams not landed yet per record, and per leaving node the record whose streams it waits for. */
  private readonly open: number[] = [];
  /** The nodes leaving gracefully whose slots are still being handed over. */
  private readonly leaving = new Set<number>();
  private readonly sendKind: number;
  private readonly arriveKind: number;
  private readonly landKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly ring: ReplicaRing,
    private readonly versions: KeyVersions,
    keyCount: number,
    private readonly host: RebalanceHost,
  ) {
    this.streamOf = new Int32Array(keyCount * ring.replicas).fill(-1);
    this.sendKind = sim.register((stream) => this.send(stream));
    this.arriveKind = sim.register((stream) => this.arrive(stream));
    this.landKind = sim.register((stream) => this.land(stream));
  }

  /** `node` (named `name`) joins the ring now. */
  join(node: number, name: string): void {
    this.change('join', node, name, [...this.ring.members(), node], -1);
  }

  /**
   * `node` leaves the ring now: with `graceful`, it streams its slots to their new owners and `handedOver` says when
   * it may go; without, its copies are lost with it.
   */
  leave(node: number, name: string, graceful: boolean): void {
    if (!graceful) {
      // A stream from it (a join's, say) that its new owner still waits for must come from another replica now.
      this.loseStreamsFrom(node);
      for (let key = 0; key < this.streamOf.length / this.ring.replicas; key++) {
        for (let slot = 0; slot < this.ring.replicas; slot++) {
          if (this.ring.replica(key, slot) === node) this.versions.lose(key, slot);
        }
      }
    }
    this.change('leave', node, name, this.ring.members().filter((member) => member !== node), graceful ? -1 : node);
    if (graceful) this.leaving.add(node);
    this.checkHandedOver();
  }

  /** The ring becomes `members`; `lostNode`: a node removed without drain, whose copies are gone (-1: none). */
  /** Whether `node` is leaving gracefully and some of its streams have not landed yet. */
  isLeaving(node: number): boolean {
    return this.leaving.has(node);
  }

  /**
   * A gracefully leaving node goes before its streams have landed (removed without waiting any longer): its copies
   * still to hand over are lost, and those slots are rebuilt from the other replicas.
   */
  abandon(node: number): void {
    if (!this.leaving.delete(node)) return;
    this.loseStreamsFrom(node);
  }

  /** `node` is gone with its copies: the streams still to leave it rebuild their slots from the other replicas. */
  private loseStreamsFrom(node: number): void {
    this.streams.forEach((stream, index) => {
      if (stream.from !== node || stream.lost || !this.isCurrent(index)) return;
      stream.lost = true;
      this.versions.lose(stream.key, stream.slot);
    });
  }

  private change(kind: 'join' | 'leave', node: number, name: string, members: number[], lostNode: number): number {
    const now = this.sim.now;
    const moves = this.ring.reshape(members);
    const index = this.records.length;
    const record: RebalanceRecord = { at: now, kind, node: name, keysMoved: 0, bytes: 0, duration: null };
    this.records.push(record);
    this.open.push(0);
    let lastKey = -1;
    for (const move of moves) {
      const at = move.key * this.ring.replicas + move.slot;
      this.streamOf[at] = -1; // a stream under way for this slot lands as nothing from now on
      if (move.to === move.from) continue;
      const lost = move.from === lostNode;
      if (move.key !== lastKey) record.keysMoved++;
      lastKey = move.key;
      if (!lost && this.versions.storedBy(move.key, move.slot) === 0) {
        // Nothing stored: the slot changes hands at once.
        this.ring.settle(move.key, move.slot, move.to);
        continue;
      }
      const stream = this.streams.length;
      this.streams.push({ ...move, record: index, lost, bytes: 0, source: -1, version: 0, sourceEpoch: 0, toEpoch: 0 });
      this.streamOf[at] = stream;
      this.open[index]++;
      this.send(stream);
    }
    if (this.open[index] === 0) record.duration = 0;
    return index;
  }

  /** A stream leaves its source (the slot's holder, or for lost copies the running replica with the newest version). */
  private send(index: number): void {
    const stream = this.streams[index];
    if (!this.current(index)) return;
    const now = this.sim.now;
    const source = stream.lost ? this.newestHolder(stream) : stream.from;
    if (source < 0 || !this.host.isRunning(source) || !this.host.isRunning(stream.to) || !this.host.reaches(source, stream.to)) {
      if (source < 0 && stream.lost && this.noCopyLeft(stream)) {
        this.settle(index); // no replica holds anything of the key: nothing to stream
        return;
      }
      this.sim.at(now + STREAM_RETRY, this.sendKind, index);
      return;
    }
    stream.source = source;
    const slot = stream.lost ? this.slotOf(stream.key, source) : stream.slot;
    stream.version = this.versions.heldBy(stream.key, slot);
    stream.bytes = this.versions.storedBy(stream.key, slot);
    stream.sourceEpoch = this.host.epoch(source);
    stream.toEpoch = this.host.epoch(stream.to);
    const departure = this.host.nic(source, stream.bytes, now);
    this.sim.at(this.host.arrival(source, stream.to, stream.bytes, departure), this.arriveKind, index);
  }

  /** The stream reaches its new owner: it goes through the owner's NIC, unless one end crashed on the way. */
  private arrive(index: number): void {
    const stream = this.streams[index];
    if (!this.current(index)) return;
    if (!this.intact(stream)) {
      this.sim.at(this.sim.now + STREAM_RETRY, this.sendKind, index);
      return;
    }
    this.sim.at(this.host.nic(stream.to, stream.bytes, this.sim.now), this.landKind, index);
  }

  private land(index: number): void {
    const stream = this.streams[index];
    if (!this.current(index)) return;
    if (this.host.epoch(stream.to) !== stream.toEpoch || !this.host.isRunning(stream.to)) {
      this.sim.at(this.sim.now + STREAM_RETRY, this.sendKind, index);
      return;
    }
    const record = this.records[stream.record];
    record.bytes += stream.bytes;
    if (stream.lost) {
      // The lost copy is rebuilt from the source's version; the writes the slot took meanwhile are on it already.
      this.host.store(-1, stream.to, this.versions.apply(stream.key, stream.slot, stream.version, stream.bytes));
    } else {
      this.host.store(stream.from, stream.to, this.versions.storedBy(stream.key, stream.slot));
    }
    this.settle(index);
  }

  /** The slot changes hands; its record closes with its last stream. */
  private settle(index: number): void {
    const stream = this.streams[index];
    this.ring.settle(stream.key, stream.slot, stream.to);
    this.streamOf[stream.key * this.ring.replicas + stream.slot] = -1;
    const record = this.records[stream.record];
    if (--this.open[stream.record] === 0) record.duration = this.sim.now - record.at;
    this.checkHandedOver();
    // Once no stream is under way the list starts again: memory is bounded by one change's streams.
    if (this.open.every((count) => count === 0)) this.streams = [];
  }

  /** Each leaving node none of whose slots is still on its way from it (whatever change re-targeted them) may go. */
  private checkHandedOver(): void {
    if (this.leaving.size === 0) return;
    for (const node of [...this.leaving.keys()]) {
      if (this.streams.some((stream, index) => stream.from === node && !stream.lost && this.isCurrent(index))) continue;
      this.leaving.delete(node);
      this.host.handedOver(node);
    }
  }

  private isCurrent(index: number): boolean {
    const stream = this.streams[index];
    return this.streamOf[stream.key * this.ring.replicas + stream.slot] === index;
  }

  /** Whether the stream is still the one its slot waits for (a later change may have re-targeted the slot). */
  private current(index: number): boolean {
    const stream = this.streams[index];
    if (stream !== undefined && this.streamOf[stream.key * this.ring.replicas + stream.slot] === index) return true;
    // A re-targeted stream no longer counts towards its record.
    if (stream !== undefined && !stream.dropped) {
      stream.dropped = true;
      if (--this.open[stream.record] === 0) this.records[stream.record].duration = this.sim.now - this.records[stream.record].at;
      this.checkHandedOver();
    }
    return false;
  }

  private intact(stream: Stream): boolean {
    const { host } = this;
    return (
      host.epoch(stream.source) === stream.sourceEpoch &&
      host.epoch(stream.to) === stream.toEpoch &&
      host.isRunning(stream.to) &&
      host.reaches(stream.source, stream.to)
    );
  }

  /** The running replica of the stream's key, other than its lost slot, that holds the newest version; -1: none. */
  private newestHolder(stream: Stream): number {
    let best = -1;
    let newest = 0;
    for (let slot = 0; slot < this.ring.replicas; slot++) {
      if (slot === stream.slot) continue;
      const node = this.ring.replica(stream.key, slot);
      const held = this.versions.heldBy(stream.key, slot);
      if (held > newest && this.host.isRunning(node)) {
        newest = held;
        best = node;
      }
    }
    return best;
  }

  private noCopyLeft(stream: Stream): boolean {
    for (let slot = 0; slot < this.ring.replicas; slot++) if (slot !== stream.slot && this.versions.heldBy(stream.key, slot) > 0) return false;
    return true;
  }

  private slotOf(key: number, node: number): number {
    for (let slot = 0; slot < this.ring.replicas; slot++) if (this.ring.replica(key, slot) === node) return slot;
    return -1;
  }
}

interface Stream extends RingMove {
  record: number;
  /** The slot's copy was lost with its node: the stream comes from another replica and rebuilds it. */
  lost: boolean;
  source: number;
  bytes: number;
  version: number;
  sourceEpoch: number;
  toEpoch: number;
  dropped?: boolean;
}
