/** The parts of sketches-js's KeyMapping that a bucket's representative is computed with. */
export interface BucketMapping {
  key(value: number): number;
  value(key: number): number;
}

/** A key's entry: not computed yet, its representative maps back to it, or it does not. */
const UNKNOWN = 0;
const MAPS_BACK = 1;
const MAPS_ELSEWHERE = 2;

/**
 * Each bucket's representative value (`mapping.value(key)`, the library's own result) by key, computed once per key
 * for all sketches of one accuracy, with whether it maps back to its key (`mapping.key` of it). An interval close
 * adds every bucket that grew at its representative: the library's accept then took a power and a logarithm per
 * bucket, about 4 % of a worker's time in a sweep of web-tier.
 */
export class BucketRepresentatives {
  private values = new Float64Array(0);
  private states = new Uint8Array(0);
  /** The key of entry 0. */
  private from = 0;

  constructor(private readonly mapping: BucketMapping) {}

  /** The representative of bucket `key`. */
  value(key: number): number {
    const at = this.entry(key);
    return this.values[at];
  }

  /**
   * The representative of bucket `key` where it maps back to `key` (adding it is then adding to that bucket), NaN
   * where it does not: one look-up for the common case.
   */
  valueMappingBack(key: number): number {
    const at = this.entry(key);
    return this.states[at] === MAPS_BACK ? this.values[at] : NaN;
  }

  private entry(key: number): number {
    let at = key - this.from;
    if (at < 0 || at >= this.values.length) {
      this.cover(key);
      at = key - this.from;
    }
    if (this.states[at] === UNKNOWN) {
      const value = this.mapping.value(key);
      this.values[at] = value;
      this.states[at] = this.mapping.key(value) === key ? MAPS_BACK : MAPS_ELSEWHERE;
    }
    return at;
  }

  /** Grows the table to take `key` in, with room on that side (keys of durations span a few thousand). */
  private cover(key: number): void {
    const length = this.values.length;
    const from = length === 0 ? key - 512 : Math.min(this.from, key - length);
    const to = length === 0 ? key + 512 : Math.max(this.from + length, key + 1 + length);
    const values = new Float64Array(to - from);
    const states = new Uint8Array(to - from);
    if (length > 0) {
      values.set(this.values, this.from - from);
      states.set(this.states, this.from - from);
    }
    this.values = values;
    this.states = states;
    this.from = from;
  }
}
