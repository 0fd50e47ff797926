import { grownFloat64, grownInt32 } from '../../engine/growable.js';
import type { Simulator } from '../../engine/simulator.js';

/** Record ids take the low 24 bits of a token; the record's generation the bits above. */
const idSpace = 2 ** 24;

/**
 * Asynchronous read repair (Cassandra's read repair, Dynamo's "read repair" of section 4.7): a read's coordinator
 * compares the versions its replicas reply with, and writes the newest one it has seen to every replica that
 * replied with an older one, without making the read wait. Replies that come after the read has answered (the
 * replicas beyond the first R of `readFanout: all`) are compared too, while the read's record lives: for
 * `requestTimeout` after the read started, then it is recycled (memory: the reads of one timeout, not the run).
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
  private readonly free: number[] = [];
  private used = 0;
  private readonly expireKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly replicas: number,
    private readonly lifetime: number,
    /** Write `version` to replica `slot` of the read of record `id` (the cluster sends it). */
    private readonly repair: (id: number, slot: number, version: number) => void,
  ) {
    this.replied = new Float64Array(64 * replicas);
    this.expireKind = sim.register((id) => {
      this.generation[id]++;
      this.free.push(id);
    });
  }

  /** A read starts: its record, named by the token its replica tasks carry. */
  open(key: number, coordinator: number, classIndex: number, work: number, bytes: number): number {
    const id = this.free.length > 0 ? this.free.pop()! : this.fresh();
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
      this.replied = grownFloat64(this.replied, size * this.replicas);
    }
    if (this.used >= idSpace) throw new Error(`read repair: more than ${idSpace} reads open at once`);
    return this.used++;
  }
}
