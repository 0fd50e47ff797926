/**
 * The versions of every key, as a leaderless store's replicas and its clients know them. A write takes the key's
 * next version number (1, 2, ... in issue order; 0 is "never written"); a replica keeps the newest version it has
 * seen of each key it holds (an older write arriving late does not overwrite it, last-writer-wins by version); a
 * version is committed when its write was acknowledged to the client (W replicas took it). Memory: a few numbers per
 * key and per replica slot, bounded by the key count, never by the number of writes.
 */
export class KeyVersions {
  /** Per key and replica slot (key x N + slot): the newest version that replica holds, and its body's bytes. */
  private readonly held: Float64Array;
  private readonly heldBytes: Float64Array;
  /** Per key: the last version issued, the newest committed one and when it was committed (NaN: none yet). */
  private readonly issued: Float64Array;
  readonly committed: Float64Array;
  readonly committedAt: Float64Array;
  /** Per key: the newest version a read has answered with (0: none yet). */
  readonly newestRead: Float64Array;

  constructor(
    keyCount: number,
    private readonly replicas: number,
  ) {
    this.held = new Float64Array(keyCount * replicas);
    this.heldBytes = new Float64Array(keyCount * replicas);
    this.issued = new Float64Array(keyCount);
    this.committed = new Float64Array(keyCount);
    this.committedAt = new Float64Array(keyCount).fill(NaN);
    this.newestRead = new Float64Array(keyCount);
  }

  /** A new write of `key`: its version. */
  issue(key: number): number {
    return ++this.issued[key];
  }

  /** The version replica `slot` of `key` holds (0: none). */
  heldBy(key: number, slot: number): number {
    return this.held[key * this.replicas + slot];
  }

  /** The bytes replica `slot` of `key` stores now. */
  storedBy(key: number, slot: number): number {
    return this.heldBytes[key * this.replicas + slot];
  }

  /**
   * Replica `slot` of `key` receives `version` with a body of `bytes`: it keeps it if newer than what it holds.
   * Returns the change in the replica's stored bytes.
   */
  apply(key: number, slot: number, version: number, bytes: number): number {
    const at = key * this.replicas + slot;
    if (version <= this.held[at]) return 0;
    this.held[at] = version;
    const change = bytes - this.heldBytes[at];
    this.heldBytes[at] = bytes;
    return change;
  }

  /** Replica `slot` of `key` lost its copy (its node left without handing it over): it holds nothing. */
  lose(key: number, slot: number): void {
    const at = key * this.replicas + slot;
    this.held[at] = 0;
    this.heldBytes[at] = 0;
  }

  /** A read of `key` answered with `version`. */
  read(key: number, version: number): void {
    if (version > this.newestRead[key]) this.newestRead[key] = version;
  }

  /** `version` of `key` was acknowledged at `now`: it is the newest committed one unless a newer one was already. */
  commit(key: number, version: number, now: number): void {
    if (version <= this.committed[key]) return;
    this.committed[key] = version;
    this.committedAt[key] = now;
  }
}
