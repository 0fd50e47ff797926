import { DDSketch } from '@datadog/sketches-js';
import { BucketRepresentatives } from './bucket-representatives.js';
import { LogarithmicKey, logarithmicKey } from './logarithmic-key.js';

/** A sketch as plain data, to cross a worker-thread boundary and come back identical. */
export interface SketchData {
  relativeAccuracy: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  zeroCount: number;
  store: { bins: number[]; count: number; minKey: number; maxKey: number; offset: number };
}

/**
 * A sketch as data in a compact form, for the many sketches of an interval series: the store's bins from the first
 * to the last non-empty one as a typed array, with where they sit in the store. Structured clone copies a typed
 * array in one block, where a number[] of a few thousand bins is encoded element by element: decoding a long
 * replication's series took longer than the main thread could spare between two replications. It comes back
 * exactly as it was (same store length and offset, same digest).
 */
export interface PackedSketchData extends Omit<SketchData, 'store'> {
  store: Omit<SketchData['store'], 'bins'> & { occupied: Float64Array; occupiedFrom: number; length: number };
}

/** The parts of sketches-js's DenseStore that `addPending` works on (its typings keep them private). */
interface MutableDenseStore {
  bins: number[];
  count: number;
  minKey: number;
  maxKey: number;
  offset: number;
  chunkSize: number;
  _shiftBins(shift: number): void;
}

/**
 * DenseStore._extendRange of sketches-js, state for state (same bins, offset, keys and length), but moving the bins
 * within their array where the library builds new ones (a slice and an unshift or push of a fresh array of zeros
 * each time the range re-centres). The library's quirk is kept: any key below the smallest re-centres even with room
 * below.
 */
function extendRange(store: MutableDenseStore, key: number): void {
  const newMinKey = Math.min(key, store.minKey);
  const newMaxKey = Math.max(key, store.maxKey);
  const length = store.bins.length;
  if (length === 0) {
    store.bins = new Array<number>(lengthFor(store, newMinKey, newMaxKey)).fill(0);
    store.offset = newMinKey;
    recentre(store, newMinKey, newMaxKey);
  } else if (newMinKey >= store.minKey && newMaxKey < store.offset + length) {
    store.minKey = newMinKey;
    store.maxKey = newMaxKey;
  } else {
    const newLength = lengthFor(store, newMinKey, newMaxKey);
    if (newLength > length) {
      store.bins.length = newLength;
      store.bins.fill(0, length);
    }
    recentre(store, newMinKey, newMaxKey);
  }
}

/** DenseStore._getNewLength. */
function lengthFor(store: MutableDenseStore, minKey: number, maxKey: number): number {
  return store.chunkSize * Math.ceil((maxKey - minKey + 1) / store.chunkSize);
}

/** DenseStore._adjust and _centerBins, with _shiftBins done in place (what it leaves is the same). */
function recentre(store: MutableDenseStore, newMinKey: number, newMaxKey: number): void {
  const middleKey = newMinKey + Math.floor((newMaxKey - newMinKey + 1) / 2);
  const bins = store.bins;
  const n = bins.length;
  const shift = Math.floor(store.offset + n / 2) - middleKey;
  if (Math.abs(shift) >= n) {
    store._shiftBins(shift); // the library's own: it changes the length then
  } else {
    if (shift > 0) {
      bins.copyWithin(shift, 0, n - shift);
      bins.fill(0, 0, shift);
    } else if (shift < 0) {
      bins.copyWithin(0, -shift);
      bins.fill(0, n + shift);
    }
    store.offset -= shift;
  }
  store.minKey = newMinKey;
  store.maxKey = newMaxKey;
}

/** The parts of sketches-js's LogarithmicMapping that `addPending` computes a key with (its typings keep them private). */
interface LogarithmicMappingParts {
  _multiplier: number;
  _offset: number;
  minPossible: number;
}

/** The bucket representatives of each accuracy's mapping (see BucketRepresentatives), made when first needed. */
const representativesByAccuracy = new Map<number, BucketRepresentatives>();

function representativesFor(relativeAccuracy: number, mapping: DDSketch['mapping']): BucketRepresentatives {
  let representatives = representativesByAccuracy.get(relativeAccuracy);
  if (representatives === undefined) {
    representatives = new BucketRepresentatives(mapping);
    representativesByAccuracy.set(relativeAccuracy, representatives);
  }
  return representatives;
}

/** Values a sketch holds before adding them (see LatencySketch.record): 2 KB, allocated at the first record. */
const pendingCapacity = 256;
const noPending = new Float64Array(0);

export interface SketchCheckpoint {
  offset: number;
  bins: number[];
  zeroCount: number;
}

/**
 * Percentiles of a stream of durations with a bounded relative error, in memory that depends on the range of
 * values, never on how many were recorded (DDSketch: Masson, Rim and Lee, VLDB 2019). Sketches merge exactly,
 * which is how replications and classes are pooled.
 */
export class LatencySketch {
  /** Every reported percentile is within this relative error of the exact sample percentile. */
  static readonly relativeAccuracy = 0.002;

  private readonly inner: DDSketch;
  /** The inner sketch's positive store and its mapping's constants, for `addPending`. */
  private readonly store: MutableDenseStore;
  private readonly keyOffset: number;
  private readonly minPossible: number;
  private readonly keys: LogarithmicKey;
  /** Values recorded and not yet added to the inner sketch, in the order recorded (see `record`). */
  private pending = noPending;
  private pendingCount = 0;

  constructor(private readonly relativeAccuracy = LatencySketch.relativeAccuracy) {
    this.inner = new DDSketch({ relativeAccuracy });
    this.store = this.inner.store as unknown as MutableDenseStore;
    const mapping = this.inner.mapping as unknown as LogarithmicMappingParts;
    this.keyOffset = mapping._offset;
    this.minPossible = mapping.minPossible;
    this.keys = new LogarithmicKey(mapping._multiplier);
  }

  /** The inner sketch with every recorded value in it: what everything but `record` reads and changes. */
  private get sketch(): DDSketch {
    if (this.pendingCount > 0) this.addPending();
    return this.inner;
  }

  toData(): SketchData {
    const { count, sum, min, max, zeroCount, store } = this.sketch;
    return {
      relativeAccuracy: this.relativeAccuracy,
      count,
      sum,
      min,
      max,
      zeroCount,
      store: { bins: store.bins.slice(), count: store.count, minKey: store.minKey, maxKey: store.maxKey, offset: store.offset },
    };
  }

  /** As `toData`, packed (see PackedSketchData). */
  toPackedData(): PackedSketchData {
    const { store, ...rest } = this.toData();
    const { bins, ...position } = store;
    let from = 0;
    while (from < bins.length && bins[from] === 0) from++;
    let to = bins.length;
    while (to > from && bins[to - 1] === 0) to--;
    return { ...rest, store: { ...position, occupied: Float64Array.from(bins.slice(from, to)), occupiedFrom: from, length: bins.length } };
  }

  static fromPackedData(data: PackedSketchData): LatencySketch {
    const { occupied, occupiedFrom, length, ...position } = data.store;
    const bins = new Array<number>(length).fill(0);
    for (let i = 0; i < occupied.length; i++) bins[occupiedFrom + i] = occupied[i];
    return LatencySketch.fromData({ ...data, store: { ...position, bins } });
  }

  /** The sketch `toData` described, state for state (no value is re-recorded, so sums stay bit-identical). */
  static fromData(data: SketchData): LatencySketch {
    const sketch = new LatencySketch(data.relativeAccuracy);
    const inner = sketch.sketch;
    Object.assign(inner.store, { ...data.store, bins: data.store.bins.slice() });
    inner.count = data.count;
    inner.sum = data.sum;
    inner.min = data.min;
    inner.max = data.max;
    inner.zeroCount = data.zeroCount;
    return sketch;
  }

  /**
   * Records a value: kept in a small buffer and added to the sketch (in the order recorded) when the buffer is full or
   * before anything reads the sketch, so the result is the same to the bit. Two records per request were a tenth of
   * a benchmark run, and the record itself was too large for the optimising compiler to inline into the request's
   * path, so each call boxed its value on the heap: this one is small enough to inline, and the additions run as
   * one loop.
   */
  record(value: number): void {
    if (this.pendingCount === this.pending.length) this.makeRoom();
    this.pending[this.pendingCount++] = value;
  }

  private makeRoom(): void {
    if (this.pending.length === 0) this.pending = new Float64Array(pendingCapacity);
    else this.addPending();
  }

  /**
   * Adds the buffered values in order, each as sketches-js's DDSketch `accept(value)` would, step for step for a
   * positive value (LogarithmicMapping.key, then DenseStore.add, then the summary figures in the same order), without
   * its generic path (default weight, weight check, a call per step); anything else goes through `accept` itself.
   * One loop with no call per value, so no value is boxed on the way.
   */
  private addPending(): void {
    const pending = this.pending;
    const pendingCount = this.pendingCount;
    this.pendingCount = 0;
    const sketch = this.inner;
    const store = this.store;
    // Unboxed once here: the optimising compiler keeps a field's value boxed and checks it again at every use in
    // the loop, and an addition makes it a plain double first.
    const minPossible = this.minPossible + 0;
    const keyOffset = this.keyOffset + 0;
    const multiplier = this.keys.multiplier + 0;
    const margin = this.keys.margin + 0;
    // The figures live in locals during the loop, each updated in the same order as accept would: the same sums.
    let { bins, offset, minKey, maxKey } = store;
    let storeCount = store.count;
    let { count, sum, min, max } = sketch;
    for (let i = 0; i < pendingCount; i++) {
      const value = pending[i];
      if (!(value > minPossible)) {
        Object.assign(sketch, { count, sum, min, max });
        sketch.accept(value);
        ({ count, sum, min, max } = sketch);
        continue;
      }
      // LogarithmicMapping.key: Math.ceil(Math.log2(value) * multiplier) + keyOffset, the same integer.
      const key = logarithmicKey(value, multiplier, margin) + keyOffset;
      // DenseStore.add: the range extended first when the key is outside it.
      if (key < minKey || key > maxKey) {
        extendRange(store, key);
        ({ bins, offset, minKey, maxKey } = store);
      }
      bins[key - offset] += 1;
      storeCount += 1;
      count += 1;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    store.count = storeCount;
    sketch.count = count;
    sketch.sum = sum;
    sketch.min = min;
    sketch.max = max;
  }

  recordZeros(count: number): void {
    if (count > 0) this.sketch.accept(0, count);
  }

  get count(): number {
    return this.sketch.count;
  }

  get sum(): number {
    return this.sketch.sum;
  }

  get max(): number {
    return this.sketch.count > 0 ? this.sketch.max : 0;
  }

  get mean(): number {
    return this.sketch.count > 0 ? this.sketch.sum / this.sketch.count : 0;
  }

  /** The q-quantile (0 .. 1); 0 when empty. */
  quantile(q: number): number {
    return this.sketch.count > 0 ? this.sketch.getValueAtQuantile(q) : 0;
  }

  /** Fraction of recorded values that are zero (within the sketch's smallest positive bucket). */
  get zeroCount(): number {
    return this.sketch.zeroCount;
  }

  /** The counts so far, to take the growth since then later (`addGrowth`). */
  checkpoint(): SketchCheckpoint {
    const store = this.sketch.store;
    return { offset: store.offset, bins: store.bins.slice(), zeroCount: this.sketch.zeroCount };
  }

  /**
   * Adds to this sketch what `source` recorded since `since`, bucket by bucket. Same accuracy required: each
   * bucket's representative value maps back to the same bucket, so the result equals a sketch that had recorded
   * those values itself (its sum and max are the representatives'; callers keep exact sums themselves).
   */
  addGrowth(source: LatencySketch, since: SketchCheckpoint): void {
    const store = source.sketch.store;
    const mapping = source.sketch.mapping;
    const bins = store.bins;
    const before = since.bins;
    const shift = store.offset - since.offset;
    // Bucket i's growth, computed where it is read: an array of every bucket's growth was a few thousand numbers
    // allocated per interval close.
    const growth = (i: number) => bins[i] - (before[i + shift] ?? 0);
    let first = 0;
    while (first < bins.length && !(growth(first) > 0)) first++;
    if (first < bins.length) {
      let last = bins.length - 1;
      while (!(growth(last) > 0)) last--;
      // The two extreme buckets go in first so that the store sizes itself once, not once per chunk of buckets
      // (re-centring copies every bin: it was 5 % of a benchmark run); in place, as `extendRange` does it, where the
      // library's accept would build the new bins in fresh arrays.
      const representatives = representativesFor(this.relativeAccuracy, mapping);
      this.acceptSized(representatives.value(last + store.offset), growth(last));
      if (last !== first) this.acceptSized(representatives.value(first + store.offset), growth(first));
      const sketch = this.sketch;
      const target = this.store;
      const minPossible = this.minPossible;
      for (let i = first + 1; i < last; i++) {
        const grown = growth(i);
        if (!(grown > 0)) continue;
        const key = i + store.offset;
        const value = representatives.valueMappingBack(key);
        if (value > minPossible && key >= target.minKey && key <= target.maxKey) {
          // DDSketch.accept(value, grown) for a value whose key is `key`, inside the store's range: its steps, in its
          // order (DenseStore.add, then the summary figures).
          target.bins[key - target.offset] += grown;
          target.count += grown;
          sketch.count += grown;
          sketch.sum += value * grown;
          if (value < sketch.min) sketch.min = value;
          if (value > sketch.max) sketch.max = value;
        } else sketch.accept(representatives.value(key), grown);
      }
    }
    const zeros = source.sketch.zeroCount - since.zeroCount;
    if (zeros > 0) this.sketch.accept(0, zeros);
  }

  /** DDSketch.accept(value, weight), with the store's range extended first by `extendRange` (the same state). */
  private acceptSized(value: number, weight: number): void {
    const sketch = this.sketch;
    if (value > this.minPossible) {
      const key = sketch.mapping.key(value);
      const store = this.store;
      if (key < store.minKey || key > store.maxKey) extendRange(store, key);
    }
    sketch.accept(value, weight);
  }

  merge(other: LatencySketch): void {
    this.sketch.merge(other.sketch);
  }

  /** Non-empty buckets in increasing order: [lower, upper) bounds in seconds and the count; zeros come first. */
  buckets(): { lower: number; upper: number; count: number }[] {
    const rows: { lower: number; upper: number; count: number }[] = [];
    if (this.sketch.zeroCount > 0) rows.push({ lower: 0, upper: 0, count: this.sketch.zeroCount });
    const store = this.sketch.store;
    const gamma = this.sketch.mapping.gamma;
    for (let i = 0; i < store.bins.length; i++) {
      const count = store.bins[i];
      if (count === 0) continue;
      const key = i + store.offset;
      rows.push({ lower: Math.pow(gamma, key - 1), upper: Math.pow(gamma, key), count });
    }
    return rows;
  }

  /** A digest of the contents, for fingerprints. */
  digest(): string {
    const store = this.sketch.store;
    return `${this.sketch.count}:${this.sketch.zeroCount}:${this.sketch.sum}:${this.sketch.max}:${store.offset}:${store.bins.join(',')}`;
  }
}
