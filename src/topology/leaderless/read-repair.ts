import { grownFloat64, grownInt32, grownUint8 } from '../../engine/growable.js';
import type { Simulator } from '../../engine/simulator.js';

/** Record ids take the low 24 bits of a token; the record's generation the bits above. */
const idSpace = 2 ** 24;

/** Where a read stands with its blocking repairs. */
const Stage = {
  /** Still gathering its quorum: repairs sent now are to replies it uses, and it will wait for them. */
  gathering: 0,
  /** Its quorum is met; it waits for the acknowledgements of those repairs. */
  held: 1,
  /** It has answered (or failed): later repairs are asynchronous. */
  done: 2,
} as const;

/**
 * Asynchronous read repair (Cassandra's read repair, Dynamo's "read repair" of section 4.7): a read's coordinator
 * compares the versions its replicas reply with, and writes the newest one it has seen to every replica that
 * replied with an older one, without making the read wait. Replies that come after the read has answered (the
 * replicas beyond the first R of `readFanout: all`) are compared too, while the read's record lives: for
 * `requestTimeout` after the read started, then it is recycled (memory: the reads of one timeout, not the run).
 *
 * Blocking read repair (Cassandra's default, https://cassandra.apache.org/doc/latest/operating/read_repair.html):
 * the repairs sent to the replies a read uses (those before its quorum is met) must be acknowledged before the read
 * answers, which gives "monotonic quorum reads": a read that starts after a quorum read answered never returns an
 * older version. Repairs of later replies stay asynchronous. A held read that does not get its acknowledgements
 * before its record expires is handed to `expired` (the cluster fails it, as a quorum that was not gathered).
 */
export class ReadRepairs {
  private best = new Float64Array(64);
  private replied: Float64Array;
  private generation = new Int32Array(64);
  /** What a repair write needs of its read: the key, the coordinator, the class, the work and the size. */
  key = new Int32Array(64);
  coordinator = new Int32Array(64);
  classIndex = new Int32Array(64);
  work = new Float64Array(64);
  bytes = new Float64Array(64);
  private request = new Int32Array(64);
  private pending = new Int32Array(64);
  private stage = new Uint8Array(64);
  private readonly free: number[] = [];
  private used = 0;
  private readonly expireKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly replicas: number,
    private readonly lifetime: number,
    /** Write `version` to replica `slot` of the read of record `id` (the cluster sends it). */
    private readonly repair: (id: number, slot: number, version: number) => void,
    /** With blocking repair: the read `request` was still waiting for its repairs when its record expired. */
    private readonly expired: ((request: number) => void) | null = null,
  ) {
    this.replied = new Float64Array(64 * replicas);
    this.expireKind = sim.register((id) => {
      if (this.stage[id] === Stage.held) this.expired?.(this.request[id]);
      this.generation[id]++;
      this.free.push(id);
    });
  }

  /** A read (attempt `request`) starts: its record, named by the token its replica tasks carry. */
  open(key: number, coordinator: number, classIndex: number, work: number, bytes: number, request: number): number {
    const id = this.free.length > 0 ? this.free.pop()! : this.fresh();
    this.request[id] = request;
    this.pending[id] = 0;
    this.stage[id] = this.expired === null ? Stage.done : Stage.gathering;
    this.key[id] = key;
    this.coordinator[id] = coordinator;
    this.classIndex[id] = classIndex;
    this.work[id] = work;
    this.bytes[id] = bytes;
    this.best[id] = -1;
    this.replied.fill(-1, id * this.replicas, (id + 1) * this.replicas);
    this.sim.at(this.sim.now + this.lifetime, this.expireKind, id);
    return this.generation[id] * idSpace + id;
  }

  /** Replica `slot` replied with `version`: the replicas known to be older than the newest seen are repaired. */
  reply(token: number, slot: number, version: number): void {
    const id = token % idSpace;
    if (this.generation[id] !== (token - id) / idSpace) return; // the record expired
    const base = id * this.replicas;
    this.replied[base + slot] = version;
    const best = this.best[id];
    if (version < best) {
      this.repair(id, slot, best);
      return;
    }
    if (version === best) return;
    for (let other = 0; other < this.replicas; other++) {
      const seen = this.replied[base + other];
      if (other !== slot && seen >= 0 && seen < version) this.repair(id, other, version);
    }
    this.best[id] = version;
  }

  /** The token of record `id` (live). */
  tokenOf(id: number): number {
    return this.generation[id] * idSpace + id;
  }

  /**
   * A repair of record `id` is being sent: true when its read will wait for it (blocking, quorum not yet met), and
   * the repair's acknowledgement must then come back through `acknowledged`.
   */
  blocks(id: number): boolean {
    if (this.stage[id] !== Stage.gathering) return false;
    this.pending[id]++;
    return true;
  }

  /** The read of `token` met its quorum: true when it must wait for repairs still unacknowledged. */
  hold(token: number): boolean {
    const id = this.live(token);
    if (id < 0) return false;
    const waits = this.stage[id] === Stage.gathering && this.pending[id] > 0;
    this.stage[id] = waits ? Stage.held : Stage.done;
    return waits;
  }

  /** A blocking repair of `token` was acknowledged: the held read to answer now, or -1. */
  acknowledged(token: number): number {
    const id = this.live(token);
    if (id < 0) return -1;
    if (--this.pending[id] > 0 || this.stage[id] !== Stage.held) return -1;
    this.stage[id] = Stage.done;
    return this.request[id];
  }

  /** The record id of a token whose record still lives, else -1. */
  private live(token: number): number {
    if (token < 0) return -1;
    const id = token % idSpace;
    return this.generation[id] === (token - id) / idSpace ? id : -1;
  }

  private fresh(): number {
    if (this.used === this.best.length) {
      const size = this.best.length * 2;
      this.best = grownFloat64(this.best, size);
      this.generation = grownInt32(this.generation, size);
      this.key = grownInt32(this.key, size);
      this.coordinator = grownInt32(this.coordinator, size);
      this.classIndex = grownInt32(this.classIndex, size);
      this.work = grownFloat64(this.work, size);
      this.bytes = grownFloat64(this.bytes, size);
      this.request = grownInt32(this.request, size);
      this.pending = grownInt32(this.pending, size);
      this.stage = grownUint8(this.stage, size);
      this.replied = grownFloat64(this.replied, size * this.replicas);
    }
    if (this.used >= idSpace) throw new Error(`read repair: more than ${idSpace} reads open at once`);
    return this.used++;
  }
}
