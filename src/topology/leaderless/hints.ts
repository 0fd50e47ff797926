/**
 * Hinted handoff (DeCandia et al., "Dynamo", SOSP 2007, section 4.6): with a sloppy quorum, a write meant for a
 * replica believed down is taken by a stand-in, the next healthy node clockwise on the ring, which keeps a hint (the
 * version and the replica it belongs to) and hands it over when that replica is back. One hint per key and replica
 * slot, the newest version (a newer hint replaces an older one): memory bounded by the key count. Hints waiting for
 * their replica form a list that the periodic replay walks; a hint older than `maxHintAge` expires without being
 * handed over, which is one way for a write to lose a copy.
 */
export class Hints {
  /** Per key x N + slot: the hinted version (0: none), its holder and when it was stored. */
  private readonly version: Float64Array;
  private readonly holder: Int32Array;
  private readonly storedAt: Float64Array;
  private readonly bytes: Float64Array;
  private readonly pending: number[] = [];
  private readonly listed: Uint8Array;
  stored = 0;
  replayed = 0;
  expired = 0;

  constructor(
    keyCount: number,
    private readonly replicas: number,
    private readonly maxAge: number,
  ) {
    this.version = new Float64Array(keyCount * replicas);
    this.holder = new Int32Array(keyCount * replicas);
    this.storedAt = new Float64Array(keyCount * replicas);
    this.bytes = new Float64Array(keyCount * replicas);
    this.listed = new Uint8Array(keyCount * replicas);
  }

  /** Stand-in `holder` took `version` (a body of `bytes`) of replica `slot` of `key` at `now`. */
  store(key: number, slot: number, version: number, bytes: number, holder: number, now: number): void {
    const at = key * this.replicas + slot;
    if (version <= this.version[at]) return;
    this.version[at] = version;
    this.bytes[at] = bytes;
    this.holder[at] = holder;
    this.storedAt[at] = now;
    this.stored++;
    if (this.listed[at] === 0) {
      this.listed[at] = 1;
      this.pending.push(at);
    }
  }

  /**
   * A replay round at `now`: each pending hint that has expired is dropped; each whose holder can reach its replica
   * (`deliverable`) is handed over (`handOver`) and dropped; the others wait for the next round.
   */
  replay(
    now: number,
    deliverable: (holder: number, key: number, slot: number) => boolean,
    handOver: (holder: number, key: number, slot: number, version: number, bytes: number) => void,
    /** A hint of `version` of `key` expired. */
    expire: (key: number, version: number) => void = () => {},
  ): void {
    const pending = this.pending;
    let kept = 0;
    for (let i = 0; i < pending.length; i++) {
      const at = pending[i];
      const key = (at - (at % this.replicas)) / this.replicas;
      const slot = at % this.replicas;
      if (now - this.storedAt[at] > this.maxAge) {
        this.expired++;
        expire(key, this.version[at]);
        this.drop(at);
      } else if (deliverable(this.holder[at], key, slot)) {
        this.replayed++;
        handOver(this.holder[at], key, slot, this.version[at], this.bytes[at]);
        this.drop(at);
      } else {
        pending[kept++] = at;
      }
    }
    pending.length = kept;
  }

  /** Counts restart with the measured window. */
  resetCounts(): void {
    this.stored = this.replayed = this.expired = 0;
  }

  private drop(at: number): void {
    this.version[at] = 0;
    this.listed[at] = 0;
  }
}
