/** A key's record: its own figures first, then its replicas' held versions, then their stored bytes. */
const ISSUED = 0;
const COMMITTED = 1;
const COMMITTED_AT = 2;
const NEWEST_READ = 3;
const HELD = 4;

/**
 * The versions of every key, as a leaderless store's replicas and its clients know them. A write takes the key's
 * next version number (1, 2, ... in issue order; 0 is "never written"); a replica keeps the newest version it has
 * seen of each key it holds (an older write arriving late does not overwrite it, last-writer-wins by version); a
 * version is committed when its write was acknowledged to the client (W replicas took it). Memory: a few numbers per
 * key and per replica slot, bounded by the key count, never by the number of writes.
 *
 * Everything about one key sits in one record of 4 + 2 N numbers (80 bytes at N = 3), so that a request, which
 * touches its key at its coordinator, at each replica and at its answer, costs one or two cache lines rather than a
 * line in each of six arrays: with 10^6 keys drawn at random those loads missed the cache every time and were most
 * of the leaderless store's self time (issue 12, speed).
 */
export class KeyVersions {
  private readonly record: Float64Array;
  private readonly stride: number;
  private readonly heldBytesAt: number;

  constructor(
    keyCount: number,
    private readonly replicas: number,
  ) {
    this.stride = HELD + 2 * replicas;
    this.heldBytesAt = HELD + replicas;
    // Zero is every field's start (no version issued, committed, read or held); the commit time of a key never
    // committed is not kept but answered as NaN, so the array needs no fill and its pages are touched only when used.
    this.record = new Float64Array(keyCount * this.stride);
  }

  /** A new write of `key`: its version. */
  issue(key: number): number {
    return ++this.record[key * this.stride + ISSUED];
  }

  /** The newest committed version of `key` (0: none yet). */
  committed(key: number): number {
    return this.record[key * this.stride + COMMITTED];
  }

  /** When the newest committed version of `key` was committed (NaN: none yet). */
  committedAt(key: number): number {
    const at = key * this.stride;
    return this.record[at + COMMITTED] === 0 ? NaN : this.record[at + COMMITTED_AT];
  }

  /** The newest version a read of `key` has answered with (0: none yet). */
  newestRead(key: number): number {
    return this.record[key * this.stride + NEWEST_READ];
  }

  /** The version replica `slot` of `key` holds (0: none). */
  heldBy(key: number, slot: number): number {
    return this.record[key * this.stride + HELD + slot];
  }

  /** The bytes replica `slot` of `key` stores now. */
  storedBy(key: number, slot: number): number {
    return this.record[key * this.stride + this.heldBytesAt + slot];
  }

  /**
   * Replica `slot` of `key` receives `version` with a body of `bytes`: it keeps it if newer than what it holds.
   * Returns the change in the replica's stored bytes.
   */
  apply(key: number, slot: number, version: number, bytes: number): number {
    const record = this.record;
    const at = key * this.stride;
    if (version <= record[at + HELD + slot]) return 0;
    record[at + HELD + slot] = version;
    const stored = at + this.heldBytesAt + slot;
    const change = bytes - record[stored];
    record[stored] = bytes;
    return change;
  }

  /** Replica `slot` of `key` lost its copy (its node left without handing it over): it holds nothing. */
  lose(key: number, slot: number): void {
    const at = key * this.stride;
    this.record[at + HELD + slot] = 0;
    this.record[at + this.heldBytesAt + slot] = 0;
  }

  /** A read of `key` answered with `version`. */
  read(key: number, version: number): void {
    const at = key * this.stride + NEWEST_READ;
    if (version > this.record[at]) this.record[at] = version;
  }

  /** `version` of `key` was acknowledged at `now`: it is the newest committed one unless a newer one was already. */
  commit(key: number, version: number, now: number): void {
    const at = key * this.stride;
    if (version <= this.record[at + COMMITTED]) return;
    this.record[at + COMMITTED] = version;
    this.record[at + COMMITTED_AT] = now;
  }
}
