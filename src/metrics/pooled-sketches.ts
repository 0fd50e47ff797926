import { DDSketch } from '@datadog/sketches-js';
import { LatencySketch, type PackedSketchData } from './latency-sketch.js';

/**
 * Sketches pooled for their quantiles only (a study's time series: each interval's response sketches of every
 * replication): the counts by key, and none of the store layout a DDSketch keeps. Merging into a DDSketch re-centres
 * its store whenever a merged sketch reaches below its lowest key, moving every bin: in a 20-point sweep with 4
 * replications that was most of the main thread's folding time. A quantile here is the pooled DDSketch's, to the
 * bit: the same rank from the same counts, the same walk over the keys from the lowest, the same key's value.
 */
export class PooledSketches {
  /** Counts by key: counts[i] is key `lowest + i`'s; grown to twice what is held, so a new key rarely moves them. */
  private counts = new Float64Array(0);
  private lowest = 0;
  /** The highest key any pooled store held: DDSketch answers it when the walk passes the last bin. */
  private maxKey = -Infinity;
  /** Everything pooled, zeros included, and the zeros (DDSketch's count and zeroCount). */
  count = 0;
  private zeroCount = 0;
  private readonly mapping = new DDSketch({ relativeAccuracy: LatencySketch.relativeAccuracy }).mapping;

  /** Pools a sketch as it crossed from a worker thread (LatencySketch.toPackedData). */
  addPacked(data: PackedSketchData): void {
    if (data.relativeAccuracy !== LatencySketch.relativeAccuracy) throw new Error('sketches of another accuracy cannot be pooled');
    this.count += data.count;
    this.zeroCount += data.zeroCount;
    const { occupied, occupiedFrom, offset } = data.store;
    if (occupied.length === 0) return;
    const first = offset + occupiedFrom;
    this.cover(first, first + occupied.length - 1);
    const at = first - this.lowest;
    for (let i = 0; i < occupied.length; i++) this.counts[at + i] += occupied[i];
    if (data.store.maxKey > this.maxKey) this.maxKey = data.store.maxKey;
  }

  /** Pools a sketch of this thread. */
  add(sketch: LatencySketch): void {
    this.addPacked(sketch.toPackedData());
  }

  /** The q-quantile (0 .. 1) of everything pooled, as DDSketch's getValueAtQuantile gives it; NaN when empty. */
  quantile(q: number): number {
    if (q < 0 || q > 1 || this.count === 0) return NaN;
    const rank = q * (this.count - 1);
    if (rank < this.zeroCount) return 0;
    const positiveRank = rank - this.zeroCount;
    let running = 0;
    for (let i = 0; i < this.counts.length; i++) {
      running += this.counts[i];
      if (running > positiveRank) return this.mapping.value(this.lowest + i);
    }
    return this.mapping.value(this.maxKey);
  }

  /** Makes room for keys `from` .. `to`. */
  private cover(from: number, to: number): void {
    const length = this.counts.length;
    if (length > 0 && from >= this.lowest && to < this.lowest + length) return;
    const low = length === 0 ? from : Math.min(from, this.lowest);
    const high = length === 0 ? to : Math.max(to, this.lowest + length - 1);
    const span = high - low + 1;
    const size = Math.max(64, 2 * span);
    // As much new room below the keys held as above: a run of keys each lower (or higher) than any before moves the
    // counts a logarithmic number of times, not once each.
    const start = low - Math.floor((size - span) / 2);
    const counts = new Float64Array(size);
    if (length > 0) counts.set(this.counts, this.lowest - start);
    this.counts = counts;
    this.lowest = start;
  }
}
