import { grownFloat64 } from '../../engine/growable.js';
import type { Simulator } from '../../engine/simulator.js';
import type { KeyVersions } from './key-versions.js';
import type { ReplicaRing } from './replica-ring.js';

/** What anti-entropy needs of its cluster. */
export interface AntiEntropyHost {
  /** Whether `node` is up. */
  isRunning(node: number): boolean;
  /** Whether a message from `from` reaches `to` now. */
  reaches(from: number, to: number): boolean;
  /** Start copying `version` of `key` (`bytes`) from node `source` to replica `slot` of the key, now. */
  copy(source: number, key: number, slot: number, version: number, bytes: number): void;
}

/** One replication's anti-entropy figures over the measured window. */
export interface AntiEntropyData {
  rounds: number;
  /** Rounds that found replicas to repair, the copies they sent and their bytes. */
  copyingRounds: number;
  copies: number;
  bytes: number;
  /** Sum over the copying rounds of the time from the round's start to its last copy's landing (seconds). */
  agreeSeconds: number;
  /** Start of the last round that copied anything (NaN: none). */
  lastCopyingRound: number;
}

/**
 * Anti-entropy (Dynamo, DeCandia et al., SOSP 2007, section 4.7; Cassandra's `nodetool repair`): every `every`
 * seconds the replicas of each key compare what they hold, and the newest version among the running replicas is
 * copied to every running replica that can be reached from its holder and holds an older one. The comparison itself
 * (Merkle trees, a few hash messages per range) is not modelled; the copies are: each leaves its source at most at
 * `bandwidth` bytes per second (the repair stream's throttle), then crosses the source's NIC and the network and is
 * applied on its replica as a write. A round's time to agree runs from its start to its last copy's landing.
 * Memory: one number per node; a round scans keys x N replicas.
 */
export class AntiEntropy {
  private streamFree: Float64Array;
  private readonly copyKind: number;
  private counting = false;
  private data: AntiEntropyData = AntiEntropy.empty();
  /** The current round: its start, whether it copied, when its last copy landed. */
  private roundStart = NaN;
  private roundCopied = false;
  private lastLanded = NaN;
  /** Copies waiting for their turn in the throttle, by event target; `sent` of them have gone. */
  private pending: { source: number; key: number; slot: number; version: number; bytes: number }[] = [];
  private sent = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly ring: ReplicaRing,
    private readonly versions: KeyVersions,
    private readonly keyCount: number,
    private readonly every: number,
    private readonly bandwidth: number,
    private readonly host: AntiEntropyHost,
  ) {
    this.streamFree = new Float64Array(ring.nodeCount);
    this.copyKind = sim.register((index) => {
      const c = this.pending[index];
      this.sent++;
      this.host.copy(c.source, c.key, c.slot, c.version, c.bytes);
    });
    const roundKind = sim.register(() => {
      this.round();
      sim.at(sim.now + every, roundKind, 0);
    });
    sim.at(every, roundKind, 0);
  }

  private static empty(): AntiEntropyData {
    return { rounds: 0, copyingRounds: 0, copies: 0, bytes: 0, agreeSeconds: 0, lastCopyingRound: NaN };
  }

  /** A node added at run time: its repair stream, free. */
  addNode(): void {
    this.streamFree = grownFloat64(this.streamFree, this.streamFree.length + 1);
  }

  begin(): void {
    this.counting = true;
    this.data = AntiEntropy.empty();
  }

  end(): void {
    this.closeRound();
    this.counting = false;
  }

  /** A copy was applied on its replica. */
  landed(now: number): void {
    this.lastLanded = now;
  }

  toData(): AntiEntropyData {
    return { ...this.data };
  }

  private closeRound(): void {
    if (this.counting && this.roundCopied && this.lastLanded >= this.roundStart) {
      this.data.agreeSeconds += this.lastLanded - this.roundStart;
    }
    this.roundCopied = false;
  }

  private round(): void {
    this.closeRound();
    const now = this.sim.now;
    this.roundStart = now;
    // Once every scheduled copy has gone, the list starts again (a throttled round may outlast the interval).
    if (this.sent === this.pending.length) {
      this.pending = [];
      this.sent = 0;
    }
    const { ring, versions, host } = this;
    const replicas = ring.replicas;
    let copies = 0;
    let bytes = 0;
    for (let key = 0; key < this.keyCount; key++) {
      let source = -1;
      let newest = 0;
      for (let slot = 0; slot < replicas; slot++) {
        const held = versions.heldBy(key, slot);
        if (held > newest && host.isRunning(ring.replica(key, slot))) {
          newest = held;
          source = slot;
        }
      }
      if (source < 0) continue;
      const from = ring.replica(key, source);
      const size = versions.storedBy(key, source);
      for (let slot = 0; slot < replicas; slot++) {
        if (versions.heldBy(key, slot) >= newest) continue;
        const to = ring.replica(key, slot);
        if (!host.isRunning(to) || !host.reaches(from, to)) continue;
        const start = Math.max(now, this.streamFree[from]);
        this.streamFree[from] = start + (this.bandwidth === Infinity ? 0 : size / this.bandwidth);
        this.pending.push({ source: from, key, slot, version: newest, bytes: size });
        this.sim.at(start, this.copyKind, this.pending.length - 1);
        copies++;
        bytes += size;
      }
    }
    this.roundCopied = copies > 0;
    if (!this.counting) return;
    this.data.rounds++;
    if (copies === 0) return;
    this.data.copyingRounds++;
    this.data.copies += copies;
    this.data.bytes += bytes;
    this.data.lastCopyingRound = now;
  }
}
